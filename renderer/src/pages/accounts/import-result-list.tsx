/** One line per imported account: who, and what happened (added, updated, skipped, or why it failed). */
export interface ImportResultRow {
  label: string;
  ok: boolean;
  detail: string;
}

export function ImportResultList({ rows }: { rows: ImportResultRow[] }) {
  return (
    <ul className="token-results" data-testid="import-results">
      {rows.map((row, index) => (
        <li key={index} className={row.ok ? 'token-results__ok' : 'token-results__failed'}>
          {row.label}: {row.detail}
        </li>
      ))}
    </ul>
  );
}

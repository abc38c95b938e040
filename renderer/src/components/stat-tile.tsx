/** One headline figure: what it counts, the number, and a line of detail under it. */
import type { ReactNode } from 'react';

export function StatTile({ label, value, detail, tone = 'neutral', title }: { label: string; value: ReactNode; detail?: ReactNode; tone?: 'neutral' | 'danger'; title?: string }) {
  return (
    <div className={`stat stat--${tone}`}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value" title={title}>
        {value}
      </dd>
      {detail === undefined ? null : <dd className="stat__detail">{detail}</dd>}
    </div>
  );
}

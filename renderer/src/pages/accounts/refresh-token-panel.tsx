/** Add accounts from refresh tokens: one, several (one a line) or a JSON array; a result per token. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Field } from '../../components/field.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectImportRefreshTokens } from '../../store/selectors.js';
import type { TokenImportResult } from '../../store/view-types.js';

export function RefreshTokenPanel({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const importTokens = useAppStore(selectImportRefreshTokens);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<TokenImportResult[] | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setError(t('accounts.tokens.required'));
      return;
    }
    setError(null);
    setBusy(true);
    const outcome = await importTokens(text);
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setResults(outcome.value);
    // Keep only what failed in the box, so the user can fix and retry those.
    if (outcome.value.every((result) => result.ok)) setText('');
  };

  const added = results?.filter((result) => result.ok).length ?? 0;
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <Field id="refresh-tokens" label={t('accounts.tokens.label')} hint={t('accounts.tokens.hint')} error={error}>
        <textarea className="input input--mono" rows={5} value={text} spellCheck={false} autoComplete="off" placeholder="1//0g…" onChange={(event) => setText(event.target.value)} />
      </Field>
      {results === null ? null : (
        <div className="token-results" role="status">
          <p>{t('accounts.tokens.summary', { added, total: results.length })}</p>
          <ul>
            {results.map((result, index) => (
              <li key={index} className={result.ok ? 'token-results__ok' : 'token-results__failed'}>
                {result.ok ? t('accounts.tokens.added', { email: result.email ?? '' }) : t('accounts.tokens.failed', { line: index + 1, error: result.error ?? '' })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {t('accounts.tokens.submit')}
        </Button>
        {added > 0 ? <Button onClick={onDone}>{t('common.done')}</Button> : null}
      </div>
    </form>
  );
}

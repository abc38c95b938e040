/** What ImportResultList shows for another app's accounts: each by its email (or where it was found when there is none), added or why not. */
import type { ControlOutput } from '../../bridge/bridge-types.js';
import type { ImportResultRow } from './import-result-list.js';

/** `addedText` is the translated "added" (this stays free of i18n). */
export function localImportRows(results: ControlOutput<'importLocalAccounts'>['results'], addedText: string): ImportResultRow[] {
  return results.map((result) => ({ label: result.email ?? result.where, ok: result.ok, detail: result.ok ? addedText : (result.error ?? '') }));
}

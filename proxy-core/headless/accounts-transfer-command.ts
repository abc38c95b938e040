/**
 * `skyport accounts export --out FILE [--plain]`, `accounts import FILE` (a Skyport backup) and
 * `accounts import --from antigravity|gemini-cli|antigravity-manager [FILE]` (another app's
 * accounts, read on this machine, each verified with Google before it is stored). The passphrase
 * is asked for before the data dir is taken, so a prompt never holds the lock.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backupNeedsPassphrase, isAccountsBackup } from '../accounts/backup/open-accounts-backup.js';
import { importSourceLabels, importSources, type ImportSource } from '../accounts/import/import-sources.js';
import { readAccountImportSource } from '../accounts/import/read-account-import-source.js';
import { GatewayError } from '../errors/gateway-error.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { AccountsBackend } from './accounts-backend.js';
import { addTokenEntries } from './add-token-entries.js';
import type { CliIo } from './cli-io.js';
import { readPassphraseInput } from './read-passphrase-input.js';

export type WithBackend = (command: string, run: (backend: AccountsBackend) => Promise<number>) => Promise<number>;

export async function runAccountsExport(flags: { out?: string | undefined; plain?: boolean | undefined }, io: CliIo, withBackend: WithBackend): Promise<number> {
  if (flags.out === undefined || flags.out.trim() === '') throw new GatewayError('invalid_request', 'Usage: skyport accounts export --out FILE [--plain]');
  const out = resolve(flags.out);
  const plain = flags.plain === true;
  if (plain) io.stderr('Warning: --plain writes every refresh token unencrypted. Anyone who reads the file can use your accounts; keep it safe and delete it when done.');
  const passphrase = plain ? undefined : await readPassphraseInput(io, 'encrypt');
  return withBackend('accounts export', async (backend) => {
    const { content, count } = await backend.exportBackup(passphrase === undefined ? { plain } : { passphrase, plain });
    await writeFileAtomic(out, content, { mode: 0o600 });
    io.stdout(`Exported ${count} account${count === 1 ? '' : 's'} to ${out}${plain ? ' (unencrypted)' : ' (encrypted)'}.`);
    return 0;
  });
}

export async function runAccountsImportCommand(file: string | undefined, from: string | undefined, io: CliIo, withBackend: WithBackend): Promise<number> {
  if (from !== undefined) return importFromApp(parseSource(from), file, io, withBackend);
  if (file === undefined) throw new GatewayError('invalid_request', `Usage: skyport accounts import FILE (a Skyport backup) | accounts import --from ${importSources.join('|')} [FILE]`);
  const path = resolve(file);
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    throw new GatewayError('invalid_request', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!isAccountsBackup(content)) {
    throw new GatewayError('invalid_request', `${path} is not a Skyport accounts backup. For another app's accounts use: accounts import --from ${importSources.join('|')} ${file}. Nothing was imported.`, {
      code: 'backup_unknown_format',
    });
  }
  const passphrase = backupNeedsPassphrase(content) ? await readPassphraseInput(io, 'decrypt') : undefined;
  return withBackend('accounts import', async (backend) => {
    const summary = await backend.restoreBackup(content, passphrase);
    for (const result of summary.results) io.stdout(`${result.email}\t${result.outcome}${result.reason === null ? '' : `\t${result.reason}`}`);
    io.stdout(`Restored: ${summary.added} added, ${summary.updated} updated, ${summary.skipped} skipped.`);
    return 0;
  });
}

function parseSource(from: string): ImportSource {
  const source = importSources.find((candidate) => candidate === from);
  if (source === undefined) throw new GatewayError('invalid_request', `Unknown source "${from}": use --from ${importSources.join('|')}.`, { param: 'from' });
  return source;
}

async function importFromApp(source: ImportSource, file: string | undefined, io: CliIo, withBackend: WithBackend): Promise<number> {
  // Read (and fail) before the data dir is taken: a missing or locked source stores nothing.
  const entries = await readAccountImportSource(source, {
    ...(file === undefined ? {} : { file: resolve(file) }),
    machine: { homeDir: io.homeDir, platform: process.platform, environment: io.environment },
  });
  const tokens = entries.filter((entry) => 'token' in entry).length;
  io.stdout(`Found ${tokens} account${tokens === 1 ? '' : 's'} in ${importSourceLabels[source]}; verifying each with Google.`);
  return withBackend('accounts import', async (backend) => {
    const added = await addTokenEntries(backend, entries, io);
    io.stdout(`Added ${added} of ${entries.length} account${entries.length === 1 ? '' : 's'} from ${importSourceLabels[source]}.`);
    return added === entries.length ? 0 : 1;
  });
}

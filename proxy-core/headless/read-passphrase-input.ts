/**
 * A backup passphrase, never from the command line (it would sit in `ps` and the shell history):
 * typed at a prompt that does not echo it (twice when it encrypts, so a typo cannot lock the
 * backup away), or the first line piped on stdin.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { CliIo } from './cli-io.js';

export async function readPassphraseInput(io: CliIo, purpose: 'encrypt' | 'decrypt'): Promise<string> {
  if (io.stdinIsTerminal === true && io.readHiddenLine !== undefined) {
    const first = await io.readHiddenLine(purpose === 'encrypt' ? 'Passphrase for the backup (not shown as you type): ' : "The backup's passphrase (not shown as you type): ");
    if (first === undefined || first === '') throw new GatewayError('invalid_request', 'No passphrase was entered.', { code: 'passphrase_required' });
    if (purpose === 'encrypt') {
      const again = await io.readHiddenLine('The same passphrase again: ');
      if (again !== first) throw new GatewayError('invalid_request', 'The two passphrases differ; nothing was written.', { code: 'passphrase_mismatch' });
    }
    return first;
  }
  const line = await io.readLine();
  if (line === undefined || line === '') {
    throw new GatewayError('invalid_request', 'No passphrase on stdin: pipe it in as the first line, or run in a terminal to be asked for it.', { code: 'passphrase_required' });
  }
  // A pipe's line ending is not part of the passphrase.
  return line.replace(/\r$/, '');
}

/**
 * `accounts add --refresh-token -` (or the flag with no value): the tokens come from stdin, so
 * they never appear in `ps` or the shell's history. A terminal gets a prompt that does not echo;
 * a pipe or a file (`< tokens.txt`, `pass show google | …`) is read to its end, one token per line.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { CliIo } from './cli-io.js';

export const stdinTokenMarker = '-';

export async function readRefreshTokenInput(io: CliIo): Promise<string> {
  if (io.stdinIsTerminal === true && io.readHiddenLine !== undefined) {
    const line = await io.readHiddenLine('Refresh token (not shown as you type): ');
    if (line === undefined || line.trim() === '') throw new GatewayError('invalid_request', 'No refresh token was entered.');
    return line;
  }
  const lines: string[] = [];
  for (let line = await io.readLine(); line !== undefined; line = await io.readLine()) lines.push(line);
  const text = lines.join('\n');
  if (text.trim() === '') {
    throw new GatewayError('invalid_request', 'No refresh token on stdin: pipe it in (e.g. accounts add --refresh-token - < token.txt) or run in a terminal to be asked for it.');
  }
  return text;
}

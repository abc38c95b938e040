/**
 * The fake Google's check of the client version a caller presents: Google refuses a stale
 * Antigravity with "This version of Antigravity is no longer supported. Please update to receive
 * the latest features!" (UPSTREAM-PROTOCOL.md §3; Antigravity Manager issues #1315, #1404).
 * Public reports quote the text only, not the status; 400 FAILED_PRECONDITION is assumed here.
 * The version is read from the `antigravity/X.Y.Z` User-Agent (and `x-client-version` when sent).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { errorReply, rpcStatus } from './fake-google-errors.js';
import type { FakeErrorReply } from './fake-google-types.js';

export const VERSION_REFUSED_MESSAGE = 'This version of Antigravity is no longer supported. Please update to receive the latest features!';

function newerOrEqual(version: string, floor: string): boolean {
  const left = version.split('.').map(Number);
  const right = floor.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference > 0;
  }
  return true;
}

/** The versions a request presents: the User-Agent's `antigravity/X.Y.Z` and `x-client-version`. */
export function presentedClientVersions(headers: IncomingHttpHeaders): string[] {
  const versions: string[] = [];
  const userAgent = /\bantigravity\/(\d+\.\d+\.\d+)/i.exec(String(headers['user-agent'] ?? ''));
  if (userAgent?.[1] !== undefined) versions.push(userAgent[1]);
  const header = headers['x-client-version'];
  if (typeof header === 'string' && /^\d+\.\d+\.\d+$/.test(header)) versions.push(header);
  return versions;
}

/** The refusal when `floor` is set and the request presents no version, or one below it. */
export function checkClientVersion(headers: IncomingHttpHeaders, floor: string | undefined): FakeErrorReply | undefined {
  if (floor === undefined) return undefined;
  const versions = presentedClientVersions(headers);
  if (versions.length > 0 && versions.every((version) => newerOrEqual(version, floor))) return undefined;
  return errorReply(400, rpcStatus(400, 'FAILED_PRECONDITION', VERSION_REFUSED_MESSAGE));
}

/**
 * `npm run skyport -- console-login` prints `…/console/#token=<admin token>`: the fragment never
 * reaches a server (no access log holds it). The console takes the token once at start, keeps it
 * for the tab like a typed credential, and takes it out of the address bar and history.
 */
export function readSignInToken(hash: string): string | null {
  const match = /^#token=([^&]+)$/.exec(hash);
  if (match === null) return null;
  try {
    const token = decodeURIComponent(match[1] as string).trim();
    return token === '' ? null : token;
  } catch {
    return null;
  }
}

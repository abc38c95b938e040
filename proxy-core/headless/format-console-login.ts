/** The web console's sign-in hints, shared by `serve` and `console-login`. */

/**
 * The console's one-click sign-in link; `origin` is `http://HOST:PORT`. The token is in the
 * fragment, which the browser never sends to a server.
 */
export function formatConsoleLoginLink(origin: string, adminToken: string): string {
  return `${origin}/console/#token=${encodeURIComponent(adminToken)}`;
}

/** What `serve` prints at start: one line with the address and the command. */
export function formatConsoleHint(origin: string): string {
  return `Web console: ${origin}/console/ (sign in: npm run skyport -- console-login)`;
}

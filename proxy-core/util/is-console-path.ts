/**
 * Where the web console is served (server/routes/console-routes.ts). Shared with the layers that
 * treat the console's own requests apart, such as the request log that leaves them out
 * (monitor/convert-completed-request-to-row.ts), without those layers importing the server.
 */
export const consolePath = '/console';

/** `/console` and everything under `/console/`, not `/consoles`. */
export function isConsolePath(path: string): boolean {
  return path === consolePath || path.startsWith(`${consolePath}/`);
}

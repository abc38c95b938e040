/**
 * Where the web console lives once its listener moved to `port`: same scheme, host name and path,
 * new port. The credential does not follow (sessionStorage belongs to the old origin): the user
 * signs in again there.
 */
export function resolveConsoleUrlForPort(currentUrl: string, port: number): string | null {
  let url: URL;
  try {
    url = new URL(currentUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const currentPort = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (currentPort === port) return null;
  url.port = String(port);
  url.hash = '';
  url.search = '';
  return url.toString();
}

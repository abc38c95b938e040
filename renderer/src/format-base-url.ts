/** The URL clients paste into their settings, from the gateway's bind address. */
export function formatBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/v1`;
}

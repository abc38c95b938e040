/** A JSON answer on a plain node response, as Express's `res.json` sends it (type, length, one write). */
import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body) ?? '';
  response.statusCode = status;
  for (const name in headers) response.setHeader(name, headers[name] as string);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

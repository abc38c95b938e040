/** Which API a path belongs to, so every error (401, 404, 413 ...) answers in that API's shape. */
import type { ClientProtocol } from '../monitor/completed-request.js';

export function detectClientProtocol(path: string): ClientProtocol {
  if (path.startsWith('/v1/messages') || path.startsWith('/v1/api/event_logging')) return 'anthropic';
  if (path.startsWith('/v1beta/') || path === '/v1beta') return 'gemini';
  if (path.startsWith('/api/admin')) return 'admin';
  return 'openai';
}

/**
 * GET a small text document (the Antigravity release feed) through the upstream proxy in force,
 * as `resolve-client-version.ts` needs it: the text of a 200, an error for anything else.
 */
import { request, type Dispatcher } from 'undici';

/** The feed is one sentence; anything much longer is not it. */
const maxFeedBytes = 64 * 1024;

export function createFeedTextFetcher(dispatcher: () => Dispatcher | undefined): (url: string, signal: AbortSignal) => Promise<string> {
  return async (url, signal) => {
    const response = await request(url, { method: 'GET', signal, dispatcher: dispatcher(), headers: { accept: 'text/plain, */*' } });
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw new Error(`HTTP ${response.statusCode}`);
    }
    let text = '';
    for await (const piece of response.body) {
      text += (piece as Buffer).toString('utf8');
      if (text.length > maxFeedBytes) {
        response.body.destroy();
        break;
      }
    }
    return text.slice(0, maxFeedBytes);
  };
}

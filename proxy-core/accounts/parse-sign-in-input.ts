/**
 * What a user pasted to finish a sign-in by hand: the address the browser ended on
 * (`http://127.0.0.1:PORT/oauth-callback?state=…&code=…`, even when the page failed to load),
 * its query string, or the bare code.
 */
import { GatewayError } from '../errors/gateway-error.js';

export type SignInInput =
  | { kind: 'code'; code: string; state?: string }
  | { kind: 'error'; error: string; description?: string; state?: string };

/** Google's codes are URL-safe text such as `4/0AanRRrt…`; anything with spaces or quotes is a paste mistake. */
const bareCodePattern = /^[\w./~+-]{10,2048}$/;

export function parseSignInInput(input: string): SignInInput {
  const text = input.trim().replace(/^["'<]+|["'>]+$/g, '');
  if (text === '') throw invalid('Nothing was pasted: paste the address the browser ended on, or the code');

  const query = extractQuery(text);
  if (query !== undefined) {
    const params = new URLSearchParams(query);
    const state = params.get('state') ?? undefined;
    const error = params.get('error');
    if (error !== null && error !== '') {
      const description = params.get('error_description') ?? undefined;
      return { kind: 'error', error, ...(description === undefined ? {} : { description }), ...(state === undefined ? {} : { state }) };
    }
    const code = params.get('code');
    if (code === null || code.trim() === '') {
      throw invalid('The pasted address has no code in it; paste the whole address from the browser after signing in');
    }
    return { kind: 'code', code: code.trim(), ...(state === undefined ? {} : { state }) };
  }

  const code = text.includes('%') ? safeDecode(text) : text;
  if (!bareCodePattern.test(code)) {
    throw invalid('That does not look like a sign-in code or address; paste the whole address from the browser after signing in');
  }
  return { kind: 'code', code };
}

/** The query part when the text is an address or a query string; undefined for a bare code. */
function extractQuery(text: string): string | undefined {
  const question = text.indexOf('?');
  if (question !== -1) return text.slice(question + 1).split('#')[0];
  if (/(^|&)(code|error|state)=/.test(text)) return text;
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_request', message, { code: 'invalid_sign_in_input', param: 'input' });
}

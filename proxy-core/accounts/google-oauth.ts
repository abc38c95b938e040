/**
 * Google's OAuth token and userinfo endpoints (UPSTREAM-PROTOCOL.md §12). Tokens, codes and the
 * client secret never appear in an error message: Google's own error text is passed on, with any
 * of those values scrubbed from it in case a relay echoes the request back.
 */
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.js';

export interface OAuthHttpInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface OAuthHttpResponse {
  status: number;
  text(): Promise<string>;
}

/** The one HTTP call these endpoints need; injected so tests and proxies plug in. */
export type OAuthHttp = (url: string, init: OAuthHttpInit) => Promise<OAuthHttpResponse>;

export interface OAuthTokens {
  accessToken: string;
  /** Epoch ms, from `expires_in`. */
  expiresAt: number;
  /** Only when Google rotates or issues one (always on a code exchange). */
  refreshToken?: string;
}

/** Google answers in well under a second; a stuck connection must not hang an account add. */
const oauthTimeoutMs = 30_000;
/** Used when a token response has no `expires_in`; Google's access tokens live one hour. */
const defaultExpiresInSeconds = 3600;
const maxErrorTextLength = 300;

export function createUndiciOAuthHttp(dispatcher?: Dispatcher): OAuthHttp {
  return async (url, init) => {
    const response = await request(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      dispatcher,
      headersTimeout: oauthTimeoutMs,
      bodyTimeout: oauthTimeoutMs,
    });
    return { status: response.statusCode, text: () => response.body.text() };
  };
}

const googleTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  refresh_token: z.string().min(1).optional(),
});

/** Token endpoint errors are `{error, error_description}`; API errors are google.rpc.Status. */
const googleErrorBodySchema = z.looseObject({
  error: z.union([
    z.string(),
    z.looseObject({ message: z.string().optional(), status: z.string().optional() }),
  ]),
  error_description: z.string().optional(),
});

const googleUserInfoSchema = z.looseObject({
  email: z.string().min(3),
  name: z.string().optional(),
});

export async function refreshAccessToken(
  http: OAuthHttp,
  input: { tokenUrl: string; clientId: string; clientSecret: string; refreshToken: string; now?: () => number },
): Promise<OAuthTokens> {
  return requestTokens(http, {
    tokenUrl: input.tokenUrl,
    form: {
      grant_type: 'refresh_token',
      refresh_token: input.refreshToken,
      client_id: input.clientId,
      client_secret: input.clientSecret,
    },
    secrets: [input.refreshToken, input.clientSecret],
    invalidGrantMessage: 'The refresh token was revoked or has expired',
    now: input.now ?? Date.now,
  });
}

export async function exchangeAuthorizationCode(
  http: OAuthHttp,
  input: {
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
    codeVerifier: string;
    now?: () => number;
    signal?: AbortSignal;
  },
): Promise<OAuthTokens & { refreshToken: string }> {
  const tokens = await requestTokens(http, {
    tokenUrl: input.tokenUrl,
    form: {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
      client_id: input.clientId,
      client_secret: input.clientSecret,
    },
    secrets: [input.code, input.codeVerifier, input.clientSecret],
    invalidGrantMessage: 'The sign-in code was rejected (expired, already used or from another sign-in); sign in again',
    now: input.now ?? Date.now,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const { refreshToken } = tokens;
  if (refreshToken === undefined) {
    // Google only issues one with access_type=offline and a fresh consent (prompt=consent).
    throw new GatewayError(
      'upstream',
      'Google did not return a refresh token; remove the app at https://myaccount.google.com/permissions and sign in again',
      { code: 'missing_refresh_token' },
    );
  }
  return { ...tokens, refreshToken };
}

export async function fetchUserInfo(
  http: OAuthHttp,
  input: { userinfoUrl: string; accessToken: string; signal?: AbortSignal },
): Promise<{ email: string; name?: string }> {
  const secrets = [input.accessToken];
  const response = await send(http, input.userinfoUrl, 'Google userinfo', secrets, {
    method: 'GET',
    headers: { authorization: `Bearer ${input.accessToken}`, accept: 'application/json' },
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  if (response.status !== 200) {
    const message = `Google userinfo answered ${response.status}: ${describeGoogleError(response.text, secrets)}`;
    const kind = response.status === 401 ? 'authentication' : 'upstream';
    throw new GatewayError(kind, message, { upstream: { status: response.status, message } });
  }
  const parsed = googleUserInfoSchema.safeParse(parseJson(response.text));
  if (!parsed.success) {
    throw new GatewayError(
      'upstream',
      'Google userinfo returned no email address; the token must carry the userinfo.email scope',
    );
  }
  return parsed.data.name === undefined ? { email: parsed.data.email } : { email: parsed.data.email, name: parsed.data.name };
}

async function requestTokens(
  http: OAuthHttp,
  options: {
    tokenUrl: string;
    form: Record<string, string>;
    secrets: string[];
    invalidGrantMessage: string;
    now: () => number;
    signal?: AbortSignal;
  },
): Promise<OAuthTokens> {
  const { secrets } = options;
  const response = await send(http, options.tokenUrl, 'the Google token endpoint', secrets, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(options.form).toString(),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (response.status !== 200) {
    const body = googleErrorBodySchema.safeParse(parseJson(response.text));
    const description = describeGoogleError(response.text, secrets);
    const isInvalidGrant = body.success && body.data.error === 'invalid_grant';
    if (isInvalidGrant && response.status >= 400 && response.status < 500) {
      throw new GatewayError('authentication', options.invalidGrantMessage, {
        code: 'invalid_grant',
        upstream: { status: response.status, reason: 'invalid_grant', message: description },
      });
    }
    const message = `Google token endpoint answered ${response.status}: ${description}`;
    throw new GatewayError('upstream', message, { upstream: { status: response.status, message } });
  }
  const parsed = googleTokenResponseSchema.safeParse(parseJson(response.text));
  if (!parsed.success) {
    throw new GatewayError('upstream', 'Google token endpoint answered 200 without an access token');
  }
  const expiresInSeconds = parsed.data.expires_in ?? defaultExpiresInSeconds;
  const tokens: OAuthTokens = {
    accessToken: parsed.data.access_token,
    expiresAt: options.now() + expiresInSeconds * 1000,
  };
  if (parsed.data.refresh_token !== undefined) tokens.refreshToken = parsed.data.refresh_token;
  return tokens;
}

/** One request with its body read; a network failure or timeout becomes a GatewayError. */
async function send(
  http: OAuthHttp,
  url: string,
  endpointName: string,
  secrets: string[],
  init: OAuthHttpInit,
): Promise<{ status: number; text: string }> {
  try {
    const response = await http(url, init);
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // A cancelled sign-in is not a network failure.
    init.signal?.throwIfAborted();
    const reason = redact(error instanceof Error ? error.message : String(error), secrets);
    const timedOut = isTimeout(error);
    const message = timedOut
      ? `${capitalize(endpointName)} did not answer in time (${reason})`
      : `Could not reach ${endpointName}: ${reason}`;
    throw new GatewayError(timedOut ? 'timeout' : 'upstream', message, {
      upstream: { status: 0, message },
      cause: error,
    });
  }
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    error.name === 'TimeoutError'
  );
}

function describeGoogleError(text: string, secrets: string[]): string {
  const body = googleErrorBodySchema.safeParse(parseJson(text));
  let description: string;
  if (!body.success) {
    description = text.trim() === '' ? '(empty body)' : text.trim();
  } else if (typeof body.data.error === 'string') {
    description = body.data.error_description ? `${body.data.error}: ${body.data.error_description}` : body.data.error;
  } else {
    description = [body.data.error.status, body.data.error.message].filter(Boolean).join(': ') || 'unknown error';
  }
  const redacted = redact(description, secrets);
  return redacted.length > maxErrorTextLength ? `${redacted.slice(0, maxErrorTextLength)}…` : redacted;
}

function redact(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    // The form body carries them URL-encoded, so an echo of it would too.
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      result = result.split(form).join('[redacted]');
    }
  }
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

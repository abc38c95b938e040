import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import {
  createUndiciOAuthHttp,
  exchangeAuthorizationCode,
  fetchUserInfo,
  refreshAccessToken,
  type OAuthHttp,
} from './google-oauth.js';

interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void;

const refreshToken = '1//0g-refresh-token-secret';
const clientSecret = 'client-secret-value';
const now = () => 1_750_000_000_000;

let server: Server;
let baseUrl: string;
let agent: Agent;
let http: OAuthHttp;
let handler: Handler;
let requests: RecordedRequest[] = [];

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const recorded = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
      requests.push(recorded);
      handler(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new Agent();
  http = createUndiciOAuthHttp(agent);
});

afterEach(() => {
  requests = [];
});

afterAll(async () => {
  await agent.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});


function refresh(): ReturnType<typeof refreshAccessToken> {
  return refreshAccessToken(http, { tokenUrl: `${baseUrl}/token`, clientId: 'client-id', clientSecret, refreshToken, now });
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('refreshAccessToken', () => {
  it('posts a form-encoded refresh_token grant and computes the expiry', async () => {
    handler = (_, response) => json(response, 200, { access_token: 'ya29.new', expires_in: 3599, token_type: 'Bearer' });
    await expect(refresh()).resolves.toEqual({ accessToken: 'ya29.new', expiresAt: now() + 3_599_000 });
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'client-id',
      client_secret: clientSecret,
    });
  });

  it('returns a rotated refresh token', async () => {
    handler = (_, response) => json(response, 200, { access_token: 'ya29.new', expires_in: 60, refresh_token: '1//rotated' });
    await expect(refresh()).resolves.toEqual({ accessToken: 'ya29.new', expiresAt: now() + 60_000, refreshToken: '1//rotated' });
  });

  it('reports a revoked token as an authentication error with code invalid_grant', async () => {
    handler = (_, response) => json(response, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const error = await rejection(refresh());
    expect(error.kind).toBe('authentication');
    expect(error.code).toBe('invalid_grant');
    expect(error.message).toBe('The refresh token was revoked or has expired');
    expect(error.upstream?.message).toContain('Token has been expired or revoked.');
  });

  it('passes other Google errors on as upstream errors', async () => {
    handler = (_, response) => json(response, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    const error = await rejection(refresh());
    expect(error.kind).toBe('upstream');
    expect(error.message).toBe('Google token endpoint answered 401: invalid_client: The OAuth client was not found.');
    expect(error.upstream?.status).toBe(401);
  });

  it('never puts the token or client secret in an error, even when a relay echoes the request', async () => {
    handler = (request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`bad gateway for ${request.body} (${refreshToken})`);
    };
    const error = await rejection(refresh());
    expect(error.kind).toBe('upstream');
    const everything = `${error.message} ${error.upstream?.message ?? ''}`;
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(refreshToken);
    expect(everything).not.toContain(encodeURIComponent(refreshToken));
    expect(everything).not.toContain(clientSecret);
  });

  it('rejects a 200 without an access token', async () => {
    handler = (_, response) => json(response, 200, { token_type: 'Bearer' });
    const error = await rejection(refresh());
    expect(error.kind).toBe('upstream');
  });

  it('reports a network failure as an upstream error with status 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(
      refreshAccessToken(http, { tokenUrl: `http://127.0.0.1:${port}/token`, clientId: 'c', clientSecret, refreshToken }),
    );
    expect(error.kind).toBe('upstream');
    expect(error.upstream?.status).toBe(0);
    expect(error.message).toMatch(/^Could not reach the Google token endpoint/);
  });

  it('reports a timeout as a timeout', async () => {
    const timingOut: OAuthHttp = () => Promise.reject(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    const error = await rejection(refreshAccessToken(timingOut, { tokenUrl: 'http://x/token', clientId: 'c', clientSecret, refreshToken }));
    expect(error.kind).toBe('timeout');
  });
});

describe('exchangeAuthorizationCode', () => {
  const input = () => ({
    tokenUrl: `${baseUrl}/token`,
    clientId: 'client-id',
    clientSecret,
    code: '4/0A-code',
    redirectUri: 'http://localhost:51121/oauth-callback',
    codeVerifier: 'verifier-123',
    now,
  });

  it('posts an authorization_code grant with the PKCE verifier and returns the refresh token', async () => {
    handler = (_, response) => json(response, 200, { access_token: 'ya29.a', expires_in: 3600, refresh_token: '1//fresh' });
    await expect(exchangeAuthorizationCode(http, input())).resolves.toEqual({
      accessToken: 'ya29.a',
      expiresAt: now() + 3_600_000,
      refreshToken: '1//fresh',
    });
    expect(Object.fromEntries(new URLSearchParams(requests[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: '4/0A-code',
      redirect_uri: 'http://localhost:51121/oauth-callback',
      code_verifier: 'verifier-123',
      client_id: 'client-id',
      client_secret: clientSecret,
    });
  });

  it('fails clearly when Google returns no refresh token', async () => {
    handler = (_, response) => json(response, 200, { access_token: 'ya29.a', expires_in: 3600 });
    const error = await rejection(exchangeAuthorizationCode(http, input()));
    expect(error.code).toBe('missing_refresh_token');
    expect(error.message).toContain('did not return a refresh token');
  });

  it('reports a rejected code as invalid_grant without quoting it', async () => {
    handler = (_, response) => json(response, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
    const error = await rejection(exchangeAuthorizationCode(http, input()));
    expect(error.kind).toBe('authentication');
    expect(error.code).toBe('invalid_grant');
    expect(error.message).not.toContain('4/0A-code');
  });
});

describe('fetchUserInfo', () => {
  it('sends the bearer token and returns the email and name', async () => {
    handler = (_, response) => json(response, 200, { id: '1', email: 'ada@example.com', verified_email: true, name: 'Ada' });
    await expect(fetchUserInfo(http, { userinfoUrl: `${baseUrl}/userinfo`, accessToken: 'ya29.a' })).resolves.toEqual({
      email: 'ada@example.com',
      name: 'Ada',
    });
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.headers.authorization).toBe('Bearer ya29.a');
  });

  it('reports a rejected token as an authentication error', async () => {
    handler = (_, response) =>
      json(response, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    const error = await rejection(fetchUserInfo(http, { userinfoUrl: `${baseUrl}/userinfo`, accessToken: 'ya29.a' }));
    expect(error.kind).toBe('authentication');
    expect(error.message).toBe('Google userinfo answered 401: UNAUTHENTICATED: Request had invalid authentication credentials.');
  });

  it('fails when the answer has no email', async () => {
    handler = (_, response) => json(response, 200, { id: '1' });
    const error = await rejection(fetchUserInfo(http, { userinfoUrl: `${baseUrl}/userinfo`, accessToken: 'ya29.a' }));
    expect(error.kind).toBe('upstream');
    expect(error.message).toContain('userinfo.email');
  });
});

/**
 * A fake of Google's side of Skyport: the OAuth token and userinfo endpoints and Cloud Code's
 * `v1internal` API, speaking the wire format of ../../../shared/reference/UPSTREAM-PROTOCOL.md
 * (§1-§14) and rejecting what the real one rejects. Integration tests and the benchmark point the
 * gateway at it. It is written independently of proxy-core on purpose, so a gateway bug is not
 * mirrored here.
 *
 *   const google = await startFakeGoogle();
 *   google.addAccount({ email: 'a@example.com', refreshToken: '1//a', projectId: 'p-1' });
 *   google.enqueue({ kind: 'text', text: 'hi' });
 *   // settings: upstream.base_urls=[google.baseUrl], oauth_token_url=google.tokenUrl, userinfo_url=google.userinfoUrl
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import {
  errorReply,
  fieldViolationsError,
  invalidArgumentError,
  isoSeconds,
  rpcStatus,
  unauthenticatedError,
  INVALID_CREDENTIALS_MESSAGE,
  MISSING_CREDENTIALS_MESSAGE,
} from './fake-google-errors.js';
import {
  checkProtoJson,
  fetchAvailableModelsDescriptor,
  getField,
  loadCodeAssistDescriptor,
  onboardUserDescriptor,
} from './fake-google-proto.js';
import { checkClientVersion } from './fake-google-client-headers.js';
import { countTokens, defaultReply, emptyEnvelope, planReply, traceId, type ResponseEnvelope } from './fake-google-replies.js';
import { SignatureRegistry } from './fake-google-signatures.js';
import type {
  DefaultReplyFn,
  FakeAccountOptions,
  FakeErrorReply,
  FakeGoogle,
  FakeReply,
  RecordedRequest,
  StartFakeGoogleOptions,
} from './fake-google-types.js';
import { validateCountTokens, validateGenerateEnvelope } from './fake-google-validate.js';
import { outputTokenLimit } from './fake-google-rules/output-token-limits.js';

export type {
  DefaultReplyFn,
  DefaultReplyRequest,
  FakeAccountOptions,
  FakeErrorReply,
  FakeGoogle,
  FakeGrounding,
  FakeReply,
  FakeUsage,
  RecordedRequest,
  StartFakeGoogleOptions,
} from './fake-google-types.js';

/** For tests of image generation (gemini-3-pro-image's default reply carries this PNG; each image adds these output tokens). */
export { FAKE_IMAGE_OUTPUT_TOKENS, FAKE_IMAGE_PNG_BASE64 } from './fake-google-replies.js';

/** Models every account knows (plus the ids in its `quotas`). */
export const DEFAULT_FAKE_MODELS: readonly string[] = [
  'gemini-3-flash',
  'gemini-3-pro-high',
  'gemini-3-pro-low',
  'gemini-2.5-flash',
  'gemini-2.5-pro',
  'claude-sonnet-4-5',
  'claude-sonnet-4-5-thinking',
  'claude-opus-4-6-thinking',
  'gpt-oss-120b-medium',
];

/** Non-agent ids that fetchAvailableModels also lists and clients filter out (§10). */
export const NON_AGENT_FAKE_MODELS: readonly string[] = ['chat_20706', 'tab_flash_lite_preview'];

const DISPLAY_NAMES: Record<string, string> = {
  'gemini-3-flash': 'Gemini 3 Flash',
  'gemini-3-pro-high': 'Gemini 3 Pro (High)',
  'gemini-3-pro-low': 'Gemini 3 Pro (Low)',
  'gemini-2.5-flash': 'Gemini 2.5 Flash',
  'gemini-2.5-pro': 'Gemini 2.5 Pro',
  'claude-sonnet-4-5': 'Claude Sonnet 4.5',
  'claude-sonnet-4-5-thinking': 'Claude Sonnet 4.5 (Thinking)',
  'claude-opus-4-6-thinking': 'Claude Opus 4.6 (Thinking)',
  'gpt-oss-120b-medium': 'GPT-OSS 120B (Medium)',
};

const TIER_NAMES: Record<string, string> = {
  'free-tier': 'Gemini Code Assist for individuals',
  'legacy-tier': 'Gemini Code Assist',
  'standard-tier': 'Gemini Code Assist',
  'g1-pro-tier': 'Google AI Pro',
  'g1-ultra-tier': 'Google AI Ultra',
};

const OAUTH_SCOPES = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
  'https://www.googleapis.com/auth/cclog',
  'https://www.googleapis.com/auth/experimentsandconfigs',
].join(' ');

const accountOptionsSchema = z.object({
  email: z.string().min(1),
  refreshToken: z.string().min(1),
  projectId: z.string().min(1).optional(),
  tier: z.string().min(1).optional(),
  quotas: z
    .record(z.string(), z.object({ remainingFraction: z.number().min(0).max(1).optional(), resetTime: z.string().optional() }))
    .optional(),
});

interface AccountState {
  email: string;
  refreshToken: string;
  projectId: string | undefined;
  tier: string;
  quotas: NonNullable<FakeAccountOptions['quotas']>;
}

interface AccessTokenState {
  email: string;
  expiresAt: number;
  expired: boolean;
}

interface Operation {
  name: string;
  email: string;
  tierId: string;
  projectId: string;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

function userId(email: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 16)}`).toString().padStart(20, '0');
  return `1${digits.slice(0, 20)}`;
}

function nameParts(email: string): { given: string; family: string } {
  const local = email.split('@')[0] ?? email;
  const [given = local, family = 'User'] = local.split(/[._+-]+/).filter(Boolean);
  const cap = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return { given: cap(given), family: cap(family) };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

class FakeGoogleServer implements FakeGoogle {
  readonly requests: RecordedRequest[] = [];
  origin = '';

  private readonly server = createServer({ noDelay: true }, (request, response) => {
    this.handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        this.sendJson(response, 500, rpcStatus(500, 'INTERNAL', 'Internal error encountered.'));
      } else {
        response.destroy(error instanceof Error ? error : undefined);
      }
    });
  });
  private readonly sockets = new Set<Socket>();
  private readonly accounts = new Map<string, AccountState>();
  private readonly accountByRefreshToken = new Map<string, string>();
  private readonly revoked = new Set<string>();
  private readonly accessTokens = new Map<string, AccessTokenState>();
  private readonly refreshCounts = new Map<string, number>();
  private readonly codes = new Map<string, { refreshToken: string; redirectUri?: string; codeChallenge?: string }>();
  private readonly operations = new Map<string, Operation>();
  private readonly queues = new Map<string, FakeReply[]>();
  private readonly globalQueue: FakeReply[] = [];
  private readonly signatures = new SignatureRegistry();
  private defaultReplyFn: DefaultReplyFn | undefined;
  private separator: '\n\n' | '\r\n\r\n' | 'alternate' = 'alternate';
  /** Oldest Antigravity version accepted (fake-google-client-headers.ts); undefined = any. */
  private minClientVersion: string | undefined;
  private tokenLifetime = 3599;
  private closed = false;
  openGenerations = 0;

  constructor(private readonly chunkDelayMs: number) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get baseUrl(): string {
    return this.origin;
  }

  get tokenUrl(): string {
    return `${this.origin}/token`;
  }

  get userinfoUrl(): string {
    return `${this.origin}/userinfo`;
  }

  async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.origin = `http://${shownHost}:${address.port}`;
  }

  // ----------------------------------------------------------------------------------- control API

  addAccount(options: FakeAccountOptions): void {
    const parsed = accountOptionsSchema.parse(options);
    const previous = this.accounts.get(parsed.email);
    if (previous) this.accountByRefreshToken.delete(previous.refreshToken);
    this.accounts.set(parsed.email, {
      email: parsed.email,
      refreshToken: parsed.refreshToken,
      projectId: parsed.projectId,
      tier: parsed.tier ?? 'free-tier',
      quotas: parsed.quotas ?? {},
    });
    this.accountByRefreshToken.set(parsed.refreshToken, parsed.email);
    this.revoked.delete(parsed.refreshToken);
  }

  revoke(refreshToken: string): void {
    this.revoked.add(refreshToken);
  }

  registerAuthorizationCode(code: string, refreshToken: string, options: { redirectUri?: string; codeChallenge?: string } = {}): void {
    this.codes.set(code, { refreshToken, ...options });
  }

  enqueue(reply: FakeReply, forAccount?: string): void {
    if (forAccount === undefined) {
      this.globalQueue.push(reply);
      return;
    }
    const queue = this.queues.get(forAccount) ?? [];
    queue.push(reply);
    this.queues.set(forAccount, queue);
  }

  setDefaultReply(fn: DefaultReplyFn | undefined): void {
    this.defaultReplyFn = fn;
  }

  setMinClientVersion(version: string | undefined): void {
    this.minClientVersion = version;
  }

  setSseSeparator(separator: '\n\n' | '\r\n\r\n' | 'alternate'): void {
    this.separator = separator;
  }

  setAccessTokenLifetime(seconds: number): void {
    this.tokenLifetime = seconds;
  }

  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expired = true;
  }

  requestsTo(method: string): RecordedRequest[] {
    return this.requests.filter((request) => {
      if (method === 'operations') return request.path.startsWith('/v1internal/operations/');
      if (method === 'token') return request.path === '/token';
      if (method === 'userinfo') return request.path.endsWith('/userinfo');
      return request.path === `/v1internal:${method}`;
    });
  }

  tokenRefreshCount(refreshToken: string): number {
    return this.refreshCounts.get(refreshToken) ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closing;
  }

  // ----------------------------------------------------------------------------------- plumbing

  private commonHeaders(trace: string = traceId()): Record<string, string> {
    return {
      Server: 'ESF',
      Vary: 'Origin, X-Origin, Referer',
      'X-Content-Type-Options': 'nosniff',
      'X-Cloudaicompanion-Trace-Id': trace,
      'Server-Timing': `gfet4t7; dur=${1 + Math.floor(Math.random() * 40)}`,
    };
  }

  private sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = `${JSON.stringify(body, null, 2)}\n`;
    response.writeHead(status, {
      ...this.commonHeaders(),
      'Content-Type': JSON_TYPE,
      'Content-Length': String(Buffer.byteLength(text)),
      ...headers,
    });
    response.end(text);
  }

  /** An error reply; on the streaming method the body stays plain JSON but the type says text/event-stream (§6). */
  private sendError(response: ServerResponse, reply: FakeErrorReply, streaming = false): void {
    const text = `${JSON.stringify(reply.body, null, 2)}\n`;
    response.writeHead(reply.status, {
      ...this.commonHeaders(),
      'Content-Type': streaming ? 'text/event-stream' : JSON_TYPE,
      'Content-Length': String(Buffer.byteLength(text)),
      ...(reply.headers ?? {}),
    });
    response.end(text);
  }

  private sendOAuthJson(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body, null, 2);
    response.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
      Pragma: 'no-cache',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    response.end(text);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const raw = await readBody(request);
    const contentType = String(request.headers['content-type'] ?? '');
    let body: unknown = undefined;
    let jsonError = false;
    if (raw.length > 0) {
      const text = raw.toString('utf8');
      if (contentType.includes('application/x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(text));
      } else {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          jsonError = true;
        }
      }
    }
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      headers: { ...request.headers },
      body,
    };
    this.requests.push(record);

    const path = url.pathname;
    if (path === '/token') return this.handleToken(request, response, record, contentType);
    if (path === '/userinfo' || path === '/oauth2/v1/userinfo' || path === '/oauth2/v2/userinfo') {
      return this.handleUserinfo(request, response, record);
    }
    const methodMatch = /^\/v1internal:([A-Za-z]+)$/.exec(path);
    const operationMatch = /^\/v1internal\/(operations\/[^/]+)$/.exec(path);
    if (!methodMatch && !operationMatch) {
      this.sendJson(response, 404, rpcStatus(404, 'NOT_FOUND', 'Requested entity was not found.'));
      return;
    }
    const method = methodMatch?.[1] ?? 'getOperation';
    const streaming = method === 'streamGenerateContent';

    record.account = this.tokenOwner(request);
    const auth = this.authenticate(request, method);
    if ('kind' in auth) {
      this.sendError(response, auth, streaming);
      return;
    }

    const versionRefusal = checkClientVersion(request.headers, this.minClientVersion);
    if (versionRefusal) {
      this.sendError(response, versionRefusal, streaming);
      return;
    }

    if (operationMatch) {
      if (request.method !== 'GET') return this.methodNotFound(response);
      return this.handleOperation(response, auth, operationMatch[1]!);
    }
    if (request.method !== 'POST') return this.methodNotFound(response);
    if (jsonError) {
      this.sendError(response, invalidArgumentError('Invalid JSON payload received. Unexpected token.'), streaming);
      return;
    }
    const payload = body ?? {};
    switch (method) {
      case 'loadCodeAssist':
        return this.handleLoadCodeAssist(response, auth, payload);
      case 'onboardUser':
        return this.handleOnboardUser(response, auth, payload);
      case 'fetchAvailableModels':
        return this.handleFetchAvailableModels(response, auth, payload);
      case 'countTokens':
        return this.handleCountTokens(response, auth, payload);
      case 'generateContent':
      case 'streamGenerateContent':
        return this.handleGenerate(response, auth, payload, streaming, url.searchParams.get('alt') === 'sse');
      default:
        return this.methodNotFound(response);
    }
  }

  private methodNotFound(response: ServerResponse): void {
    this.sendJson(response, 404, rpcStatus(404, 'NOT_FOUND', 'Requested entity was not found.'));
  }

  private bearer(request: IncomingMessage): string | undefined {
    const header = request.headers.authorization;
    return typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  }

  /** Email of the account an access token was issued to, valid or not. */
  private tokenOwner(request: IncomingMessage): string | undefined {
    const bearer = this.bearer(request);
    return bearer === undefined ? undefined : this.accessTokens.get(bearer)?.email;
  }

  private authenticate(request: IncomingMessage, method: string): AccountState | FakeErrorReply {
    const bearer = this.bearer(request);
    if (bearer === undefined) return unauthenticatedError({ missing: true, method });
    const token = this.accessTokens.get(bearer);
    const account = token ? this.accounts.get(token.email) : undefined;
    if (!token || !account) return unauthenticatedError({ method });
    if (token.expired || Date.now() >= token.expiresAt) return unauthenticatedError({ expired: true, method });
    return account;
  }

  private knownModels(account: AccountState): Set<string> {
    return new Set([...DEFAULT_FAKE_MODELS, ...Object.keys(account.quotas)]);
  }

  // ----------------------------------------------------------------------------------- OAuth

  private issueAccessToken(account: AccountState, clientId: string, withRefreshToken: boolean): Record<string, unknown> {
    const accessToken = `ya29.fake-${randomBytes(48).toString('base64url')}`;
    this.accessTokens.set(accessToken, {
      email: account.email,
      expiresAt: Date.now() + this.tokenLifetime * 1000,
      expired: false,
    });
    const now = Math.floor(Date.now() / 1000);
    const idToken = [
      base64url(JSON.stringify({ alg: 'RS256', kid: 'fake-key', typ: 'JWT' })),
      base64url(
        JSON.stringify({
          iss: 'https://accounts.google.com',
          azp: clientId,
          aud: clientId,
          sub: userId(account.email),
          email: account.email,
          email_verified: true,
          at_hash: base64url(createHash('sha256').update(accessToken).digest().subarray(0, 16)),
          iat: now,
          exp: now + 3600,
        }),
      ),
      base64url(randomBytes(64)),
    ].join('.');
    const body: Record<string, unknown> = { access_token: accessToken, expires_in: this.tokenLifetime };
    if (withRefreshToken) body.refresh_token = account.refreshToken;
    body.scope = OAUTH_SCOPES;
    body.token_type = 'Bearer';
    body.id_token = idToken;
    return body;
  }

  private handleToken(request: IncomingMessage, response: ServerResponse, record: RecordedRequest, contentType: string): void {
    if (request.method !== 'POST') {
      this.sendOAuthJson(response, 405, { error: 'invalid_request', error_description: 'Method not allowed' });
      return;
    }
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      this.sendOAuthJson(response, 400, {
        error: 'invalid_request',
        error_description: 'Invalid Content-Type. Expected application/x-www-form-urlencoded.',
      });
      return;
    }
    const form = (record.body ?? {}) as Record<string, string>;
    const grantType = form.grant_type;
    if (grantType === 'refresh_token' && form.refresh_token) {
      this.refreshCounts.set(form.refresh_token, this.tokenRefreshCount(form.refresh_token) + 1);
      record.account = this.accountByRefreshToken.get(form.refresh_token);
    }
    if (!form.client_id) {
      this.sendOAuthJson(response, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      return;
    }
    if (!form.client_secret) {
      this.sendOAuthJson(response, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
      return;
    }
    const invalidGrant = (description = 'Token has been expired or revoked.'): void =>
      this.sendOAuthJson(response, 400, { error: 'invalid_grant', error_description: description });

    if (grantType === 'refresh_token') {
      const refreshToken = form.refresh_token;
      if (!refreshToken) {
        this.sendOAuthJson(response, 400, { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' });
        return;
      }
      const email = this.accountByRefreshToken.get(refreshToken);
      const account = email ? this.accounts.get(email) : undefined;
      if (!account || this.revoked.has(refreshToken)) return invalidGrant();
      this.sendOAuthJson(response, 200, this.issueAccessToken(account, form.client_id, false));
      return;
    }
    if (grantType === 'authorization_code') {
      if (!form.code) {
        this.sendOAuthJson(response, 400, { error: 'invalid_request', error_description: 'Missing required parameter: code' });
        return;
      }
      if (!form.redirect_uri) {
        this.sendOAuthJson(response, 400, { error: 'invalid_request', error_description: 'Missing required parameter: redirect_uri' });
        return;
      }
      const grant = this.codes.get(form.code);
      if (!grant) return invalidGrant('Malformed auth code.');
      this.codes.delete(form.code); // codes are single-use
      if (grant.redirectUri !== undefined && grant.redirectUri !== form.redirect_uri) {
        this.sendOAuthJson(response, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
        return;
      }
      if (grant.codeChallenge !== undefined) {
        if (!form.code_verifier) return invalidGrant('Missing code verifier.');
        const challenge = createHash('sha256').update(form.code_verifier).digest('base64url');
        if (challenge !== grant.codeChallenge) return invalidGrant('Invalid code verifier.');
      }
      const email = this.accountByRefreshToken.get(grant.refreshToken);
      const account = email ? this.accounts.get(email) : undefined;
      if (!account || this.revoked.has(grant.refreshToken)) return invalidGrant('Bad Request');
      record.account = account.email;
      this.sendOAuthJson(response, 200, this.issueAccessToken(account, form.client_id, true));
      return;
    }
    this.sendOAuthJson(response, 400, {
      error: 'unsupported_grant_type',
      error_description: `Invalid grant_type: ${grantType ?? ''}`,
    });
  }

  private handleUserinfo(request: IncomingMessage, response: ServerResponse, record: RecordedRequest): void {
    const bearer = this.bearer(request);
    if (bearer === undefined) {
      this.sendJson(response, 401, rpcStatus(401, 'UNAUTHENTICATED', MISSING_CREDENTIALS_MESSAGE), {
        'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"',
      });
      return;
    }
    record.account = this.tokenOwner(request);
    const token = this.accessTokens.get(bearer);
    const account = token ? this.accounts.get(token.email) : undefined;
    if (!token || !account || token.expired || Date.now() >= token.expiresAt) {
      this.sendJson(response, 401, rpcStatus(401, 'UNAUTHENTICATED', INVALID_CREDENTIALS_MESSAGE), {
        'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
      return;
    }
    const { given, family } = nameParts(account.email);
    this.sendJson(response, 200, {
      id: userId(account.email),
      email: account.email,
      verified_email: true,
      name: `${given} ${family}`,
      given_name: given,
      family_name: family,
      picture: `https://lh3.googleusercontent.com/a/fake-${userId(account.email).slice(-8)}=s96-c`,
    });
  }

  // ----------------------------------------------------------------------------------- setup methods

  private tierInfo(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id,
      name: TIER_NAMES[id] ?? id,
      description: `${TIER_NAMES[id] ?? id} (fake)`,
      userDefinedCloudaicompanionProject: id !== 'free-tier',
      ...extra,
    };
  }

  private handleLoadCodeAssist(response: ServerResponse, account: AccountState, payload: unknown): void {
    const violations = checkProtoJson(payload, loadCodeAssistDescriptor);
    if (violations.length > 0) return this.sendError(response, fieldViolationsError(violations));
    const allowedTiers = [
      this.tierInfo('free-tier', { isDefault: true, privacyNotice: {} }),
      this.tierInfo('standard-tier', { privacyNotice: {} }),
    ];
    if (account.projectId === undefined) {
      this.sendJson(response, 200, { allowedTiers });
      return;
    }
    const paid = account.tier.startsWith('g1-');
    const currentTierId = paid ? 'standard-tier' : account.tier;
    const body: Record<string, unknown> = {
      currentTier: this.tierInfo(currentTierId, { hasOnboardedPreviously: true, privacyNotice: {} }),
      allowedTiers,
      cloudaicompanionProject: account.projectId,
    };
    if (paid) {
      body.paidTier = {
        id: account.tier,
        name: TIER_NAMES[account.tier] ?? account.tier,
        availableCredits: [{ creditType: 'GOOGLE_ONE_AI', creditAmount: '1000' }],
      };
    }
    this.sendJson(response, 200, body);
  }

  private operationBody(operation: Operation, done: boolean): Record<string, unknown> {
    if (!done) return { name: operation.name, done: false };
    return {
      name: operation.name,
      done: true,
      response: {
        '@type': 'type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse',
        cloudaicompanionProject: { id: operation.projectId, name: operation.projectId },
      },
    };
  }

  private completeOperation(operation: Operation): void {
    const account = this.accounts.get(operation.email);
    if (account && account.projectId === undefined) {
      account.projectId = operation.projectId;
      account.tier = operation.tierId;
    }
  }

  private handleOnboardUser(response: ServerResponse, account: AccountState, payload: unknown): void {
    const violations = checkProtoJson(payload, onboardUserDescriptor);
    if (violations.length > 0) return this.sendError(response, fieldViolationsError(violations));
    const tierId = getField(payload, 'tier_id');
    const project = getField(payload, 'cloudaicompanion_project');
    if (typeof tierId !== 'string' || tierId === '') {
      return this.sendError(response, invalidArgumentError('Request contains an invalid argument.'));
    }
    if (tierId === 'free-tier' && typeof project === 'string' && project !== '') {
      return this.sendError(response, errorReply(400, rpcStatus(400, 'FAILED_PRECONDITION', 'Precondition Failed')));
    }
    const pending = [...this.operations.values()].find((operation) => operation.email === account.email);
    if (pending) {
      // A re-POST (OAA, AGU) finds the operation finished.
      this.completeOperation(pending);
      this.sendJson(response, 200, this.operationBody(pending, true));
      return;
    }
    const slug = (account.email.split('@')[0] ?? '').replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 12) || 'user';
    const projectId =
      account.projectId ?? (typeof project === 'string' && project !== '' ? project : `fake-${slug}-${randomBytes(3).toString('hex')}`);
    const operation: Operation = { name: `operations/onboard-${randomBytes(8).toString('hex')}`, email: account.email, tierId, projectId };
    this.operations.set(operation.name, operation);
    this.sendJson(response, 200, this.operationBody(operation, false));
  }

  private handleOperation(response: ServerResponse, account: AccountState, name: string): void {
    const operation = this.operations.get(name);
    if (!operation || operation.email !== account.email) return this.methodNotFound(response);
    this.completeOperation(operation);
    this.sendJson(response, 200, this.operationBody(operation, true));
  }

  private handleFetchAvailableModels(response: ServerResponse, account: AccountState, payload: unknown): void {
    const violations = checkProtoJson(payload, fetchAvailableModelsDescriptor);
    if (violations.length > 0) return this.sendError(response, fieldViolationsError(violations));
    const defaultReset = isoSeconds(new Date(Math.ceil((Date.now() + 5 * 3600_000) / 1000) * 1000));
    const quotaInfo = (id: string): Record<string, unknown> => {
      const quota = account.quotas[id];
      if (!quota) return { remainingFraction: 1, resetTime: defaultReset };
      const info: Record<string, unknown> = {};
      if (quota.remainingFraction !== undefined) info.remainingFraction = quota.remainingFraction;
      info.resetTime = quota.resetTime ?? defaultReset;
      return info;
    };
    const models: Record<string, unknown> = {};
    const agentModels = [...this.knownModels(account)];
    for (const id of agentModels) {
      const claude = id.startsWith('claude-');
      const gemini = id.startsWith('gemini-');
      const entry: Record<string, unknown> = {
        displayName: DISPLAY_NAMES[id] ?? id,
        supportsImages: gemini || claude,
        supportsThinking: gemini || id.endsWith('-thinking') || id.startsWith('gpt-oss'),
        recommended: id === 'gemini-3-flash' || id === 'claude-sonnet-4-5-thinking',
        maxTokens: gemini ? 1048576 : claude ? 200000 : 131072,
        maxOutputTokens: outputTokenLimit(id),
        quotaInfo: quotaInfo(id),
      };
      if (gemini || id.endsWith('-thinking')) entry.thinkingBudget = gemini ? 24576 : 32000;
      models[id] = entry;
    }
    for (const id of NON_AGENT_FAKE_MODELS) {
      models[id] = { displayName: id, quotaInfo: { remainingFraction: 1, resetTime: defaultReset } };
    }
    this.sendJson(response, 200, {
      models,
      defaultAgentModelId: 'gemini-3-flash',
      agentModelSorts: [{ displayName: 'Recommended', groups: [{ modelIds: agentModels }] }],
    });
  }

  private handleCountTokens(response: ServerResponse, account: AccountState, payload: unknown): void {
    const result = validateCountTokens(payload, { knownModels: this.knownModels(account) });
    if ('kind' in result) return this.sendError(response, result);
    this.sendJson(response, 200, { totalTokens: countTokens(result.contents) });
  }

  // ----------------------------------------------------------------------------------- generation

  private nextReply(account: AccountState): FakeReply | undefined {
    return this.queues.get(account.email)?.shift() ?? this.globalQueue.shift();
  }

  private async handleGenerate(
    response: ServerResponse,
    account: AccountState,
    payload: unknown,
    streaming: boolean,
    sse: boolean,
  ): Promise<void> {
    const validation = validateGenerateEnvelope(payload, { knownModels: this.knownModels(account), signatures: this.signatures });
    if ('kind' in validation) return this.sendError(response, validation, streaming);
    const { model, request, contents } = validation;
    const systemInstruction = getField(request, 'system_instruction');
    const systemParts = getField(systemInstruction, 'parts');
    const promptTokenCount = Math.max(
      1,
      countTokens(contents) + (Array.isArray(systemParts) ? countTokens([{ parts: systemParts as Record<string, unknown>[] }]) : 0),
    );

    const reply =
      this.nextReply(account) ??
      (this.defaultReplyFn
        ? this.defaultReplyFn({ model, body: payload, account: account.email })
        : defaultReply(model, request, contents));
    const fallbackText = `Hello from ${model}: partial reply that will not finish`;

    switch (reply.kind) {
      case 'error':
        return this.sendError(response, reply, streaming);
      case 'raw':
        response.writeHead(reply.status, {
          ...this.commonHeaders(),
          'Content-Type': reply.contentType,
          'Content-Length': String(Buffer.byteLength(reply.body)),
        });
        response.end(reply.body);
        return;
      case 'empty':
        if (streaming) return this.stream(response, [], sse, 'end');
        this.sendJson(response, 200, emptyEnvelope(model, promptTokenCount));
        return;
      case 'text':
      case 'function-call': {
        const planned = planReply(reply, { model, promptTokenCount, signatures: this.signatures, fallbackText });
        if (streaming) return this.stream(response, planned.events, sse, 'end');
        this.sendJson(response, 200, planned.aggregate, { 'X-Cloudaicompanion-Trace-Id': planned.aggregate.traceId });
        return;
      }
      case 'reset-after':
      case 'stall-after': {
        const planned = planReply(reply, { model, promptTokenCount, signatures: this.signatures, fallbackText });
        const then = reply.kind === 'reset-after' ? 'reset' : 'stall';
        if (streaming) return this.stream(response, planned.events.slice(0, Math.max(0, reply.chunks)), sse, then);
        if (then === 'reset') response.socket?.destroy();
        return; // a stalled non-streaming call never answers
      }
    }
  }

  private separatorFor(index: number): string {
    if (this.separator !== 'alternate') return this.separator;
    return index % 2 === 0 ? '\n\n' : '\r\n\r\n';
  }

  /**
   * Writes events one `write` each; every third event (index 1, 4, 7, …) is split in two writes so clients meet
   * partial chunks: mid-event (at a byte offset, possibly inside a UTF-8 sequence), or between the two CRLFs of a
   * `\r\n\r\n` separator.
   */
  private async stream(
    response: ServerResponse,
    events: ResponseEnvelope[],
    sse: boolean,
    then: 'end' | 'reset' | 'stall',
  ): Promise<void> {
    const trace = events[0]?.traceId ?? traceId();
    this.openGenerations += 1;
    response.once('close', () => {
      this.openGenerations -= 1;
    });
    response.writeHead(200, {
      ...this.commonHeaders(trace),
      'Content-Type': sse ? 'text/event-stream' : JSON_TYPE,
      'Cache-Control': 'no-cache',
    });
    response.flushHeaders();
    for (const [index, event] of events.entries()) {
      if (index > 0 && this.chunkDelayMs > 0) await sleep(this.chunkDelayMs);
      if (response.destroyed || this.closed) return;
      const text = sse
        ? `data: ${JSON.stringify(event)}${this.separatorFor(index)}`
        : `${index === 0 ? '[' : '\r\n,'}${JSON.stringify(event, null, 2)}`;
      const bytes = Buffer.from(text, 'utf8');
      if (index % 3 === 1 && bytes.length > 4) {
        const cut = sse && text.endsWith('\r\n\r\n') && index % 2 === 1 ? bytes.length - 2 : Math.floor(bytes.length / 2);
        response.write(bytes.subarray(0, cut));
        await nextTick();
        if (response.destroyed || this.closed) return;
        response.write(bytes.subarray(cut));
      } else {
        response.write(bytes);
      }
    }
    if (then === 'end') {
      if (!sse) response.write(events.length === 0 ? '[]' : ']');
      response.end();
      return;
    }
    if (then === 'reset') {
      await nextTick();
      response.socket?.destroy();
      return;
    }
    // stall: keep the socket open; close() or the client ends it.
  }
}

export async function startFakeGoogle(options: StartFakeGoogleOptions = {}): Promise<FakeGoogle> {
  const server = new FakeGoogleServer(options.chunkDelayMs ?? 0);
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return server;
}

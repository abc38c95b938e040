import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { FAKE_IMAGE_OUTPUT_TOKENS, FAKE_IMAGE_PNG_BASE64, startFakeGoogle, type FakeGoogle, type FakeReply } from './fake-google.js';
import {
  bareResourceExhaustedError,
  capacityError,
  internalError,
  notFoundError,
  permissionDeniedError,
  quotaExhaustedError,
  rateLimitError,
  validationRequiredError,
} from './fake-google-errors.js';

const EMAIL = 'alice.smith@example.com';
const REFRESH = '1//fake-refresh-alice';
const CLIENT = { client_id: 'test-client.apps.googleusercontent.com', client_secret: 'test-secret' };

let google: FakeGoogle;

beforeEach(async () => {
  google = await startFakeGoogle();
  google.addAccount({ email: EMAIL, refreshToken: REFRESH, projectId: 'proj-alice', tier: 'standard-tier' });
});

afterEach(async () => {
  await google.close();
});

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

async function accessToken(refreshToken = REFRESH): Promise<string> {
  const response = await fetch(google.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: refreshToken, ...CLIENT }));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

async function call(method: string, body: unknown, token: string, query = ''): Promise<Response> {
  return fetch(`${google.baseUrl}/v1internal:${method}${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function envelope(model: string, request: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { project: 'proj-alice', model, requestId: 'agent-1', userAgent: 'antigravity', requestType: 'agent', request, ...extra };
}

const userText = (text: string) => ({ role: 'user', parts: [{ text }] });

interface Chunk {
  response: {
    candidates?: Array<{ content: { role: string; parts: Array<Record<string, unknown>> }; finishReason?: string; groundingMetadata?: unknown }>;
    usageMetadata: Record<string, number>;
    modelVersion: string;
    responseId: string;
  };
  traceId: string;
}

function parseSse(raw: string): Chunk[] {
  return raw
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      expect(block.startsWith('data: ')).toBe(true);
      return JSON.parse(block.slice('data: '.length)) as Chunk;
    });
}

function partsOf(chunks: Chunk[]): Array<Record<string, unknown>> {
  return chunks.flatMap((chunk) => chunk.response.candidates?.[0]?.content.parts ?? []);
}

async function streamParts(token: string, body: unknown): Promise<Array<Record<string, unknown>>> {
  const response = await call('streamGenerateContent', body, token, '?alt=sse');
  expect(response.status).toBe(200);
  return partsOf(parseSse(await response.text()));
}

async function expectError(response: Response, status: number, canonical: string): Promise<{ message: string; details?: unknown[] }> {
  expect(response.status).toBe(status);
  const text = await response.text();
  expect(text).toContain('\n  "error": {'); // pretty-printed like Google
  const body = JSON.parse(text) as { error: { code: number; status: string; message: string; details?: unknown[] } };
  expect(body.error.code).toBe(status);
  expect(body.error.status).toBe(canonical);
  return body.error;
}

const weatherTool = {
  functionDeclarations: [
    {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city', 'days'] },
    },
  ],
};

describe('OAuth', () => {
  it('refreshes a token and rejects unknown, revoked and client-less refreshes', async () => {
    const ok = await fetch(google.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: REFRESH, ...CLIENT }));
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    expect(String(body.access_token)).toMatch(/^ya29\.fake-/);
    expect(String(body.id_token).split('.')).toHaveLength(3);
    expect(String(body.scope)).toContain('https://www.googleapis.com/auth/cloud-platform');
    expect(body).not.toHaveProperty('refresh_token');

    const unknown = await fetch(google.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: 'nope', ...CLIENT }));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });

    google.revoke(REFRESH);
    const revoked = await fetch(google.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: REFRESH, ...CLIENT }));
    expect(revoked.status).toBe(400);
    expect(((await revoked.json()) as { error: string }).error).toBe('invalid_grant');

    const noClient = await fetch(google.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: REFRESH }));
    expect(noClient.status).toBe(401);
    expect(((await noClient.json()) as { error: string }).error).toBe('invalid_client');

    const json = await fetch(google.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: REFRESH, ...CLIENT }),
    });
    expect(json.status).toBe(400);

    expect(google.tokenRefreshCount(REFRESH)).toBe(3);
    expect(google.requestsTo('token')).toHaveLength(5);
  });

  it('exchanges an authorization code once, checking the PKCE verifier, and returns a refresh token', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    google.registerAuthorizationCode('code-1', REFRESH, { codeChallenge: challenge });
    const redirect_uri = 'http://localhost:51121/oauth-callback';
    const bad = await fetch(google.tokenUrl, form({ grant_type: 'authorization_code', code: 'code-1', redirect_uri, code_verifier: 'x', ...CLIENT }));
    expect(bad.status).toBe(400);
    google.registerAuthorizationCode('code-2', REFRESH, { codeChallenge: challenge });
    const good = await fetch(google.tokenUrl, form({ grant_type: 'authorization_code', code: 'code-2', redirect_uri, code_verifier: verifier, ...CLIENT }));
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ refresh_token: REFRESH, token_type: 'Bearer' });
    const again = await fetch(google.tokenUrl, form({ grant_type: 'authorization_code', code: 'code-2', redirect_uri, code_verifier: verifier, ...CLIENT }));
    expect(again.status).toBe(400);
  });

  it('serves userinfo for a valid bearer and 401 otherwise', async () => {
    const token = await accessToken();
    const ok = await fetch(google.userinfoUrl, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ email: EMAIL, verified_email: true, given_name: 'Alice', family_name: 'Smith' });
    const bad = await fetch(`${google.origin}/oauth2/v2/userinfo`, { headers: { Authorization: 'Bearer ya29.wrong' } });
    await expectError(bad, 401, 'UNAUTHENTICATED');
  });
});

describe('auth on v1internal', () => {
  it('answers 401 UNAUTHENTICATED for missing, unknown and expired tokens', async () => {
    const body = envelope('gemini-3-flash', { contents: [userText('hi')] });
    const missing = await fetch(`${google.baseUrl}/v1internal:generateContent`, { method: 'POST', body: JSON.stringify(body) });
    expect((await expectError(missing, 401, 'UNAUTHENTICATED')).message).toMatch(/^Request is missing required authentication credential/);
    await expectError(await call('generateContent', body, 'ya29.unknown'), 401, 'UNAUTHENTICATED');

    const token = await accessToken();
    expect((await call('generateContent', body, token)).status).toBe(200);
    google.expireAccessTokens();
    const expired = await expectError(await call('generateContent', body, token), 401, 'UNAUTHENTICATED');
    expect(expired.message).toMatch(/^Request had invalid authentication credentials/);

    google.setAccessTokenLifetime(0);
    const shortLived = await accessToken();
    await expectError(await call('generateContent', body, shortLived), 401, 'UNAUTHENTICATED');
    expect(google.requestsTo('generateContent').map((request) => request.account)).toEqual([undefined, undefined, EMAIL, EMAIL, EMAIL]);
  });
});

describe('setup methods', () => {
  it('onboards a new account through loadCodeAssist, onboardUser and the operation', async () => {
    google.addAccount({ email: 'new@example.com', refreshToken: 'r-new' });
    const token = await accessToken('r-new');
    const metadata = { ideType: 'ANTIGRAVITY', platform: 'PLATFORM_UNSPECIFIED', pluginType: 'GEMINI' };

    const before = (await (await call('loadCodeAssist', { metadata }, token)).json()) as Record<string, unknown>;
    expect(before).not.toHaveProperty('currentTier');
    expect(before).not.toHaveProperty('cloudaicompanionProject');
    expect(before.allowedTiers).toContainEqual(expect.objectContaining({ id: 'free-tier', isDefault: true }));

    const withProject = await call('onboardUser', { tierId: 'free-tier', cloudaicompanionProject: 'mine', metadata }, token);
    expect((await expectError(withProject, 400, 'FAILED_PRECONDITION')).message).toBe('Precondition Failed');

    const started = (await (await call('onboardUser', { tierId: 'free-tier', metadata }, token)).json()) as { name: string; done: boolean };
    expect(started.done).toBe(false);
    expect(started.name).toMatch(/^operations\//);
    const polled = await fetch(`${google.baseUrl}/v1internal/${started.name}`, { headers: { Authorization: `Bearer ${token}` } });
    const done = (await polled.json()) as { done: boolean; response: { cloudaicompanionProject: { id: string; name: string } } };
    expect(done.done).toBe(true);
    const projectId = done.response.cloudaicompanionProject.id;
    expect(projectId).toBeTruthy();

    const after = (await (await call('loadCodeAssist', { metadata }, token)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ currentTier: { id: 'free-tier' }, cloudaicompanionProject: projectId });
    expect(google.requestsTo('operations')).toHaveLength(1);

    const unknownField = await call('loadCodeAssist', { metadata, bogus: 1 }, token);
    expect((await expectError(unknownField, 400, 'INVALID_ARGUMENT')).message).toBe(
      'Invalid JSON payload received. Unknown name "bogus": Cannot find field.',
    );
  });

  it('lists models with quotas, non-agent ids, and counts tokens', async () => {
    google.addAccount({
      email: 'q@example.com',
      refreshToken: 'r-q',
      projectId: 'p',
      tier: 'g1-pro-tier',
      quotas: { 'gemini-3-flash': { remainingFraction: 0.25, resetTime: '2026-07-15T06:26:33Z' }, 'claude-opus-4-6-thinking': { resetTime: '2026-07-15T06:26:33Z' } },
    });
    const token = await accessToken('r-q');
    const models = (await (await call('fetchAvailableModels', { project: 'p' }, token)).json()) as { models: Record<string, { quotaInfo: Record<string, unknown> }> };
    expect(models.models['gemini-3-flash']!.quotaInfo).toEqual({ remainingFraction: 0.25, resetTime: '2026-07-15T06:26:33Z' });
    expect(models.models['claude-opus-4-6-thinking']!.quotaInfo).toEqual({ resetTime: '2026-07-15T06:26:33Z' });
    expect(Object.keys(models.models)).toEqual(expect.arrayContaining(['chat_20706', 'tab_flash_lite_preview', 'gpt-oss-120b-medium']));
    const load = (await (await call('loadCodeAssist', { metadata: { ideType: 'ANTIGRAVITY' } }, token)).json()) as Record<string, unknown>;
    expect(load).toMatchObject({ paidTier: { id: 'g1-pro-tier' }, cloudaicompanionProject: 'p' });

    const counted = await call('countTokens', { request: { model: 'models/gemini-2.5-pro', contents: [userText('12345678')] } }, token);
    expect(await counted.json()).toEqual({ totalTokens: 2 });
  });
});

describe('generation', () => {
  it('streams SSE deltas with the chosen separator and no [DONE]', async () => {
    const token = await accessToken();
    const body = envelope('gemini-3-flash', { contents: [userText('tell me something nice')] });
    const expected = 'Hello from gemini-3-flash: tell me something nice';

    for (const separator of ['\n\n', '\r\n\r\n', 'alternate'] as const) {
      google.setSseSeparator(separator);
      const response = await call('streamGenerateContent', body, token, '?alt=sse');
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const raw = Buffer.from(await response.arrayBuffer()).toString('utf8');
      expect(raw).not.toContain('[DONE]');
      const chunks = parseSse(raw);
      expect(chunks.length).toBeGreaterThan(4);
      if (separator === '\n\n') {
        expect(raw).not.toContain('\r');
        expect(raw.endsWith('}\n\n')).toBe(true);
      } else if (separator === '\r\n\r\n') {
        expect(raw.split('\r\n\r\n').filter(Boolean)).toHaveLength(chunks.length);
        expect(raw.replaceAll('\r\n\r\n', '')).not.toMatch(/[\r\n]/);
      } else {
        expect(raw).toMatch(/^data: \{[^\n]*\}\n\ndata: \{[^\r\n]*\}\r\n\r\ndata: /);
      }
      expect(partsOf(chunks).map((part) => part.text).join('')).toBe(expected);
      const last = chunks.at(-1)!;
      expect(last.response.candidates![0]!.finishReason).toBe('STOP');
      expect(chunks.slice(0, -1).every((chunk) => chunk.response.candidates![0]!.finishReason === undefined)).toBe(true);
      const counts = chunks.map((chunk) => chunk.response.usageMetadata.candidatesTokenCount!);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(last.response.usageMetadata.totalTokenCount).toBe(
        last.response.usageMetadata.promptTokenCount! + last.response.usageMetadata.candidatesTokenCount!,
      );
      expect(new Set(chunks.map((chunk) => chunk.traceId)).size).toBe(1);
      expect(last.response.modelVersion).toBe('gemini-3-flash');
    }
  });

  it('answers generateContent with one envelope and streams a JSON array without alt=sse', async () => {
    const token = await accessToken();
    google.enqueue({ kind: 'text', text: 'Plain answer', usage: { promptTokenCount: 10, candidatesTokenCount: 3 } });
    const single = (await (await call('generateContent', envelope('claude-sonnet-4-5', { contents: [userText('x')] }), token)).json()) as Chunk;
    expect(single.response.candidates![0]).toEqual({ content: { role: 'model', parts: [{ text: 'Plain answer' }] }, finishReason: 'STOP' });
    expect(single.response.usageMetadata).toEqual({ promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 13 });
    expect(single.response.responseId).toMatch(/^msg_vrtx_/);

    const array = await call('streamGenerateContent', envelope('gemini-2.5-flash', { contents: [userText('abc')] }), token);
    const chunks = JSON.parse(await array.text()) as Chunk[];
    expect(partsOf(chunks).map((part) => part.text).join('')).toBe('Hello from gemini-2.5-flash: abc');
  });

  it('keeps text/event-stream with a plain JSON body for errors on the streaming method', async () => {
    const token = await accessToken();
    google.enqueue(rateLimitError({ retryDelay: '0.5s' }), EMAIL);
    const response = await call('streamGenerateContent', envelope('gemini-3-flash', { contents: [userText('x')] }), token, '?alt=sse');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const error = await expectError(response, 429, 'RESOURCE_EXHAUSTED');
    expect(error.message).toBe('You have exhausted your capacity on this model. Your quota will reset after 0s.');
  });

  it('rejects unknown fields, a string systemInstruction, bad roles, empty contents and unknown models', async () => {
    const token = await accessToken();
    const unknown = await call('generateContent', envelope('gemini-3-flash', { contents: [userText('x')], max_tokens: 5 }, { messages: [] }), token);
    const error = await expectError(unknown, 400, 'INVALID_ARGUMENT');
    expect(error.message).toBe(
      'Invalid JSON payload received. Unknown name "max_tokens" at \'request\': Cannot find field.\n' +
        'Invalid JSON payload received. Unknown name "messages": Cannot find field.',
    );
    expect(error.details).toEqual([
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [
          { field: 'request', description: 'Invalid JSON payload received. Unknown name "max_tokens" at \'request\': Cannot find field.' },
          { field: '', description: 'Invalid JSON payload received. Unknown name "messages": Cannot find field.' },
        ],
      },
    ]);

    const nested = await call('generateContent', envelope('gemini-3-flash', { contents: [{ role: 'user', parts: [{ text: 'x', cache_control: {} }] }], generationConfig: { thinkingConfig: { thinkingBudget: 1, effort: 'x' } } }), token);
    expect((await expectError(nested, 400, 'INVALID_ARGUMENT')).message).toBe(
      'Invalid JSON payload received. Unknown name "cache_control" at \'request.contents[0].parts[0]\': Cannot find field.\n' +
        'Invalid JSON payload received. Unknown name "effort" at \'request.generation_config.thinking_config\': Cannot find field.',
    );

    const gccSpelling = envelope('gemini-2.5-pro', { contents: [userText('x')], session_id: 's', system_instruction: { parts: [{ text: 'sys' }] } }, { user_prompt_id: 'u', enabled_credit_types: ['GOOGLE_ONE_AI'] });
    expect((await call('generateContent', gccSpelling, token)).status).toBe(200);

    const system = await call('generateContent', envelope('gemini-3-flash', { contents: [userText('x')], systemInstruction: 'You are helpful' }), token);
    expect((await expectError(system, 400, 'INVALID_ARGUMENT')).message).toBe(
      "Invalid value at 'request.system_instruction' (type.googleapis.com/google.cloud.aiplatform.master.Content), \"You are helpful\"",
    );

    const role = await call('generateContent', envelope('gemini-3-flash', { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }), token);
    expect((await expectError(role, 400, 'INVALID_ARGUMENT')).message).toBe('Please use a valid role: user, model.');
    await expectError(await call('generateContent', envelope('gemini-3-flash', { contents: [] }), token), 400, 'INVALID_ARGUMENT');
    const noData = await call('generateContent', envelope('gemini-3-flash', { contents: [{ role: 'user', parts: [{ thought: true }] }] }), token);
    expect((await expectError(noData, 400, 'INVALID_ARGUMENT')).message).toContain("required oneof field 'data'");
    await expectError(await call('generateContent', envelope('gemini-9-ultra', { contents: [userText('x')] }), token), 404, 'NOT_FOUND');
    await expectError(await call('generateContent', { request: { contents: [userText('x')] } }, token), 400, 'INVALID_ARGUMENT');
  });

  it('rejects tool schemas Cloud Code does not accept, and bad function names', async () => {
    const token = await accessToken();
    const withParameters = (parameters: unknown, name = 'lookup') =>
      envelope('gemini-3-flash', { contents: [userText('x')], tools: [{ functionDeclarations: [{ name: 'ok_tool', parameters: { type: 'object', properties: {} } }, { name, parameters }] }] });

    const ref = await call('generateContent', withParameters({ type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { type: 'string' } } }), token);
    const refError = await expectError(ref, 400, 'INVALID_ARGUMENT');
    expect(refError.message).toContain(`Unknown name "$ref" at 'request.tools[0].function_declarations[1].parameters.properties[0].value'`);
    expect(refError.message).toContain(`Unknown name "$defs" at 'request.tools[0].function_declarations[1].parameters'`);
    expect(refError.details).toEqual([expect.objectContaining({ '@type': 'type.googleapis.com/google.rpc.BadRequest' })]);

    const typeArray = await call('generateContent', withParameters({ type: 'object', properties: { a: { type: ['string', 'null'] } } }), token);
    expect((await expectError(typeArray, 400, 'INVALID_ARGUMENT')).message).toBe(
      `Invalid JSON payload received. Unknown name "type" at 'request.tools[0].function_declarations[1].parameters.properties[0].value': Proto field is not repeating, cannot start list.`,
    );
    const anyOfNull = await call('generateContent', withParameters({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] } } }), token);
    expect((await expectError(anyOfNull, 400, 'INVALID_ARGUMENT')).message).toBe(
      `Invalid value at 'request.tools[0].function_declarations[1].parameters.properties[0].value.any_of[1].type' (type.googleapis.com/google.cloud.aiplatform.master.Type), "null"`,
    );
    for (const bad of [{ const: 'x' }, { default: 1 }, { additionalProperties: false }, { examples: [] }, { type: 'any' }]) {
      await expectError(await call('generateContent', withParameters({ type: 'object', properties: { a: { type: 'string', ...bad } } }), token), 400, 'INVALID_ARGUMENT');
    }
    await expectError(await call('generateContent', withParameters({ type: 'object' }, '1bad name'), token), 400, 'INVALID_ARGUMENT');
    expect((await call('generateContent', withParameters({ type: 'OBJECT', properties: { a: { type: 'string', enum: ['x'] } }, required: ['a'] }), token)).status).toBe(200);
  });

  it('enforces Gemini 3 thought signatures in the active loop', async () => {
    const token = await accessToken();
    const tools = [weatherTool];
    const first = await streamParts(token, envelope('gemini-3-flash', { contents: [userText('please call get_weather')], tools }));
    const callPart = first.find((part) => part.functionCall)!;
    expect(callPart.functionCall).toEqual({ name: 'get_weather', args: { city: 'test' } });
    const signature = String(callPart.thoughtSignature);
    expect(signature.length).toBeGreaterThan(50);

    const history = (modelPart: Record<string, unknown>) =>
      envelope('gemini-3-flash', {
        tools,
        contents: [
          userText('please call get_weather'),
          { role: 'model', parts: [modelPart] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { result: '21C' } } }] },
        ],
      });
    const bare = { functionCall: { name: 'get_weather', args: { city: 'Paris' } } };

    const missing = await expectError(await call('streamGenerateContent', history(bare), token, '?alt=sse'), 400, 'INVALID_ARGUMENT');
    expect(missing.message).toBe(
      'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing ' +
        'thought_signature may lead to degraded model performance. Additional data, function call `default_api:get_weather` , position 2. ' +
        'Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.',
    );
    const ok = await streamParts(token, history({ ...bare, thoughtSignature: signature }));
    expect(ok.map((part) => part.text).join('')).toBe('Tool said: {"result":"21C"}');
    expect((await call('generateContent', history({ ...bare, thoughtSignature: 'skip_thought_signature_validator' }), token)).status).toBe(200);

    // A new user text turn closes the loop: an old unsigned call is fine then.
    const closed = envelope('gemini-3-flash', { contents: [userText('a'), { role: 'model', parts: [bare] }, { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: {} } }] }, { role: 'model', parts: [{ text: 'done' }] }, userText('b')] });
    expect((await call('generateContent', closed, token)).status).toBe(200);

    google.enqueue({ kind: 'text', text: 'ok', thoughts: 'hmm let me think' });
    const claudeParts = await streamParts(token, envelope('claude-sonnet-4-5-thinking', { contents: [userText('x')] }));
    const claudeSignature = String(claudeParts.find((part) => part.thoughtSignature)!.thoughtSignature);
    const corrupted = await call('generateContent', history({ ...bare, thoughtSignature: claudeSignature }), token);
    expect((await expectError(corrupted, 400, 'INVALID_ARGUMENT')).message).toBe('Corrupted thought signature.');
  });

  it('checks Claude thinking signatures against the exact thinking text', async () => {
    const token = await accessToken();
    google.enqueue({ kind: 'function-call', thoughts: 'I should look up the weather.', calls: [{ name: 'get_weather', args: { city: 'Paris' } }] });
    const parts = await streamParts(token, envelope('claude-opus-4-6-thinking', { contents: [userText('weather?')], tools: [weatherTool] }));
    const thoughtPieces = parts.filter((part) => part.thought === true);
    expect(thoughtPieces.length).toBeGreaterThan(1);
    expect(thoughtPieces.slice(0, -1).every((part) => part.thoughtSignature === undefined)).toBe(true);
    const signature = String(thoughtPieces.at(-1)!.thoughtSignature);
    const callPart = parts.find((part) => part.functionCall)!;
    const callId = String((callPart.functionCall as { id: string }).id);
    expect(callId).toMatch(/^toolu_vrtx_/);

    const history = (thought: Record<string, unknown>) =>
      envelope('claude-opus-4-6-thinking', {
        tools: [weatherTool],
        contents: [
          userText('weather?'),
          { role: 'model', parts: [thought, { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: callId } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', id: callId, response: { result: 'sunny' } } }] },
        ],
        generationConfig: { maxOutputTokens: 20000, thinkingConfig: { include_thoughts: true, thinking_budget: 8000 } },
      });
    const good = { thought: true, text: 'I should look up the weather.', thoughtSignature: signature };
    expect((await call('generateContent', history(good), token)).status).toBe(200);

    const invalidMessage = async (thought: Record<string, unknown>) => {
      const error = await expectError(await call('generateContent', history(thought), token), 400, 'INVALID_ARGUMENT');
      return JSON.parse(error.message) as { type: string; error: { type: string; message: string }; request_id: string };
    };
    const changedText = await invalidMessage({ ...good, text: 'I should look up the weather!' });
    expect(changedText).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: 'messages.1.content.0: Invalid `signature` in `thinking` block' } });
    expect(changedText.request_id).toMatch(/^req_vrtx_/);
    const changedSignature = `${signature.slice(0, -4)}AAAA`;
    expect((await invalidMessage({ ...good, thoughtSignature: changedSignature })).error.message).toContain('Invalid `signature`');
    expect((await invalidMessage({ ...good, thoughtSignature: 'skip_thought_signature_validator' })).error.message).toContain('Invalid `signature`');

    const budget = envelope('claude-sonnet-4-5-thinking', { contents: [userText('x')], generationConfig: { maxOutputTokens: 2000, thinkingConfig: { thinking_budget: 2048 } } });
    const budgetError = await expectError(await call('generateContent', budget, token), 400, 'INVALID_ARGUMENT');
    expect(JSON.parse(budgetError.message).error.message).toContain('`max_tokens` must be greater than `thinking.budget_tokens`');
  });

  it('destroys the socket for reset-after, stalls for stall-after, and sends nothing for empty', async () => {
    const token = await accessToken();
    const body = envelope('gemini-3-flash', { contents: [userText('x')] });
    google.enqueue({ kind: 'reset-after', chunks: 2, text: 'abcdefghijklmnopqrstuvwxyz' });
    const reset = await call('streamGenerateContent', body, token, '?alt=sse');
    expect(reset.status).toBe(200);
    await expect(reset.text()).rejects.toThrow();

    google.enqueue({ kind: 'empty' });
    const empty = await call('streamGenerateContent', body, token, '?alt=sse');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');

    google.enqueue({ kind: 'stall-after', chunks: 1 });
    const stalled = await call('streamGenerateContent', body, token, '?alt=sse');
    const reader = stalled.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: /);
    const next = await Promise.race([reader.read().then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('silent'), 100))]);
    expect(next).toBe('silent');
    await reader.cancel();

    google.enqueue({ kind: 'raw', status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' });
    const raw = await call('streamGenerateContent', body, token, '?alt=sse');
    expect(raw.status).toBe(502);
    expect(await raw.text()).toBe('<html>Bad Gateway</html>');
  });

  it('uses per-account queues before the global one, then the default reply function', async () => {
    const token = await accessToken();
    const body = envelope('gemini-3-flash', { contents: [userText('x')] });
    google.enqueue({ kind: 'text', text: 'global' });
    google.enqueue({ kind: 'text', text: 'mine' }, EMAIL);
    google.setDefaultReply(({ model, account }) => ({ kind: 'text', text: `${model}/${account}` }));
    const texts: string[] = [];
    for (let index = 0; index < 3; index++) {
      texts.push((await streamParts(token, body)).map((part) => part.text).join(''));
    }
    expect(texts).toEqual(['mine', 'global', `gemini-3-flash/${EMAIL}`]);
    expect(google.requestsTo('streamGenerateContent')[0]).toMatchObject({ method: 'POST', query: 'alt=sse', account: EMAIL, body });
  });
});

describe('search grounding', () => {
  const search = { googleSearch: {} };
  const sources = [
    { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-1', title: 'example.com' },
    { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/fake-2', title: 'example.org' },
  ];

  function expectedMetadata(queries: string[], text: string, chunkSources = sources): Record<string, unknown> {
    return {
      webSearchQueries: queries,
      searchEntryPoint: { renderedContent: expect.stringMatching(/^<style>[\s\S]*<\/style><div[\s\S]*<\/div>$/) },
      groundingChunks: chunkSources.map((source) => ({ web: source })),
      groundingSupports: [
        {
          segment: { startIndex: 0, endIndex: Buffer.byteLength(text), text },
          groundingChunkIndices: chunkSources.map((_, index) => index),
          confidenceScores: [0.9, 0.8, 0.7].slice(0, chunkSources.length),
        },
      ],
    };
  }

  it('streams the default grounded reply with groundingMetadata on the final event only', async () => {
    const token = await accessToken();
    const question = 'who won the 2024 chess olympiad in budapest, and which players were on the winning team?';
    const query = Array.from(question).slice(0, 60).join('');
    const text = `Hello from gemini-3-flash: ${query}`;
    const body = envelope('gemini-3-flash', {
      contents: [userText(question)],
      tools: [search],
      generationConfig: { thinkingConfig: { includeThoughts: true } },
    });
    const response = await call('streamGenerateContent', body, token, '?alt=sse');
    expect(response.status).toBe(200);
    const chunks = parseSse(await response.text());
    expect(chunks.length).toBeGreaterThan(2);
    const parts = partsOf(chunks);
    expect(parts.filter((part) => part.thought !== true).map((part) => part.text).join('')).toBe(text);
    expect(parts.some((part) => part.thought === true)).toBe(true);

    const last = chunks.at(-1)!.response.candidates![0]!;
    expect(last.finishReason).toBe('STOP');
    expect(last.groundingMetadata).toEqual(expectedMetadata([query], text));
    expect(Object.keys(last)).toEqual(['content', 'finishReason', 'groundingMetadata']);
    expect(chunks.slice(0, -1).every((chunk) => chunk.response.candidates![0]!.groundingMetadata === undefined)).toBe(true);
    const rendered = (last.groundingMetadata as { searchEntryPoint: { renderedContent: string } }).searchEntryPoint.renderedContent;
    expect(rendered).toContain(`href="https://www.google.com/search?q=${encodeURIComponent(query)}"`);
  });

  it('puts groundingMetadata on the generateContent answer, also for snake_case google_search', async () => {
    const token = await accessToken();
    for (const tools of [[search], [{ google_search: {} }]]) {
      const single = (await (await call('generateContent', envelope('gemini-2.5-pro', { contents: [userText('latest news')], tools }), token)).json()) as Chunk;
      const text = 'Hello from gemini-2.5-pro: latest news';
      expect(single.response.candidates).toEqual([
        { content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', groundingMetadata: expectedMetadata(['latest news'], text) },
      ]);
    }
    // Without a search tool there is no grounding.
    const plain = (await (await call('generateContent', envelope('gemini-2.5-pro', { contents: [userText('latest news')] }), token)).json()) as Chunk;
    expect(plain.response.candidates![0]).not.toHaveProperty('groundingMetadata');
  });

  it('honours an enqueued text reply with grounding', async () => {
    const token = await accessToken();
    const mine = [
      { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/a', title: 'a.example' },
      { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/b', title: 'b.example' },
      { uri: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/c', title: 'c.example' },
    ];
    const text = 'Grounded: café ☕';
    const reply: FakeReply = { kind: 'text', text, grounding: { queries: ['café <near> me', 'coffee'], sources: mine } };
    const body = envelope('gemini-3-flash', { contents: [userText('x')], tools: [search] });

    google.enqueue(reply);
    const chunks = parseSse(await (await call('streamGenerateContent', body, token, '?alt=sse')).text());
    const last = chunks.at(-1)!.response.candidates![0]!;
    expect(last.groundingMetadata).toEqual(expectedMetadata(['café <near> me', 'coffee'], text, mine));
    expect(JSON.stringify(last.groundingMetadata)).toContain('café &#60;near&#62; me');
    expect(chunks.slice(0, -1).every((chunk) => chunk.response.candidates![0]!.groundingMetadata === undefined)).toBe(true);

    // Honoured even without a search tool in the request (the test decides).
    google.enqueue(reply);
    const single = (await (await call('generateContent', envelope('gemini-3-flash', { contents: [userText('x')] }), token)).json()) as Chunk;
    expect(single.response.candidates![0]!.groundingMetadata).toEqual(expectedMetadata(['café <near> me', 'coffee'], text, mine));
  });

  it('rejects googleSearch on Claude models and mixed with function declarations', async () => {
    const token = await accessToken();
    for (const model of ['claude-sonnet-4-5', 'claude-opus-4-6-thinking']) {
      const request = envelope(model, { contents: [userText('x')], tools: [search] });
      expect((await expectError(await call('generateContent', request, token), 400, 'INVALID_ARGUMENT')).message).toBe(
        `Search grounding is not supported for model ${model}.`,
      );
      const streamed = await call('streamGenerateContent', request, token, '?alt=sse');
      expect(streamed.headers.get('content-type')).toBe('text/event-stream');
      expect((await expectError(streamed, 400, 'INVALID_ARGUMENT')).message).toBe(`Search grounding is not supported for model ${model}.`);
    }

    const mixedMessage = 'Multiple tools are supported only when they are all search tools.';
    for (const tools of [[search, weatherTool], [{ ...weatherTool, google_search: {} }]]) {
      for (const model of ['gemini-3-flash', 'claude-sonnet-4-5']) {
        const mixed = await call('generateContent', envelope(model, { contents: [userText('x')], tools }), token);
        expect((await expectError(mixed, 400, 'INVALID_ARGUMENT')).message).toBe(mixedMessage);
      }
    }
  });
});

describe('image generation', () => {
  const IMAGE_MODEL = 'gemini-3-pro-image';
  const png = { inlineData: { mimeType: 'image/png', data: FAKE_IMAGE_PNG_BASE64 } };

  /** The image model is not a default one: an account lists it in `quotas`. */
  async function imageToken(): Promise<string> {
    google.addAccount({ email: EMAIL, refreshToken: REFRESH, projectId: 'proj-alice', tier: 'standard-tier', quotas: { [IMAGE_MODEL]: {} } });
    return accessToken();
  }

  const draw = (extra: Record<string, unknown> = {}, model = IMAGE_MODEL) =>
    envelope(model, { contents: [userText('draw a blue square')], generationConfig: { candidateCount: 1, imageConfig: { aspectRatio: '16:9', imageSize: '4K' } }, ...extra });

  it('exports a real 1x1 PNG', () => {
    const bytes = Buffer.from(FAKE_IMAGE_PNG_BASE64, 'base64');
    expect(bytes.toString('base64')).toBe(FAKE_IMAGE_PNG_BASE64);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks: Array<{ type: string; data: Buffer }> = [];
    for (let offset = 8; offset < bytes.length; ) {
      const length = bytes.readUInt32BE(offset);
      const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
      expect(bytes.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
      chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4) });
      offset += 12 + length;
    }
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = chunks[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([1, 1, 8, 6]); // 1x1, 8-bit RGBA
    expect(inflateSync(chunks[1]!.data)).toHaveLength(1 + 4); // filter byte + one RGBA pixel
  });

  it('is unknown to accounts that do not list it', async () => {
    const token = await accessToken();
    await expectError(await call('generateContent', draw(), token), 404, 'NOT_FOUND');
  });

  it('streams the default image reply as one inlineData event with the image tokens in usage', async () => {
    const token = await imageToken();
    const response = await call('streamGenerateContent', draw(), token, '?alt=sse');
    expect(response.status).toBe(200);
    const chunks = parseSse(await response.text());
    expect(chunks).toHaveLength(1);
    const { candidates, usageMetadata, modelVersion } = chunks[0]!.response;
    expect(candidates).toEqual([{ content: { role: 'model', parts: [png] }, finishReason: 'STOP' }]);
    expect(FAKE_IMAGE_OUTPUT_TOKENS).toBe(1290);
    expect(usageMetadata.candidatesTokenCount).toBe(1290);
    expect(usageMetadata.totalTokenCount).toBe(usageMetadata.promptTokenCount! + 1290);
    expect(usageMetadata).not.toHaveProperty('thoughtsTokenCount');
    expect(modelVersion).toBe(IMAGE_MODEL);
  });

  it('answers generateContent with the default image, also for snake_case fields', async () => {
    const token = await imageToken();
    const single = (await (await call('generateContent', draw(), token)).json()) as Chunk;
    expect(single.response.candidates).toEqual([{ content: { role: 'model', parts: [png] }, finishReason: 'STOP' }]);
    expect(single.response.usageMetadata.candidatesTokenCount).toBe(1290);
    expect(single.response.usageMetadata.totalTokenCount).toBe(single.response.usageMetadata.promptTokenCount! + 1290);

    const snake = envelope(IMAGE_MODEL, { contents: [userText('x')], generation_config: { candidate_count: 1, image_config: { aspect_ratio: '21:9', image_size: '1K' } }, tools: [] });
    const snakeReply = (await (await call('generateContent', snake, token)).json()) as Chunk;
    expect(snakeReply.response.candidates![0]!.content.parts).toEqual([png]);
  });

  it('sends an enqueued reply with images after its text, one event per image', async () => {
    const token = await imageToken();
    const jpeg = { mimeType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' };
    const reply: FakeReply = { kind: 'text', text: 'Here you go', images: [{ mimeType: 'image/png', data: FAKE_IMAGE_PNG_BASE64 }, jpeg] };
    const expectedTokens = Math.ceil('Here you go'.length / 4) + 2 * 1290;

    google.enqueue(reply);
    const response = await call('streamGenerateContent', draw(), token, '?alt=sse');
    const chunks = parseSse(await response.text());
    const eventParts = chunks.map((chunk) => chunk.response.candidates![0]!.content.parts);
    expect(eventParts.every((parts) => parts.length === 1)).toBe(true);
    expect(eventParts.slice(-2)).toEqual([[png], [{ inlineData: jpeg }]]);
    expect(
      eventParts
        .slice(0, -2)
        .map((parts) => parts[0]!.text)
        .join(''),
    ).toBe('Here you go');
    expect(chunks.slice(0, -1).every((chunk) => chunk.response.candidates![0]!.finishReason === undefined)).toBe(true);
    expect(chunks.at(-1)!.response.candidates![0]!.finishReason).toBe('STOP');
    const counts = chunks.map((chunk) => chunk.response.usageMetadata.candidatesTokenCount!);
    expect(counts.slice(-3)).toEqual([Math.ceil('Here you go'.length / 4), Math.ceil('Here you go'.length / 4) + 1290, expectedTokens]);

    google.enqueue(reply);
    const single = (await (await call('generateContent', draw(), token)).json()) as Chunk;
    expect(single.response.candidates).toEqual([
      { content: { role: 'model', parts: [{ text: 'Here you go' }, png, { inlineData: jpeg }] }, finishReason: 'STOP' },
    ]);
    expect(single.response.usageMetadata.candidatesTokenCount).toBe(expectedTokens);

    // Empty text with images: no text part at all (any model may carry images when enqueued).
    google.enqueue({ kind: 'text', text: '', images: [jpeg] });
    expect(await streamParts(token, envelope('gemini-3-flash', { contents: [userText('x')] }))).toEqual([{ inlineData: jpeg }]);
    google.enqueue({ kind: 'text', text: '', images: [jpeg] });
    const flash = (await (await call('generateContent', envelope('gemini-3-flash', { contents: [userText('x')] }), token)).json()) as Chunk;
    expect(flash.response.candidates![0]!.content.parts).toEqual([{ inlineData: jpeg }]);
  });

  it('rejects tools and thinking on the image model', async () => {
    const token = await imageToken();
    const toolsMessage = 'Function calling is not enabled for models/gemini-3-pro-image';
    expect((await expectError(await call('generateContent', draw({ tools: [weatherTool] }), token), 400, 'INVALID_ARGUMENT')).message).toBe(toolsMessage);
    for (const tools of [[{ googleSearch: {} }], [{ google_search: {} }]]) {
      expect((await expectError(await call('generateContent', draw({ tools }), token), 400, 'INVALID_ARGUMENT')).message).toBe(
        'Search grounding is not supported for model gemini-3-pro-image.',
      );
    }
    const streamed = await call('streamGenerateContent', draw({ tools: [weatherTool] }), token, '?alt=sse');
    expect(streamed.headers.get('content-type')).toBe('text/event-stream');
    expect((await expectError(streamed, 400, 'INVALID_ARGUMENT')).message).toBe(toolsMessage);

    const thinkingMessage = 'Thinking is not supported for this model.';
    for (const request of [
      { contents: [userText('x')], generationConfig: { thinkingConfig: { includeThoughts: true } } },
      { contents: [userText('x')], generation_config: { thinking_config: { thinking_budget: 0 } } },
    ]) {
      expect((await expectError(await call('generateContent', envelope(IMAGE_MODEL, request), token), 400, 'INVALID_ARGUMENT')).message).toBe(thinkingMessage);
    }

    // Other models take both.
    const flash = envelope('gemini-3-flash', { contents: [userText('x')], tools: [weatherTool], generationConfig: { thinkingConfig: { includeThoughts: true } } });
    expect((await call('generateContent', flash, token)).status).toBe(200);
  });

  it('rejects imageConfig values outside the supported aspect ratios and sizes, for any model', async () => {
    const token = await imageToken();
    const ratioMessage =
      "* GenerateContentRequest.generation_config.image_config.aspect_ratio: aspect_ratio must be one of '1:1', '2:3', '3:2', '3:4', " +
      "'4:3', '4:5', '5:4', '9:16', '16:9', or '21:9'.";
    const sizeMessage = "* GenerateContentRequest.generation_config.image_config.image_size: image_size must be one of '1K', '2K', or '4K'.";
    const withImageConfig = (model: string, generationConfig: Record<string, unknown>) => envelope(model, { contents: [userText('x')], ...generationConfig });
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [IMAGE_MODEL, { generationConfig: { imageConfig: { aspectRatio: '7:3' } } }, ratioMessage],
      [IMAGE_MODEL, { generation_config: { image_config: { aspect_ratio: '16:10', image_size: '1K' } } }, ratioMessage],
      ['gemini-3-flash', { generationConfig: { imageConfig: { aspectRatio: 1.5 } } }, ratioMessage],
      [IMAGE_MODEL, { generationConfig: { imageConfig: { aspectRatio: '1:1', imageSize: '1k' } } }, sizeMessage],
      ['gemini-2.5-pro', { generationConfig: { imageConfig: { image_size: '8K' } } }, sizeMessage],
    ];
    for (const [model, generationConfig, message] of cases) {
      const response = await call('generateContent', withImageConfig(model, generationConfig), token);
      expect((await expectError(response, 400, 'INVALID_ARGUMENT')).message).toBe(message);
    }
    for (const aspectRatio of ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9']) {
      for (const imageSize of ['1K', '2K', '4K']) {
        expect((await call('generateContent', withImageConfig(IMAGE_MODEL, { generationConfig: { imageConfig: { aspectRatio, imageSize } } }), token)).status).toBe(200);
      }
    }
  });
});

describe('error builders', () => {
  it('produce the §11 google.rpc.Status shapes', () => {
    const rate = rateLimitError({ retryDelay: '3.957525076s', model: 'gemini-3-pro-high' });
    expect(rate).toMatchObject({ kind: 'error', status: 429 });
    expect(rate.body).toMatchObject({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'You have exhausted your capacity on this model. Your quota will reset after 3s.',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            domain: 'cloudcode-pa.googleapis.com',
            metadata: { uiMessage: 'true', model: 'gemini-3-pro-high', quotaResetDelay: '3.957525076s' },
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3.957525076s' },
        ],
      },
    });
    expect(rateLimitError({ retryDelay: '0.539477544s' }).body).toMatchObject({ error: { details: [{ metadata: { quotaResetDelay: '539.477544ms' } }, {}] } });

    expect(quotaExhaustedError({ resetDelay: '108h48m20.795762633s' }).body).toMatchObject({
      error: {
        code: 429,
        message: 'Individual quota reached. Contact your administrator to enable overages. Resets in 108h48m20s.',
        details: [
          { reason: 'QUOTA_EXHAUSTED', metadata: { quotaResetDelay: '108h48m20.795762633s' } },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '391700.795762633s' },
        ],
      },
    });
    expect(bareResourceExhaustedError().body).toEqual({
      error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' },
    });
    expect(capacityError('gemini-3-pro-high')).toMatchObject({
      status: 503,
      body: {
        error: {
          status: 'UNAVAILABLE',
          message: 'No capacity available for model gemini-3-pro-high on the server',
          details: [{ reason: 'MODEL_CAPACITY_EXHAUSTED', metadata: { model: 'gemini-3-pro-high' } }],
        },
      },
    });
    expect(validationRequiredError('https://accounts.google.com/verify')).toMatchObject({
      status: 403,
      body: { error: { status: 'PERMISSION_DENIED', details: [{ reason: 'VALIDATION_REQUIRED' }, { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ url: 'https://accounts.google.com/verify' }] }] } },
    });
    expect(permissionDeniedError()).toMatchObject({ status: 403, body: { error: { status: 'PERMISSION_DENIED' } } });
    expect(internalError()).toMatchObject({ status: 500, body: { error: { code: 500, status: 'INTERNAL', message: 'Internal error encountered.' } } });
    expect(notFoundError('gemini-x')).toMatchObject({ status: 404, body: { error: { status: 'NOT_FOUND' } } });
  });
});

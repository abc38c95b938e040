/**
 * Real clients as they are, against the fake Google (which lists the DEFAULT_FAKE_MODELS and
 * answers 404 for any other id): the names current clients send reach a listed model, an unknown
 * name of a known family is served by its family and flagged, and Cline's Gemini provider, which
 * sends Google Search beside its function tools on every request, runs a tool loop.
 */
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI, Type, type Content, type FunctionDeclaration } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogDetail } from '../../proxy-core/monitor/describe-request-log.js';
import type { RequestLogPage } from '../../proxy-core/monitor/query-request-logs.js';
import { DEFAULT_FAKE_MODELS } from '../fakes/fake-google.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let ai: GoogleGenAI;

beforeAll(async () => {
  world = await startTestGateway();
  ai = new GoogleGenAI({ apiKey: world.apiKey, httpOptions: { baseUrl: world.origin } });
});
afterAll(async () => {
  await world.close();
});

interface SentRequest {
  model: string;
  request: { contents: Content[]; tools?: Array<Record<string, unknown>> };
}
const sentModels = () => world.fake.requestsTo('streamGenerateContent').map((request) => (request.body as SentRequest).model);
const lastSent = () => world.fake.requestsTo('streamGenerateContent').at(-1)?.body as SentRequest;

async function adminJson<T>(path: string): Promise<T> {
  const response = await fetch(`${world.origin}/api/admin${path}`, { headers: { authorization: `Bearer ${world.adminToken}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The request log's record of the newest request for `model` (written a moment after the response ends). */
async function loggedRequest(model: string): Promise<RequestLogDetail> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      id = (await adminJson<RequestLogPage>(`/logs?model=${encodeURIComponent(model)}`)).items[0]?.id;
      return id;
    })
    .toBeDefined();
  return (await adminJson<{ item: RequestLogDetail }>(`/logs/${id}`)).item;
}

describe('current client names', () => {
  it('serves Gemini CLI 0.61.0 names, default mode included, with models the upstream lists', async () => {
    // `-m gemini-3-flash` goes out as gemini-3.8-flash; auto mode routes with gemini-3.5-flash-lite.
    const names = ['gemini-3.8-flash', 'gemini-3.5-flash', 'gemini-3.5-flash-lite', 'gemini-3-pro-preview', 'gemini-3.1-pro-preview-customtools', 'gemma-4-31b-it'];
    const before = sentModels().length;
    for (const model of names) {
      const answer = await ai.models.generateContent({ model, contents: `hello from ${model}` });
      expect(answer.text, model).toContain(`hello from ${model}`);
    }
    const called = sentModels().slice(before);
    expect(called).toEqual(['gemini-3-flash', 'gemini-3-flash', 'gemini-3-flash', 'gemini-3-pro-high', 'gemini-3-pro-high', 'gemini-3-flash']);
    for (const model of called) expect(DEFAULT_FAKE_MODELS).toContain(model);
  });

  it("serves the other clients' defaults: Claude Code, Codex CLI, Qwen Code, opencode", async () => {
    const anthropic = new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
    const claude = await anthropic.messages.create({ model: 'claude-opus-4-8', max_tokens: 256, messages: [{ role: 'user', content: 'hi claude' }] });
    expect(claude.content[0]).toMatchObject({ type: 'text' });
    expect(lastSent().model).toBe('claude-opus-4-6-thinking');

    const openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
    for (const [model, upstream] of [
      ['gpt-6.2-sol', 'gemini-3-pro-high'],
      ['gpt-6-luna', 'gemini-3-flash'],
      ['qwen3.7-max', 'gemini-3-pro-high'],
      ['gpt-5.4-nano', 'gemini-3-flash'],
    ] as const) {
      const { data, response } = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      expect(data.choices[0]?.message.content, model).toContain('hi');
      expect(response.headers.get('x-mapped-model'), model).toBe(upstream);
      expect(response.headers.get('x-mapping-rule'), model).toBe('default');
    }
  });
});

describe('family fallback', () => {
  it('serves an unknown name of a known family, flags it as rule family everywhere, and warns once', async () => {
    const name = 'gemini-4.2-flash-experimental';
    const first = await fetch(`${world.origin}/v1beta/models/${name}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': world.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'new model' }] }] }),
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-mapped-model')).toBe('gemini-3-flash');
    expect(first.headers.get('x-mapping-rule')).toBe('family');
    expect(lastSent().model).toBe('gemini-3-flash');
    await ai.models.generateContent({ model: name, contents: 'again' });

    const detect = await fetch(`${world.baseUrl}/models/detect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: name }),
    });
    expect(await detect.json()).toMatchObject({ model: name, mapped_model: 'gemini-3-flash', rule: { kind: 'family', pattern: 'flash' } });
    // The console's "Try a model name" asks the same resolver.
    expect(await world.gateway.control.previewMapping({ model: name })).toMatchObject({ model: 'gemini-3-flash', rule: { kind: 'family', pattern: 'flash' } });

    expect(await loggedRequest(name)).toMatchObject({ model: name, mapped_model: 'gemini-3-flash', mapping_rule: 'family' });
    const warnings = world.logLines.filter((line) => line.includes('WARN') && line.includes(`"${name}"`));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('proxy.custom_mapping');
  });

  it('picks the served model of the family and tier: Pro, Claude Sonnet, Haiku to Flash', async () => {
    const anthropic = new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
    const { response } = await anthropic.messages.create({ model: 'claude-5-sonnet-preview', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(response.headers.get('x-mapped-model')).toBe('claude-sonnet-4-5-thinking');
    expect(response.headers.get('x-mapping-rule')).toBe('family');
    await ai.models.generateContent({ model: 'gemini-4-pro-low', contents: 'hi' });
    expect(lastSent().model).toBe('gemini-3-pro-low');
    await ai.models.generateContent({ model: 'claude-5-haiku', contents: 'hi' });
    expect(lastSent().model).toBe('gemini-3-flash');
  });

  it('sends a name with no family as it is: the upstream 404 reaches each client in its own shape', async () => {
    const gemini: unknown = await ai.models.generateContent({ model: 'foo', contents: 'hi' }).catch((error: unknown) => error);
    expect(gemini).toBeInstanceOf(ApiError);
    expect((gemini as ApiError).status).toBe(404);
    expect(lastSent().model).toBe('foo');
    const openai = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
    const chat: unknown = await openai.chat.completions.create({ model: 'foo', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(chat).toBeInstanceOf(OpenAI.NotFoundError);
    const detect = await fetch(`${world.baseUrl}/models/detect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'foo' }),
    });
    expect(await detect.json()).toMatchObject({ mapped_model: 'foo', rule: { kind: 'passthrough' } });
  });
});

/** Cline's tool set, as its Gemini provider declares it (25 function declarations). */
const clineToolNames = [
  'execute_command', 'read_file', 'write_to_file', 'replace_in_file', 'search_files', 'list_files', 'list_code_definition_names',
  'browser_action', 'use_mcp_tool', 'access_mcp_resource', 'ask_followup_question', 'attempt_completion', 'new_task', 'plan_mode_respond',
  'load_mcp_documentation', 'web_fetch', 'focus_chain', 'condense', 'summarize_task', 'report_bug', 'new_rule', 'apply_patch',
  'github__create_issue', 'github__search_code', 'filesystem__directory_tree',
];
const clineTools: FunctionDeclaration[] = clineToolNames.map((name, index) =>
  // Half with OpenAPI-style schemas, half with JSON Schema as MCP servers send it.
  index % 2 === 0
    ? { name, description: `Cline tool ${name}`, parameters: { type: Type.OBJECT, properties: { path: { type: Type.STRING, description: 'Target path' } }, required: ['path'] } }
    : {
        name,
        description: `Cline tool ${name}`,
        parametersJsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { path: { type: 'string' }, recursive: { type: ['boolean', 'null'] } }, required: ['path'], additionalProperties: false },
      },
);

describe("Cline's Gemini provider", () => {
  it('runs a tool loop with googleSearch beside 25 function declarations: functions served, search dropped with a warning', async () => {
    const config = {
      systemInstruction: 'You are Cline, a highly skilled software engineer.',
      tools: [{ googleSearch: {} }, { functionDeclarations: clineTools }],
      thinkingConfig: { includeThoughts: true, thinkingLevel: 'HIGH' as never },
      temperature: 0,
    };
    const history: Content[] = [{ role: 'user', parts: [{ text: '<task>Please call read_file on the README</task>' }] }];
    const parts = [];
    for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-3-pro-preview', contents: history, config })) {
      parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
    }
    const call = parts.find((part) => part.functionCall !== undefined);
    expect(call?.functionCall).toMatchObject({ name: 'read_file', args: { path: 'test' } });
    const sent = lastSent();
    expect(sent.model).toBe('gemini-3-pro-high');
    expect(JSON.stringify(sent.request.tools)).not.toMatch(/google_?search/i);
    expect((sent.request.tools?.[0]?.functionDeclarations as unknown[] | undefined)?.length).toBe(25);

    // Cline sends the call back with its result; the loop ends with an answer.
    const second = [];
    const turn: Content[] = [...history, { role: 'model', parts }, { role: 'user', parts: [{ functionResponse: { name: 'read_file', id: call?.functionCall?.id, response: { content: '# Skyport' } } }] }];
    for await (const chunk of await ai.models.generateContentStream({ model: 'gemini-3-pro-preview', contents: turn, config })) second.push(chunk.text ?? '');
    expect(second.join('')).toContain('Tool said: {"content":"# Skyport"}');
    expect(lastSent().request.contents.at(-2)?.parts?.[0]?.thoughtSignature).toBe(call?.thoughtSignature);

    const record = await loggedRequest('gemini-3-pro-preview');
    expect(record).toMatchObject({ status: 200, mapped_model: 'gemini-3-pro-high', mapping_rule: 'default' });
    expect(record.warnings).toContain('web search dropped: the upstream cannot search the web and call functions in one request');
    expect(world.logLines.some((line) => line.includes('web search dropped'))).toBe(true);
  });
});

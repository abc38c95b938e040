/**
 * Issue 16: Claude Code's start-up "Warmup" probe (a haiku request whose only user text is
 * `Warmup`) is answered by the gateway, streamed or not, with no upstream call, and logged as
 * answered locally. The installed Claude Code (2.1.x) no longer sends this probe (its binary has
 * no such request), so it is driven here with the official Anthropic SDK, shaped as older Claude
 * Code versions sent it.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  world = await startTestGateway();
  client = new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

const haiku = 'claude-haiku-4-5-20251001';
// As Claude Code sent it: one text block with cache_control, a system prompt and its tools.
const probe = {
  model: haiku,
  max_tokens: 1,
  system: [{ type: 'text' as const, text: "You are Claude Code, Anthropic's official CLI for Claude." }],
  tools: [{ name: 'Read', description: 'Read a file', input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } } }],
  messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Warmup', cache_control: { type: 'ephemeral' as const } }] }],
};
const upstreamCalls = () => world.fake.requestsTo('streamGenerateContent').length + world.fake.requestsTo('generateContent').length;

describe("Claude Code's Warmup probe", () => {
  it('is answered locally with a valid message, costing no upstream call, and logged as such', async () => {
    const before = upstreamCalls();
    const { data: message, response } = await client.messages.create(probe).withResponse();
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: haiku, stop_reason: 'end_turn', content: [{ type: 'text', text: 'Ready.' }] });
    expect(message.id).toMatch(/^msg_/);
    expect(response.headers.get('x-mapped-model')).toBe('local/claude-code-warmup');
    expect(response.headers.get('x-account-email')).toBeNull();
    expect(upstreamCalls()).toBe(before);

    world.gateway.monitor.flush();
    const [row] = world.gateway.monitor.queryLogs({ limit: 1 }).items;
    expect(row).toMatchObject({ protocol: 'anthropic', model: haiku, mapped_model: 'local/claude-code-warmup', account_email: null, status: 200, input_tokens: 0, output_tokens: 0 });
  });

  it('streamed, as a complete Anthropic event stream', async () => {
    const before = upstreamCalls();
    const stream = client.messages.stream({ ...probe, messages: [{ role: 'user', content: 'Warmup' }] });
    const seen: string[] = [];
    stream.on('streamEvent', (event) => seen.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content).toMatchObject([{ type: 'text', text: 'Ready.' }]);
    expect(seen[0]).toBe('message_start');
    expect(seen.at(-1)).toBe('message_stop');
    expect(upstreamCalls()).toBe(before);
  });

  it('only the probe: "Warmup" to another model, or more text, goes upstream', async () => {
    const before = upstreamCalls();
    const sonnet = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Warmup' }] });
    expect(sonnet.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Hello from') });
    await client.messages.create({ model: haiku, max_tokens: 16, messages: [{ role: 'user', content: 'Warmup the oven, please' }] });
    expect(upstreamCalls()).toBe(before + 2);
  });

  it('the console can turn it off; a value that is not true/false is a 400 naming the field and changes nothing', async () => {
    const update = (value: unknown) =>
      fetch(`${world.origin}/api/admin/control/updateSettings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ proxy: { answer_claude_code_warmup: value } }),
      });
    const refused = await update('sometimes');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { param: 'proxy.answer_claude_code_warmup' } });
    expect(world.gateway.settings().proxy.answer_claude_code_warmup).toBe(true);
    const accepted = await update(false);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { settings: { proxy: { answer_claude_code_warmup: boolean } } }).settings.proxy.answer_claude_code_warmup).toBe(false);
    await update(true);
  });

  it('proxy.answer_claude_code_warmup off sends the probe upstream like any request', async () => {
    await world.setSetting('proxy.answer_claude_code_warmup', false);
    try {
      const before = upstreamCalls();
      const message = await client.messages.create(probe);
      expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Hello from') });
      expect(upstreamCalls()).toBe(before + 1);
    } finally {
      await world.setSetting('proxy.answer_claude_code_warmup', true);
    }
  });
});

/** Every bad body gets a 4xx OpenAI-shaped error, and the next request is still served. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  world = await startTestGateway();
  client = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(`${world.baseUrl}/chat/completions`, { method: 'POST', body, headers });
  return { status: response.status, body: (await response.json()) as { error: { message: string; type: string; param: string | null } } };
}

describe('bad input', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['malformed JSON', '{"model": "gemini-3-flash", "messages": [', 400, /not valid JSON/],
    ['a JSON array', '[1,2,3]', 400, /object/i],
    ['missing messages', '{"model":"gemini-3-flash"}', 400, /messages/],
    ['empty messages', '{"model":"gemini-3-flash","messages":[]}', 400, /messages/],
    ['unknown role', '{"model":"gemini-3-flash","messages":[{"role":"wizard","content":"hi"}]}', 400, /role/],
    ['wrong content type', '{"model":"gemini-3-flash","messages":[{"role":"user","content":42}]}', 400, /content/],
    ['missing model', '{"messages":[{"role":"user","content":"hi"}]}', 400, /model/],
    ['temperature as text', '{"model":"gemini-3-flash","temperature":"hot","messages":[{"role":"user","content":"hi"}]}', 400, /temperature/],
    ['deep nesting', `{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}],"metadata":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400, /nested/],
    [
      'an invalid tool schema',
      '{"model":"gemini-3-flash","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"x","parameters":"not a schema"}}]}',
      400,
      /schema|parameters/i,
    ],
  ];
  for (const [name, body, status, message] of cases) {
    it(`answers ${name} with ${status}`, async () => {
      const result = await post(body);
      expect(result.status).toBe(status);
      expect(result.body.error.type).toBe('invalid_request_error');
      expect(result.body.error.message).toMatch(message);
    });
  }

  it('answers a huge body with 413', async () => {
    await world.setSetting('proxy.max_body_mb', 1);
    const result = await post(JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'x'.repeat(2 * 1024 * 1024) }] }));
    expect(result.status).toBe(413);
    expect(result.body.error.message).toMatch(/larger than 1 MiB/);
    await world.setSetting('proxy.max_body_mb', 50);
  });

  it('reports the field at fault through the SDK', async () => {
    const error = await client.chat.completions
      .create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }], n: 2 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/n > 1/);
  });

  it('still serves the next request', async () => {
    const result = await client.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'still alive?' }] });
    expect(result.choices[0]?.message.content).toContain('still alive?');
  });
});

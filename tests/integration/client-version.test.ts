/**
 * Issue 16: the Antigravity version Skyport presents. The fake Google refuses versions below a
 * floor (fake-google-client-headers.ts); the client hears which setting fixes it, the gateway
 * raises an alert, and `upstream.client_version` (a version or `auto`, read from a release feed
 * served here) fixes it without a restart.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayEvent } from '../../proxy-core/control/gateway-event.js';
import { builtInClientVersion } from '../../proxy-core/upstream/resolve-client-version.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let feed: Server;
let feedOrigin: string;
let feedAnswer: { status: number; body: string } = { status: 200, body: 'Auto updater is running. Stable Version: 9.4.2-5724687216017408' };
let feedHits = 0;

beforeAll(async () => {
  world = await startTestGateway();
  feed = createServer((_request, response) => {
    feedHits += 1;
    response.writeHead(feedAnswer.status, { 'content-type': 'text/plain' });
    response.end(feedAnswer.body);
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedOrigin = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await world.close();
  feed.closeAllConnections();
  await new Promise((resolve) => feed.close(resolve));
});
afterEach(async () => {
  world.fake.setMinClientVersion(undefined);
  await world.setSetting('upstream.client_version', builtInClientVersion);
});

const openai = () => new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
const question = { model: 'gemini-3-flash', messages: [{ role: 'user' as const, content: 'hi' }] };
const lastGeneration = () => world.fake.requestsTo('streamGenerateContent').at(-1);

describe('client version', () => {
  it('presents the built-in version in the User-Agent and the client headers', async () => {
    await openai().chat.completions.create(question);
    expect(lastGeneration()?.headers).toMatchObject({
      'user-agent': `antigravity/${builtInClientVersion} ${process.platform}/${process.arch}`,
      'x-client-name': 'antigravity',
      'x-client-version': builtInClientVersion,
    });
  });

  it('a refused version reaches the client as a clear 426 naming the setting, raises an alert and rests no account', async () => {
    world.fake.setMinClientVersion('9.0.0');
    const alerts: GatewayEvent[] = [];
    const unsubscribe = world.gateway.events.subscribe((event) => alerts.push(event), { types: ['alert'] });
    const before = world.fake.requestsTo('streamGenerateContent').length;
    try {
      const error = await openai().chat.completions.create(question).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(426);
      expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain(
        `Google refuses client version ${builtInClientVersion}; set upstream.client_version to the current Antigravity version`,
      );
      const anthropicError = await new Anthropic({ baseURL: world.origin, apiKey: world.apiKey, maxRetries: 0 }).messages
        .create({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      expect((anthropicError as InstanceType<typeof Anthropic.APIError>).status).toBe(426);
      // Every account would be refused the same: one call each, no retry, no cooldown.
      expect(world.fake.requestsTo('streamGenerateContent').length - before).toBe(2);
      expect(world.gateway.accountStore.list()[0]).toMatchObject({ status: 'active', cooldowns: {} });
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        type: 'alert',
        data: { kind: 'client_version_refused', severity: 'error', message: expect.stringContaining(`Google refuses client version ${builtInClientVersion}`) },
      });
    } finally {
      unsubscribe();
    }

    // One setting away from fixed, no restart.
    await world.setSetting('upstream.client_version', '9.1.0');
    const answer = await openai().chat.completions.create(question);
    expect(answer.choices[0]?.message.content).toContain('Hello from');
    expect(lastGeneration()?.headers).toMatchObject({ 'user-agent': expect.stringMatching(/^antigravity\/9\.1\.0 /), 'x-client-version': '9.1.0' });
  });

  it('auto presents the release the feed names, read once and kept', async () => {
    world.fake.setMinClientVersion('9.0.0');
    feedHits = 0;
    feedAnswer = { status: 200, body: 'Auto updater is running. Stable Version: 9.4.2-5724687216017408' };
    await world.setSetting('upstream.client_version_feed_url', feedOrigin);
    await world.setSetting('upstream.client_version', 'auto');
    // The first request may still present the built-in version while the feed is read; the feed is read once.
    await openai().chat.completions.create(question).catch(() => undefined);
    await expect.poll(() => feedHits).toBe(1);
    await expect.poll(async () => (await openai().chat.completions.create(question).then(() => 'ok', () => 'refused'))).toBe('ok');
    expect(lastGeneration()?.headers['x-client-version']).toBe('9.4.2');
    await openai().chat.completions.create(question);
    expect(feedHits).toBe(1);
  });

  it('auto with a feed that answers garbage: the built-in version, one warning, still serving', async () => {
    await world.setSetting('upstream.client_version_feed_url', `${feedOrigin}garbage`);
    feedAnswer = { status: 503, body: '<html>down</html>' };
    feedHits = 0;
    const warningsBefore = world.logLines.filter((line) => line.includes('Could not read the current Antigravity version')).length;
    await world.setSetting('upstream.client_version', 'auto');
    for (let index = 0; index < 3; index += 1) await openai().chat.completions.create(question);
    await expect.poll(() => feedHits).toBe(1);
    await expect
      .poll(() => world.logLines.filter((line) => line.includes('Could not read the current Antigravity version')).length - warningsBefore)
      .toBe(1);
    expect(lastGeneration()?.headers['x-client-version']).toBe(builtInClientVersion);
  });

  it('refuses a client version that is neither auto nor X.Y.Z, naming the field, and keeps the old one', async () => {
    await expect(world.setSetting('upstream.client_version', 'latest')).rejects.toThrow(/upstream\.client_version/);
    expect(world.gateway.settings().upstream.client_version).toBe(builtInClientVersion);
  });
});

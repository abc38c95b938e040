/** A pool of accounts that behave like real ones, driven through the official client. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { createGateway } from '../../proxy-core/create-gateway.js';
import { createLogger } from '../../proxy-core/logging/logger.js';
import { permissionDeniedError, rateLimitError, validationRequiredError } from '../fakes/fake-google-errors.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const question = { model: 'gemini-3-flash', messages: [{ role: 'user' as const, content: 'hello' }] };
const clientFor = (gateway: TestGateway) => new OpenAI({ baseURL: gateway.baseUrl, apiKey: gateway.apiKey, maxRetries: 0 });
const accountState = (gateway: TestGateway, email: string | undefined) => gateway.gateway.accountStore.get(email ?? '');
const callsBy = (gateway: TestGateway, email: string | undefined) =>
  gateway.fake.requestsTo('streamGenerateContent').filter((request) => request.account === email).length;

describe('account pool', () => {
  it('serves a mixed pool through its healthy accounts and records what happened to the others', async () => {
    const healthy = testAccount();
    const limited = testAccount();
    const forbidden = testAccount();
    const revoked = testAccount();
    const unverified = testAccount();
    world = await startTestGateway({ accounts: [healthy, limited, forbidden, revoked, unverified], settings: { 'proxy.max_attempts': 6 } });
    world.fake.revoke(revoked.refreshToken);
    world.fake.enqueue(rateLimitError({ retryDelay: '600s' }), limited.email);
    world.fake.enqueue(permissionDeniedError(), forbidden.email);
    world.fake.enqueue(validationRequiredError('https://accounts.google.com/signin/continue?verify=1'), unverified.email);
    const client = clientFor(world);
    const broken = [limited, forbidden, revoked, unverified];
    // Which account a new conversation lands on is random (power of two choices): keep starting
    // conversations until every broken account was tried once (bounded), then a few more.
    let served = 0;
    for (let index = 0; index < 60 && (broken.some((account) => callsBy(world as TestGateway, account.email) === 0 && account !== revoked) || index < 12); index += 1) {
      const { response } = await client.chat.completions
        .create({ ...question, messages: [{ role: 'user', content: `conversation ${index}` }] })
        .withResponse();
      expect(response.headers.get('x-account-email')).toBe(healthy.email);
      served += 1;
    }
    expect(accountState(world, forbidden.email)).toMatchObject({ status: 'forbidden' });
    expect(accountState(world, unverified.email)).toMatchObject({ status: 'validation_required', validationUrl: 'https://accounts.google.com/signin/continue?verify=1' });
    expect(accountState(world, limited.email)?.cooldowns['gemini-3-flash']).toMatchObject({ reason: 'rate_limited' });
    // Each broken account was tried once and never again: the limited one not before its reset,
    // the revoked one never reached the upstream (its token refresh failed first).
    expect(callsBy(world, limited.email)).toBe(1);
    expect(callsBy(world, forbidden.email)).toBe(1);
    expect(callsBy(world, unverified.email)).toBe(1);
    expect(callsBy(world, revoked.email)).toBe(0);
    expect(callsBy(world, healthy.email)).toBe(served);
    // The revoked account is found out when it is first picked; pick it for sure with a preferred setting.
    await world.setSetting('proxy.preferred_account', revoked.email);
    await client.chat.completions.create(question);
    expect(accountState(world, revoked.email)).toMatchObject({ status: 'revoked' });
    await client.chat.completions.create(question);
    // Why each account was or was not used is in the request log.
    const log = world.logLines.join('\n');
    expect(log).toMatch(/attempt \d+ id=req_\w+ account=\S+ 403 403: mark forbidden, rotate/);
    expect(log).toMatch(/skipped: .*cooling down \(rate_limited on gemini-3-flash\)/);
    expect(log).toMatch(/skipped: .*revoked/);
  });

  it('answers 429 with Retry-After from the earliest reset when every account is cooling down', async () => {
    const accounts = [testAccount(), testAccount()];
    world = await startTestGateway({ accounts });
    world.fake.enqueue(rateLimitError({ retryDelay: '120s' }), accounts[0]?.email);
    world.fake.enqueue(rateLimitError({ retryDelay: '90s' }), accounts[1]?.email);
    const client = clientFor(world);
    for (let index = 0; index < 3; index += 1) {
      const error = await client.chat.completions.create(question).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      const retryAfter = Number((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(85);
      expect(retryAfter).toBeLessThanOrEqual(90);
      expect((error as Error).message).toMatch(/capacity returns in about/);
      expect((error as Error).message).not.toMatch(/@example\.com/);
    }
    expect(world.fake.requestsTo('streamGenerateContent')).toHaveLength(2);
    // Other models are not affected by a limit on this one.
    await expect(client.chat.completions.create({ ...question, model: 'gemini-3-pro-high' })).resolves.toBeDefined();
  });

  it('holds 200 concurrent streams across 3 accounts, every one complete', async () => {
    const accounts = [testAccount(), testAccount(), testAccount()];
    world = await startTestGateway({ accounts });
    const client = clientFor(world);
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const stream = await client.chat.completions.create({ ...question, messages: [{ role: 'user', content: `stream ${index}` }], stream: true });
        let text = '';
        let finish: string | null | undefined;
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta.content ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
        }
        return { text, finish, index };
      }),
    );
    for (const result of results) {
      expect(result.finish).toBe('stop');
      expect(result.text).toContain(`stream ${result.index}`);
    }
    const perAccount = accounts.map((account) => callsBy(world as TestGateway, account.email));
    expect(perAccount.reduce((sum, count) => sum + count, 0)).toBe(200);
    for (const count of perAccount) expect(count).toBeGreaterThan(20);
  });

  it('ends a stream that goes silent after its first bytes with an error', async () => {
    world = await startTestGateway({ settings: { 'proxy.request_timeout_s': 1 } });
    world.fake.enqueue({ kind: 'stall-after', chunks: 2, text: 'this stream will stall after a couple of chunks' });
    const stream = await clientFor(world).chat.completions.create({ ...question, stream: true });
    let finish: string | null | undefined;
    const failure = await (async () => {
      for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    })().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(String((failure as Error).message)).toMatch(/nothing for 1 s|silent|timeout/i);
    expect(finish).toBeUndefined();
  });

  it('starts with a corrupt accounts file kept aside, and a clear warning', async () => {
    world = await startTestGateway({ accounts: [] });
    const { dataDir } = world;
    await world.gateway.close();
    await writeFile(join(dataDir, 'accounts.json'), '{"version":1,"accounts":[{"email":');
    const warnings: string[] = [];
    const gateway = await createGateway({
      dataDir,
      environment: {},
      logger: createLogger({ write: (line) => warnings.push(line) }),
      listen: { host: '127.0.0.1', port: 0 },
    });
    expect(gateway.accountStore.list()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/accounts\.json.*corrupt-/);
    await gateway.close();
  });
});

/**
 * Child process: the fake Google (tests/fakes/fake-google.ts) on a free port.
 * Env: BENCH_CHUNK_DELAY_MS (pause between streamed events, default 0).
 */
import { startFakeGoogle, type FakeAccountOptions } from '../tests/fakes/fake-google.js';
import { runChild } from './child-ipc.js';

export interface FakeInfo extends Record<string, unknown> {
  baseUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
}

void runChild(async () => {
  const chunkDelayMs = Number(process.env.BENCH_CHUNK_DELAY_MS ?? '0');
  const fake = await startFakeGoogle({ chunkDelayMs });
  // The fake records every request for tests; over a benchmark that is an unbounded, growing
  // heap in the fake, so keep only the newest few.
  const trim = setInterval(() => {
    if (fake.requests.length > 200) fake.requests.splice(0, fake.requests.length - 50);
  }, 250);
  trim.unref();

  const info: FakeInfo = { baseUrl: fake.baseUrl, tokenUrl: fake.tokenUrl, userinfoUrl: fake.userinfoUrl };
  return {
    info,
    handlers: {
      addAccount: (account: FakeAccountOptions) => fake.addAccount(account),
      /** Body of the newest streamGenerateContent call (what the gateway sent upstream). */
      lastGenerateEnvelope: () => fake.requestsTo('streamGenerateContent').at(-1)?.body,
      /** Every generation answers with this text (split by the fake into ~5-character events). */
      setDefaultText: (text: string) => fake.setDefaultReply(() => ({ kind: 'text', text })),
      clearDefaultReply: () => fake.setDefaultReply(undefined),
    },
    stop: () => fake.close(),
  };
});

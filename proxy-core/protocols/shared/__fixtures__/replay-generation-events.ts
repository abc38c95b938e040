/**
 * Test support: replays a recorded `*.events.json` as the decoder's async iterator. A fixture
 * entry `{"type":"throw","error":{kind,message,retryAfterSeconds?}}` stands for a mid-stream
 * failure: the iterator throws that GatewayError there, as the real decoder does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayError, type GatewayErrorKind } from '../../../errors/gateway-error.js';
import type { GenerationEvent } from '../../../canonical/generation-event.js';

export type RecordedEvent = GenerationEvent | { type: 'throw'; error: { kind: GatewayErrorKind; message: string; retryAfterSeconds?: number } };

/** `<directory>/<name>.events.json`. */
export function readRecordedEvents(directory: string, name: string): RecordedEvent[] {
  return JSON.parse(readFileSync(join(directory, `${name}.events.json`), 'utf8')) as RecordedEvent[];
}

export async function* replayGenerationEvents(recorded: RecordedEvent[]): AsyncGenerator<GenerationEvent> {
  for (const event of recorded) {
    await Promise.resolve();
    if (event.type === 'throw') {
      const { kind, message, retryAfterSeconds } = event.error;
      throw new GatewayError(kind, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
    }
    yield event;
  }
}

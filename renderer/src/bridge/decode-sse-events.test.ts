import { describe, expect, it } from 'vitest';
import { createSseDecoder, type ServerSentEvent } from './decode-sse-events.js';

async function decode(chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  const stream = new ReadableStream<string>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  }).pipeThrough(createSseDecoder());
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    events.push(value);
  }
}

describe('createSseDecoder', () => {
  it('reads named events, skips comments, joins multi-line data', async () => {
    expect(await decode([': connected\n\n', 'event: status\ndata: {"serving":true}\n\n', 'data: a\ndata: b\n\n'])).toEqual([
      { event: 'status', data: '{"serving":true}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('handles events split anywhere, CRLF split between chunks, and drops an unfinished event', async () => {
    expect(await decode(['event: acc', 'ounts\r', '\ndata: {"items":[]}\r\n\r', '\nevent: log\ndata: {"x":1}'])).toEqual([{ event: 'accounts', data: '{"items":[]}' }]);
  });
});

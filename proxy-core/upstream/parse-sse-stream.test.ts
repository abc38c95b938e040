import { describe, expect, it } from 'vitest';
import { parseSseStream, type SseEvent } from './parse-sse-stream.js';

async function* fromChunks(chunks: Array<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  for (const chunk of chunks) yield chunk;
}

async function collect(chunks: Array<Uint8Array | string>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSseStream(fromChunks(chunks))) events.push(event);
  return events;
}

/** The same bytes cut into pieces of `size` bytes (multibyte characters split on purpose). */
function split(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
  return pieces;
}

describe('parseSseStream', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('splits events on blank lines with %s line endings', async (_name, eol) => {
    const text = `data: {"a":1}${eol}${eol}data: {"b":2}${eol}${eol}`;
    expect(await collect([text])).toEqual([{ data: '{"a":1}' }, { data: '{"b":2}' }]);
  });

  it('handles mixed line endings in one stream', async () => {
    const text = 'data: one\r\n\r\ndata: two\n\ndata: three\r\rdata: four\r\n\n';
    expect(await collect([text])).toEqual([{ data: 'one' }, { data: 'two' }, { data: 'three' }, { data: 'four' }]);
  });

  it('gives the same events whatever the chunk boundaries, CRLF split between chunks included', async () => {
    const text = 'event: first\r\ndata: a\r\ndata: b\r\n\r\n: keep-alive\r\ndata: ünïcödé 🚀 中文\r\n\r\n';
    const expected = [{ event: 'first', data: 'a\nb' }, { data: 'ünïcödé 🚀 中文' }];
    for (const size of [1, 2, 3, 5, 7, 64]) {
      expect(await collect(split(text, size))).toEqual(expected);
    }
  });

  it('turns malformed UTF-8 into U+FFFD as TextDecoder does, whatever the chunk boundaries', async () => {
    const bytes = Buffer.concat([
      Buffer.from('data: a'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('b\n\ndata: z'),
      Buffer.from([0xf0, 0x9f, 0x9a]),
      Buffer.from('\n\ndata: '),
      Buffer.from([0xe4, 0xb8]),
    ]);
    const lines = new TextDecoder().decode(bytes).split('\n\n');
    const expected = lines.map((line) => ({ data: line.slice('data: '.length) }));
    for (const size of [1, 2, 3, 4, 64]) {
      const pieces: Uint8Array[] = [];
      for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
      expect(await collect(pieces)).toEqual(expected);
    }
  });

  it('joins multi-line data with \\n and ignores comments', async () => {
    const text = ': comment\ndata: line 1\n:another comment\ndata: line 2\ndata\n\n';
    expect(await collect([text])).toEqual([{ data: 'line 1\nline 2\n' }]);
  });

  it('accepts fields with and without the space after the colon', async () => {
    const text = 'data:{"x":1}\n\ndata:  two spaces\n\nevent:ping\ndata:\n\n';
    expect(await collect([text])).toEqual([{ data: '{"x":1}' }, { data: ' two spaces' }, { event: 'ping', data: '' }]);
  });

  it('does not dispatch events without data and ignores unknown fields', async () => {
    const text = 'event: lonely\n\nid: 7\nretry: 1000\nfoo: bar\ndata: real\n\n';
    expect(await collect([text])).toEqual([{ data: 'real' }]);
  });

  it('delivers a final event that has no trailing blank line', async () => {
    expect(await collect(['data: first\n\ndata: last'])).toEqual([{ data: 'first' }, { data: 'last' }]);
    expect(await collect(['data: last\n'])).toEqual([{ data: 'last' }]);
  });

  it('drops a leading byte order mark', async () => {
    expect(await collect([new Uint8Array([0xef, 0xbb, 0xbf]), 'data: x\n\n'])).toEqual([{ data: 'x' }]);
    expect(await collect(['\ufeffdata: y\n\n'])).toEqual([{ data: 'y' }]);
  });

  it('yields nothing for an empty body', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect(['', new Uint8Array(0)])).toEqual([]);
  });

  it('stays linear on a long line delivered in many small chunks', async () => {
    const payload = 'x'.repeat(2_000_000);
    const chunks = split(`data: ${payload}\n\n`, 16);
    const started = performance.now();
    const events = await collect(chunks);
    expect(events).toHaveLength(1);
    expect(events[0]?.data.length).toBe(payload.length);
    // Re-scanning the buffer per chunk would be ~10^11 character visits here.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<string> {
      try {
        yield 'data: 1\n\n';
        yield 'data: 2\n\n';
      } finally {
        closed = true;
      }
    }
    for await (const event of parseSseStream(source())) {
      expect(event.data).toBe('1');
      break;
    }
    expect(closed).toBe(true);
  });
});

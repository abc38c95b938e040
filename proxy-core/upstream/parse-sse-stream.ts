/**
 * Server-sent events parser following the WHATWG "event stream interpretation" rules
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end in CRLF, LF or CR (mixed freely), a blank line dispatches the event, `data` lines
 * are joined with `\n`, `:` lines are comments. cloudcode-pa's separator is not confirmed
 * (UPSTREAM-PROTOCOL.md §6), hence the full rule set.
 *
 * Deliberate departure from the spec: an event still pending at EOF (no trailing blank line)
 * is delivered, because the upstream ends streams by closing the connection and a lost last
 * chunk would hide its `finishReason`. A truncated JSON payload then fails to parse upstream
 * of here, which is the right outcome.
 */

export interface SseEvent {
  event?: string;
  data: string;
}

export interface SseParser {
  /** Feeds the next piece of the body; returns the events it completed (often none or one). */
  push(chunk: Uint8Array | string): SseEvent[];
  /** The body ended: returns whatever was still pending. */
  end(): SseEvent[];
}

/**
 * The parser as a synchronous state machine, so a caller can turn each network read into the
 * events it completes in one call (no promise per event).
 */
export function createSseParser(): SseParser {
  // ignoreBOM: strip the one optional leading BOM ourselves, also for string chunks.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const lineBreak = /[\r\n]/g;
  // Pieces of the line not yet terminated; joined once when its terminator arrives, so a long
  // line delivered in many small chunks costs O(length), not O(length²).
  let partialLine: string[] = [];
  let skipLeadingLineFeed = false;
  let atStart = true;
  let dataLines: string[] = [];
  let eventType: string | undefined;

  const takeLine = (line: string, out: SseEvent[]): void => {
    if (line === '') {
      if (dataLines.length === 0) {
        eventType = undefined;
        return;
      }
      const data = dataLines.length === 1 ? (dataLines[0] as string) : dataLines.join('\n');
      out.push(eventType === undefined ? { data } : { event: eventType, data });
      dataLines = [];
      eventType = undefined;
      return;
    }
    if (line.charCodeAt(0) === 0x3a /* ':' */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20 /* ' ' */) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
    else if (field === 'event') eventType = value === '' ? undefined : value;
    // `id` and `retry` have no use here (the upstream never resumes a stream); others are ignored by spec.
  };

  const takeText = (input: string, out: SseEvent[]): void => {
    let text = input;
    if (text === '') return;
    if (atStart) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    if (skipLeadingLineFeed) {
      skipLeadingLineFeed = false;
      if (text.charCodeAt(0) === 0x0a) start = 1;
    }
    for (;;) {
      lineBreak.lastIndex = start;
      const match = lineBreak.exec(text);
      if (match === null) break;
      const end = match.index;
      let line = text.slice(start, end);
      if (partialLine.length > 0) {
        partialLine.push(line);
        line = partialLine.join('');
        partialLine = [];
      }
      start = end + 1;
      if (text.charCodeAt(end) === 0x0d) {
        if (start === text.length) skipLeadingLineFeed = true;
        else if (text.charCodeAt(start) === 0x0a) start += 1;
      }
      takeLine(line, out);
    }
    if (start < text.length) partialLine.push(text.slice(start));
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      takeText(typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true }), out);
      return out;
    },
    end() {
      const out: SseEvent[] = [];
      takeText(decoder.decode(), out);
      if (partialLine.length > 0) {
        const line = partialLine.join('');
        partialLine = [];
        takeLine(line, out);
      }
      takeLine('', out);
      return out;
    },
  };
}

export async function* parseSseStream(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const parser = createSseParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}

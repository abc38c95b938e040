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
  // The one optional leading BOM is stripped below, also for string chunks.
  const decoder = createUtf8ChunkDecoder();
  // Pieces of the line not yet terminated; joined once when its terminator arrives, so a long
  // line delivered in many small chunks costs O(length), not O(length²).
  let partialLine: string[] = [];
  let skipLeadingLineFeed = false;
  let atStart = true;
  let dataLines: string[] = [];
  let eventType: string | undefined;

  /** The line `text[start, end)`, read in place: only a field's value is copied out. */
  const takeLine = (text: string, start: number, end: number, out: SseEvent[]): void => {
    if (start === end) {
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
    if (text.charCodeAt(start) === 0x3a /* ':' */) return;
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== 0x3a) colon += 1;
    const fieldLength = colon - start;
    let valueStart = colon + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === 0x20 /* ' ' */) valueStart += 1;
    if (fieldLength === 4 && text.startsWith('data', start)) dataLines.push(valueStart >= end ? '' : text.slice(valueStart, end));
    else if (fieldLength === 5 && text.startsWith('event', start)) eventType = valueStart >= end ? undefined : text.slice(valueStart, end);
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
    // The next LF and the next CR, each searched again only once passed: linear in the text.
    let lineFeed = text.indexOf('\n', start);
    let carriageReturn = text.indexOf('\r', start);
    while (lineFeed !== -1 || carriageReturn !== -1) {
      const atCarriageReturn = carriageReturn !== -1 && (lineFeed === -1 || carriageReturn < lineFeed);
      const end = atCarriageReturn ? carriageReturn : lineFeed;
      if (partialLine.length > 0) {
        partialLine.push(text.slice(start, end));
        const line = partialLine.join('');
        partialLine = [];
        takeLine(line, 0, line.length, out);
      } else {
        takeLine(text, start, end, out);
      }
      start = end + 1;
      if (atCarriageReturn) {
        if (start === text.length) skipLeadingLineFeed = true;
        else if (text.charCodeAt(start) === 0x0a) start += 1;
      }
      if (lineFeed !== -1 && lineFeed < start) lineFeed = text.indexOf('\n', start);
      if (carriageReturn !== -1 && carriageReturn < start) carriageReturn = text.indexOf('\r', start);
    }
    if (start < text.length) partialLine.push(text.slice(start));
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      takeText(typeof chunk === 'string' ? decoder.flush() + chunk : decoder.decode(chunk), out);
      return out;
    },
    end() {
      const out: SseEvent[] = [];
      takeText(decoder.flush(), out);
      if (partialLine.length > 0) {
        const line = partialLine.join('');
        partialLine = [];
        takeLine(line, 0, line.length, out);
      }
      takeLine('', 0, 0, out);
      return out;
    },
  };
}

/** Bytes a UTF-8 sequence starting with `lead` takes (1 for ASCII and for bytes that start none). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  return 1;
}

/** How many leading bytes of `bytes` end on a UTF-8 sequence boundary (all but an unfinished last sequence). */
function completeLength(bytes: Uint8Array): number {
  const length = bytes.length;
  // A sequence is at most 4 bytes: its lead is among the last 4.
  for (let index = length - 1; index >= 0 && index >= length - 4; index -= 1) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    return length - index < sequenceLength(byte) ? index : length;
  }
  return length;
}

/**
 * UTF-8 bytes arriving in pieces -> text, a sequence cut between two pieces held back until its
 * end arrives. Decodes with Buffer's UTF-8 decoder (malformed bytes become U+FFFD, as with
 * TextDecoder); TextDecoder's streaming mode goes through ICU and costs several times more.
 */
function createUtf8ChunkDecoder(): { decode(chunk: Uint8Array): string; flush(): string } {
  let held: Buffer | undefined;
  return {
    decode(chunk) {
      let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (held !== undefined) {
        bytes = Buffer.concat([held, bytes]);
        held = undefined;
      }
      const end = completeLength(bytes);
      // A copy of the few held bytes: the reader may reuse its buffer.
      if (end < bytes.length) held = Buffer.from(bytes.subarray(end));
      return bytes.toString('utf8', 0, end);
    },
    flush() {
      const rest = held === undefined ? '' : held.toString('utf8');
      held = undefined;
      return rest;
    },
  };
}

export async function* parseSseStream(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const parser = createSseParser();
  for await (const chunk of body) yield* parser.push(chunk);
  yield* parser.end();
}

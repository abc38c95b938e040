/**
 * Server-sent events from a fetch body (EventSource cannot send the Authorization header).
 * Follows the WHATWG parsing rules that matter here: `event:` and `data:` fields, multi-line
 * data joined by "\n", comments (`:`) ignored, CR/LF/CRLF line ends, a blank line ends an event.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export interface ServerSentEvent {
  event: string;
  data: string;
}

export function createSseDecoder(): TransformStream<string, ServerSentEvent> {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];
  let pendingCarriageReturn = false;

  const dispatch = (controller: TransformStreamDefaultController<ServerSentEvent>) => {
    if (dataLines.length > 0) controller.enqueue({ event: eventName === '' ? 'message' : eventName, data: dataLines.join('\n') });
    eventName = '';
    dataLines = [];
  };

  const processLine = (line: string, controller: TransformStreamDefaultController<ServerSentEvent>) => {
    if (line === '') {
      dispatch(controller);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
  };

  return new TransformStream<string, ServerSentEvent>({
    transform(chunk, controller) {
      let text = chunk;
      // A CRLF split across chunks: the LF belongs to the line already ended by the CR.
      if (pendingCarriageReturn && text.startsWith('\n')) text = text.slice(1);
      pendingCarriageReturn = false;
      buffer += text;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (match === null) break;
        if (match[0] === '\r' && match.index === buffer.length - 1) {
          pendingCarriageReturn = true;
        }
        processLine(buffer.slice(0, match.index), controller);
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    flush() {
      // An event without its closing blank line is incomplete: dropped, as the spec says.
      buffer = '';
      dataLines = [];
    },
  });
}

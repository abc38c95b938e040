/**
 * An upstream whose own CPU is small next to the proxies in front of it. `capture` sends the
 * gateway's Cloud Code call to the fake Google once, over a raw socket, and keeps the answer as the
 * fake put it on the wire: its status line and headers verbatim (only `Date` is kept current), and
 * its chunked body chunk by chunk, in the groups the fake flushed them in. Every later
 * `POST /v1internal:streamGenerateContent?alt=sse` is answered with those bytes by a plain `net`
 * server, without an HTTP object per request. Every other request (loadCodeAssist,
 * fetchAvailableModels, a generation call before the capture) is passed through to the fake, so the
 * gateway's account setup still meets the real fake.
 *
 * Why: the fake spends about 250 µs of CPU per generation (it validates the envelope, plans the
 * reply, serializes every event). On a 2-core box that CPU competes with the proxy under test and
 * flattens the gateway/bare throughput ratio; with this upstream the ratio shows the proxies.
 *
 * Requests are parsed only as far as the benchmark's clients (undici) need: a request line, header
 * lines, and a body framed by Content-Length or chunked. Anything else closes the connection.
 */
import { STATUS_CODES } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { request as undiciRequest } from 'undici';

export const generatePath = '/v1internal:streamGenerateContent?alt=sse';

/** What `capture` recorded, which every later generation call gets. */
export interface CapturedAnswer {
  status: number;
  /** Header lines as the fake sent them (`Date` left out: it is written fresh). */
  headerLines: string[];
  /** The chunked body's chunks (each one `write` of the fake), in the groups the fake flushed together. */
  groups: Buffer[][];
  /** The SSE body, de-chunked. */
  body: Buffer;
}

export interface CheapUpstream {
  baseUrl: string;
  /** Record the fake's answer to this call; throws unless it is a 200 with a chunked body. */
  capture(call: { headers: Record<string, string>; body: string }): Promise<CapturedAnswer>;
  /** Generation calls answered from the captured bytes so far. */
  answered(): number;
  close(): Promise<void>;
}

// -------------------------------------------------------------------------------- request parsing

export interface ParsedRequest {
  method: string;
  target: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One HTTP/1.1 request from the front of `data`: the request and the bytes it used, `undefined` when
 * more bytes are needed, or an Error for a framing this parser does not take.
 */
export function parseRequest(data: Buffer): { request: ParsedRequest; used: number } | undefined | Error {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return data.length > 65_536 ? new Error('request head over 64 KiB') : undefined;
  const lines = data.toString('latin1', 0, headEnd).split('\r\n');
  const [method, target, version] = lines[0]!.split(' ');
  if (method === undefined || target === undefined || version !== 'HTTP/1.1') return new Error(`unsupported request line ${JSON.stringify(lines[0])}`);
  const headers: Record<string, string> = {};
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return new Error(`bad header line ${JSON.stringify(line)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bodyStart = headEnd + 4;
  if (headers['transfer-encoding'] !== undefined) {
    if (headers['transfer-encoding'].toLowerCase() !== 'chunked') return new Error(`unsupported transfer-encoding ${headers['transfer-encoding']}`);
    const chunks = parseChunks(data, bodyStart);
    if (chunks === undefined || chunks instanceof Error) return chunks;
    return { request: { method, target, headers, body: Buffer.concat(chunks.chunks) }, used: chunks.end };
  }
  const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0) return new Error(`bad content-length ${headers['content-length']}`);
  if (data.length < bodyStart + length) return undefined;
  return { request: { method, target, headers, body: data.subarray(bodyStart, bodyStart + length) }, used: bodyStart + length };
}

/** A chunked body from `start`: its chunks and where it ends (after the last chunk and the trailer), or undefined if incomplete. */
export function parseChunks(data: Buffer, start: number): { chunks: Buffer[]; end: number } | undefined | Error {
  const chunks: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.toString('latin1', at, lineEnd).split(';')[0]!, 16);
    if (!Number.isSafeInteger(size) || size < 0) return new Error('bad chunk size');
    if (size === 0) {
      // No trailers from the clients this serves: the last chunk is followed by an empty line.
      if (data.length < lineEnd + 4) return undefined;
      return { chunks, end: lineEnd + 4 };
    }
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

// ----------------------------------------------------------------------------------------- capture

/**
 * The fake writes each SSE event with one `write` (one chunk each) and splits some events in two
 * writes with an event-loop turn between them; node:http corks the writes of one turn into one socket
 * write. So a chunk that does not end an event (does not end with a blank line) ends a flush.
 */
export function groupChunksByFlush(chunks: readonly Buffer[]): Buffer[][] {
  const groups: Buffer[][] = [[]];
  for (const chunk of chunks) {
    groups.at(-1)!.push(chunk);
    const endsEvent = chunk.length >= 2 && chunk[chunk.length - 1] === 0x0a && chunk[chunk.length - 2] === 0x0a;
    const endsEventCrlf = chunk.length >= 4 && chunk.subarray(-4).toString('latin1') === '\r\n\r\n';
    if (!endsEvent && !endsEventCrlf) groups.push([]);
  }
  return groups.filter((group) => group.length > 0);
}

/** One raw HTTP/1.1 exchange with `origin`: the response's head text and its de-framed chunks. */
async function rawExchange(origin: URL, path: string, headers: Record<string, string>, body: string): Promise<{ head: string; chunks: Buffer[] }> {
  const payload = Buffer.from(body, 'utf8');
  const lines = [`POST ${path} HTTP/1.1`, `host: ${origin.host}`, 'connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${payload.length}`);
  const socket = connect(Number(origin.port), origin.hostname);
  socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
  const received: Buffer[] = [];
  for await (const piece of socket as AsyncIterable<Buffer>) received.push(piece);
  const data = Buffer.concat(received);
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error('the fake closed before a whole response head');
  const head = data.toString('latin1', 0, headEnd);
  if (!/\r\ntransfer-encoding: chunked/i.test(head)) throw new Error(`the fake's answer is not chunked: ${head.split('\r\n')[0]} ${data.toString('utf8', headEnd + 4, headEnd + 304)}`);
  const chunks = parseChunks(data, headEnd + 4);
  if (chunks === undefined || chunks instanceof Error) throw new Error('the fake closed before the end of its chunked body');
  return { head, chunks: chunks.chunks };
}

// ------------------------------------------------------------------------------------------ server

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length', 'date']);

export async function startCheapUpstream(fakeOrigin: string): Promise<CheapUpstream> {
  const fake = new URL(fakeOrigin);
  /** The captured answer; `flushes` holds the bytes of each socket write after the head. */
  let answer: { beforeDate: string[]; afterDate: string[]; flushes: Buffer[] } | undefined;
  let answered = 0;
  // The Date header, formatted once per second as node:http does.
  let dateSecond = -1;
  let dateLine = '';
  /** A response head: these lines, a current Date, those lines (node:http puts Date after the caller's headers). */
  const headBytes = (beforeDate: readonly string[], afterDate: readonly string[]): Buffer => {
    const second = Math.floor(Date.now() / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateLine = `Date: ${new Date(second * 1000).toUTCString()}`;
    }
    return Buffer.from(`${[...beforeDate, dateLine, ...afterDate].join('\r\n')}\r\n\r\n`, 'latin1');
  };
  const sockets = new Set<Socket>();

  /** One flush per event-loop turn, as the fake's writes reach the wire. */
  const writeFlushes = (socket: Socket, flushes: Buffer[], index: number, done: () => void): void => {
    if (socket.destroyed) return;
    socket.write(flushes[index]!);
    if (index + 1 === flushes.length) done();
    else setImmediate(writeFlushes, socket, flushes, index + 1, done);
  };

  /** Passes a request through to the fake and answers it with a Content-Length body. */
  const passThrough = async (socket: Socket, parsed: ParsedRequest): Promise<void> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(parsed.headers)) if (!hopByHop.has(name)) headers[name] = value;
    const response = await undiciRequest(new URL(parsed.target, fake), {
      method: parsed.method as 'POST',
      headers,
      body: parsed.body.length === 0 ? null : parsed.body,
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    const lines = [`HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode] ?? ''}`];
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || hopByHop.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
    }
    socket.write(Buffer.concat([headBytes(lines, ['Connection: keep-alive', 'Keep-Alive: timeout=5', `Content-Length: ${body.length}`]), body]));
  };

  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    let busy = false;
    const next = (): void => {
      busy = false;
      if (pending.length > 0) serve();
    };
    const serve = (): void => {
      if (busy || socket.destroyed) return;
      const parsed = parseRequest(pending);
      if (parsed === undefined) return;
      if (parsed instanceof Error) {
        socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(parsed.message)}\r\n\r\n${parsed.message}`);
        return;
      }
      pending = pending.subarray(parsed.used);
      busy = true;
      const { request } = parsed;
      if (answer !== undefined && request.method === 'POST' && request.target === generatePath) {
        answered += 1;
        // The fake flushes its head (flushHeaders) before its first events, so it goes in a socket write of its own.
        socket.write(headBytes(answer.beforeDate, answer.afterDate));
        writeFlushes(socket, answer.flushes, 0, next);
        return;
      }
      passThrough(socket, request).then(next, (error: unknown) => {
        const message = `cheap upstream: ${error instanceof Error ? error.message : String(error)}`;
        socket.end(`HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
      });
    };
    socket.on('data', (data: Buffer) => {
      pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
      serve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async capture(call) {
      const { head, chunks } = await rawExchange(fake, generatePath, call.headers, call.body);
      const lines = head.split('\r\n');
      const status = Number(lines[0]!.split(' ')[1]);
      const body = Buffer.concat(chunks);
      if (status !== 200) throw new Error(`the fake answered the capture with ${lines[0]}: ${body.toString('utf8', 0, 300)}`);
      if (chunks.length === 0) throw new Error('the fake answered the capture with an empty body');
      // node:http writes the caller's headers, then Date, Connection (+ Keep-Alive) and Transfer-Encoding. The capture
      // asked for `connection: close`; the proxies keep their connections, as the fake lets them.
      const dateAt = lines.findIndex((line) => /^date:/i.test(line));
      if (dateAt < 0) throw new Error('the fake answered without a Date header');
      const beforeDate = lines.slice(0, dateAt);
      const afterDate = ['Connection: keep-alive', 'Keep-Alive: timeout=5', ...lines.slice(dateAt + 1).filter((line) => !/^(connection|keep-alive):/i.test(line))];
      // Each chunk framed as node:http frames a write; the last group carries the terminating chunk.
      const flushes = groupChunksByFlush(chunks);
      const framed = flushes.map((group) => group.flatMap((chunk) => [Buffer.from(`${chunk.length.toString(16)}\r\n`, 'latin1'), chunk, Buffer.from('\r\n', 'latin1')]));
      framed.at(-1)!.push(Buffer.from('0\r\n\r\n', 'latin1'));
      answer = { beforeDate, afterDate, flushes: framed.map((pieces) => Buffer.concat(pieces)) };
      return { status, headerLines: [...beforeDate.slice(1), ...afterDate], groups: flushes, body };
    },
    answered: () => answered,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * The gateway's logger: one pino logger behind the small Logger interface the code uses. Human
 * lines (`<ISO time> LEVEL message key=value`) by default, JSON lines (pino's shape: level, time,
 * pid, hostname, msg and the fields) with `format: 'json'` (SKYPORT_LOG_FORMAT=json, see
 * resolve-log-options.ts). Every message and every field value passes through redactSecrets, and
 * a field named like a credential is masked whatever its value.
 */
import { hostname } from 'node:os';
import { pino, type Logger as PinoLogger } from 'pino';
import { redactFields } from './redact-fields.js';
import { redactSecrets } from './redact-secrets.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'human' | 'json';
/** Structured context of a line (request id, model, status …); redacted like the message. */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const logLevels: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
export const logFormats: readonly LogFormat[] = ['human', 'json'];

/**
 * stderr, one write per turn of the event loop: a busy gateway logs a line per request, and the
 * lines of requests that end together leave in one system call. Whatever is pending is written
 * when the process exits.
 */
let pendingLines: string[] = [];
let flushScheduled = false;
let exitHookInstalled = false;

function flushStderr(): void {
  flushScheduled = false;
  if (pendingLines.length === 0) return;
  const text = pendingLines.join('');
  pendingLines = [];
  process.stderr.write(text);
}

/** The default `write`: a line to stderr, batched per turn of the event loop. */
export function writeLineToStderr(line: string): void {
  pendingLines.push(`${line}\n`);
  if (flushScheduled) return;
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', flushStderr);
  }
  flushScheduled = true;
  setImmediate(flushStderr).unref();
}

export interface CreateLoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Receives each line without its newline; stderr (batched) by default. */
  write?: (line: string) => void;
  now?: () => Date;
}

const humanLabels: Record<string, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

/** The fields after the message on a human line: `key=value`, strings quoted only when they need it. */
function formatHumanFields(record: Record<string, unknown>): string {
  let text = '';
  for (const [key, value] of Object.entries(record)) {
    if (key === 'level' || key === 'time' || key === 'msg') continue;
    const shown = typeof value === 'string' ? (/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)) : JSON.stringify(value);
    text += ` ${key}=${shown}`;
  }
  return text;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const write = options.write ?? writeLineToStderr;
  const now = options.now ?? (() => new Date());
  const format = options.format ?? 'human';
  // A busy gateway logs several lines per millisecond: the timestamp text is made once per millisecond.
  let stampedAt = Number.NaN;
  let stamp = '';
  const timestamp = (): string => {
    const date = now();
    const time = date.getTime();
    if (time !== stampedAt) {
      stampedAt = time;
      stamp = date.toISOString();
    }
    return stamp;
  };
  // pino writes `JSON + "\n"` to any object with write(); a human line is made from that record,
  // so both formats carry the same (already redacted) content.
  const destination = {
    write(chunk: string) {
      const json = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
      if (format === 'json') {
        write(json);
        return;
      }
      const record = JSON.parse(json) as Record<string, unknown>;
      write(`${String(record.time)} ${humanLabels[String(record.level)] ?? String(record.level)} ${String(record.msg)}${formatHumanFields(record)}`);
    },
  };
  const base: PinoLogger = pino(
    {
      level: options.level ?? 'info',
      // A human line has time and level only; a JSON line also says which process on which host.
      base: format === 'json' ? { pid: process.pid, hostname: hostname() } : null,
      timestamp: () => `,"time":"${timestamp()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const log = (level: LogLevel) => {
    const label = humanLabels[level] as string;
    return (message: string, fields?: LogFields) => {
      if (!base.isLevelEnabled(level)) return;
      const text = redactSecrets(message);
      // A human line without fields is time, label and message: written directly, not built as pino's JSON and parsed
      // back (the request line of every request is one; the JSON round trip gives the same string back).
      if (fields === undefined && format === 'human') write(`${timestamp()} ${label} ${text}`);
      else if (fields === undefined) base[level](text);
      else base[level](redactFields(fields), text);
    };
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The gateway's logger: levels, timestamps, and every line passed through redactSecrets. */
import { redactSecrets } from './redact-secrets.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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

function writeToStderr(line: string): void {
  pendingLines.push(`${line}\n`);
  if (flushScheduled) return;
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', flushStderr);
  }
  flushScheduled = true;
  setImmediate(flushStderr).unref();
}

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const threshold = rank[options.level ?? 'info'];
  const write = options.write ?? writeToStderr;
  const now = options.now ?? (() => new Date());
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
  const log = (level: LogLevel) => {
    const label = level.toUpperCase().padEnd(5);
    return (message: string) => {
      if (rank[level] < threshold) return;
      write(`${timestamp()} ${label} ${redactSecrets(message)}`);
    };
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

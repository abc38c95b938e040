/**
 * The desktop app's log file: `<userData>/logs/skyport.log`, rotated at a few MB with a few old
 * files kept (skyport.log.1 is the newest old one), so an app started from the dock or at login
 * still leaves logs to read ("Show logs" in the tray and Settings). Lines are gathered and written
 * once per turn of the event loop, like stderr; a file that cannot be written is reported once on
 * stderr and then left alone: logging never stops the app.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const logFileName = 'skyport.log';
export const defaultMaxLogBytes = 5 * 1024 * 1024;
/** The current file plus this many old ones. */
export const defaultKeptLogFiles = 3;

export interface LogFiles {
  readonly directory: string;
  readonly path: string;
  /** One line, without its newline. */
  write(line: string): void;
  /** Writes what is pending now (at quit). */
  flush(): void;
  close(): void;
}

export interface LogFilesOptions {
  directory: string;
  maxBytes?: number;
  keptFiles?: number;
  /** Where the first write failure is reported (stderr by default). */
  reportFailure?: (message: string) => void;
  /** Runs the flush later (setImmediate by default; tests flush by hand). */
  schedule?: (flush: () => void) => void;
}

export function openLogFiles(options: LogFilesOptions): LogFiles {
  const maxBytes = options.maxBytes ?? defaultMaxLogBytes;
  const keptFiles = options.keptFiles ?? defaultKeptLogFiles;
  const reportFailure = options.reportFailure ?? ((message) => process.stderr.write(`${message}\n`));
  const schedule = options.schedule ?? ((flush) => setImmediate(flush).unref());
  const path = join(options.directory, logFileName);
  let descriptor: number | undefined;
  let size = 0;
  let failed = false;
  let pending: string[] = [];
  let scheduled = false;

  const open = () => {
    mkdirSync(options.directory, { recursive: true, mode: 0o700 });
    descriptor = openSync(path, 'a', 0o600);
    size = fstatSync(descriptor).size;
  };
  const rotate = () => {
    if (descriptor !== undefined) closeSync(descriptor);
    descriptor = undefined;
    rmSync(`${path}.${keptFiles}`, { force: true });
    for (let index = keptFiles - 1; index >= 1; index -= 1) {
      try {
        renameSync(`${path}.${index}`, `${path}.${index + 1}`);
      } catch {
        // That old file does not exist (yet).
      }
    }
    renameSync(path, `${path}.1`);
    open();
  };

  const flush = () => {
    scheduled = false;
    if (pending.length === 0 || failed) {
      pending = [];
      return;
    }
    const text = Buffer.from(pending.join(''));
    pending = [];
    try {
      if (descriptor === undefined) open();
      if (size > 0 && size + text.length > maxBytes) rotate();
      writeSync(descriptor as number, text);
      size += text.length;
    } catch (error) {
      failed = true;
      reportFailure(`Skyport cannot write its log file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    directory: options.directory,
    path,
    write(line) {
      if (failed) return;
      pending.push(`${line}\n`);
      if (scheduled) return;
      scheduled = true;
      schedule(flush);
    },
    flush,
    close() {
      flush();
      if (descriptor !== undefined) closeSync(descriptor);
      descriptor = undefined;
    },
  };
}

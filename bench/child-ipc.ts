/**
 * The benchmark's servers each run in their own process (so the load generator's CPU is not
 * counted in theirs and the gateway's RSS can be read alone). This is the small IPC protocol
 * between the orchestrator (run-bench.ts) and those children: a child says `ready` with what the
 * parent needs (port, urls), then answers `call`s; `shutdown`, a lost parent or SIGTERM stop it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as BundleNodeEntryModule from '../scripts/bundle-node-entry.mjs';

export type ReadyInfo = Record<string, unknown>;

type ChildMessage =
  | { type: 'ready'; info: ReadyInfo }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; value?: unknown; error?: string };

type ParentMessage = { type: 'call'; id: number; method: string; args: unknown[] } | { type: 'shutdown' };

export type Handlers = Record<string, (...args: never[]) => unknown>;

// ------------------------------------------------------------------------------------- child side

/** Run inside a child: start the server with `start`, report `ready`, serve calls, stop on request. */
export async function runChild(start: () => Promise<{ info: ReadyInfo; handlers: Handlers; stop: () => Promise<void> }>): Promise<void> {
  const send = (message: ChildMessage): void => {
    if (process.connected) process.send?.(message);
  };
  let stopping = false;
  let stopServer: (() => Promise<void>) | undefined;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    try {
      await stopServer?.();
    } finally {
      // process.exit (not a signal) so `--cpu-prof` and friends still write their files.
      process.exit(0);
    }
  };
  // No orphans: a parent that died (or forgot us) ends the child.
  process.on('disconnect', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  try {
    const started = await start();
    stopServer = started.stop;
    process.on('message', (raw: ParentMessage) => {
      if (raw.type === 'shutdown') {
        void shutdown();
        return;
      }
      const handler = started.handlers[raw.method] as ((...args: unknown[]) => unknown) | undefined;
      if (handler === undefined) {
        send({ type: 'result', id: raw.id, error: `unknown method ${raw.method}` });
        return;
      }
      Promise.resolve()
        .then(() => handler(...raw.args))
        .then(
          (value) => send({ type: 'result', id: raw.id, value }),
          (error: unknown) => send({ type: 'result', id: raw.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
        );
    });
    send({ type: 'ready', info: started.info });
  } catch (error) {
    send({ type: 'fatal', message: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.exit(1);
  }
}

// ------------------------------------------------------------------------------------ parent side

export interface ChildHandle<Info extends ReadyInfo = ReadyInfo> {
  readonly name: string;
  readonly pid: number;
  readonly info: Info;
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  /** Ask politely, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartChildOptions {
  /** Extra environment variables (on top of process.env). */
  env?: Record<string, string>;
  /** Node flags before tsx's (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  /**
   * Run the script bundled with scripts/bundle-node-entry.mjs (as scripts/build-cli.mjs bundles the CLI), with plain node and source maps,
   * as `npm run serve` runs the gateway, instead of through tsx.
   */
  bundled?: boolean;
  /** Run this already bundled file (absolute path) with plain node and source maps instead of `script`. */
  prebuiltEntry?: string;
  /** Discard the child's stderr (the gateway logs one line per request there). */
  discardStderr?: boolean;
  startTimeoutMs?: number;
  /** Run node under this command, e.g. `['valgrind', '--tool=callgrind']` (count-instructions.ts): `<wrapper…> node <flags> <entry>`. */
  wrapper?: string[];
}

type BundlerModule = typeof BundleNodeEntryModule;

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const live = new Set<ChildProcess>();

function killAllNow(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Whatever happens to the orchestrator, its children go with it.
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }
}

export async function startChild<Info extends ReadyInfo>(name: string, script: string, options: StartChildOptions = {}): Promise<ChildHandle<Info>> {
  installExitHook();
  let entry = join(benchDir, script);
  let loaderFlags = ['--import', 'tsx'];
  if (options.prebuiltEntry !== undefined) {
    entry = options.prebuiltEntry;
    loaderFlags = ['--enable-source-maps'];
  } else if (options.bundled === true) {
    const outfile = join('out', 'bench', basename(script).replace(/\.ts$/, '.mjs'));
    // Loaded here, by a path esbuild does not follow, so the bundled children do not carry esbuild.
    const bundler = pathToFileURL(join(repoRoot, 'scripts', 'bundle-node-entry.mjs')).href;
    const { bundleNodeEntry } = (await import(bundler)) as BundlerModule;
    await bundleNodeEntry(join('bench', script), outfile);
    entry = join(repoRoot, outfile);
    loaderFlags = ['--enable-source-maps'];
  }
  const wrapper = options.wrapper ?? [];
  const child = fork(entry, [], {
    cwd: repoRoot,
    ...(wrapper.length === 0 ? {} : { execPath: wrapper[0] }),
    execArgv: [...wrapper.slice(1), ...(wrapper.length === 0 ? [] : [process.execPath]), ...(options.nodeFlags ?? []), ...loaderFlags],
    env: { ...process.env, ...(options.env ?? {}) },
    stdio: ['ignore', 'inherit', options.discardStderr === true ? 'ignore' : 'inherit', 'ipc'],
  });
  live.add(child);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (code ${code}, signal ${signal})`));
      pending.clear();
      resolve();
    });
  });

  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${options.startTimeoutMs ?? 30_000} ms`)), options.startTimeoutMs ?? 30_000);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.info as Info);
      } else if (message.type === 'fatal') {
        clearTimeout(timer);
        reject(new Error(`${name} failed to start: ${message.message}`));
      } else if (message.type === 'result') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(`${name}: ${message.error}`));
        else waiter?.resolve(message.value);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  const pid = child.pid;
  return {
    name,
    pid,
    info,
    call<T>(method: string, ...args: unknown[]): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ type: 'call', id, method, args } satisfies ParentMessage);
      });
    },
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ type: 'shutdown' } satisfies ParentMessage);
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

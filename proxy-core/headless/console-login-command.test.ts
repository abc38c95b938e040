import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { runConsoleLoginCommand } from './console-login-command.js';

function captureIo(): { io: CliIo; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    io: { stdout: (line) => lines.push(line), stderr: (line) => lines.push(`stderr: ${line}`), environment: {}, homeDir: tmpdir(), stopSignal: new Promise(() => {}), readLine: async () => undefined },
  };
}

describe('console-login', () => {
  const directories: string[] = [];
  afterEach(async () => {
    await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
  });
  async function dataDir(): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), 'skyport-console-login-'));
    directories.push(directory);
    return directory;
  }

  it('on a fresh data dir: makes the admin token (0600), prints the configured address and says no gateway runs, writing no settings', async () => {
    const directory = await dataDir();
    const { io, lines } = captureIo();
    expect(await runConsoleLoginCommand(directory, {}, io)).toBe(0);
    const token = (await readFile(join(directory, 'admin-token'), 'utf8')).trim();
    expect((await stat(join(directory, 'admin-token'))).mode & 0o777).toBe(0o600);
    expect(lines[0]).toBe('Web console: http://127.0.0.1:8045/console/ (no gateway runs on this data dir now: start it with npm run serve)');
    expect(lines).toContain(`  http://127.0.0.1:8045/console/#token=${encodeURIComponent(token)}`);
    expect(lines).toContain(`  ${token}`);
    await expect(stat(join(directory, 'config.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("uses the running gateway's address from the data dir's lock (a serve --port run), and the configured port otherwise", async () => {
    const directory = await dataDir();
    await writeFile(join(directory, 'config.json'), JSON.stringify({ proxy: { port: 9100, admin_password: 'correct horse' } }));
    const { io, lines } = captureIo();
    await runConsoleLoginCommand(directory, {}, io);
    expect(lines[0]).toContain('http://127.0.0.1:9100/console/');
    expect(lines.at(-1)).toBe('The console password works as well.');

    // A live process (this test's parent) holds the lock as `serve` on another port.
    const lock = { id: 'x', pid: process.ppid, command: 'serve', url: 'http://127.0.0.1:9222', started_at: new Date(0).toISOString() };
    await writeFile(join(directory, 'skyport.lock'), JSON.stringify(lock));
    const running = captureIo();
    await runConsoleLoginCommand(directory, {}, running.io);
    expect(running.lines[0]).toBe('Web console: http://127.0.0.1:9222/console/');
  });
});

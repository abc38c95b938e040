import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { quoteSystemdArgument, renderLaunchdAgent, renderSystemdUnit, runServiceCommand } from './service-command.js';

const input = { command: ['/usr/local/bin/node', '/opt/skyport/bin/skyport.mjs', 'serve', '--data-dir', '/home/me/my data'], dataDir: '/home/me/my data', logFile: '/home/me/Library/Logs/skyport.log' };

/** `Key=value` lines of one [Section] of a systemd unit. */
function systemdSection(unit: string, section: string): Record<string, string> {
  const body = unit.split(/^\[/m).find((part) => part.startsWith(`${section}]`)) ?? '';
  return Object.fromEntries(
    body
      .split('\n')
      .slice(1)
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('renderSystemdUnit', () => {
  it('runs serve with the data dir, restarts on failure, stops with SIGTERM and time to drain', () => {
    const service = systemdSection(renderSystemdUnit(input), 'Service');
    expect(service).toMatchObject({
      ExecStart: '/usr/local/bin/node /opt/skyport/bin/skyport.mjs serve --data-dir "/home/me/my data"',
      Restart: 'on-failure',
      KillSignal: 'SIGTERM',
      TimeoutStopSec: '40',
      Environment: 'SKYPORT_LOG_FORMAT=json',
    });
    expect(systemdSection(renderSystemdUnit(input), 'Install')).toEqual({ WantedBy: 'default.target' });
  });

  // systemd's own parser, where the machine has it (Debian's systemd package): no warning about any line.
  const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it.skipIf(!hasSystemdAnalyze)('is accepted by systemd-analyze verify without a warning', () => {
    const directory = mkdtempSync(join(tmpdir(), 'skyport-unit-'));
    try {
      const path = join(directory, 'skyport.service');
      writeFileSync(path, renderSystemdUnit({ ...input, command: [process.execPath, ...input.command.slice(1)] }));
      const result = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
      expect({ status: result.status, stderr: result.stderr.split('\n').filter((line) => line.includes(path)) }).toEqual({ status: 0, stderr: [] });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it.each([
    ['plain/path-1.2', 'plain/path-1.2'],
    ['50%', '50%%'],
    ['a "b"', '"a \\"b\\""'],
    ['$HOME', '"$$HOME"'],
    ['back\\slash x', '"back\\\\slash x"'],
  ])('quotes %s as %s', (value, quoted) => {
    expect(quoteSystemdArgument(value)).toBe(quoted);
  });
});

describe('renderLaunchdAgent', () => {
  it('lists each argument on its own, XML-escaped, restarts only after a failed exit and logs to ~/Library/Logs', () => {
    const plist = renderLaunchdAgent({ ...input, command: [...input.command.slice(0, -1), '/tmp/a&b<c>'] });
    const programArguments = plist.match(/<key>ProgramArguments<\/key>\s*<array>([\s\S]*?)<\/array>/)?.[1] ?? '';
    expect([...programArguments.matchAll(/<string>(.*?)<\/string>/g)].map((match) => match[1])).toEqual([
      '/usr/local/bin/node',
      '/opt/skyport/bin/skyport.mjs',
      'serve',
      '--data-dir',
      '/tmp/a&amp;b&lt;c&gt;',
    ]);
    expect(plist).toMatch(/<key>KeepAlive<\/key>\s*<dict>\s*<key>SuccessfulExit<\/key>\s*<false\/>/);
    expect(plist).toMatch(/<key>ExitTimeOut<\/key>\s*<integer>40<\/integer>/);
    expect(plist).toMatch(/<key>StandardErrorPath<\/key>\s*<string>\/home\/me\/Library\/Logs\/skyport.log<\/string>/);
    // Balanced: every opened element is closed.
    const opened = plist.match(/<(dict|array|plist)\b[^/]*?>/g)?.length;
    expect(plist.match(/<\/(dict|array|plist)>/g)?.length).toBe(opened);
  });
});

describe('skyport service print', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        stdout: (line: string) => out.push(line),
        stderr: (line: string) => err.push(line),
        environment: {},
        homeDir: '/home/me',
        stopSignal: new Promise<string>(() => {}),
        readLine: async () => undefined,
        program: ['/usr/bin/node', '/opt/skyport/bin/skyport.mjs'],
      },
    };
  };

  it('prints a unit for this install and the resolved data dir', async () => {
    const run = io();
    expect(await runCli(['service', 'print', 'systemd', '--data-dir', '/srv/skyport'], run.io)).toBe(0);
    expect(run.out.join('\n')).toContain('ExecStart=/usr/bin/node /opt/skyport/bin/skyport.mjs serve --data-dir /srv/skyport\n');
    const launchd = io();
    expect(await runCli(['service', 'print', 'launchd'], launchd.io)).toBe(0);
    expect(launchd.out.join('\n')).toContain('<string>/home/me/.skyport</string>');
  });

  it('refuses another service manager or action with the usage', async () => {
    const run = io();
    expect(await runCli(['service', 'print', 'upstart'], run.io)).toBe(1);
    expect(run.err).toEqual(['skyport: Usage: skyport service print systemd|launchd']);
    expect(() => runServiceCommand(['install', 'systemd'], { dataDir: '/d', homeDir: '/h', program: ['node'] }, { stdout: () => {} })).toThrow(/Usage/);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogFiles } from './log-files.js';

let directory: string;
beforeEach(() => {
  directory = join(mkdtempSync(join(tmpdir(), 'skyport-logs-')), 'logs');
});
afterEach(() => {
  rmSync(join(directory, '..'), { recursive: true, force: true });
});

/** Flushes only when the test says so, like a turn of the event loop. */
function manual() {
  const flushes: Array<() => void> = [];
  return { schedule: (flush: () => void) => flushes.push(flush), runAll: () => flushes.splice(0).forEach((flush) => flush()) };
}

describe('openLogFiles', () => {
  it('writes the lines of one turn together into <dir>/skyport.log, created private', () => {
    const turn = manual();
    const files = openLogFiles({ directory, schedule: turn.schedule });
    files.write('first');
    files.write('second');
    expect(readdirSync(join(directory, '..'))).toEqual([]);
    turn.runAll();
    expect(readFileSync(join(directory, 'skyport.log'), 'utf8')).toBe('first\nsecond\n');
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(files.path).mode & 0o777).toBe(0o600);
    files.close();
  });

  it('appends to the file an earlier run left', () => {
    const turn = manual();
    openLogFiles({ directory, schedule: turn.schedule }).write('run one');
    turn.runAll();
    const again = openLogFiles({ directory, schedule: turn.schedule });
    again.write('run two');
    again.close();
    expect(readFileSync(join(directory, 'skyport.log'), 'utf8')).toBe('run one\nrun two\n');
  });

  it('rotates at the size limit and keeps only the newest old files', () => {
    const turn = manual();
    const files = openLogFiles({ directory, maxBytes: 20, keptFiles: 2, schedule: turn.schedule });
    for (const line of ['aaaaaaaaa', 'bbbbbbbbb', 'ccccccccc', 'ddddddddd', 'eeeeeeeee', 'fffffffff', 'ggggggggg']) {
      files.write(line);
      turn.runAll();
    }
    files.close();
    expect(readdirSync(directory).sort()).toEqual(['skyport.log', 'skyport.log.1', 'skyport.log.2']);
    expect(readFileSync(join(directory, 'skyport.log'), 'utf8')).toBe('ggggggggg\n');
    expect(readFileSync(join(directory, 'skyport.log.1'), 'utf8')).toBe('eeeeeeeee\nfffffffff\n');
    expect(readFileSync(join(directory, 'skyport.log.2'), 'utf8')).toBe('ccccccccc\nddddddddd\n');
  });

  it('reports a file it cannot write once and goes on without it', () => {
    const turn = manual();
    const failures: string[] = [];
    writeFileSync(join(directory, '..', 'blocker'), '');
    const files = openLogFiles({ directory: join(directory, '..', 'blocker', 'logs'), schedule: turn.schedule, reportFailure: (message) => failures.push(message) });
    files.write('one');
    turn.runAll();
    files.write('two');
    turn.runAll();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^Skyport cannot write its log file .*blocker\/logs\/skyport\.log: /);
    expect(() => files.close()).not.toThrow();
  });
});

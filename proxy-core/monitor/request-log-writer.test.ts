import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertCompletedRequestToRow } from './convert-completed-request-to-row.js';
import { openDatabaseFile } from './open-monitor-database.js';
import { createRequestLogWriter, type RequestLogWriter } from './request-log-writer.js';
import { completedRequest } from './testing/completed-request-fixture.js';
import { manualWriterTimers, type ManualWriterTimers } from './testing/manual-writer-timers.js';

const day = 86_400_000;
const now = 1_700_000_000_000 + 40 * day;
let dir: string;
let path: string;
let db: Database.Database;
let reader: Database.Database;
let timers: ManualWriterTimers;
let warnings: string[];
let retention: { days: number; maxRows: number };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skyport-writer-'));
  path = join(dir, 'skyport.db');
  db = openDatabaseFile(path);
  // A second connection sees only what was committed to the file.
  reader = new Database(path, { readonly: true });
  timers = manualWriterTimers();
  warnings = [];
  retention = { days: 30, maxRows: 100_000 };
});
afterEach(async () => {
  reader.close();
  if (db.open) db.close();
  await rm(dir, { recursive: true, force: true });
});

function writer(options: { maxBatchRows?: number; maxQueueRows?: number } = {}): RequestLogWriter {
  return createRequestLogWriter({ db, retention: () => retention, now: () => now, logger: { warn: (message) => warnings.push(message) }, timers, ...options });
}

const row = (time: number) => convertCompletedRequestToRow(completedRequest({ state: { startedAt: time } }), { clientKey: 'default', maxBodyBytes: 1024 });
const committed = () => reader.prepare('SELECT count(*) FROM request_logs').pluck().get() as number;

describe('request log writer', () => {
  it('queues records in memory and writes them all on the next tick', () => {
    const log = writer();
    for (let index = 0; index < 300; index += 1) log.append(row(now - index));
    expect(log.pending).toBe(300);
    expect(committed()).toBe(0);
    timers.tick();
    expect(log.pending).toBe(0);
    expect(committed()).toBe(300);
    expect(log.rowCount).toBe(300);
  });

  it('writes a full batch soon, without waiting for the tick, once per batch', () => {
    const log = writer({ maxBatchRows: 100 });
    for (let index = 0; index < 250; index += 1) log.append(row(now - index));
    // One deferred flush is enough for everything queued before it runs.
    expect(timers.deferred).toBe(1);
    expect(committed()).toBe(0);
    timers.runDeferred();
    expect(committed()).toBe(250);
  });

  it('writes what is queued on close, stops its timer and ignores later records', () => {
    const log = writer();
    for (let index = 0; index < 10; index += 1) log.append(row(now - index));
    log.close();
    expect(timers.active).toBe(false);
    expect(committed()).toBe(10);
    log.append(row(now));
    expect(log.pending).toBe(0);
  });

  it('drops records past the queue cap and counts them', () => {
    const log = writer({ maxQueueRows: 5 });
    for (let index = 0; index < 8; index += 1) log.append(row(now - index));
    expect(log.pending).toBe(5);
    expect(log.dropped).toBe(3);
    expect(warnings).toHaveLength(1);
  });

  it('deletes records older than the retention days when it starts and on prune', () => {
    const seed = writer();
    seed.append(row(now - 31 * day));
    seed.append(row(now - 29 * day));
    seed.flush();
    expect(committed()).toBe(2);
    expect(seed.prune()).toBe(1);
    expect(committed()).toBe(1);
    retention = { days: 1, maxRows: 100_000 };
    seed.close();
    writer(); // a restart applies retention at once
    expect(committed()).toBe(0);
  });

  it('keeps at most max_rows, the newest, after every write', () => {
    retention = { days: 3650, maxRows: 100 };
    const log = writer();
    // Arrival order differs from insertion order: the oldest by time go first.
    for (let index = 0; index < 250; index += 1) log.append(row(now - ((index * 7919) % 250) * 1000));
    timers.tick();
    expect(committed()).toBe(100);
    expect(log.rowCount).toBe(100);
    const oldestKept = reader.prepare('SELECT min(time) FROM request_logs').pluck().get() as number;
    expect(oldestKept).toBe(now - 99 * 1000);
  });

  it('reports a failed write once, counts the records lost and goes on', () => {
    const log = writer();
    log.append(row(now));
    db.exec('DROP TABLE request_logs');
    timers.tick();
    expect(log.dropped).toBe(1);
    expect(warnings.join('\n')).toMatch(/write failed, 1 records lost/);
    log.append(row(now));
    timers.tick();
    // Same failure again within a minute: counted, not repeated in the log.
    expect(log.dropped).toBe(2);
    expect(warnings).toHaveLength(1);
  });

  it('clears the table and the queue', () => {
    const log = writer();
    log.append(row(now));
    log.flush();
    log.append(row(now - 1));
    expect(log.clear()).toBe(2);
    timers.tick();
    expect(committed()).toBe(0);
  });
});

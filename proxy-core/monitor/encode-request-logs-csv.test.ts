import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertCompletedRequestToRow } from './convert-completed-request-to-row.js';
import { encodeRequestLogsCsv, escapeCsvField, requestLogCsvHeaders } from './encode-request-logs-csv.js';
import { openDatabaseFile } from './open-monitor-database.js';
import { createRequestLogWriter, type RequestLogWriter } from './request-log-writer.js';
import { completedRequest } from './testing/completed-request-fixture.js';
import { manualWriterTimers } from './testing/manual-writer-timers.js';

/** A strict RFC 4180 reader, to check that what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"' && cell === '') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) throw new Error('unterminated quote');
        cell += text.slice(index, quote);
        index = quote + 1;
        if (text[index] === '"') {
          cell += '"';
          index += 1;
        } else break;
      }
      continue;
    }
    if (text[index] === ',') {
      row.push(cell);
      cell = '';
      index += 1;
    } else if (text.startsWith('\r\n', index)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 2;
    } else if (text[index] === '"' || text[index] === '\n' || text[index] === '\r') {
      throw new Error(`bare ${JSON.stringify(text[index])} at ${index}`);
    } else {
      cell += text[index];
      index += 1;
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('last line without CRLF');
  return rows;
}

let db: Database.Database;
let writer: RequestLogWriter;
beforeEach(() => {
  db = openDatabaseFile(':memory:');
  writer = createRequestLogWriter({ db, retention: () => ({ days: 3650, maxRows: 1_000_000 }), now: () => 1_800_000_000_000, logger: { warn: () => {} }, timers: manualWriterTimers() });
});
afterEach(() => {
  writer.close();
  db.close();
});

describe('escapeCsvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [null, ''],
    [42, '42'],
    [true, 'true'],
  ])('%j -> %s', (input, expected) => {
    expect(escapeCsvField(input)).toBe(expected);
  });
});

describe('encodeRequestLogsCsv', () => {
  it('writes a header and every row, newest first, across pages, reading back cell for cell', () => {
    const nasty = 'Upstream said: "quota, exhausted"\nretry later';
    for (let index = 0; index < 7; index += 1) {
      const completed = completedRequest({ state: { startedAt: 1_800_000_000_000 + index, ...(index === 6 ? { errorMessage: nasty, model: '=cmd|calc' } : {}) } });
      writer.append(convertCompletedRequestToRow(completed, { clientKey: 'default', maxBodyBytes: 0 }));
    }
    writer.flush();
    const chunks = [...encodeRequestLogsCsv(db, {}, 3)];
    // Header, then pages of 3, 3 and 1.
    expect(chunks).toHaveLength(4);
    const rows = parseCsv(chunks.join(''));
    expect(rows[0]).toEqual(requestLogCsvHeaders);
    expect(rows).toHaveLength(8);
    const cell = (row: string[] | undefined, name: string) => row?.[requestLogCsvHeaders.indexOf(name)];
    expect(cell(rows[1], 'error')).toBe(nasty);
    expect(cell(rows[1], 'model')).toBe("'=cmd|calc");
    expect(cell(rows[1], 'time')).toBe(new Date(1_800_000_000_006).toISOString());
    expect(cell(rows[7], 'time')).toBe(new Date(1_800_000_000_000).toISOString());
    expect(cell(rows[2], 'input_tokens')).toBe('10');
    expect(cell(rows[2], 'stream')).toBe('false');
    expect(cell(rows[2], 'error')).toBe('');
  });

  it('applies filters', () => {
    writer.append(convertCompletedRequestToRow(completedRequest({ status: 500, state: { errorMessage: 'boom' } }), { clientKey: 'default', maxBodyBytes: 0 }));
    writer.append(convertCompletedRequestToRow(completedRequest(), { clientKey: 'default', maxBodyBytes: 0 }));
    writer.flush();
    const rows = parseCsv([...encodeRequestLogsCsv(db, { status: { kind: 'error' } })].join(''));
    expect(rows).toHaveLength(2);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { aiRequestSql, classifyRequestKind, type RequestKind } from './classify-request-kind.js';

const table: Array<[method: string, path: string, kind: RequestKind]> = [
  ['POST', '/v1/chat/completions', 'ai'],
  ['POST', '/v1/completions', 'ai'],
  ['POST', '/v1/responses', 'ai'],
  ['POST', '/responses', 'ai'],
  ['POST', '/v1/messages', 'ai'],
  ['POST', '/v1/messages/count_tokens', 'ai'],
  ['POST', '/v1/images/generations', 'ai'],
  ['POST', '/v1/images/edits', 'ai'],
  ['POST', '/v1/audio/transcriptions', 'ai'],
  ['POST', '/v1beta/models/gemini-3-flash:generateContent', 'ai'],
  ['POST', '/v1beta/models/gemini-3-flash:streamGenerateContent', 'ai'],
  ['POST', '/v1beta/models/gemini-3-flash:countTokens', 'ai'],
  ['GET', '/v1/models', 'lookup'],
  ['GET', '/v1beta/models', 'lookup'],
  ['POST', '/v1/models/detect', 'lookup'],
  ['GET', '/v1/chat/completions', 'lookup'],
  ['POST', '/v1/chat/completions/responses', 'lookup'],
  ['POST', '/v1beta/models/a/b:generateContent', 'lookup'],
  ['POST', '/v1beta/models/gemini-3-flash:embedContent', 'lookup'],
  ['POST', '/v1/api/event_logging/batch', 'lookup'],
  // The gateway's own warm-ups spend quota like a client's request.
  ['POST', '/warmup', 'ai'],
];

describe('classifyRequestKind', () => {
  it('calls generation and token counting AI requests, and model lists, detect and wrong paths lookups', () => {
    for (const [method, path, kind] of table) expect(classifyRequestKind({ method, path }), `${method} ${path}`).toBe(kind);
  });

  it('says the same in SQL (usage totals) as in code (live counts)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE request_logs (method TEXT NOT NULL, path TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO request_logs (method, path) VALUES (?, ?)');
    for (const [method, path] of table) insert.run(method, path);
    const ai = db.prepare(`SELECT method, path FROM request_logs WHERE ${aiRequestSql}`).all() as Array<{ method: string; path: string }>;
    expect(ai.map((row) => `${row.method} ${row.path}`)).toEqual(table.filter(([, , kind]) => kind === 'ai').map(([method, path]) => `${method} ${path}`));
    db.close();
  });
});

/**
 * The request log's schema, one function per version (migrate-database.ts). Append, never edit:
 * a shipped migration has already run on users' files.
 */
import type { Migration } from './migrate-database.js';

export const monitorMigrations: readonly Migration[] = [
  // 1: one row per finished request. `seq` orders rows that share a millisecond (keyset cursor).
  (db) => {
    db.exec(`
      CREATE TABLE request_logs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        time INTEGER NOT NULL,
        protocol TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        model TEXT,
        mapped_model TEXT,
        account_email TEXT,
        attempts TEXT NOT NULL DEFAULT '[]',
        attempt_count INTEGER NOT NULL DEFAULT 0,
        status INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        ttfb_ms INTEGER,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        cached_tokens INTEGER NOT NULL DEFAULT 0,
        reasoning_tokens INTEGER NOT NULL DEFAULT 0,
        stream INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        client_key TEXT NOT NULL,
        client_ip TEXT,
        request_headers TEXT,
        request_body TEXT,
        response_body TEXT
      );
      CREATE INDEX request_logs_time ON request_logs (time, seq);
    `);
  },
  // 2: which mapping rule chose the model (`family` flags a name no rule knew), and what the
  // conversion left out (a search dropped beside functions, unsupported fields) as a JSON array.
  (db) => {
    db.exec(`
      ALTER TABLE request_logs ADD COLUMN mapping_rule TEXT;
      ALTER TABLE request_logs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
    `);
  },
  // 3: each warning is `{code, message}` (canonical/conversion-warning.ts). Rows written before
  // kept plain strings: they become `{code: null, message}`, nothing else is known of them.
  (db) => {
    const rows = db.prepare(`SELECT seq, warnings FROM request_logs WHERE warnings <> '[]'`).all() as Array<{ seq: number; warnings: string }>;
    const update = db.prepare('UPDATE request_logs SET warnings = ? WHERE seq = ?');
    for (const row of rows) {
      let stored: unknown;
      try {
        stored = JSON.parse(row.warnings);
      } catch {
        stored = [];
      }
      const warnings = Array.isArray(stored) ? stored.flatMap((warning) => (typeof warning === 'string' ? [{ code: null, message: warning }] : [])) : [];
      update.run(JSON.stringify(warnings), row.seq);
    }
  },
];

/**
 * Dossier's state: one SQLite file (better-sqlite3) at DATA_DIR/dossier.db, in WAL mode so several
 * processes (shards, a restart overlapping the old process) can share it, with versioned migrations run
 * at open. Each migration runs once, in a transaction, and is recorded in `schema_migrations`.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Db = Database.Database;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited, a change is a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'daily posts: subscriptions and the ledger of posts',
    sql: `
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
        channel_id TEXT NOT NULL,
        guild_id TEXT,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        disabled_reason TEXT,
        UNIQUE (platform, channel_id)
      );
      CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        local_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('sending', 'retry', 'sent', 'skipped', 'abandoned', 'unknown')),
        attempts INTEGER NOT NULL DEFAULT 0,
        claimed_by TEXT,
        claimed_at INTEGER,
        next_attempt_at INTEGER,
        sent_at INTEGER,
        message_id TEXT,
        last_error TEXT,
        UNIQUE (subscription_id, local_date)
      );
      CREATE INDEX posts_by_status ON posts (status, next_attempt_at);
    `,
  },
];

export function databasePath(dataDir: string): string {
  return join(dataDir, 'dossier.db');
}

/** How long a statement waits for another connection's lock before it fails. */
const BUSY_MS = 5000;

/**
 * Runs `step`, again after a short sleep while SQLite answers SQLITE_BUSY, for up to BUSY_MS. Switching a
 * new file to WAL needs an exclusive lock, and SQLite returns BUSY at once, without calling the busy
 * handler, to a connection that would otherwise deadlock with another one switching the same file (two
 * shards starting together on a fresh data folder): the timeout alone does not cover that case.
 */
function whileBusy<T>(step: () => T): T {
  const deadline = Date.now() + BUSY_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return step();
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() + pause > deadline) throw err;
      // Opening is synchronous (better-sqlite3 is), so the pause is too.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}

/** Opens (creating) the database and brings its schema up to date. */
export function openDatabase(path: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_MS });
  whileBusy(() => db.pragma('journal_mode = WAL'));
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_MS}`);
  whileBusy(() => migrate(db));
  return db;
}

export function migrate(db: Db): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied: number[] = [];
  // IMMEDIATE: two processes opening a new file at once do not both migrate.
  db.transaction(() => {
    const done = new Set(db.prepare('SELECT version FROM schema_migrations').all().map((r) => (r as { version: number }).version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      applied.push(m.version);
    }
  }).immediate();
  return applied;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** A fresh SQLite database file in a temporary folder, for the daily-post tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/db.ts';

export function tempDatabase(): Db {
  return openDatabase(join(mkdtempSync(join(tmpdir(), 'dossier-db-')), 'dossier.db'));
}

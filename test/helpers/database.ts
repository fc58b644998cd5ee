/** A fresh SQLite database file in a temporary folder, for the daily-post tests. */
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { tempDir } from './tempDir.ts';

export function tempDatabase(): Db {
  return openDatabase(join(tempDir('dossier-db-'), 'dossier.db'));
}

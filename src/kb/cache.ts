/**
 * The built knowledge base cached on disk, keyed by the corpus contents: the same files (names and bytes)
 * and the same extraction version give the same key, so a second start reads one JSON file instead of
 * extracting again. Any change to any article, or to KB_VERSION, gives a new key. A missing, corrupt or
 * unwritable cache only costs a rebuild, never an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CorpusWarning } from '../corpus/article.ts';
import { ARTICLE_FILE, MAX_ARTICLE_BYTES } from '../corpus/load.ts';
import { KB_VERSION } from './build.ts';
import type { KnowledgeBaseData } from './records.ts';
import type { SerializedPassageIndex } from './passageIndex.ts';

export interface CachedBuild {
  data: KnowledgeBaseData;
  warnings: CorpusWarning[];
  /** The passage index (see PassageIndex.toSerialized), kept in files of its own: its vocabulary and its numbers. */
  passageIndex?: SerializedPassageIndex;
}

/** How many cache files to keep (other corpora or recent versions of this one). */
const KEEP = 4;

export function defaultCacheDir(cwd = process.cwd()): string {
  return resolve(cwd, '.cache');
}

/** A hash of every article file's name and bytes (and the extraction version), or null when the folder cannot be read. */
export function corpusFingerprint(dir: string): string | null {
  const h = createHash('sha256').update(`dossier-kb-${KB_VERSION}\0`);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => ARTICLE_FILE.test(f) && !f.startsWith('.')).sort();
  } catch {
    return null;
  }
  for (const file of files) {
    const path = join(dir, file);
    try {
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      h.update(file).update('\0');
      // An oversized file is skipped by the loader; its size and time stand in for its bytes.
      if (stat.size > MAX_ARTICLE_BYTES) h.update(`${stat.size}:${stat.mtimeMs}`);
      else h.update(readFileSync(path));
      h.update('\0');
    } catch (err) {
      h.update(`${file}\0unreadable:${(err as NodeJS.ErrnoException).code ?? 'error'}\0`);
    }
  }
  return h.digest('hex').slice(0, 32);
}

function cacheFile(cacheDir: string, key: string): string {
  return join(cacheDir, `kb-${key}.json`);
}

function indexFile(cacheDir: string, key: string): string {
  return join(cacheDir, `kb-${key}.index.json`);
}

function postingsFile(cacheDir: string, key: string): string {
  return join(cacheDir, `kb-${key}.postings.bin`);
}

export function readCache(cacheDir: string, key: string): CachedBuild | null {
  try {
    const parsed = JSON.parse(readFileSync(cacheFile(cacheDir, key), 'utf8')) as Partial<CachedBuild>;
    const data = parsed.data;
    if (!data || data.version !== KB_VERSION || !Array.isArray(data.articles) || !Array.isArray(parsed.warnings)) return null;
    let passageIndex: SerializedPassageIndex | undefined;
    try {
      const bytes = readFileSync(postingsFile(cacheDir, key));
      // A view on the file's bytes, no copy (Buffer pools are 8-byte aligned only for large reads: copy if not).
      const numbers = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) : new Uint32Array(new Uint8Array(bytes).buffer);
      passageIndex = { meta: readFileSync(indexFile(cacheDir, key), 'utf8'), numbers };
    } catch {
      passageIndex = undefined; // built again from the passages
    }
    return { data, warnings: parsed.warnings, passageIndex };
  } catch {
    return null;
  }
}

/** Writes the cache atomically (a reader never sees half a file) and prunes old entries. Returns false when it could not. */
export function writeCache(cacheDir: string, key: string, build: CachedBuild): boolean {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const write = (target: string, content: string | Uint8Array): void => {
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, content);
      renameSync(tmp, target);
    };
    // The index first: a reader that finds the data file finds its index too.
    if (build.passageIndex) {
      const { numbers } = build.passageIndex;
      write(postingsFile(cacheDir, key), new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength));
      write(indexFile(cacheDir, key), build.passageIndex.meta);
    }
    write(cacheFile(cacheDir, key), JSON.stringify({ data: build.data, warnings: build.warnings }));
    const old = readdirSync(cacheDir)
      .filter((f) => /^kb-[0-9a-f]+\.json$/.test(f))
      .map((f) => ({ f, t: statSync(join(cacheDir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP);
    for (const { f } of old) {
      unlinkSync(join(cacheDir, f));
      for (const extra of [f.replace(/\.json$/, '.index.json'), f.replace(/\.json$/, '.postings.bin')]) {
        try {
          unlinkSync(join(cacheDir, extra));
        } catch {
          // no such file
        }
      }
    }
    return true;
  } catch {
    return false;
  }
}

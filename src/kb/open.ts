/**
 * Opens the knowledge base for a corpus folder, the way entry points do:
 * - from the on-disk cache when no file changed (the folder is stat-ed, not read: see cache.ts);
 * - from the cache plus the files added since, taken in place as the corpus watcher takes them, when
 *   only a few files were added;
 * - else by reading and extracting every file on every core, and caching the result.
 * Extraction and the merge rules are imported only when needed: a warm start does not load the word
 * lists and date parser behind them. `openKnowledgeBase` (openSync.ts) does the same in one thread
 * without the in-place path, for tests and small corpora.
 */
import type { CorpusWarning } from '../corpus/article.ts';
import { listArticleFiles } from '../corpus/files.ts';
import type { AnalyzeOptions } from './analyzeAll.ts';
import { checkCache, defaultCacheDir, readCachedBuild, restampCache, stampFiles, writeCache, type CacheCheck, type FileStamp } from './cache.ts';
import { KnowledgeBase } from './knowledgeBase.ts';
import type { KnowledgeBaseData } from './records.ts';

export interface OpenOptions {
  corpusDir: string;
  /** Cache folder; null or undefined for the default (`.cache` in the working directory); false for no cache. */
  cacheDir?: string | null | false;
}

export interface OpenedKnowledgeBase {
  kb: KnowledgeBase;
  /** Problems with the folder or with files that were skipped. */
  warnings: CorpusWarning[];
  /** Whether the knowledge base came from the cache (with `addedInPlace` files added to it). */
  fromCache: boolean;
  /** Files added since the cache was written, taken in place. */
  addedInPlace: number;
  /** Milliseconds it took. */
  ms: number;
  /**
   * Re-stamping the cache's manifest, when this start had to hash files it could not trust by their time
   * (restampCache in cache.ts): done in the background; resolves to whether it was needed and done.
   */
  restamp: Promise<boolean>;
  /** Milliseconds per step, in order ("check cache", "read cache", "extract", …): for logs and the benchmark. */
  phases: Record<string, number>;
}

/** `restamp` of an open that wrote the cache itself, or has no cache. */
export const NOTHING_TO_RESTAMP: Promise<boolean> = Promise.resolve(false);

/** Times the steps of an open. */
export function stepTimer(): { lap(name: string): void; phases: Record<string, number>; elapsed(): number } {
  const started = performance.now();
  let last = started;
  const phases: Record<string, number> = {};
  return {
    phases,
    lap(name) {
      const t = performance.now();
      phases[name] = Math.round((phases[name] ?? 0) + t - last);
      last = t;
    },
    elapsed: () => performance.now() - started,
  };
}

/** Added files are taken in place up to this share of the corpus (and at least a few hundred); more, and a full build merges better and faster. */
export function inPlaceLimit(articles: number): number {
  return Math.max(200, Math.floor(articles * 0.05));
}

/** The cache folder the options name, or null for none. */
export function cacheDirOf(options: OpenOptions): string | null {
  return options.cacheDir === false ? null : options.cacheDir ?? defaultCacheDir();
}

/** What the cache offers for the folder: a knowledge base (possibly missing added files), or nothing. */
export interface FromCache {
  check: CacheCheck;
  kb: KnowledgeBase;
  warnings: CorpusWarning[];
}

export function openCache(cacheDir: string, corpusDir: string, files: readonly string[], timer = stepTimer()): FromCache | null {
  const check = checkCache(cacheDir, corpusDir, files);
  timer.lap('check cache');
  if (!check || check.changed) return null;
  const cached = readCachedBuild(check);
  timer.lap('read cache');
  if (!cached) return null;
  const kb = new KnowledgeBase(cached.data, { passageIndex: cached.passageIndex });
  timer.lap('index');
  return { check, kb, warnings: cached.warnings };
}

/** Builds the knowledge base from its data and caches it (a missing or empty folder is not cached: it may fill before the next start). */
export function keep(data: KnowledgeBaseData, warnings: CorpusWarning[], cache: { dir: string; corpusDir: string; stamps: FileStamp[]; stampedAt: number } | null, timer = stepTimer()): KnowledgeBase {
  const kb = new KnowledgeBase(data);
  timer.lap('index');
  if (cache && data.articles.length > 0) writeCache(cache.dir, cache.corpusDir, { data, warnings, passageIndex: kb.passages.toSerialized() }, cache.stamps, cache.stampedAt);
  timer.lap('write cache');
  return kb;
}

export async function loadKnowledgeBase(options: OpenOptions & AnalyzeOptions): Promise<OpenedKnowledgeBase> {
  const timer = stepTimer();
  const cacheDir = cacheDirOf(options);
  const listed = listArticleFiles(options.corpusDir);
  const cached = cacheDir && !listed.problem ? openCache(cacheDir, listed.dir, listed.files, timer) : null;
  if (cached && cacheDir) {
    const { check, kb } = cached;
    if (check.added.length === 0) {
      return { kb, warnings: cached.warnings, fromCache: true, addedInPlace: 0, restamp: restampCache(check), ms: timer.elapsed(), phases: timer.phases };
    }
    if (check.added.length <= inPlaceLimit(kb.articles.length)) {
      const { addFiles, fingerprintsOf } = await import('./addFiles.ts');
      const { added, warnings } = addFiles(kb, listed.dir, check.added, fingerprintsOf(kb));
      timer.lap('add new files');
      const all = [...cached.warnings, ...warnings];
      writeCache(cacheDir, listed.dir, { data: kb.data, warnings: all, passageIndex: kb.passages.toSerialized() }, check.stamps, Date.now());
      timer.lap('write cache');
      return { kb, warnings: all, fromCache: true, addedInPlace: added.length, restamp: NOTHING_TO_RESTAMP, ms: timer.elapsed(), phases: timer.phases };
    }
  }
  // A full build. The files are stamped before they are read, so a change made meanwhile shows at the next start.
  const stampedAt = Date.now();
  const stamps = cacheDir && !listed.problem ? stampFiles(listed.dir, listed.files) : [];
  timer.lap('stamp files');
  const [{ loadAndAnalyze }, { buildKnowledgeBaseData }] = await Promise.all([import('./analyzeAll.ts'), import('./build.ts')]);
  const corpus = await loadAndAnalyze(options.corpusDir, options);
  timer.lap('extract');
  const data = buildKnowledgeBaseData(corpus, corpus.analyses);
  // The analyses are not needed past this point: let them go before the index is built.
  corpus.analyses.length = 0;
  timer.lap('merge');
  const kb = keep(data, corpus.warnings, cacheDir ? { dir: cacheDir, corpusDir: listed.dir, stamps, stampedAt } : null, timer);
  return { kb, warnings: corpus.warnings, fromCache: false, addedInPlace: 0, restamp: NOTHING_TO_RESTAMP, ms: timer.elapsed(), phases: timer.phases };
}

/** The warnings as lines a person can act on ("skipped broken.txt: the file is binary…"). */
export function describeWarnings(warnings: readonly CorpusWarning[]): string[] {
  return warnings.map((w) => (w.file ? `${w.file}: ${w.message}` : w.message));
}

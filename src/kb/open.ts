/**
 * Opens the knowledge base for a corpus folder: from the on-disk cache when the corpus is unchanged,
 * else by loading and extracting (and caching the result). Every entry point (console, CLI, later the
 * chat adapters) starts here.
 */
import type { CorpusWarning } from '../corpus/article.ts';
import { loadCorpus } from '../corpus/load.ts';
import { buildKnowledgeBaseData } from './build.ts';
import { corpusFingerprint, defaultCacheDir, readCache, writeCache } from './cache.ts';
import { KnowledgeBase } from './knowledgeBase.ts';

export interface OpenOptions {
  corpusDir: string;
  /** Cache folder; null or undefined for the default (`.cache` in the working directory); false for no cache. */
  cacheDir?: string | null | false;
}

export interface OpenedKnowledgeBase {
  kb: KnowledgeBase;
  /** Problems with the folder or with files that were skipped. */
  warnings: CorpusWarning[];
  fromCache: boolean;
  /** Milliseconds it took. */
  ms: number;
}

export function openKnowledgeBase(options: OpenOptions): OpenedKnowledgeBase {
  const started = performance.now();
  const cacheDir = options.cacheDir === false ? null : options.cacheDir ?? defaultCacheDir();
  const key = cacheDir ? corpusFingerprint(options.corpusDir) : null;
  if (cacheDir && key) {
    const cached = readCache(cacheDir, key);
    if (cached) return { kb: new KnowledgeBase(cached.data), warnings: cached.warnings, fromCache: true, ms: performance.now() - started };
  }
  const corpus = loadCorpus(options.corpusDir);
  const data = buildKnowledgeBaseData(corpus);
  // A folder that is missing is not cached: it may appear before the next start.
  if (cacheDir && key && corpus.articles.length > 0) writeCache(cacheDir, key, { data, warnings: corpus.warnings });
  return { kb: new KnowledgeBase(data), warnings: corpus.warnings, fromCache: false, ms: performance.now() - started };
}

/** The warnings as lines a person can act on ("skipped broken.txt: the file is binary…"). */
export function describeWarnings(warnings: readonly CorpusWarning[]): string[] {
  return warnings.map((w) => (w.file ? `${w.file}: ${w.message}` : w.message));
}

/**
 * Opens the knowledge base for a corpus folder: from the on-disk cache when the corpus is unchanged,
 * else by loading and extracting (and caching the result, search index included). Entry points use the
 * asynchronous `loadKnowledgeBase`, which extracts on every core; `openKnowledgeBase` does the same in
 * this thread, for tests and small corpora.
 */
import type { Corpus, CorpusWarning } from '../corpus/article.ts';
import { loadCorpus } from '../corpus/load.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { analyzeArticle } from '../extract/pipeline.ts';
import { loadAndAnalyze, type AnalyzeOptions } from './analyzeAll.ts';
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

interface Plan {
  started: number;
  cacheDir: string | null;
  key: string | null;
}

function plan(options: OpenOptions): Plan & { cached: OpenedKnowledgeBase | null } {
  const started = performance.now();
  const cacheDir = options.cacheDir === false ? null : options.cacheDir ?? defaultCacheDir();
  const key = cacheDir ? corpusFingerprint(options.corpusDir) : null;
  if (cacheDir && key) {
    const cached = readCache(cacheDir, key);
    if (cached) {
      const kb = new KnowledgeBase(cached.data, { passageIndex: cached.passageIndex });
      return { started, cacheDir, key, cached: { kb, warnings: cached.warnings, fromCache: true, ms: performance.now() - started } };
    }
  }
  return { started, cacheDir, key, cached: null };
}

function finish(p: Plan, corpus: Corpus, analyses: ArticleAnalysis[]): OpenedKnowledgeBase {
  const data = buildKnowledgeBaseData(corpus, analyses);
  const kb = new KnowledgeBase(data);
  // A folder that is missing is not cached: it may appear before the next start.
  if (p.cacheDir && p.key && corpus.articles.length > 0) writeCache(p.cacheDir, p.key, { data, warnings: corpus.warnings, passageIndex: kb.passages.toSerialized() });
  return { kb, warnings: corpus.warnings, fromCache: false, ms: performance.now() - p.started };
}

export function openKnowledgeBase(options: OpenOptions): OpenedKnowledgeBase {
  const p = plan(options);
  if (p.cached) return p.cached;
  const corpus = loadCorpus(options.corpusDir);
  return finish(p, corpus, corpus.articles.map(analyzeArticle));
}

/** As openKnowledgeBase, with extraction spread over worker threads. */
export async function loadKnowledgeBase(options: OpenOptions & AnalyzeOptions): Promise<OpenedKnowledgeBase> {
  const p = plan(options);
  if (p.cached) return p.cached;
  const { corpus, analyses } = await loadAndAnalyze(options.corpusDir, options);
  return finish(p, corpus, analyses);
}

/** The warnings as lines a person can act on ("skipped broken.txt: the file is binary…"). */
export function describeWarnings(warnings: readonly CorpusWarning[]): string[] {
  return warnings.map((w) => (w.file ? `${w.file}: ${w.message}` : w.message));
}


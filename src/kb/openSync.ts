/**
 * loadKnowledgeBase (open.ts) in one thread and synchronously, for tests, scripts and small corpora:
 * from the cache when no file changed, else a full build (files added since the cache are not taken in
 * place here).
 */
import { articleText } from '../corpus/article.ts';
import { listArticleFiles } from '../corpus/files.ts';
import { loadCorpus } from '../corpus/load.ts';
import { analyzeArticle } from '../extract/pipeline.ts';
import { buildKnowledgeBaseData } from './build.ts';
import { stampFiles } from './cache.ts';
import { cacheDirOf, keep, NOTHING_TO_RESTAMP, openCache, stepTimer, type OpenedKnowledgeBase, type OpenOptions } from './open.ts';

export function openKnowledgeBase(options: OpenOptions): OpenedKnowledgeBase {
  const timer = stepTimer();
  const cacheDir = cacheDirOf(options);
  const listed = listArticleFiles(options.corpusDir);
  const cached = cacheDir && !listed.problem ? openCache(cacheDir, listed.dir, listed.files, timer) : null;
  if (cached && cached.check.added.length === 0) {
    return { kb: cached.kb, warnings: cached.warnings, fromCache: true, addedInPlace: 0, restamp: NOTHING_TO_RESTAMP, ms: timer.elapsed(), phases: timer.phases };
  }
  const stampedAt = Date.now();
  const stamps = cacheDir && !listed.problem ? stampFiles(listed.dir, listed.files) : [];
  timer.lap('stamp files');
  const corpus = loadCorpus(options.corpusDir);
  const analyses = corpus.articles.map(analyzeArticle);
  timer.lap('extract');
  const data = buildKnowledgeBaseData({ articles: corpus.articles.map(articleText) }, analyses);
  timer.lap('merge');
  const kb = keep(data, corpus.warnings, cacheDir ? { dir: cacheDir, corpusDir: listed.dir, stamps, stampedAt } : null, timer);
  return { kb, warnings: corpus.warnings, fromCache: false, addedInPlace: 0, restamp: NOTHING_TO_RESTAMP, ms: timer.elapsed(), phases: timer.phases };
}

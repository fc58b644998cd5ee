/**
 * New article files taken into a loaded knowledge base in place (KnowledgeBase.addArticle): by the corpus
 * watcher while a bot runs, and at start-up for files added since the cache was written. A file whose
 * article text is already in the knowledge base (a copy under another name) is skipped with a warning, as
 * a cold build would.
 */
import type { CorpusWarning } from '../corpus/article.ts';
import { acceptArticle, articleFingerprint } from '../corpus/load.ts';
import type { KnowledgeBase } from './knowledgeBase.ts';
import { readAndAnalyze } from './readAndAnalyze.ts';

export interface AddedFiles {
  added: string[];
  warnings: CorpusWarning[];
}

/** The article-text fingerprints of a knowledge base's articles (as the loader computes them), by fingerprint → file. */
export function fingerprintsOf(kb: KnowledgeBase): Map<string, string> {
  const seen = new Map<string, string>();
  for (const a of kb.articles) {
    const texts: string[] = [];
    for (let p = 1; p <= a.paragraphCount; p++) texts.push(kb.passage(a.id, p)?.text ?? '');
    seen.set(articleFingerprint(texts), a.file);
  }
  return seen;
}

/** Reads, analyses and adds each file; `seen` (from fingerprintsOf) is kept up to date across calls. */
export function addFiles(kb: KnowledgeBase, dir: string, files: readonly string[], seen: Map<string, string>, onAdded?: (file: string, ms: number) => void): AddedFiles {
  const added: string[] = [];
  const warnings: CorpusWarning[] = [];
  for (const file of files) {
    const started = performance.now();
    const one = readAndAnalyze(dir, file);
    const article = acceptArticle(one, file, seen, warnings);
    if (article && one.analysis && kb.addArticle(article, one.analysis)) {
      added.push(file);
      onAdded?.(file, performance.now() - started);
    }
  }
  return { added, warnings };
}

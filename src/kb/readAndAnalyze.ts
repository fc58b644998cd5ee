/**
 * One file of a cold build, read, parsed and analysed, keeping only what the knowledge base needs (see
 * ArticleText): the same function in a worker thread and in the main thread.
 */
import { articleText, type ArticleText, type CorpusWarning } from '../corpus/article.ts';
import { readArticleFile } from '../corpus/load.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { analyzeArticle } from '../extract/pipeline.ts';

export interface AnalyzedFile {
  article: ArticleText | null;
  warnings: CorpusWarning[];
  /** Hash of the article's text, to skip a second file with the same article. */
  fingerprint: string | null;
  analysis: ArticleAnalysis | null;
}

export function readAndAnalyze(dir: string, file: string): AnalyzedFile {
  const read = readArticleFile(dir, file);
  if (!read.article) return { article: null, warnings: read.warnings, fingerprint: read.fingerprint, analysis: null };
  return { article: articleText(read.article), warnings: read.warnings, fingerprint: read.fingerprint, analysis: analyzeArticle(read.article) };
}

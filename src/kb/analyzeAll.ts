/**
 * Reading and extraction over a whole corpus folder on every core: the files are split between worker
 * threads, each reading, parsing and analysing its share with the same code as the single-threaded path,
 * and the results come back in file order (so duplicates and warnings come out as they would in one
 * thread). A small corpus is done in this thread: starting workers costs more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleText, CorpusWarning } from '../corpus/article.ts';
import { listArticleFiles } from '../corpus/files.ts';
import { acceptArticle, emptyFolderWarning } from '../corpus/load.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { readAndAnalyze, type AnalyzedFile } from './readAndAnalyze.ts';

/** Below this many files one thread is faster. */
export const PARALLEL_FROM = 1500;
/** Files sent to a worker at a time: small enough for steady progress, large enough to keep messages few. */
const BATCH = 250;

export interface AnalyzeOptions {
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The articles of a folder as the knowledge base keeps them, and why any file was skipped. */
export interface AnalyzedCorpus {
  dir: string;
  articles: ArticleText[];
  analyses: ArticleAnalysis[];
  warnings: CorpusWarning[];
}

async function inWorkers(dir: string, files: string[], threads: number, onProgress?: AnalyzeOptions['onProgress']): Promise<AnalyzedFile[]> {
  const results: AnalyzedFile[][] = [];
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./analyzeWorker.boot.mjs', import.meta.url)));
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      let current = -1;
      const feed = (): void => {
        if (next >= batches.length) {
          resolve();
          return;
        }
        current = next++;
        worker.postMessage({ dir, files: batches[current] });
      };
      worker.on('message', (out: AnalyzedFile[]) => {
        results[current] = out;
        done += out.length;
        onProgress?.(done, files.length);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`an extraction worker stopped with code ${code}`));
      });
      feed();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}

/** The articles of a folder and the analysis of each. */
export async function loadAndAnalyze(dir: string, options: AnalyzeOptions = {}): Promise<AnalyzedCorpus> {
  const listed = listArticleFiles(dir);
  if (listed.problem) return { dir: listed.dir, articles: [], analyses: [], warnings: [listed.problem] };
  const corpus = await analyzeFiles(listed.dir, listed.files, options);
  const empty = emptyFolderWarning(corpus.dir, corpus.articles.length, corpus.warnings);
  if (empty) corpus.warnings.push(empty);
  return corpus;
}

/** Reads and analyses the given files of a folder (in this order), skipping broken files and repeated articles. */
export async function analyzeFiles(dir: string, files: string[], options: AnalyzeOptions = {}, seen = new Map<string, string>()): Promise<AnalyzedCorpus> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(files.length / BATCH)));
  let done: AnalyzedFile[];
  if (files.length < PARALLEL_FROM || threads === 1) {
    done = files.map((file, i) => {
      const one = readAndAnalyze(dir, file);
      if ((i + 1) % BATCH === 0) options.onProgress?.(i + 1, files.length);
      return one;
    });
    options.onProgress?.(files.length, files.length);
  } else done = await inWorkers(dir, files, threads, options.onProgress);

  const warnings: CorpusWarning[] = [];
  const articles: ArticleText[] = [];
  const analyses: ArticleAnalysis[] = [];
  done.forEach((d, i) => {
    const article = acceptArticle(d, files[i]!, seen, warnings);
    if (article && d.analysis) {
      articles.push(article);
      analyses.push(d.analysis);
    }
  });
  return { dir, articles, analyses, warnings };
}

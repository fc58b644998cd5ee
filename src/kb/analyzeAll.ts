/**
 * Reading and extraction over a whole corpus folder on every core: the files are split between worker
 * threads, each reading, parsing and analysing its share with the same code as the single-threaded path,
 * and the results come back in file order (so duplicates and warnings come out as they would in one
 * thread). A small corpus is done in this thread: starting workers costs more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article, Corpus, CorpusWarning } from '../corpus/article.ts';
import { acceptArticle, emptyFolderWarning, listArticleFiles, readArticleFile, type ReadArticle } from '../corpus/load.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { analyzeArticle } from '../extract/pipeline.ts';

/** Below this many files one thread is faster. */
export const PARALLEL_FROM = 1500;
/** Files sent to a worker at a time: small enough for steady progress, large enough to keep messages few. */
const BATCH = 250;

export interface AnalyzeOptions {
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

interface Done {
  read: ReadArticle;
  analysis: ArticleAnalysis | null;
}

async function inWorkers(dir: string, files: string[], threads: number, onProgress?: AnalyzeOptions['onProgress']): Promise<Done[]> {
  const results: Done[][] = [];
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
      worker.on('message', (out: Done[]) => {
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

/** The corpus of a folder and the analysis of each of its articles. */
export async function loadAndAnalyze(dir: string, options: AnalyzeOptions = {}): Promise<{ corpus: Corpus; analyses: ArticleAnalysis[] }> {
  const listed = listArticleFiles(dir);
  if (listed.problem) return { corpus: { dir: listed.dir, articles: [], warnings: [listed.problem] }, analyses: [] };
  const { files } = listed;
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), Math.ceil(files.length / BATCH)));
  let done: Done[];
  if (files.length < PARALLEL_FROM || threads === 1) {
    done = files.map((file, i) => {
      const read = readArticleFile(listed.dir, file);
      if ((i + 1) % BATCH === 0) options.onProgress?.(i + 1, files.length);
      return { read, analysis: read.article ? analyzeArticle(read.article) : null };
    });
    options.onProgress?.(files.length, files.length);
  } else done = await inWorkers(listed.dir, files, threads, options.onProgress);

  const warnings: CorpusWarning[] = [];
  const seen = new Map<string, string>();
  const articles: Article[] = [];
  const analyses: ArticleAnalysis[] = [];
  done.forEach((d, i) => {
    const article = acceptArticle(d.read, files[i]!, seen, warnings);
    if (article && d.analysis) {
      articles.push(article);
      analyses.push(d.analysis);
    }
  });
  const empty = emptyFolderWarning(listed.dir, articles.length, warnings);
  if (empty) warnings.push(empty);
  return { corpus: { dir: listed.dir, articles, warnings }, analyses };
}

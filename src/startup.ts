/**
 * Opening the corpus for a person at a terminal: the knowledge base from the cache or built fresh, each
 * skipped file as one "warning:" line on stderr, and a clear error (not a stack trace) when there is
 * nothing to answer from.
 */
import { loadKnowledgeBase, describeWarnings, type OpenedKnowledgeBase } from './kb/open.ts';

export interface StartupOptions {
  corpusDir: string;
  /** Cache folder; null for the default (`.cache` in the working directory); false for no cache. */
  cacheDir: string | null | false;
  /** Where warnings and errors go (default stderr). */
  stderr?: NodeJS.WritableStream;
}

export type Started = { ok: true; opened: OpenedKnowledgeBase } | { ok: false; message: string };

/** A one-line progress bar on a terminal while a cold build extracts; nothing when stderr is not a terminal. */
function progressBar(stderr: NodeJS.WritableStream & { isTTY?: boolean }): ((done: number, total: number) => void) | undefined {
  if (!stderr.isTTY) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((done / Math.max(1, total)) * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    stderr.write(`\rIndexing articles [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}${done >= total ? '\n' : ''}`);
  };
}

export async function openForUser(options: StartupOptions): Promise<Started> {
  const stderr = options.stderr ?? process.stderr;
  const opened = await loadKnowledgeBase({ corpusDir: options.corpusDir, cacheDir: options.cacheDir, onProgress: progressBar(stderr) });
  const folderProblems = opened.warnings.filter((w) => w.file === null);
  for (const line of describeWarnings(opened.warnings.filter((w) => w.file !== null))) stderr.write(`warning: ${line}\n`);
  if (opened.kb.articles.length === 0) {
    const why = folderProblems[0]?.message ?? `no readable articles in ${options.corpusDir}`;
    return { ok: false, message: `${why}. Put .txt or .md articles there, or point DOSSIER_CORPUS (or --corpus) at a folder that has some.` };
  }
  return { ok: true, opened };
}

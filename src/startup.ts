/**
 * Opening the corpus for a person at a terminal: the knowledge base from the cache or built fresh, each
 * skipped file as one "warning:" line on stderr, and a clear error (not a stack trace) when there is
 * nothing to answer from.
 */
import { openKnowledgeBase, describeWarnings, type OpenedKnowledgeBase } from './kb/open.ts';

export interface StartupOptions {
  corpusDir: string;
  /** Cache folder; null for the default (`.cache` in the working directory); false for no cache. */
  cacheDir: string | null | false;
  /** Where warnings and errors go (default stderr). */
  stderr?: NodeJS.WritableStream;
}

export type Started = { ok: true; opened: OpenedKnowledgeBase } | { ok: false; message: string };

export function openForUser(options: StartupOptions): Started {
  const stderr = options.stderr ?? process.stderr;
  const opened = openKnowledgeBase({ corpusDir: options.corpusDir, cacheDir: options.cacheDir });
  const folderProblems = opened.warnings.filter((w) => w.file === null);
  for (const line of describeWarnings(opened.warnings.filter((w) => w.file !== null))) stderr.write(`warning: ${line}\n`);
  if (opened.kb.articles.length === 0) {
    const why = folderProblems[0]?.message ?? `no readable articles in ${options.corpusDir}`;
    return { ok: false, message: `${why}. Put .txt or .md articles there, or point DOSSIER_CORPUS (or --corpus) at a folder that has some.` };
  }
  return { ok: true, opened };
}

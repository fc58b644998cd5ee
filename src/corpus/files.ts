/**
 * Which files of a corpus folder are articles, and how large one may be: all a warm start needs to know
 * of the folder. Kept apart from load.ts, whose parser brings the front-matter schema (zod) and YAML
 * with it, about a hundred modules a start from the cache would load for nothing.
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CorpusWarning } from './article.ts';

/** Larger files are not articles (a 50 MB "article" is a dump or a mistake) and would stall extraction. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export const ARTICLE_FILE = /\.(txt|md|markdown)$/i;

/** The article files of a folder, sorted, or the problem with the folder. */
export function listArticleFiles(dir: string): { dir: string; files: string[]; problem: CorpusWarning | null } {
  const abs = resolve(dir);
  try {
    if (!statSync(abs).isDirectory()) return { dir: abs, files: [], problem: { file: null, message: `the corpus path is not a folder: ${abs}` } };
    return { dir: abs, files: readdirSync(abs).filter((f) => ARTICLE_FILE.test(f) && !f.startsWith('.')).sort(), problem: null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `the corpus folder does not exist: ${abs}` : `the corpus folder cannot be read (${code ?? 'error'}): ${abs}`;
    return { dir: abs, files: [], problem: { file: null, message } };
  }
}

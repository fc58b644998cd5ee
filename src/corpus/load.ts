/**
 * Reads a corpus folder: every `.txt` and `.md` file in it (not sub-folders), each checked before it is
 * parsed. A bad file is skipped with a warning naming the problem and the rest loads; a missing or empty
 * folder gives a warning and no articles, never an exception.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Corpus, CorpusWarning } from './article.ts';
import { listArticleFiles, MAX_ARTICLE_BYTES } from './files.ts';
import { parseArticleFile } from './parse.ts';

/** Why a file's bytes cannot be an article, or null when they can. */
export function problemWithBytes(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.includes(0)) return 'the file is binary (it contains NUL bytes), not text';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'the file is not valid UTF-8 text (save it as UTF-8)';
  }
  const text = bytes.toString('utf8');
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  if (controls > 16 && controls / text.length > 0.01) return 'the file is binary (too many control characters), not text';
  return null;
}

export interface ReadArticle {
  article: Article | null;
  warnings: CorpusWarning[];
  /** Hash of the article's text, to skip a second file with the same article. */
  fingerprint: string | null;
}

/** Reads and parses one file (no duplicate check: that needs the whole folder). Safe to run in a worker. */
export function readArticleFile(dir: string, file: string): ReadArticle {
  const path = join(dir, file);
  const warnings: CorpusWarning[] = [];
  const warn = (message: string): ReadArticle => {
    warnings.push({ file, message });
    return { article: null, warnings, fingerprint: null };
  };
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { article: null, warnings, fingerprint: null };
    if (stat.size > MAX_ARTICLE_BYTES) {
      return warn(`skipped: the file is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_ARTICLE_BYTES / 1024 / 1024} MB limit for one article`);
    }
    bytes = readFileSync(path);
  } catch (err) {
    return warn(`skipped: the file cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const problem = problemWithBytes(bytes);
  if (problem) return warn(`skipped: ${problem}`);

  const { article, problems } = parseArticleFile(bytes.toString('utf8'), file);
  for (const p of problems) warnings.push({ file, message: p });
  if (article.paragraphs.length === 0) return warn('skipped: no article text in the file (only front matter, blank lines or page chrome)');
  const fingerprint = articleFingerprint(article.paragraphs.map((p) => p.text));
  return { article, warnings, fingerprint };
}

/** The hash that tells two files with the same article text apart from the rest: of the paragraphs' display text. */
export function articleFingerprint(paragraphTexts: readonly string[]): string {
  return createHash('sha256').update(paragraphTexts.join('\n')).digest('hex');
}

/** Keeps the first of several files with the same article text; the others get a warning. */
export function acceptArticle<A>(read: { article: A | null; warnings: CorpusWarning[]; fingerprint: string | null }, file: string, seen: Map<string, string>, warnings: CorpusWarning[]): A | null {
  warnings.push(...read.warnings);
  if (!read.article || !read.fingerprint) return null;
  const first = seen.get(read.fingerprint);
  if (first) {
    warnings.push({ file, message: `skipped: the same article text as ${first}` });
    return null;
  }
  seen.set(read.fingerprint, file);
  return read.article;
}

/** The folder-level warning when nothing could be read. */
export function emptyFolderWarning(dir: string, articles: number, warnings: CorpusWarning[]): CorpusWarning | null {
  return articles === 0 && warnings.every((w) => w.file !== null) ? { file: null, message: `the corpus folder has no readable articles (.txt or .md files): ${dir}` } : null;
}

export function loadCorpus(dir: string): Corpus {
  const listed = listArticleFiles(dir);
  if (listed.problem) return { dir: listed.dir, articles: [], warnings: [listed.problem] };
  const warnings: CorpusWarning[] = [];
  const seen = new Map<string, string>();
  const articles: Article[] = [];
  for (const file of listed.files) {
    const article = acceptArticle(readArticleFile(listed.dir, file), file, seen, warnings);
    if (article) articles.push(article);
  }
  const empty = emptyFolderWarning(listed.dir, articles.length, warnings);
  if (empty) warnings.push(empty);
  return { dir: listed.dir, articles, warnings };
}

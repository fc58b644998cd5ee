/**
 * Reads a corpus folder: every `.txt` and `.md` file in it (not sub-folders), each checked before it is
 * parsed. A bad file is skipped with a warning naming the problem and the rest loads; a missing or empty
 * folder gives a warning and no articles, never an exception.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Article, Corpus, CorpusWarning } from './article.ts';
import { parseArticleFile } from './parse.ts';

/** Larger files are not articles (a 50 MB "article" is a dump or a mistake) and would stall extraction. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export const ARTICLE_FILE = /\.(txt|md|markdown)$/i;

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

function readArticle(dir: string, file: string, seen: Map<string, string>, warnings: CorpusWarning[]): Article | null {
  const path = join(dir, file);
  const warn = (message: string): null => {
    warnings.push({ file, message });
    return null;
  };
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
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

  const fingerprint = createHash('sha256').update(article.paragraphs.map((p) => p.text).join('\n')).digest('hex');
  const first = seen.get(fingerprint);
  if (first) return warn(`skipped: the same article text as ${first}`);
  seen.set(fingerprint, file);
  return article;
}

export function loadCorpus(dir: string): Corpus {
  const abs = resolve(dir);
  const warnings: CorpusWarning[] = [];
  let files: string[];
  try {
    if (!statSync(abs).isDirectory()) {
      return { dir: abs, articles: [], warnings: [{ file: null, message: `the corpus path is not a folder: ${abs}` }] };
    }
    files = readdirSync(abs).filter((f) => ARTICLE_FILE.test(f) && !f.startsWith('.')).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `the corpus folder does not exist: ${abs}` : `the corpus folder cannot be read (${code ?? 'error'}): ${abs}`;
    return { dir: abs, articles: [], warnings: [{ file: null, message }] };
  }
  const seen = new Map<string, string>();
  const articles: Article[] = [];
  for (const file of files) {
    const article = readArticle(abs, file, seen, warnings);
    if (article) articles.push(article);
  }
  if (articles.length === 0 && warnings.every((w) => w.file !== null)) {
    warnings.push({ file: null, message: `the corpus folder has no readable articles (.txt or .md files): ${abs}` });
  }
  return { dir: abs, articles, warnings };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from './article.ts';
import { parseArticle } from './parse.ts';

/** Reads every .txt/.md article in a folder. STUB: being written (validation, warnings). */
export function loadCorpus(dir: string): Corpus {
  const files = readdirSync(dir).filter((f) => /\.(txt|md)$/i.test(f)).sort();
  return { dir, articles: files.map((f) => parseArticle(readFileSync(join(dir, f), 'utf8'), f)), warnings: [] };
}

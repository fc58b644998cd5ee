import type { Article } from '../corpus/article.ts';
import type { LocalEntity, LocalQuote } from './analysis.ts';

/** Finds every quotation of one article with its speaker. STUB: being written. */
export function extractQuotes(_article: Article, _entities: LocalEntity[]): LocalQuote[] {
  return [];
}

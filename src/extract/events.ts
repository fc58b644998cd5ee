import type { Article } from '../corpus/article.ts';
import type { LocalEvent } from './analysis.ts';

/** Finds every dated statement of one article. STUB: being written. */
export function extractEvents(_article: Article): LocalEvent[] {
  return [];
}

import type { Article } from '../corpus/article.ts';
import type { LocalEntity } from './analysis.ts';

/** Finds the people, organisations and places of one article. STUB: being written. */
export function extractEntities(_article: Article): LocalEntity[] {
  return [];
}

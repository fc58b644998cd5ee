import type { Article } from '../corpus/article.ts';
import type { ArticleAnalysis } from './analysis.ts';
import { extractEntities } from './entities.ts';
import { extractEvents } from './events.ts';
import { extractQuotes } from './quotes.ts';

/** Runs the extraction passes over one article; each pass reads what the earlier ones found. */
export function analyzeArticle(article: Article): ArticleAnalysis {
  const entities = extractEntities(article);
  const quotes = extractQuotes(article, entities);
  const events = extractEvents(article);
  return { articleId: article.id, entities, quotes, events };
}

/**
 * Builds the knowledge base's data from a loaded corpus: runs extraction on each article, merges entities
 * across articles, and turns local quotes and events into records that point at global entity ids.
 */
import { createHash } from 'node:crypto';
import type { Corpus } from '../corpus/article.ts';
import { analyzeArticle } from '../extract/pipeline.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { mergeEntities } from './mergeEntities.ts';
import type { EventRecord, KnowledgeBaseData, PassageRecord, QuoteRecord } from './records.ts';
import { compareEvents } from './eventIndex.ts';

/** Bump when extraction or record shapes change: cached data with another version is rebuilt. */
export const KB_VERSION = 3;

export function corpusKey(corpus: Corpus): string {
  const h = createHash('sha256');
  h.update(String(KB_VERSION));
  for (const a of corpus.articles) h.update(a.file).update('\0').update(JSON.stringify(a)).update('\0');
  return h.digest('hex').slice(0, 32);
}

export function buildKnowledgeBaseData(corpus: Corpus, analyses: ArticleAnalysis[] = corpus.articles.map(analyzeArticle)): KnowledgeBaseData {
  const { entities, globalId } = mergeEntities(corpus, analyses);
  const quotes: QuoteRecord[] = [];
  const events: EventRecord[] = [];
  const passages: PassageRecord[] = [];
  const byParagraph = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const key = `${m.article}#${m.paragraph}`;
      const set = byParagraph.get(key) ?? new Set<string>();
      set.add(e.id);
      byParagraph.set(key, set);
    }
  }
  const entityIdsIn = (articleId: string, paragraph: number): string[] => [...(byParagraph.get(`${articleId}#${paragraph}`) ?? [])];
  for (const analysis of analyses) {
    const id = analysis.articleId;
    analysis.quotes.forEach((q, i) => {
      quotes.push({
        id: `${id}#q${i + 1}`, article: id, paragraph: q.span.paragraph, paragraphs: q.paragraphs, text: q.text,
        speaker: q.speaker ? globalId.get(`${id}:${q.speaker}`) ?? null : null,
        speakerName: q.speakerName, speakerKind: q.speakerKind, kind: q.kind,
      });
    });
    analysis.events.forEach((e, i) => {
      events.push({
        id: `${id}#e${i + 1}`, article: id, paragraph: e.paragraph, date: e.date, end: e.end, precision: e.precision,
        approximate: e.approximate, text: e.text, expression: e.expression, entities: entityIdsIn(id, e.paragraph),
      });
    });
  }
  for (const a of corpus.articles) {
    for (const p of a.paragraphs) passages.push({ id: `${a.id}#p${p.index}`, article: a.id, paragraph: p.index, text: p.text });
  }
  return {
    version: KB_VERSION,
    corpusKey: corpusKey(corpus),
    articles: corpus.articles.map((a) => ({
      id: a.id, file: a.file, title: a.title, published: a.published, source: a.source, url: a.url, author: a.author,
      paragraphCount: a.paragraphs.length,
    })),
    entities, quotes, events: events.sort(compareEvents), passages,
  };
}

/**
 * Builds the knowledge base's data from a loaded corpus: runs extraction on each article, merges entities
 * across articles, and turns local quotes and events into records that point at global entity ids.
 */
import { createHash } from 'node:crypto';
import type { Article, ArticleText } from '../corpus/article.ts';
import { analyzeArticle } from '../extract/pipeline.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { mergeEntities } from './mergeEntities.ts';
import type { EventRecord, KnowledgeBaseData, PassageRecord, QuoteRecord } from './records.ts';
import { compareEvents } from './eventIndex.ts';
import { KB_VERSION } from './version.ts';

/** A hash of the articles as read (metadata and paragraph text) and of the extraction version. */
export function corpusKey(articles: readonly ArticleText[]): string {
  const h = createHash('sha256');
  h.update(String(KB_VERSION));
  for (const a of articles) {
    h.update(`${a.file}\0${a.title}\0${a.published}\0${a.source}\0${a.url}\0${a.author}\0`);
    for (const p of a.paragraphs) h.update(p.text).update('\0');
  }
  return h.digest('hex').slice(0, 32);
}

/** The knowledge base's data from the articles and their analyses (analysed here when not given: small corpora and tests). */
export function buildKnowledgeBaseData(corpus: { articles: readonly Article[] }): KnowledgeBaseData;
export function buildKnowledgeBaseData(corpus: { articles: readonly ArticleText[] }, analyses: readonly ArticleAnalysis[]): KnowledgeBaseData;
export function buildKnowledgeBaseData(corpus: { articles: readonly ArticleText[] }, analyses?: readonly ArticleAnalysis[]): KnowledgeBaseData {
  analyses ??= (corpus.articles as readonly Article[]).map(analyzeArticle);
  const { entities, globalId } = mergeEntities(corpus, analyses);
  const quotes: QuoteRecord[] = [];
  const events: EventRecord[] = [];
  const passages: PassageRecord[] = [];
  // The entities named in each paragraph, from each article's own mentions, in the entities' order.
  const rank = new Map(entities.map((e, i) => [e.id, i]));
  for (const analysis of analyses) {
    const id = analysis.articleId;
    const inParagraph = new Map<number, Set<string>>();
    for (const local of analysis.entities) {
      const entityId = globalId.get(`${id}:${local.localId}`);
      if (entityId === undefined) continue;
      for (const m of local.mentions) {
        const set = inParagraph.get(m.paragraph);
        if (set) set.add(entityId);
        else inParagraph.set(m.paragraph, new Set([entityId]));
      }
    }
    const entityIdsIn = (paragraph: number): string[] => [...(inParagraph.get(paragraph) ?? [])].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
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
        approximate: e.approximate, text: e.text, expression: e.expression, entities: entityIdsIn(e.paragraph),
      });
    });
  }
  for (const a of corpus.articles) {
    for (const p of a.paragraphs) passages.push({ id: `${a.id}#p${p.index}`, article: a.id, paragraph: p.index, text: p.text });
  }
  return {
    version: KB_VERSION,
    corpusKey: corpusKey(corpus.articles),
    articles: corpus.articles.map((a) => ({
      id: a.id, file: a.file, title: a.title, published: a.published, source: a.source, url: a.url, author: a.author,
      paragraphCount: a.paragraphs.length,
    })),
    entities, quotes, events: events.sort(compareEvents), passages,
  };
}

/** Builds Articles from short texts for extraction tests, through the real parser. */
import { parseArticle } from '../../src/corpus/parse.ts';
import type { Article } from '../../src/corpus/article.ts';
import { extractEntities } from '../../src/extract/entities.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';
import type { LocalEntity, LocalQuote } from '../../src/extract/analysis.ts';

let counter = 0;

/** An article with the given paragraphs (a title line is added so the body is exactly these paragraphs). */
export function articleOf(paragraphs: string[], published = '2024-03-15'): Article {
  counter++;
  const raw = `---\ntitle: "Test article ${counter}"\npublished: "${published}"\nsource: "Test Wire"\n---\nTest article ${counter}\n${paragraphs.join('\n\n')}\n`;
  return parseArticle(raw, `test-${counter}.txt`);
}

export interface QuoteView {
  text: string;
  speaker: string | null;
  /** The speaker as the article names them. */
  speakerName: string | null;
  speakerKind: string;
  kind: string;
  paragraph: number;
}

/** The quotations of a text with their speakers' names, as a reader would check them. */
export function quotesOf(paragraphs: string[]): QuoteView[] {
  const article = articleOf(paragraphs);
  const entities = extractEntities(article);
  return extractQuotes(article, entities).map((q: LocalQuote) => ({
    text: q.text,
    speaker: entities.find((e) => e.localId === q.speaker)?.name ?? null,
    speakerName: q.speakerName,
    speakerKind: q.speakerKind,
    kind: q.kind,
    paragraph: q.span.paragraph,
  }));
}

export function entitiesOf(paragraphs: string[]): LocalEntity[] {
  return extractEntities(articleOf(paragraphs));
}

/**
 * What extraction finds in one article. The pipeline (src/extract/pipeline.ts) runs small passes over an
 * Article and fills one ArticleAnalysis; the knowledge base then merges analyses across the corpus.
 */
import type { IsoDate } from '../corpus/article.ts';

export type EntityType = 'person' | 'organization' | 'place' | 'other';

/** Where something sits in an article: paragraph index (1-based, as in Paragraph.index) and character offsets. */
export interface Span {
  paragraph: number;
  start: number;
  end: number;
}

/** One entity as seen inside one article (one cluster of mentions). */
export interface LocalEntity {
  /** Article-local id, e.g. "e3". */
  localId: string;
  /** The fullest name used in the article ("Gila Gamliel", "Islamic Revolutionary Guard Corps"). */
  name: string;
  type: EntityType;
  /** Every other way the article names it: surname, acronym, title form, possessive stripped. */
  aliases: string[];
  /** Role descriptions in the article's own words ("Israel's Intelligence Minister", "an artist who ..."). */
  roles: string[];
  /** Every mention, in text order. */
  mentions: Span[];
}

export type SpeakerKind = 'person' | 'organization' | 'anonymous' | 'unknown';

export interface LocalQuote {
  /** The quotation, verbatim from Paragraph.text, without its outer quote marks. */
  text: string;
  kind: 'direct' | 'partial';
  /** The local entity that said it, or null (anonymous or unknown). */
  speaker: string | null;
  /** The speaker as the article names it ("Khalili", "A source close to Gamliel", "the ministry's spokesperson"). */
  speakerName: string | null;
  speakerKind: SpeakerKind;
  /** Paragraph and offsets of the quoted text (first paragraph when it runs over several). */
  span: Span;
  /** Paragraphs the quotation covers (more than one when it runs over paragraphs). */
  paragraphs: number[];
}

export type Precision = 'year' | 'month' | 'day';

export interface LocalEvent {
  date: IsoDate;
  /** End of a range ("July 10-12" ends on the 12th), else null. */
  end: IsoDate | null;
  precision: Precision;
  /** "nearly a year ago", "about 2019", "early June". */
  approximate: boolean;
  /** The sentence that carries the date (display text). */
  text: string;
  /** The date expression itself as written ("on Sunday", "July 10-12"). */
  expression: string;
  paragraph: number;
  sentence: number;
}

export interface ArticleAnalysis {
  articleId: string;
  entities: LocalEntity[];
  quotes: LocalQuote[];
  events: LocalEvent[];
}

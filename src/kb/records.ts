/**
 * The knowledge base's records: one merged view of the whole corpus. These shapes are also the JSON
 * contract of `cli export --json` and of every command's `--json` output (extra fields are allowed).
 */
import type { IsoDate } from '../corpus/article.ts';
import type { EntityType, Precision, SpeakerKind } from '../extract/analysis.ts';

export interface ArticleRecord {
  id: string;
  file: string;
  title: string;
  published: IsoDate | null;
  source: string | null;
  url: string | null;
  author: string | null;
  paragraphCount: number;
}

export interface EntityMention {
  article: string;
  paragraph: number;
}

export interface EntityRecord {
  /** Stable across rebuilds of the same corpus: a slug of the name ("gila-gamliel"). */
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** The best role description, in the articles' own words, or null. */
  description: string | null;
  /** Every role description found, best first. */
  roles: string[];
  /** Article ids where the entity is mentioned. */
  articles: string[];
  mentions: EntityMention[];
}

export interface QuoteRecord {
  id: string;
  article: string;
  paragraph: number;
  /** Every paragraph the quotation covers. */
  paragraphs: number[];
  text: string;
  /** Entity id, or null for an anonymous or unknown speaker. */
  speaker: string | null;
  speakerName: string | null;
  speakerKind: SpeakerKind;
  kind: 'direct' | 'partial';
}

export interface EventRecord {
  id: string;
  article: string;
  paragraph: number;
  date: IsoDate;
  end: IsoDate | null;
  precision: Precision;
  approximate: boolean;
  text: string;
  expression: string;
  /** Entity ids mentioned in the event's sentence. */
  entities: string[];
}

/** One searchable paragraph. */
export interface PassageRecord {
  id: string;
  article: string;
  paragraph: number;
  text: string;
}

export interface KnowledgeBaseData {
  /** Bumped whenever extraction or the record shapes change, so old caches are ignored. */
  version: number;
  /** Hash of the corpus contents the data was built from. */
  corpusKey: string;
  articles: ArticleRecord[];
  entities: EntityRecord[];
  quotes: QuoteRecord[];
  events: EventRecord[];
  passages: PassageRecord[];
}

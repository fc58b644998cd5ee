/**
 * The platform-neutral answer every command returns. Adapters (console, CLI, later Discord embeds and
 * Slack Block Kit) render it; they never look inside the knowledge base themselves.
 */

export interface Citation {
  articleId: string;
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
  paragraph: number;
}

export interface ReplyItem {
  /** The item's text: a verbatim quote, a sentence, a passage, or a line of facts. */
  text: string;
  /** True when `text` is a verbatim quotation (renderers put it in quote marks or a block quote). */
  verbatim?: boolean;
  /** A short label shown before the text: a date with its precision, a speaker, an entity type. */
  label?: string;
  /** Character ranges of `text` to emphasise (matched search words). End exclusive. */
  marks?: Array<[number, number]>;
  citation?: Citation;
}

export interface ReplySection {
  heading?: string;
  /** Free text shown under the heading, before the items. */
  body?: string;
  items: ReplyItem[];
}

export type ReplyKind = 'answer' | 'choice' | 'not-found' | 'error' | 'help';

export interface Reply {
  kind: ReplyKind;
  title: string;
  /** One or two lines under the title. */
  summary?: string;
  sections: ReplySection[];
  /** Did-you-mean names or the candidates of a choice. */
  suggestions?: string[];
  /**
   * For a choice: what picking each candidate runs the command with, when that is more than its name
   * ("Naftali Bennett about Iran" for "quote Prime Minister about Iran"); the suggestion itself otherwise.
   */
  picks?: string[];
  /** A short footer: counts, hints. */
  footer?: string;
}

/** JSON-safe values: what `--json` prints. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

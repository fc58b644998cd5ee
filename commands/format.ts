/**
 * How records become reply items and JSON, shared by the commands: a quotation with its speaker and
 * citation, an event with its date at the precision the text gives, an entity in the export's shape.
 */
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import type { EntityRecord, EventRecord, QuoteRecord } from '../src/kb/records.ts';
import type { ReplyItem } from '../src/reply/reply.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/** "22 June 2023", "June 2023", "2023": a partial date as people write it. */
export function humanDate(date: string): string {
  const [y, m, d] = date.split('-');
  if (!m) return y!;
  if (!d) return `${monthName(Number(m))} ${y}`;
  return `${Number(d)} ${monthName(Number(m))} ${y}`;
}

/** The date label of an event: its date, its range, "≈" when approximate, and the precision when coarser than a day. */
export function eventLabel(e: Pick<EventRecord, 'date' | 'end' | 'precision' | 'approximate'>): string {
  const range = e.end ? `${humanDate(e.date)} – ${humanDate(e.end)}` : humanDate(e.date);
  const precision = e.precision === 'day' ? '' : ` (${e.precision})`;
  return `${e.approximate ? '≈ ' : ''}${range}${precision}`;
}

export function typeLabel(type: EntityRecord['type']): string {
  return { person: 'Person', organization: 'Organisation', place: 'Place', other: 'Other' }[type];
}

export function quoteItem(kb: KnowledgeBase, q: QuoteRecord): ReplyItem {
  const speaker = q.speaker ? kb.entity(q.speaker) : undefined;
  const who = speaker?.name ?? q.speakerName ?? (q.speakerKind === 'anonymous' ? 'An unnamed source' : 'Unattributed');
  const kind = q.kind === 'partial' ? ', partial quote' : '';
  const anonymous = q.speakerKind === 'anonymous' ? ' (anonymous)' : '';
  return { text: q.text, verbatim: true, label: `${who}${anonymous}${kind}`, citation: kb.citation(q.article, q.paragraph) };
}

export function eventItem(kb: KnowledgeBase, e: EventRecord): ReplyItem {
  return { text: e.text, label: eventLabel(e), citation: kb.citation(e.article, e.paragraph) };
}

/** The export contract's entity, plus a few extra fields. */
export function entityJson(e: EntityRecord): object {
  return {
    id: e.id, name: e.name, type: e.type, aliases: e.aliases, description: e.description, articles: e.articles,
    roles: e.roles, mentions: e.mentions.length,
  };
}

export function quoteJson(q: QuoteRecord): object {
  return {
    id: q.id, article: q.article, text: q.text, speaker: q.speaker, speakerName: q.speakerName, speakerKind: q.speakerKind,
    kind: q.kind, paragraph: q.paragraph, paragraphs: q.paragraphs,
  };
}

export function eventJson(e: EventRecord): object {
  return {
    id: e.id, article: e.article, date: e.date, end: e.end, precision: e.precision, approximate: e.approximate, text: e.text,
    paragraph: e.paragraph, expression: e.expression, entities: e.entities,
  };
}

/** "1 article", "3 articles". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Most items one answer lists. A year of a large archive can hold thousands of events; an answer that
 * long helps nobody and costs time on every platform. The summary says how many there are in all.
 */
export const MAX_ITEMS = 100;

/** "Showing the first 100 of 1,718: narrow it down." when a list was cut, else "". */
export function cutNote(shown: number, total: number, how: string): string {
  return shown < total ? ` Showing the first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}: ${how}.` : '';
}

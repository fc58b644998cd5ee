/**
 * `timeline WHEN|NAME`: dated events in date order, each with its date at the precision the article gives
 * ("June 2023 (month)", "≈ September 2022 (month)"). WHEN is a year, a month ("2021-07", "July 2021"), a
 * day, or a range ("2021..2023", "2021-07..2021-09"); anything else is taken as a name.
 */
import type { Command } from './command.ts';
import { count, cutNote, entityJson, eventItem, eventJson, humanDate, MAX_ITEMS } from './format.ts';
import { choiceReply, notFoundReply, resolveEntity } from './resolveEntity.ts';
import type { EventRecord } from '../src/kb/records.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import type { ReplySection } from '../src/reply/reply.ts';
import { isIsoDate } from '../src/text/isoDate.ts';

const MONTH_WORDS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** One date as typed: "2022", "2021-07", "2021-07-10", "July 2021", "Jul. 2021", "10 July 2021", "July 10, 2021". */
export function parseWhen(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (isIsoDate(t)) return t;
  const slash = /^(\d{4})\/(\d{1,2})$/.exec(t);
  if (slash) return checked(`${slash[1]}-${slash[2]!.padStart(2, '0')}`);
  const monthYear = /^([a-z]+)\.?,? (\d{4})$/i.exec(t);
  if (monthYear) return month(monthYear[1]!, monthYear[2]!);
  const dayMonthYear = /^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/i.exec(t) ?? /^([a-z]+)\.? (\d{1,2}),? (\d{4})$/i.exec(t);
  if (dayMonthYear) {
    const [a, b, year] = [dayMonthYear[1]!, dayMonthYear[2]!, dayMonthYear[3]!];
    const [name, day] = /^\d/.test(a) ? [b, a] : [a, b];
    const m = month(name, year);
    return m && checked(`${m}-${day.padStart(2, '0')}`);
  }
  return null;
}

function month(name: string, year: string): string | null {
  const n = MONTH_WORDS[name.toLowerCase().slice(0, name.toLowerCase().startsWith('sept') ? 4 : 3)];
  return n ? `${year}-${String(n).padStart(2, '0')}` : null;
}

function checked(date: string): string | null {
  return isIsoDate(date) ? date : null;
}

/** A period: one date, or two joined by "..", " to ", " - " or "–". */
export function parsePeriod(text: string): { from: string; to: string } | null {
  const t = text.trim().replace(/^(in|during|from|between)\s+/i, '');
  const one = parseWhen(t);
  if (one) return { from: one, to: one };
  const parts = t.split(/\s*(?:\.\.|–|—|\bto\b|\band\b|\buntil\b|(?<=\d)\s*-\s*(?=\d{4}\b))\s*/i).filter((p) => p !== '');
  if (parts.length !== 2) return null;
  const from = parseWhen(parts[0]!);
  const to = parseWhen(parts[1]!);
  if (!from || !to) return null;
  return from <= to ? { from, to } : { from: to, to: from };
}

function periodLabel(from: string, to: string): string {
  return from === to ? humanDate(from) : `${humanDate(from)} to ${humanDate(to)}`;
}

/** Sections by year of events already without repeats. */
function byYear(kb: KnowledgeBase, events: readonly EventRecord[]): ReplySection[] {
  const sections: ReplySection[] = [];
  for (const e of events) {
    const year = e.date.slice(0, 4);
    let section = sections[sections.length - 1];
    if (!section || section.heading !== year) {
      section = { heading: year, items: [] };
      sections.push(section);
    }
    section.items.push(eventItem(kb, e));
  }
  return sections;
}

export const timeline: Command = {
  name: 'timeline',
  summary: 'What happened when: events of a year, month or range, or of one person or organisation, in date order.',
  usage: 'timeline WHEN|NAME',
  examples: ['timeline 2023', 'timeline July 2021', 'timeline 2021..2023', 'timeline Gamliel'],
  run(args, { kb }) {
    const period = /\d{4}/.test(args) ? parsePeriod(args) : null;
    if (period) {
      // Counted and cut by the index: a year of a large archive holds tens of thousands of events.
      const found = kb.events.window(period.from, period.to, MAX_ITEMS);
      const label = periodLabel(period.from, period.to);
      if (found.total === 0) {
        const all = kb.events.all();
        const span = all.length ? ` The articles' events run from ${humanDate(all[0]!.date)} to ${humanDate(all[all.length - 1]!.date)}.` : '';
        return { ok: false, reply: { kind: 'not-found', title: `Nothing dated ${label} in the articles`, summary: `No event in the articles falls in ${label}.${span}`, sections: [] }, data: { period, events: [] } };
      }
      return {
        ok: true,
        reply: { kind: 'answer', title: `Timeline: ${label}`, summary: `${count(found.distinct, 'event')}, in date order.${cutNote(found.firstDistinct.length, found.distinct, 'ask for a shorter period')}`, sections: byYear(kb, found.firstDistinct) },
        data: { period, total: found.total, events: found.first.map(eventJson) },
      };
    }
    if (/^\d{1,4}([-/.]\d{1,2}){0,2}$/.test(args.trim()) || /\d{4}/.test(args)) {
      return {
        ok: false,
        reply: { kind: 'error', title: 'Not a date I can read', summary: `"${args}" is not a date. Use a year (2022), a month (2021-07 or July 2021), a day (2023-06-22) or a range (2021..2023).`, sections: [] },
        data: { period: null, events: [] },
      };
    }
    const resolved = resolveEntity(kb, args);
    if (resolved.kind === 'none') return { ok: false, reply: notFoundReply(kb, args, resolved.suggestions), data: { query: args, entity: null, events: [] } };
    if (resolved.kind === 'choice') return { ok: true, reply: choiceReply(kb, 'timeline', args, resolved.candidates), data: { query: args, entity: null, candidates: resolved.candidates.map(entityJson), events: [] } };
    const entity = resolved.entity;
    // Counted and cut once per entity by the knowledge base: a place can have tens of thousands of events.
    const events = kb.eventsFor(entity.id);
    const shown = kb.entityTimeline(entity);
    if (shown.total === 0) {
      return { ok: false, reply: { kind: 'not-found', title: `No dated events for ${entity.name}`, summary: `The articles mention ${entity.name} but give no date with them. Try "who ${args}".`, sections: [] }, data: { query: args, entity: entityJson(entity), events: [] } };
    }
    return {
      ok: true,
      reply: { kind: 'answer', title: `Timeline: ${entity.name}`, summary: `${count(shown.distinct, 'dated event')} mentioning ${entity.name}, in date order.${cutNote(Math.min(MAX_ITEMS, shown.distinct), shown.distinct, 'ask for a period, e.g. "timeline 2022"')}`, sections: byYear(kb, shown.first.slice(0, MAX_ITEMS)) },
      data: { query: args, entity: entityJson(entity), total: shown.total, events: events.slice(0, MAX_ITEMS).map(eventJson) },
    };
  },
};


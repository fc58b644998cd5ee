/**
 * `onthisday [MM-DD]`: what happened on this month and day in any year, oldest first; when nothing did,
 * the nearest day within three days, labelled as such. "Today" is the context's `now` (UTC; the CLI's
 * `--date` sets it). The daily post of a later release reuses `eventsOnThisDay`.
 */
import type { Command } from './command.ts';
import { count, eventItem, eventJson, MAX_ITEMS, monthName } from './format.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import type { EventRecord } from '../src/kb/records.ts';
import type { Reply } from '../src/reply/reply.ts';

const MONTH_WORDS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Days either side searched when the day itself has nothing. */
export const NEAREST_WITHIN_DAYS = 3;

function validMonthDay(month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  // 2024 is a leap year: 02-29 is a valid month-day.
  if (day > new Date(Date.UTC(2024, month, 0)).getUTCDate()) return null;
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "06-22", "6/22", "June 22", "22 June", "Jun 22": a month and day, or null. */
export function parseMonthDay(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\./g, '');
  const numeric = /^(\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (numeric) return validMonthDay(Number(numeric[1]), Number(numeric[2]));
  const named = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?$/.exec(t) ?? /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)$/.exec(t);
  if (!named) return null;
  const [word, day] = /^\d/.test(named[1]!) ? [named[2]!, named[1]!] : [named[1]!, named[2]!];
  const month = MONTH_WORDS.indexOf(word.slice(0, 3)) + 1;
  return month > 0 ? validMonthDay(month, Number(day)) : null;
}

function shiftMonthDay(monthDay: string, days: number): string {
  const d = new Date(`2024-${monthDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(5, 10);
}

export function describeMonthDay(monthDay: string): string {
  const [m, d] = monthDay.split('-').map(Number);
  return `${monthName(m!)} ${d}`;
}

export interface OnThisDay {
  monthDay: string;
  /** The day the events are on: `monthDay` itself, or the nearest day with events. */
  shownDay: string | null;
  /** Days from `monthDay` to `shownDay` (negative: before). */
  offset: number;
  events: readonly EventRecord[];
}

/** The events on a month and day, else on the nearest day within NEAREST_WITHIN_DAYS (earlier day first on a tie). */
export function eventsOnThisDay(kb: KnowledgeBase, monthDay: string): OnThisDay {
  const exact = kb.events.onMonthDay(monthDay);
  if (exact.length) return { monthDay, shownDay: monthDay, offset: 0, events: exact };
  for (let distance = 1; distance <= NEAREST_WITHIN_DAYS; distance++) {
    for (const offset of [-distance, distance]) {
      const day = shiftMonthDay(monthDay, offset);
      const events = kb.events.onMonthDay(day);
      if (events.length) return { monthDay, shownDay: day, offset, events };
    }
  }
  return { monthDay, shownDay: null, offset: 0, events: [] };
}

/** The answer for a month and day: its events, the nearest day's (labelled), or a "nothing" reply. The daily post uses it too. */
export function onThisDayReply(kb: KnowledgeBase, monthDay: string): { reply: Reply; found: OnThisDay } {
  const found = eventsOnThisDay(kb, monthDay);
  const day = describeMonthDay(monthDay);
  if (!found.shownDay) {
    return { found, reply: { kind: 'not-found', title: `On this day: ${day}`, summary: `Nothing in the articles happened on ${day}, nor within ${NEAREST_WITHIN_DAYS} days of it.`, sections: [] } };
  }
  const nearest = found.offset !== 0;
  const shown = describeMonthDay(found.shownDay);
  const distance = `${count(Math.abs(found.offset), 'day')} ${found.offset < 0 ? 'before' : 'after'}`;
  return {
    found,
    reply: {
      kind: 'answer',
      title: `On this day: ${day}`,
      summary: nearest
        ? `Nothing in the articles happened on ${day}. Nearest: ${shown} (${distance}).`
        : `${count(found.events.length, 'event')} on ${day}, oldest first.`,
      sections: [{ heading: nearest ? `Nearest day: ${shown}` : undefined, items: found.events.slice(0, MAX_ITEMS).map((e) => eventItem(kb, e)) }],
    },
  };
}

export const onthisday: Command = {
  name: 'onthisday',
  summary: 'What happened on this day (or a given month and day) in any year.',
  usage: 'onthisday [MM-DD]',
  examples: ['onthisday', 'onthisday 06-22', 'onthisday October 7'],
  run(args, { kb, now }) {
    const monthDay = args.trim() === '' ? now.toISOString().slice(5, 10) : parseMonthDay(args);
    if (!monthDay) {
      return { ok: false, reply: { kind: 'error', title: 'Not a day I can read', summary: `"${args}" is not a month and day. Use MM-DD (06-22), or a name such as "June 22".`, sections: [] }, data: { monthDay: null, events: [] } };
    }
    const { reply, found } = onThisDayReply(kb, monthDay);
    return {
      ok: found.shownDay !== null,
      reply,
      data: { monthDay, shownDay: found.shownDay, offset: found.offset, nearest: found.offset !== 0, total: found.events.length, events: found.events.slice(0, MAX_ITEMS).map(eventJson) },
    };
  },
};

/**
 * Events by date: sorted once, so a year, a month or a range is two binary searches, and a calendar day
 * ("on this day") is one map lookup. Works the same for five articles or a hundred thousand.
 */
import type { IsoDate } from '../corpus/article.ts';
import type { EventRecord } from './records.ts';

/** The first and last day a partial date covers, as comparable strings. */
export function spanOf(date: IsoDate): [string, string] {
  if (date.length === 4) return [`${date}-01-01`, `${date}-12-31`];
  if (date.length === 7) return [`${date}-01`, `${date}-31`];
  return [date, date];
}

function lowerBound(sorted: readonly EventRecord[], day: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spanOf(sorted[mid]!.date)[0] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function compareEvents(a: EventRecord, b: EventRecord): number {
  const [as] = spanOf(a.date);
  const [bs] = spanOf(b.date);
  return as < bs ? -1 : as > bs ? 1 : a.date.length - b.date.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function insertSorted(list: EventRecord[], e: EventRecord): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEvents(list[mid]!, e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, e);
}

export class EventIndex {
  private sorted: EventRecord[];
  /** Events that carry an end date (ranges), checked for overlap separately. */
  private ranges: EventRecord[];
  private byMonthDay = new Map<string, EventRecord[]>();

  constructor(events: readonly EventRecord[]) {
    // The cache stores events already in order: checking is one pass, sorting again is not needed.
    const inOrder = events.every((e, i) => i === 0 || compareEvents(events[i - 1]!, e) <= 0);
    this.sorted = inOrder ? [...events] : [...events].sort(compareEvents);
    this.ranges = this.sorted.filter((e) => e.end !== null);
    for (const e of this.sorted) this.indexDay(e);
  }

  private indexDay(e: EventRecord): void {
    if (e.precision !== 'day') return;
    const days = [e.date];
    if (e.end && e.end.length === 10) {
      const d = new Date(`${e.date}T00:00:00Z`);
      const end = new Date(`${e.end}T00:00:00Z`);
      for (let i = 0; i < 31 && d < end; i++) {
        d.setUTCDate(d.getUTCDate() + 1);
        days.push(d.toISOString().slice(0, 10));
      }
    }
    for (const day of days) {
      const key = day.slice(5);
      const list = this.byMonthDay.get(key) ?? [];
      list.push(e);
      this.byMonthDay.set(key, list);
    }
  }

  /** Adds events in place, each at its position (sorting the whole list again would grow with the corpus). */
  add(events: readonly EventRecord[]): void {
    for (const e of events) {
      insertSorted(this.sorted, e);
      if (e.end !== null) insertSorted(this.ranges, e);
      this.indexDay(e);
    }
  }

  all(): readonly EventRecord[] {
    return this.sorted;
  }

  /** Events whose date falls within [from, to] (partial dates; `to` inclusive of its whole span), date order. */
  between(from: IsoDate, to: IsoDate): EventRecord[] {
    const start = spanOf(from)[0];
    const end = spanOf(to)[1];
    const out: EventRecord[] = [];
    for (let i = lowerBound(this.sorted, start); i < this.sorted.length; i++) {
      const e = this.sorted[i]!;
      if (spanOf(e.date)[0] > end) break;
      out.push(e);
    }
    // A range that starts before `from` but runs into it.
    for (const e of this.ranges) if (spanOf(e.date)[0] < start && spanOf(e.end!)[1] >= start && !out.includes(e)) out.unshift(e);
    return out;
  }

  /** Day-precision events on a month and day ("06-22") in any year, oldest first. */
  onMonthDay(monthDay: string): EventRecord[] {
    return [...(this.byMonthDay.get(monthDay) ?? [])].sort(compareEvents);
  }
}

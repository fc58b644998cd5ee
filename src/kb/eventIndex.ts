/**
 * Events by date: sorted once, so a year, a month or a range is two binary searches, and a calendar day
 * ("on this day") is one map lookup. Works the same for five articles or a hundred thousand.
 */
import type { IsoDate } from '../corpus/article.ts';
import { partitionPoint } from './partitionPoint.ts';
import type { EventRecord } from './records.ts';

/** The first and last day a partial date covers, as comparable strings. */
export function spanOf(date: IsoDate): [string, string] {
  if (date.length === 4) return [`${date}-01-01`, `${date}-12-31`];
  if (date.length === 7) return [`${date}-01`, `${date}-31`];
  return [date, date];
}

export function compareEvents(a: EventRecord, b: EventRecord): number {
  const [as] = spanOf(a.date);
  const [bs] = spanOf(b.date);
  return as < bs ? -1 : as > bs ? 1 : a.date.length - b.date.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where `e` goes in a list sorted by compareEvents (after its equals). */
function insertionPoint(list: readonly EventRecord[], e: EventRecord): number {
  return partitionPoint(0, list.length, (i) => compareEvents(list[i]!, e) <= 0);
}

export class EventIndex {
  private sorted: EventRecord[];
  /** First day each event covers (spanOf(date)[0]), parallel to `sorted`: the binary searches compare these. */
  private starts: string[];
  /** Events that carry an end date (ranges), checked for overlap separately, with their first and last days. */
  private ranges: EventRecord[];
  private rangeSpans: Array<[string, string]>;
  private byMonthDay = new Map<string, EventRecord[]>();
  /** Events that repeat an earlier one (the same sentence giving the same date twice): found on first use. */
  private repeats: Set<EventRecord> | null = null;
  /** repeatsBefore[i]: how many of sorted[0..i) are repeats, so a period's count needs no pass over it. */
  private repeatsBefore: Uint32Array | null = null;
  /** reachBefore[i]: the latest last day of ranges[0..i]: no earlier range runs into a day after it. */
  private reachBefore: string[] = [];

  constructor(events: readonly EventRecord[]) {
    // The cache stores events already in order: checking is one pass, sorting again is not needed.
    const inOrder = events.every((e, i) => i === 0 || compareEvents(events[i - 1]!, e) <= 0);
    this.sorted = inOrder ? [...events] : [...events].sort(compareEvents);
    this.starts = this.sorted.map((e) => spanOf(e.date)[0]);
    this.ranges = this.sorted.filter((e) => e.end !== null);
    this.rangeSpans = this.ranges.map((e) => [spanOf(e.date)[0], spanOf(e.end!)[1]]);
    this.computeReach(0);
    for (const e of this.sorted) this.indexDay(e);
  }

  private computeReach(from: number): void {
    this.reachBefore.length = this.rangeSpans.length;
    for (let i = from; i < this.rangeSpans.length; i++) {
      const last = this.rangeSpans[i]![1];
      const earlier = i > 0 ? this.reachBefore[i - 1]! : '';
      this.reachBefore[i] = last > earlier ? last : earlier;
    }
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
    // Each day's list stays in date order: the constructor meets events in order (a push), an added
    // article's events go where they belong, so "on this day" never sorts.
    for (const day of days) {
      const key = day.slice(5);
      const list = this.byMonthDay.get(key);
      if (!list) this.byMonthDay.set(key, [e]);
      else if (compareEvents(list[list.length - 1]!, e) <= 0) list.push(e);
      else list.splice(insertionPoint(list, e), 0, e);
    }
  }

  /** Adds events in place, each at its position (sorting the whole list again would grow with the corpus). */
  add(events: readonly EventRecord[]): void {
    let firstRange = this.ranges.length;
    for (const e of events) {
      const at = insertionPoint(this.sorted, e);
      this.sorted.splice(at, 0, e);
      this.starts.splice(at, 0, spanOf(e.date)[0]);
      if (e.end !== null) {
        const r = insertionPoint(this.ranges, e);
        this.ranges.splice(r, 0, e);
        this.rangeSpans.splice(r, 0, [spanOf(e.date)[0], spanOf(e.end)[1]]);
        firstRange = Math.min(firstRange, r);
      }
      this.indexDay(e);
    }
    this.computeReach(firstRange);
    this.repeats = null;
    this.repeatsBefore = null;
  }

  all(): readonly EventRecord[] {
    return this.sorted;
  }


  /**
   * Ranges that start before `start` but run into it, latest start first. Read backwards from the last
   * range starting before it, and stopped where no earlier range reaches that far (reachBefore).
   */
  private rangesInto(start: string): EventRecord[] {
    const out: EventRecord[] = [];
    const startingBefore = partitionPoint(0, this.rangeSpans.length, (i) => this.rangeSpans[i]![0] < start);
    for (let i = startingBefore - 1; i >= 0 && this.reachBefore[i]! >= start; i--) if (this.rangeSpans[i]![1] >= start) out.push(this.ranges[i]!);
    return out;
  }

  /** The run of `sorted` whose first days fall within [start, end]: two binary searches. */
  private run(start: string, end: string): [number, number] {
    const from = partitionPoint(0, this.starts.length, (i) => this.starts[i]! < start);
    return [from, partitionPoint(from, this.starts.length, (i) => this.starts[i]! <= end)];
  }

  /**
   * The events of a period [from, to] (partial dates; `to` inclusive of its whole span): ranges that start
   * before `from` but run into it first, then those starting within it, in date order. Not listed in
   * full: how many there are, with and without repeats, and the first `limit` of each. A year of a large
   * archive holds tens of thousands; an answer shows a hundred, so the cost stays that of a hundred.
   */
  window(from: IsoDate, to: IsoDate, limit: number): { total: number; distinct: number; first: EventRecord[]; firstDistinct: EventRecord[] } {
    const [start, end] = [spanOf(from)[0], spanOf(to)[1]];
    const before = this.rangesInto(start);
    const [i, j] = this.run(start, end);
    const repeatsBefore = this.repeatCounts();
    const first = before.slice(0, limit);
    for (let k = i; k < j && first.length < limit; k++) first.push(this.sorted[k]!);
    const firstDistinct = before.filter((e) => !this.isRepeat(e)).slice(0, limit);
    for (let k = i; k < j && firstDistinct.length < limit; k++) if (!this.isRepeat(this.sorted[k]!)) firstDistinct.push(this.sorted[k]!);
    const total = before.length + (j - i);
    const repeats = before.filter((e) => this.isRepeat(e)).length + (repeatsBefore[j]! - repeatsBefore[i]!);
    return { total, distinct: total - repeats, first, firstDistinct };
  }

  private repeatCounts(): Uint32Array {
    if (!this.repeatsBefore) {
      const counts = new Uint32Array(this.sorted.length + 1);
      for (let k = 0; k < this.sorted.length; k++) counts[k + 1] = counts[k]! + (this.isRepeat(this.sorted[k]!) ? 1 : 0);
      this.repeatsBefore = counts;
    }
    return this.repeatsBefore;
  }

  /** Day-precision events on a month and day ("06-22") in any year, oldest first. */
  onMonthDay(monthDay: string): readonly EventRecord[] {
    return this.byMonthDay.get(monthDay) ?? [];
  }

  /**
   * Whether the event repeats an earlier one: the same article, paragraph, sentence and dates ("a month
   * ago … two weeks later", both June). A repeat has its first's date, so it sits in the same run of
   * equal dates: one pass over the sorted events finds them all.
   */
  isRepeat(e: EventRecord): boolean {
    if (!this.repeats) {
      const repeats = new Set<EventRecord>();
      let run = 0;
      for (let i = 1; i <= this.sorted.length; i++) {
        if (i < this.sorted.length && this.sorted[i]!.date === this.sorted[run]!.date) continue;
        if (i - run > 1) {
          const seen = new Set<string>();
          for (let j = run; j < i; j++) {
            const x = this.sorted[j]!;
            const key = `${x.article}#${x.paragraph}|${x.end}|${x.text}`;
            if (seen.has(key)) repeats.add(x);
            else seen.add(key);
          }
        }
        run = i;
      }
      this.repeats = repeats;
    }
    return this.repeats.has(e);
  }

  /** Builds the repeat list now rather than at the first timeline. */
  warmUp(): void {
    this.repeatCounts();
  }
}

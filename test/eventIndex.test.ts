/** The events index behind `timeline` and `onthisday`: periods counted and cut without listing them, calendar days, in-place adds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventIndex, spanOf } from '../src/kb/eventIndex.ts';
import type { EventRecord } from '../src/kb/records.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';

function event(id: string, date: string, end: string | null = null, text = `${id} happened.`, article = id): EventRecord {
  const precision = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
  return { id, article, paragraph: 1, date, end, precision, approximate: false, text, expression: date, entities: [] };
}

/** What a period holds, written the slow and obvious way: every event looked at. */
function naive(index: EventIndex, from: string, to: string): { all: EventRecord[]; distinct: EventRecord[] } {
  const [start, end] = [spanOf(from)[0], spanOf(to)[1]];
  const all = index.all();
  const runningInto = all.filter((e) => e.end !== null && spanOf(e.date)[0] < start && spanOf(e.end)[1] >= start).reverse();
  const within = all.filter((e) => spanOf(e.date)[0] >= start && spanOf(e.date)[0] <= end);
  const list = [...runningInto, ...within];
  return { all: list, distinct: list.filter((e) => !index.isRepeat(e)) };
}

function assertWindow(index: EventIndex, from: string, to: string, limit: number): void {
  const expected = naive(index, from, to);
  const got = index.window(from, to, limit);
  const ids = (list: readonly EventRecord[]): string[] => list.map((e) => e.id);
  assert.equal(got.total, expected.all.length, `${from}..${to} total`);
  assert.equal(got.distinct, expected.distinct.length, `${from}..${to} distinct`);
  assert.deepEqual(ids(got.first), ids(expected.all.slice(0, limit)), `${from}..${to} first`);
  assert.deepEqual(ids(got.firstDistinct), ids(expected.distinct.slice(0, limit)), `${from}..${to} first distinct`);
}

test('a period is counted and cut to its first events, ranges that run into it first, repeats left out', () => {
  const events = [
    event('decade', '1990', '1999'),
    event('y1995', '1995'),
    event('m1995', '1995-06'),
    event('war', '1995-05-01', '1995-07-30'),
    event('d1995', '1995-06-22'),
    // The same sentence giving the same date twice: one event shown, both counted in `total`.
    event('twice-a', '1996-03-01', null, 'It happened twice.', 'x'),
    event('twice-b', '1996-03-01', null, 'It happened twice.', 'x'),
    event('y1997', '1997'),
    event('late', '2001-01-01', '2001-12-31'),
  ];
  const index = new EventIndex(events);
  for (const [from, to] of [['1995', '1995'], ['1995-06', '1995-06'], ['1995-06-01', '1995-06-30'], ['1996', '1996'], ['1990', '2001'], ['1998', '1998'], ['2001-06', '2001-06'], ['1980', '1985'], ['2030', '2030']] as const) {
    for (const limit of [1, 2, 100]) assertWindow(index, from, to, limit);
  }
  assert.deepEqual(index.window('1995-06', '1995-06', 100).first.map((e) => e.id), ['war', 'decade', 'm1995', 'd1995']);
  const repeated = index.window('1996', '1996', 100);
  assert.deepEqual(repeated.first.map((e) => e.id), ['decade', 'twice-a', 'twice-b']);
  assert.deepEqual(repeated.firstDistinct.map((e) => e.id), ['decade', 'twice-a']);
  assert.equal(repeated.total, 3);
  assert.equal(repeated.distinct, 2);
  // Added events are counted at once, where they belong.
  index.add([event('added', '1995-06-10'), event('long', '1994-01-01', '1996-12-31')]);
  for (const [from, to] of [['1995', '1995'], ['1996', '1996'], ['1995-06', '1995-06'], ['1990', '2001']] as const) assertWindow(index, from, to, 100);
});

test('the seed corpus: every year and month of its events, as the obvious filter finds them', () => {
  const { kb } = openKnowledgeBase({ corpusDir: 'data/articles', cacheDir: false });
  const dates = new Set(kb.events.all().flatMap((e) => [e.date.slice(0, 4), e.date.slice(0, 7)]));
  assert.ok(dates.size > 10);
  for (const d of dates) assertWindow(kb.events, d, d, 3);
});

test('events added in place take their date order, on the timeline and on their calendar day', () => {
  const index = new EventIndex([event('a', '2001-06-22'), event('b', '2010-06-22'), event('c', '2020-06-20', '2020-06-23')]);
  index.add([event('d', '1999-06-22'), event('e', '2005-06-22'), event('f', '2030-06-22')]);
  assert.deepEqual(index.onMonthDay('06-22').map((e) => e.id), ['d', 'a', 'e', 'b', 'c', 'f']);
  assert.deepEqual(index.all().map((e) => e.id), ['d', 'a', 'e', 'b', 'c', 'f']);
  assert.deepEqual(index.onMonthDay('06-21').map((e) => e.id), ['c']);
});

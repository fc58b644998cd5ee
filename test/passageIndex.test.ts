/** The passage search index: ranking, every word required, prefixes, typos, marks, the cache round trip, adding after a load. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassageIndex, type IndexedWord } from '../src/kb/passageIndex.ts';
import type { PassageRecord } from '../src/kb/records.ts';

const passages: PassageRecord[] = [
  { id: 'a#p1', article: 'a', paragraph: 1, text: 'The minister met political prisoners in Evin prison.' },
  { id: 'a#p2', article: 'a', paragraph: 2, text: 'Political reform was on the agenda of the parliament.' },
  { id: 'b#p1', article: 'b', paragraph: 1, text: 'Thirty thousand prisoners were executed in 1988, Amnesty International said.' },
  { id: 'b#p2', article: 'b', paragraph: 2, text: 'The Revolutionary Guards patrolled Tehran.' },
];

const ids = (index: PassageIndex, q: string): string[] => index.find(q, 5).map((h) => h.passage.id);

test('every word must match when some passage has them all; else any word may', () => {
  const index = new PassageIndex(passages);
  assert.deepEqual(ids(index, 'political prisoners'), ['a#p1']);
  assert.equal(index.find('political prisoners')[0]?.matchedAll, true);
  const some = index.find('political guards');
  assert.equal(some[0]?.matchedAll, false);
  assert.ok(some.length >= 2);
});

test('prefixes and typos find their words; matched words are marked', () => {
  const index = new PassageIndex(passages);
  assert.ok(ids(index, 'prison').includes('a#p1'));
  assert.ok(ids(index, 'revolutionery').includes('b#p2'), 'one typo');
  // Two letters swapped is one slip, even in a short word.
  assert.deepEqual(ids(index, 'amensty'), ['b#p1']);
  assert.deepEqual(ids(index, 'tehran patrloled'), ['b#p2']);
  assert.deepEqual(ids(index, 'amnsety'), ['b#p1']);
  const hit = index.find('amnesty executed')[0]!;
  assert.deepEqual(hit.marks.map(([s, e]) => hit.passage.text.slice(s, e)), ['executed', 'Amnesty']);
  assert.deepEqual(index.find('the of and'), []);
  assert.equal(PassageIndex.searchable('the of and'), false);
});

test('the serialized index loads to the same answers, and takes new passages after loading', () => {
  const built = new PassageIndex(passages);
  const serialized = built.toSerialized();
  const loaded = new PassageIndex(passages, { meta: serialized.meta, numbers: new Uint32Array(serialized.numbers) });
  for (const q of ['political prisoners', 'prison', 'tehran guards', 'revolutionery', '1988']) assert.deepEqual(ids(loaded, q), ids(built, q), q);
  loaded.add([{ id: 'c#p1', article: 'c', paragraph: 1, text: 'New prisoners arrived in Tehran.' }]);
  assert.ok(ids(loaded, 'tehran prisoners').includes('c#p1'));
  assert.equal(loaded.size, 5);
  // A serialized index for other passages is not trusted: it is rebuilt.
  const other = new PassageIndex(passages.slice(0, 2), serialized);
  assert.equal(other.size, 2);
});

test('withWordAmong marks exactly the asked passages that have a word with the prefix, short postings or long, and that the test accepts', () => {
  // A seeded corpus where some words are in most passages and some in few, so both ways of intersecting run.
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const common = ['market', 'marked', 'minister'];
  const rare = ['tunnel', 'tundra', 'quartz'];
  const many: PassageRecord[] = Array.from({ length: 600 }, (_, i) => {
    const words = [common[next(3)]!, common[next(3)]!, ...(next(20) === 0 ? [rare[next(3)]!] : []), 'plain'];
    return { id: `d${i}#p1`, article: `d${i}`, paragraph: 1, text: words.join(' ') };
  });
  const index = new PassageIndex(many);
  const has = (at: number, prefix: string): boolean => many[at]!.text.split(' ').some((w) => w.startsWith(prefix));
  /** The asked passages withWordAmong marks as having the word. */
  const among = (word: IndexedWord, asked: number[]): number[] | null => {
    const found = index.withWordAmong(word, asked);
    return found && asked.filter((_, j) => found[j] === 1);
  };
  for (const asked of [[...Array(600).keys()], [...Array(600).keys()].filter((i) => i % 7 === 3), [5, 17, 400, 599], []]) {
    for (const prefix of ['mark', 'market', 'tun', 'quartz', 'min', 'zebra']) {
      assert.deepEqual(among({ prefix }, asked), asked.filter((at) => has(at, prefix)), `${prefix} among ${asked.length}`);
    }
    // Only the words the test accepts: "marked", not "market".
    const marked = (term: string): boolean => term === 'marked';
    assert.deepEqual(among({ prefix: 'mark', matches: marked }, asked), asked.filter((at) => many[at]!.text.split(' ').includes('marked')), `marked among ${asked.length}`);
  }
  assert.equal(index.withWordAmong({ prefix: 'th' }, [1, 2]), null, 'a stopword starts with it: the index cannot tell');
  assert.equal(index.withWordAmong({ prefix: 'th', matches: (term) => term === 'the' }, [1, 2]), null, 'the stopword is a word asked for');
  assert.deepEqual(among({ prefix: 'th', matches: (term) => term === 'thin' }, [1, 2]), [], 'no stopword is asked for: the index can tell');
});

test('search answers the same whatever the size of the blocks it skips by: words, prefixes, typos, AND and OR', () => {
  let seed = 3;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const vocabulary = ['market', 'marked', 'markets', 'minister', 'ministers', 'tunnel', 'tundra', 'quartz', 'plain', 'harbour', 'harbours', 'budget'];
  // Common words early in the list, rare ones late; passages of 1 to 12 words, so that lengths and scores tie.
  const many: PassageRecord[] = Array.from({ length: 900 }, (_, i) => {
    const words = Array.from({ length: 1 + next(12) }, () => vocabulary[Math.min(next(vocabulary.length), next(vocabulary.length))]!);
    return { id: `e${i}#p1`, article: `e${i}`, paragraph: 1, text: words.join(' ') };
  });
  const small = new PassageIndex(many, undefined, { blockShift: 1 });
  const medium = new PassageIndex(many, undefined, { blockShift: 5 });
  const whole = new PassageIndex(many, undefined, { blockShift: 11 });
  const queries = ['market', 'mark', 'minister tunnel', 'markte', 'harbour budget plain', 'quartz tundra', 'ministr', 'plain market minister', 'tunnel zebra', 'budget'];
  const answer = (index: PassageIndex, q: string, filtered: boolean): string =>
    JSON.stringify(index.find(q, 7, filtered ? (p) => p.article.endsWith('3') === false : undefined).map((h) => [h.passage.id, h.score, h.matchedAll]));
  for (const q of queries) {
    for (const filtered of [false, true]) {
      const expected = answer(whole, q, filtered);
      assert.notEqual(expected, '[]', q);
      assert.equal(answer(small, q, filtered), expected, `${q}, blocks of 2`);
      assert.equal(answer(medium, q, filtered), expected, `${q}, blocks of 32`);
    }
  }
  assert.equal(whole.find('tunnel zebra')[0]?.matchedAll, false, 'no passage has both: any word');

  // Passages added after the warm-up (and after queries) are searched with bounds for the grown corpus.
  const grown = new PassageIndex(many.slice(0, 500), undefined, { blockShift: 3 });
  grown.warmUp();
  for (const q of queries) grown.find(q, 7);
  grown.add(many.slice(500));
  for (const q of queries) assert.equal(answer(grown, q, false), answer(whole, q, false), `${q}, after adding passages`);
});

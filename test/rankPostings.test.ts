/**
 * Ranking with block bounds gives exactly what scoring every passage gives: the same passages, the same
 * order, the same scores to the last bit. Checked against a plain reference on seeded corpora built to tie
 * often (few passage lengths, small counts), for AND and OR, blocks from 1 to 16 passages and one block for
 * all (2,048), limits from 1 to 12, with and without a filter, terms shared between words, and bounds kept from
 * query to query and dropped when the norms change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockBounds } from '../src/kb/blockBounds.ts';
import type { WordPostings } from '../src/kb/queryTerms.ts';
import { rankAll, rankAny, type RankedPassage } from '../src/kb/rankPostings.ts';

function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

interface Term {
  id: number;
  postings: Uint32Array;
  length: number;
}

/** A corpus of `docs` passages: some terms in most of them, some in a few; counts 1–3. */
function corpus(next: (n: number) => number, docs: number): Term[] {
  const shares = [0.6, 0.4, 0.25, 0.1, 0.05, 0.02, 0.01, 0.3, 0.5, 0.003];
  return shares.map((share, id) => {
    const pairs: number[] = [];
    for (let d = 0; d < docs; d++) if (next(1000) < share * 1000) pairs.push(d, 1 + (next(4) === 0 ? next(3) : 0));
    return { id, postings: Uint32Array.from(pairs), length: pairs.length };
  });
}

/** Norms from four passage lengths only, so that many passages tie. */
function norms(next: (n: number) => number, docs: number): Float64Array {
  const lengths = [0.6, 0.9, 1.2, 1.5];
  return Float64Array.from({ length: docs }, () => lengths[next(4)]!);
}

const counts = new WeakMap<Uint32Array, Map<number, number>>();
/** A term's count in each of its passages. */
function countsOf(postings: Uint32Array): Map<number, number> {
  let map = counts.get(postings);
  if (!map) {
    map = new Map();
    for (let i = 0; i < postings.length; i += 2) map.set(postings[i]!, postings[i + 1]!);
    counts.set(postings, map);
  }
  return map;
}

/** The reference: every passage scored, words' terms in order, sorted by score then passage. */
function everyPassage(words: readonly WordPostings[], norm: Float64Array, all: boolean, factor: number, limit: number, keep?: (doc: number) => boolean): RankedPassage[] {
  const scored: RankedPassage[] = [];
  const allBits = words.reduce((bits, w) => bits | w.bit, 0);
  for (let d = 0; d < norm.length; d++) {
    let s = 0;
    let found = 0;
    for (const word of words) {
      for (const term of word.terms) {
        const tf = countsOf(term.postings).get(d);
        if (tf === undefined) continue;
        s += term.weight * (tf / (tf + norm[d]!));
        found |= word.bit;
      }
    }
    if (all ? found !== allBits : found === 0) continue;
    if (keep && !keep(d)) continue;
    let bits = 0;
    for (let v = found; v; v &= v - 1) bits++;
    scored.push({ doc: d, score: s * (all ? factor : 1 + bits) });
  }
  return scored.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, limit);
}

test('ranking with block bounds gives exactly the passages, order and scores of scoring every passage', () => {
  const next = seeded(11);
  let queries = 0;
  let tiedAtTheCut = 0;
  for (const docs of [1, 37, 300, 1500]) {
    const terms = corpus(next, docs);
    const norm = norms(next, docs);
    const bounds = [0, 1, 2, 4, 11].map((shift) => new BlockBounds(shift));
    for (let q = 0; q < 60; q++) {
      const words: WordPostings[] = Array.from({ length: 1 + next(3) }, (_, k) => ({
        bit: 1 << k,
        // Terms may be shared between words, as a word and another's prefix can be the same vocabulary term.
        terms: Array.from({ length: 1 + next(3) }, () => ({ ...terms[next(terms.length)]!, weight: [2.2, 1.3, 1.1][next(3)]! * (1 + next(5)) })),
      }));
      const factor = 1 + words.length;
      const limit = [1, 3, 10, 12][next(4)]!;
      const keep = next(3) === 0 ? (d: number) => d % 3 !== 1 : undefined;
      const expectAll = everyPassage(words, norm, true, factor, limit, keep);
      const expectAny = everyPassage(words, norm, false, 0, limit, keep);
      const cut = everyPassage(words, norm, false, 0, limit + 1, keep);
      if (cut.length > limit && cut[limit]!.score === cut[limit - 1]!.score) tiedAtTheCut++;
      for (const b of bounds) {
        assert.deepEqual(rankAll(words, norm, b, limit, keep), expectAll, `AND, ${docs} passages, blocks of ${2 ** b.shift}, query ${q}`);
        assert.deepEqual(rankAny(words, norm, b, limit, keep), expectAny, `OR, ${docs} passages, blocks of ${2 ** b.shift}, query ${q}`);
      }
      queries++;
    }
    // The corpus grows: a new norms array, and the kept bounds of the old one must not be used.
    const grown = norms(next, docs);
    const words: WordPostings[] = [{ bit: 1, terms: [{ ...terms[0]!, weight: 2.2 }] }];
    for (const b of bounds) assert.deepEqual(rankAny(words, grown, b, 10), everyPassage(words, grown, false, 0, 10), `after growing, blocks of ${2 ** b.shift}`);
  }
  assert.equal(queries, 240);
  assert.ok(tiedAtTheCut > 20, `the corpora tie at the cut often enough to test ties (${tiedAtTheCut})`);
});

test('a word no passage has gives no AND, and the OR of the others', () => {
  const postings = Uint32Array.from([0, 1, 2, 2, 5, 1]);
  const norm = Float64Array.from([1, 1, 1, 1, 1, 1]);
  const words: WordPostings[] = [
    { bit: 1, terms: [{ id: 0, postings, length: 6, weight: 1 }] },
    { bit: 2, terms: [] },
  ];
  const bounds = new BlockBounds(1);
  assert.deepEqual(rankAll(words, norm, bounds, 10), []);
  assert.deepEqual(
    rankAny(words, norm, bounds, 10).map((r) => r.doc),
    [2, 0, 5],
  );
});

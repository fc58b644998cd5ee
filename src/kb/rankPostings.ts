/**
 * The best passages of a query from its terms' postings, skipping the blocks of passages that cannot make
 * the top (block-max pruning, after Lucene's and PISA's): what passageIndex.ts ranks with.
 *
 * The passages are cut into blocks of 2^shift, and each common term knows the largest share
 * tf / (tf + norm) it gives a passage of each block (`BlockBounds`: computed once per term, by the warm-up,
 * and kept). A query's bound for a block adds each of its terms' weight times that largest share; a block
 * whose bound cannot beat the last of the top `limit` found so far is skipped without reading its
 * postings, and so is one that lacks a word of an AND. The eight blocks with the largest bounds are read
 * first, so that the top fills with good passages early; then the others, in passage order, consecutive
 * ones together. A block is read term by term into a small array of its passages' scores, which stays in
 * the processor's cache: the search this replaced added every posting into score arrays as long as the
 * corpus (tens of megabytes at 100,000 articles), and for a common word most of its time went in cache
 * misses (3.3 ms for one in a fifth of the 1.2 million passages, against 0.6 ms reading its postings
 * straight through). In an AND the rarest word's passages are the candidates, and the others are looked up
 * only for the candidates that could still make the top.
 *
 * The answers are exactly those of scoring every passage, to the last bit, not an approximation: a
 * passage's score adds its terms' weight · (tf / (tf + norm)) in one fixed order, and a bound adds, in the
 * same order, each term's weight times its largest share. Rounding is monotonic, so no score exceeds its
 * bound even in the last bit, and a block whose bound only ties the last kept passage can be skipped when
 * its passages come later: ties go to the earlier passage. (Short passages with the same count of a word
 * tie often, so a bound padded against rounding would skip far less.) The tests check this against
 * scoring every passage, on corpora with many ties.
 *
 * Written by hand because the index itself is (see passageIndex.ts): no search library reads these arrays.
 */

import type { BlockBounds } from './blockBounds.ts';
import { popcount, queryTermsOf, type WordPostings } from './queryTerms.ts';
import { seek } from './seek.ts';

export interface RankedPassage {
  doc: number;
  score: number;
}

/**
 * Passages with every word (AND), best first, `limit` at most; ties in passage order. Each score is
 * multiplied by one more than the number of words. `keep` may turn passages away (they do not count
 * toward the limit). The first word's terms give the candidates, so it should be the one with the fewest
 * postings.
 */
export function rankAll(words: readonly WordPostings[], norm: Float64Array, bounds: BlockBounds, limit: number, keep?: (doc: number) => boolean): RankedPassage[] {
  return rank(words, norm, bounds, true, limit, keep);
}

/**
 * Passages with any word (OR), best first, `limit` at most; ties in passage order. A passage's score is
 * multiplied by one more than how many of the words it has.
 */
export function rankAny(words: readonly WordPostings[], norm: Float64Array, bounds: BlockBounds, limit: number, keep?: (doc: number) => boolean): RankedPassage[] {
  return rank(words, norm, bounds, false, limit, keep);
}

/**
 * rankAll (`all`) and rankAny. Consecutive blocks to read are read together, RUN_PASSAGES at most: when
 * the bounds let few blocks be skipped (two common words in an AND), this reads the postings almost
 * straight through instead of seeking each term's place again block after block.
 */
function rank(words: readonly WordPostings[], norm: Float64Array, bounds: BlockBounds, all: boolean, limit: number, keep?: (doc: number) => boolean): RankedPassage[] {
  const out: RankedPassage[] = [];
  if (words.length === 0 || limit <= 0) return out;
  const query = queryTermsOf(words);
  const { postings, end, weight, wordAt, bits } = query;
  // Where each term's reading is in its postings (a number index: two numbers a passage).
  const at = new Int32Array(end.length);
  const terms = end.length;
  const count = words.length;
  const allBits = bits.reduce((sum, bit) => sum | bit, 0);
  // What an AND's scores are multiplied by: one more than the number of words.
  const everyWord = 1 + popcount(allBits);
  const { bound, blockMax } = bounds.forQuery(query, norm, all);
  const shift = bounds.shift;
  const blocks = (norm.length >> shift) + 1;
  const runBlocks = Math.max(1, RUN_PASSAGES >> shift);
  const { sums, has, touched } = bounds.scratch(runBlocks << shift);
  /** Whether a passage scoring s would make the top: ties go to the earlier passage. */
  const makesIt = (s: number, d: number): boolean => {
    if (out.length < limit) return true;
    const last = out[out.length - 1]!;
    return s > last.score || (s === last.score && d < last.doc);
  };
  /** Whether some passage of a block could make the top: every one scores at most its bound, and the first is the earliest. */
  const worth = (block: number): boolean => bound[block]! >= 0 && makesIt(bound[block]!, block << shift);
  /**
   * Scores the passages lo..hi-1 and offers them to the top. In an AND, the first word's passages are the
   * candidates, and each further word is added to those that have every word so far (looked up one by one
   * when there are few of them, else read through), so that a common word costs its matches with the
   * rarer ones, not its postings.
   */
  const visit = (lo: number, hi: number): void => {
    let n = 0;
    let need = 0;
    for (let k = 0; k < count; k++) {
      if (all && k > 0) {
        n = keepWith(n, need, sums, has, touched);
        if (out.length >= limit) n = keepLikely(k, n, lo);
        if (n === 0) break;
      }
      for (let t = wordAt[k]!; t < wordAt[k + 1]!; t++) {
        const p = postings[t]!;
        const from = seek(p, at[t]!, end[t]!, lo);
        const to = seek(p, from, end[t]!, hi);
        at[t] = to;
        if (!all || k === 0) n = scan(p, from, to, lo, weight[t]!, bits[k]!, norm, sums, has, touched, n);
        else if (n * Math.log2((to - from) / 2 + 2) < (to - from) / 2) lookUp(p, from, to, lo, weight[t]!, bits[k]!, norm, sums, has, touched, n);
        else addWhere(p, from, to, lo, weight[t]!, bits[k]!, need, norm, sums, has);
      }
      need |= bits[k]!;
    }
    for (let c = 0; c < n; c++) {
      const slot = touched[c]!;
      const found = has[slot]!;
      let s = sums[slot]!;
      sums[slot] = 0;
      has[slot] = 0;
      if (all && found !== allBits) continue;
      s *= 1 + popcount(found);
      if (makesIt(s, lo + slot)) offer(out, lo + slot, s, limit, keep);
    }
  };
  /**
   * Of the candidates touched[0..n) before word k of an AND, keeps those that could still make the top:
   * their score so far plus, for each term left, its weight times its largest share in the block, in the
   * terms' order. Clears the others; returns how many are kept.
   */
  const keepLikely = (k: number, n: number, lo: number): number => {
    let kept = 0;
    for (let c = 0; c < n; c++) {
      const slot = touched[c]!;
      const block = (lo + slot) >> shift;
      let most = sums[slot]!;
      for (let t = wordAt[k]!; t < terms; t++) most += weight[t]! * blockMax[t]![block]!;
      if (makesIt(most * everyWord, lo + slot)) touched[kept++] = slot;
      else {
        sums[slot] = 0;
        has[slot] = 0;
      }
    }
    return kept;
  };
  // The blocks that bound most first, so that the top fills with good passages early and the rest of the
  // blocks, in passage order, are measured against them; the reading starts again from the beginning.
  const best = bestBlocks(bound, blocks, FIRST_BLOCKS);
  for (const block of best) visit(block << shift, (block + 1) << shift);
  at.fill(0);
  for (let block = 0, next = 0; block < blocks; ) {
    if (next < best.length && best[next] === block) {
      next++;
      block++;
      continue;
    }
    if (!worth(block)) {
      block++;
      continue;
    }
    let last = block + 1;
    while (last < blocks && last - block < runBlocks && !(next < best.length && best[next] === last) && worth(last)) last++;
    visit(block << shift, last << shift);
    block = last;
  }
  return out;
}

/*
 * The run's arrays, for passage lo + slot: `sums` its score so far, `has` the bits of its words so far,
 * and `touched` the slots touched, in the order first touched (touched[0..n)).
 */

/** Adds the postings [from, to) of a term to the run's arrays; returns how many slots are touched. */
function scan(p: Uint32Array, from: number, to: number, lo: number, w: number, bit: number, norm: Float64Array, sums: Float64Array, has: Uint8Array, touched: Int32Array, n: number): number {
  for (let j = from; j < to; j += 2) {
    const d = p[j]!;
    const tf = p[j + 1]!;
    const slot = d - lo;
    if (has[slot] === 0) touched[n++] = slot;
    has[slot]! |= bit;
    sums[slot]! += w * (tf / (tf + norm[d]!));
  }
  return n;
}

/** Adds the postings [from, to) of a term to the touched slots that have every word in `need`. */
function addWhere(p: Uint32Array, from: number, to: number, lo: number, w: number, bit: number, need: number, norm: Float64Array, sums: Float64Array, has: Uint8Array): void {
  for (let j = from; j < to; j += 2) {
    const d = p[j]!;
    const slot = d - lo;
    if (has[slot] === 0 || (has[slot]! & need) !== need) continue;
    const tf = p[j + 1]!;
    has[slot]! |= bit;
    sums[slot]! += w * (tf / (tf + norm[d]!));
  }
}

/** addWhere for the touched slots touched[0..n), each looked up in the postings [from, to). */
function lookUp(p: Uint32Array, from: number, to: number, lo: number, w: number, bit: number, norm: Float64Array, sums: Float64Array, has: Uint8Array, touched: Int32Array, n: number): void {
  for (let c = 0; c < n; c++) {
    const slot = touched[c]!;
    const d = lo + slot;
    const j = seek(p, from, to, d);
    if (j >= to || p[j] !== d) continue;
    const tf = p[j + 1]!;
    has[slot]! |= bit;
    sums[slot]! += w * (tf / (tf + norm[d]!));
  }
}

/** Keeps the touched slots that have every word in `need`, clearing the others; returns how many are kept. */
function keepWith(n: number, need: number, sums: Float64Array, has: Uint8Array, touched: Int32Array): number {
  let kept = 0;
  for (let c = 0; c < n; c++) {
    const slot = touched[c]!;
    if ((has[slot]! & need) === need) touched[kept++] = slot;
    else {
      sums[slot] = 0;
      has[slot] = 0;
    }
  }
  return kept;
}

/** Most passages of consecutive blocks read together (a block at least): 64 blocks of 128. */
const RUN_PASSAGES = 8192;

/** Blocks visited before the others: enough to find a good top `limit`, few enough to pick out cheaply. */
const FIRST_BLOCKS = 8;

/** The `count` blocks with the largest bounds, in passage order. */
function bestBlocks(bound: Float64Array, blocks: number, count: number): number[] {
  const top: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const v = bound[b]!;
    if (v < 0 || (top.length >= count && v <= bound[top[top.length - 1]!]!)) continue;
    let at = top.length;
    while (at > 0 && bound[top[at - 1]!]! < v) at--;
    top.splice(at, 0, b);
    if (top.length > count) top.pop();
  }
  return top.sort((a, b) => a - b);
}

/** Puts a passage into the sorted top list (after the earlier passages scoring as much), if `keep` lets it. */
function offer(out: RankedPassage[], doc: number, score: number, limit: number, keep?: (doc: number) => boolean): void {
  if (keep && !keep(doc)) return;
  let at = out.length;
  while (at > 0 && (out[at - 1]!.score < score || (out[at - 1]!.score === score && out[at - 1]!.doc > doc))) at--;
  out.splice(at, 0, { doc, score });
  if (out.length > limit) out.pop();
}

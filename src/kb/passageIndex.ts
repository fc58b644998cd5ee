/**
 * Full-text search over paragraphs: an inverted index with BM25 ranking, prefix and typo tolerance. Every
 * word of a query must match (AND); when no passage has them all, any may (OR). The matched words are
 * marked in the passage for the renderers.
 *
 * Written by hand rather than with MiniSearch because the cache must load fast: the postings are one
 * Uint32Array that the warm start reads straight from disk (milliseconds for 100,000 articles, where
 * rebuilding MiniSearch's tree from its JSON took seconds), and a query is a pass over the postings of its
 * few words (rankPostings.ts), with no per-query allocation proportional to the corpus.
 */
import { eachWord, normalizeTermCached, wordsWithOffsets } from '../text/normalizeForMatch.ts';
import { typoDistance } from '../text/similarity.ts';
import { gallop, partitionPoint } from './partitionPoint.ts';
import { BlockBounds } from './blockBounds.ts';
import type { WordPostings } from './queryTerms.ts';
import { rankAll, rankAny, type RankedPassage } from './rankPostings.ts';
import { seek } from './seek.ts';
import type { PassageRecord } from './records.ts';

/** Words too common to search for on their own. */
const STOPWORDS = new Set(
  'a an and are as at be but by for from had has have he her his i in is it its of on or she that the their them they this to was were what when where which who will with about said says did do does'.split(' '),
);

export interface PassageHit {
  passage: PassageRecord;
  score: number;
  /** Character ranges of `passage.text` that matched a query word (end exclusive). */
  marks: Array<[number, number]>;
  /** Whether it matched every query word (AND) or only some (OR). */
  matchedAll: boolean;
}

export function processTerm(word: string): string | null {
  const t = normalizeTermCached(word);
  return t === '' || STOPWORDS.has(t) ? null : t;
}

function termsOf(text: string): string[] {
  const out: string[] = [];
  eachWord(text, (word) => {
    const t = processTerm(word);
    if (t !== null) out.push(t);
  });
  return out;
}

/** BM25 parameters (the usual ones). */
const K1 = 1.2;
const B = 0.75;
/** Most vocabulary terms a prefix or a typo may stand for. */
const MAX_EXPANSIONS = 12;


/**
 * Words a passage is asked to have (withWordAmong): those starting with `prefix` that `matches` accepts
 * (all of them when it is absent), given as the index spells its terms (normalizeTermCached).
 */
export interface IndexedWord {
  prefix: string;
  matches?: (term: string) => boolean;
}

export interface PassageIndexOptions {
  /** Passages per block of the search's bounds, as a power of two (tests use small blocks to exercise them). */
  blockShift?: number;
}

/** The serialized form: the vocabulary as JSON, the numbers as one binary buffer. */
export interface SerializedPassageIndex {
  meta: string;
  numbers: Uint32Array;
}

export class PassageIndex {
  private readonly docs: PassageRecord[] = [];
  private readonly docLength: number[] = [];
  private totalLength = 0;
  private readonly termId = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * Postings of each term: document ordinals and term frequencies, interleaved, in the first
   * `postingLength[id]` numbers of a Uint32Array (4 bytes a number, where a JS array takes 8: at 100,000
   * articles that is hundreds of megabytes). Arrays built here have room to grow; those loaded from the
   * cache are views into one shared array, copied the first time a new article adds to them.
   */
  private readonly postings: Uint32Array[] = [];
  private readonly postingLength: number[] = [];
  private readonly ownPostings: boolean[] = [];
  private sortedTerms: string[] | null = null;
  private trigramIndex: Map<string, number[]> | null = null;
  /** similar()'s count of shared trigrams per vocabulary term, and the terms it touched. */
  private scratchShared = new Uint8Array(0);
  private scratchSharing = new Int32Array(0);

  private readonly bounds: BlockBounds;

  /** Builds the index, or loads it from the cache (`serialized` from toSerialized over the same passages). */
  constructor(passages: readonly PassageRecord[], serialized?: SerializedPassageIndex, options: PassageIndexOptions = {}) {
    this.bounds = new BlockBounds(options.blockShift);
    if (serialized && this.load(passages, serialized)) return;
    this.add(passages);
  }

  private load(passages: readonly PassageRecord[], serialized: SerializedPassageIndex): boolean {
    const meta = JSON.parse(serialized.meta) as { docs: number; terms: string[] };
    if (meta.docs !== passages.length) return false;
    const n = serialized.numbers;
    let at = 0;
    for (let d = 0; d < meta.docs; d++) {
      const len = n[at++]!;
      this.docLength.push(len);
      this.totalLength += len;
    }
    meta.terms.forEach((term, id) => {
      const count = n[at++]!;
      this.termId.set(term, id);
      this.terms.push(term);
      this.postings.push(n.subarray(at, at + count * 2));
      this.postingLength.push(count * 2);
      this.ownPostings.push(false);
      at += count * 2;
    });
    // (A loop: spreading a million passages into push() overflows the call stack.)
    for (const p of passages) this.docs.push(p);
    return true;
  }

  /** The index for the on-disk cache. */
  toSerialized(): SerializedPassageIndex {
    let size = this.docs.length;
    for (const len of this.postingLength) size += 1 + len;
    const numbers = new Uint32Array(size);
    let at = 0;
    for (const len of this.docLength) numbers[at++] = len;
    this.postings.forEach((p, id) => {
      const len = this.postingLength[id]!;
      numbers[at++] = len / 2;
      numbers.set(len === p.length ? p : p.subarray(0, len), at);
      at += len;
    });
    return { meta: JSON.stringify({ docs: this.docs.length, terms: this.terms }), numbers };
  }

  add(passages: readonly PassageRecord[]): void {
    for (const passage of passages) {
      const doc = this.docs.length;
      this.docs.push(passage);
      const counts = new Map<string, number>();
      const terms = termsOf(passage.text);
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      this.docLength.push(terms.length);
      this.totalLength += terms.length;
      for (const [term, tf] of counts) {
        let id = this.termId.get(term);
        if (id === undefined) {
          id = this.terms.length;
          this.termId.set(term, id);
          this.terms.push(term);
          this.postings.push(new Uint32Array(4));
          this.postingLength.push(0);
          this.ownPostings.push(true);
          this.sortedTerms = null;
          this.trigramIndex = null;
        }
        let list = this.postings[id]!;
        const len = this.postingLength[id]!;
        if (len + 2 > list.length || !this.ownPostings[id]) {
          const grown = new Uint32Array(Math.max(8, Math.ceil((len + 2) * 1.5)));
          grown.set(list.subarray(0, len));
          this.postings[id] = list = grown;
          this.ownPostings[id] = true;
        }
        list[len] = doc;
        list[len + 1] = tf;
        this.postingLength[id] = len + 2;
      }
    }
  }

  /**
   * Sorts the vocabulary and indexes its trigrams now rather than at the first prefix or typo, then
   * computes the search's block bounds of the common words, a step each.
   */
  *warmUpSteps(): Generator<void> {
    this.sorted();
    this.similar('warmup');
    yield;
    for (let id = 0; id < this.terms.length; id++) {
      // The norms are asked for each time: an article added between two steps changes them.
      const norm = this.norms();
      if (!this.bounds.keeps(this.postingLength[id]!, norm)) continue;
      this.bounds.largest(id, this.postings[id]!, this.postingLength[id]!, norm);
      yield;
    }
  }

  warmUp(): void {
    for (const _ of this.warmUpSteps());
  }

  get size(): number {
    return this.docs.length;
  }

  /** True when the query has at least one searchable word (not only stopwords or punctuation). */
  static searchable(query: string): boolean {
    return termsOf(query).length > 0;
  }

  private sorted(): string[] {
    this.sortedTerms ??= [...this.terms].sort();
    return this.sortedTerms;
  }

  /** Ids of the vocabulary terms starting with `prefix` (the prefix itself included), from the sorted vocabulary. */
  private startingWith(prefix: string): number[] {
    const sorted = this.sorted();
    const out: number[] = [];
    for (let i = partitionPoint(0, sorted.length, (k) => sorted[k]! < prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(this.termId.get(sorted[i]!)!);
    return out;
  }

  /** Vocabulary terms starting with `prefix` (longer than it), most frequent first. */
  private prefixed(prefix: string): number[] {
    return this.startingWith(prefix)
      .filter((id) => this.terms[id] !== prefix)
      .sort((a, b) => this.postingLength[b]! - this.postingLength[a]!)
      .slice(0, MAX_EXPANSIONS);
  }

  /**
   * Which of some passages (ordinals in ascending order) have a word that starts with `word.prefix` (the
   * whole word too) and that `word.matches` accepts, any such word, without the cap a query's expansion
   * has: 1 at the place of each that has one; null when the index cannot tell (a stopword, never indexed,
   * would be such a word). Each posting is intersected with the passages by galloping through the longer
   * of the two, so a common word costs about the few thousand passages asked about, not the hundreds of
   * thousands that have it.
   */
  withWordAmong(word: IndexedWord, docs: readonly number[]): Uint8Array | null {
    const { prefix, matches } = word;
    for (const stop of STOPWORDS) if (stop.startsWith(prefix) && (!matches || matches(stop))) return null;
    const found = new Uint8Array(docs.length);
    for (const id of this.startingWith(prefix)) {
      if (matches && !matches(this.terms[id]!)) continue;
      const list = this.postings[id]!;
      const end = this.postingLength[id]!;
      if (end / 2 <= docs.length) {
        let j = 0;
        for (let k = 0; k < end && j < docs.length; k += 2) {
          const doc = list[k]!;
          j = gallop(j, docs.length, (i) => docs[i]! < doc);
          if (docs[j] === doc) found[j] = 1;
        }
      } else {
        for (let j = 0, k = 0; j < docs.length && k < end; j++) {
          k = seek(list, k, end, docs[j]!);
          if (k < end && list[k] === docs[j]) found[j] = 1;
        }
      }
    }
    return found;
  }

  /** Vocabulary terms one or two edits away (a typo), found through shared letter trigrams. */
  private similar(term: string): number[] {
    if (!this.trigramIndex) {
      this.trigramIndex = new Map();
      this.terms.forEach((t, id) => {
        for (const g of trigrams(t)) {
          const list = this.trigramIndex!.get(g);
          if (list) list.push(id);
          else this.trigramIndex!.set(g, [id]);
        }
      });
    }
    // Trigrams shared with each term, counted in scratch arrays kept between queries: a common trigram is
    // in thousands of terms, and a map of them was a good part of what a mistyped search allocated.
    if (this.scratchShared.length < this.terms.length) {
      this.scratchShared = new Uint8Array(this.terms.length + 1024);
      this.scratchSharing = new Int32Array(this.terms.length + 1024);
    }
    const shared = this.scratchShared;
    const sharing = this.scratchSharing;
    let count = 0;
    for (const g of trigrams(term)) {
      for (const id of this.trigramIndex.get(g) ?? []) {
        if (shared[id] === 0) sharing[count++] = id;
        if (shared[id]! < 255) shared[id]!++;
      }
    }
    const maxEdits = term.length >= 8 ? 2 : 1;
    // In the order first met, as before: candidates with as many shared trigrams keep that order.
    const candidates: Array<[id: number, n: number]> = [];
    for (let c = 0; c < count; c++) {
      const id = sharing[c]!;
      const n = shared[id]!;
      shared[id] = 0;
      if (n >= 2 && Math.abs(this.terms[id]!.length - term.length) <= maxEdits) candidates.push([id, n]);
    }
    return candidates
      .sort((a, b) => b[1] - a[1])
      .slice(0, 200)
      .filter(([id]) => typoDistance(this.terms[id]!, term) <= maxEdits)
      .map(([id]) => id)
      .slice(0, MAX_EXPANSIONS);
  }

  /** The vocabulary terms a query word stands for, with their weights: itself, else a typo's neighbours; longer words by prefix too. */
  private expand(term: string): Array<{ id: number; weight: number }> {
    const out: Array<{ id: number; weight: number }> = [];
    const exact = this.termId.get(term);
    if (exact !== undefined) out.push({ id: exact, weight: 1 });
    if (term.length >= 4) for (const id of this.prefixed(term)) out.push({ id, weight: 0.6 });
    if (exact === undefined && term.length >= 5) for (const id of this.similar(term)) out.push({ id, weight: 0.5 });
    return out;
  }

  /** Per passage, BM25's length term K1·(1 − B + B·length/average): computed once per corpus size, not per posting. */
  private docNorm = new Float64Array(0);
  private docNormFor = -1;

  private norms(): Float64Array {
    const n = this.docs.length;
    if (this.docNormFor !== n) {
      const avgLength = this.totalLength / n || 1;
      this.docNorm = new Float64Array(n);
      for (let d = 0; d < n; d++) this.docNorm[d] = K1 * (1 - B + (B * this.docLength[d]!) / avgLength);
      this.docNormFor = n;
    }
    return this.docNorm;
  }

  private idf(id: number): number {
    const n = this.docs.length;
    const df = this.postingLength[id]! / 2;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  find(query: string, limit = 10, filter?: (p: PassageRecord) => boolean): PassageHit[] {
    const queryTerms = [...new Set(termsOf(query))];
    if (queryTerms.length === 0 || this.docs.length === 0) return [];
    const used = new Set<string>();
    const expansions = queryTerms.map((t) => this.expand(t));
    for (const list of expansions) for (const { id } of list) used.add(this.terms[id]!);
    const words = expansions.map((list, q): WordPostings & { size: number } => ({
      terms: list.map(({ id, weight }) => ({ id, postings: this.postings[id]!, length: this.postingLength[id]!, weight: weight * this.idf(id) * (K1 + 1) })),
      bit: 1 << Math.min(q, 7),
      size: list.reduce((sum, { id }) => sum + this.postingLength[id]!, 0),
    }));
    const keep = filter && ((doc: number) => filter(this.docs[doc]!));
    let matchedAll = true;
    let best: RankedPassage[] = [];
    // Every word (AND), each passage's shares added up shortest word first; when no passage has them all
    // (or the filter keeps none), any word (OR), a passage with more of the words first.
    if (words.every(({ terms }) => terms.length > 0)) {
      const order = [...words].sort((a, b) => a.size - b.size);
      best = rankAll(order, this.norms(), this.bounds, limit, keep);
    }
    if (best.length === 0) {
      matchedAll = false;
      best = rankAny(words, this.norms(), this.bounds, limit, keep);
    }
    return best.map(({ doc, score: s }) => {
      const passage = this.docs[doc]!;
      const marks: Array<[number, number]> = [];
      for (const w of wordsWithOffsets(passage.text)) {
        const t = processTerm(w.word);
        if (t !== null && used.has(t)) marks.push([w.start, w.end]);
      }
      return { passage, score: s, marks, matchedAll };
    });
  }
}

function trigrams(term: string): string[] {
  const padded = ` ${term} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

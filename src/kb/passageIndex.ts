/**
 * Full-text search over paragraphs: an inverted index (MiniSearch) with prefix and typo tolerance, so a
 * search costs milliseconds however large the corpus, where scanning every passage with fuse.js grows with
 * it. Every word of a query must match (AND); when that finds nothing, any word may (OR). The matched
 * words are marked in the passage for the renderers.
 */
import MiniSearch from 'minisearch';
import { normalizeTerm, wordsWithOffsets } from '../text/normalizeForMatch.ts';
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
  /** Which query words it matched all of (AND) or only some (OR). */
  matchedAll: boolean;
}

function processTerm(term: string): string | null {
  const t = normalizeTerm(term);
  return t === '' || STOPWORDS.has(t) ? null : t;
}

function tokenize(text: string): string[] {
  return wordsWithOffsets(text).map((w) => w.word);
}

const OPTIONS = { fields: ['text'], storeFields: [], tokenize, processTerm };

export class PassageIndex {
  private readonly search: MiniSearch<PassageRecord>;
  private readonly byId = new Map<string, PassageRecord>();

  /** Builds the index, or loads it from `serialized` (the output of toJSON over the same passages). */
  constructor(passages: readonly PassageRecord[], serialized?: string) {
    this.search = serialized ? MiniSearch.loadJSON<PassageRecord>(serialized, OPTIONS) : new MiniSearch<PassageRecord>(OPTIONS);
    if (!serialized) this.search.addAll(passages as PassageRecord[]);
    for (const p of passages) this.byId.set(p.id, p);
  }

  /** The index as JSON, for the on-disk cache: loading it is much faster than indexing again. */
  toJSON(): string {
    return JSON.stringify(this.search);
  }

  add(passages: readonly PassageRecord[]): void {
    this.search.addAll(passages as PassageRecord[]);
    for (const p of passages) this.byId.set(p.id, p);
  }

  /** True when the query has at least one searchable word (not only stopwords or punctuation). */
  static searchable(query: string): boolean {
    return tokenize(query).some((w) => processTerm(w) !== null);
  }

  find(query: string, limit = 10, filter?: (p: PassageRecord) => boolean): PassageHit[] {
    const options = {
      prefix: (term: string) => term.length >= 4,
      fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
      filter: filter ? (r: { id: string }) => filter(this.byId.get(r.id)!) : undefined,
    } as const;
    let matchedAll = true;
    let results = this.search.search(query, { ...options, combineWith: 'AND' });
    if (results.length === 0) {
      matchedAll = false;
      results = this.search.search(query, { ...options, combineWith: 'OR' });
    }
    return results.slice(0, limit).map((r) => {
      const passage = this.byId.get(String(r.id))!;
      const terms = new Set(r.terms);
      const marks: Array<[number, number]> = [];
      for (const w of wordsWithOffsets(passage.text)) {
        const t = processTerm(w.word);
        if (t !== null && terms.has(t)) marks.push([w.start, w.end]);
      }
      return { passage, score: r.score, marks, matchedAll };
    });
  }
}

/** A query as the ranking reads it: its words, each word's terms with their postings and weights. */

/** One term of a query: its postings (ordinal, frequency pairs in the first `length` numbers) and its weight. */
export interface TermPostings {
  /** The term's id in the vocabulary: what its kept bounds are filed under. */
  id: number;
  postings: Uint32Array;
  length: number;
  /** What a passage gets from the term: weight · (tf / (tf + norm[passage])). */
  weight: number;
}

/** A query word: the terms it stands for (itself, prefixes, typos), and the bit it sets in a passage's words. */
export interface WordPostings {
  terms: readonly TermPostings[];
  bit: number;
}

/**
 * A query's terms in typed arrays, the words' terms one after another in the order their shares are added
 * up: read into locals by the ranking's loops, which run for every passage a query meets.
 */
export interface QueryTerms {
  ids: Int32Array;
  postings: Uint32Array[];
  /** How many numbers of each term's postings are in use. */
  end: Int32Array;
  weight: Float64Array;
  /** Where each word's terms start and end (word k: wordAt[k]..wordAt[k + 1]). */
  wordAt: Int32Array;
  bits: Int32Array;
}

export function queryTermsOf(words: readonly WordPostings[]): QueryTerms {
  const count = words.reduce((n, w) => n + w.terms.length, 0);
  const c: QueryTerms = {
    ids: new Int32Array(count),
    postings: [],
    end: new Int32Array(count),
    weight: new Float64Array(count),
    wordAt: new Int32Array(words.length + 1),
    bits: new Int32Array(words.length),
  };
  let t = 0;
  words.forEach((word, k) => {
    c.wordAt[k] = t;
    c.bits[k] = word.bit;
    for (const term of word.terms) {
      c.ids[t] = term.id;
      c.postings.push(term.postings);
      c.end[t] = term.length;
      c.weight[t] = term.weight;
      t++;
    }
  });
  c.wordAt[words.length] = t;
  return c;
}

export function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

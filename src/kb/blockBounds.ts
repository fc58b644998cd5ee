/**
 * Block-max bounds for the search (rankPostings.ts): the passages are cut into blocks of 2^shift, and a
 * query's bound for a block is the most any passage of it can score, each term's weight times its largest
 * share tf / (tf + norm) in the block, added up in the terms' order. The common words' largest shares are
 * computed once (by the warm-up) and kept; a rarer word's, at each query, from its few postings.
 */
import { popcount, type QueryTerms } from './queryTerms.ts';

/**
 * Each term's largest share tf / (tf + norm) per block, whatever its weight, kept for the terms with
 * postings in most blocks (the common words, asked about again and again; the warm-up computes them all),
 * the oldest dropped first past `maxBytes`. They hold for one set of passage norms: a new norms array (the
 * corpus grew) drops them all.
 */
export class BlockBounds {
  private readonly kept = new Map<number, Float64Array>();
  private keptBytes = 0;
  private keptFor: Float64Array | null = null;
  private bound = new Float64Array(0);
  private present = new Uint8Array(0);
  private sums = new Float64Array(0);
  private has = new Uint8Array(0);
  private touched = new Int32Array(0);
  /** Per-block arrays for the rarer terms of a query, zero but for the blocks listed (lent), or all zero (free). */
  private readonly free: Float64Array[] = [];
  private readonly lent: Array<{ max: Float64Array; blocks: number[] }> = [];

  /** Blocks of 2^shift passages (up to 2^16). */
  constructor(
    readonly shift = 7,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {
    if (!Number.isInteger(shift) || shift < 0 || shift > 16) throw new RangeError(`blocks of 2^${shift} passages: the shift must be 0 to 16`);
  }

  /** Whether a term with postings of this length (numbers) has its bounds kept: it is in most blocks. */
  keeps(length: number, norm: Float64Array): boolean {
    return length / 2 >= ((norm.length >> this.shift) + 1) / 2;
  }

  /**
   * For a query: `bound`, per block, the most a passage of it can score (each term's weight times its
   * largest share, added in the terms' order, times one more than the number of words the block has), or
   * -1 where none can be a candidate (no term of the query, or in an AND a word missing); and `blockMax`,
   * each term's largest share per block. Scratch arrays, valid until the next call.
   */
  forQuery(c: QueryTerms, norm: Float64Array, all: boolean): { bound: Float64Array; blockMax: Float64Array[] } {
    const blocks = (norm.length >> this.shift) + 1;
    if (this.bound.length < blocks) {
      this.bound = new Float64Array(blocks);
      this.present = new Uint8Array(blocks);
    }
    const bound = this.bound.fill(0, 0, blocks);
    const present = this.present.fill(0, 0, blocks);
    const shift = this.shift;
    this.giveBack();
    const blockMax: Float64Array[] = [];
    let allBits = 0;
    for (let k = 0; k < c.bits.length; k++) {
      const bit = c.bits[k]!;
      allBits |= bit;
      for (let t = c.wordAt[k]!; t < c.wordAt[k + 1]!; t++) {
        const p = c.postings[t]!;
        const end = c.end[t]!;
        const w = c.weight[t]!;
        if (this.keeps(end, norm)) {
          // Postings in most blocks: a bound for every block, kept.
          const max = this.largest(c.ids[t]!, p, end, norm);
          blockMax.push(max);
          for (let b = 0; b < blocks; b++) {
            if (max[b] === 0) continue;
            bound[b]! += w * max[b]!;
            present[b]! |= bit;
          }
          continue;
        }
        // A rarer term: its few blocks, now (passages ascending, so a block's postings are together).
        const max = this.borrow(blocks);
        blockMax.push(max.max);
        let block = -1;
        for (let i = 0; i < end; i += 2) {
          const d = p[i]!;
          const tf = p[i + 1]!;
          const share = tf / (tf + norm[d]!);
          if (d >> shift !== block) {
            block = d >> shift;
            max.blocks.push(block);
          }
          if (share > max.max[block]!) max.max[block] = share;
        }
        for (const b of max.blocks) {
          bound[b]! += w * max.max[b]!;
          present[b]! |= bit;
        }
      }
    }
    for (let b = 0; b < blocks; b++) {
      if (all ? present[b] !== allBits : present[b] === 0) bound[b] = -1;
      else bound[b]! *= 1 + popcount(present[b]!);
    }
    return { bound, blockMax };
  }

  /** A per-block array, all zero, for a rarer term's bounds during one query. */
  private borrow(blocks: number): { max: Float64Array; blocks: number[] } {
    let max = this.free.pop();
    if (!max || max.length < blocks) max = new Float64Array(blocks);
    const lent = { max, blocks: [] };
    this.lent.push(lent);
    return lent;
  }

  /** The last query's borrowed arrays, zero again. */
  private giveBack(): void {
    for (const { max, blocks } of this.lent) {
      for (const b of blocks) max[b] = 0;
      this.free.push(max);
    }
    this.lent.length = 0;
  }

  /** The arrays a query scores a run of passages in: kept between queries, zero between runs. */
  scratch(size: number): { sums: Float64Array; has: Uint8Array; touched: Int32Array } {
    if (this.sums.length < size) {
      this.sums = new Float64Array(size);
      this.has = new Uint8Array(size);
      this.touched = new Int32Array(size);
    }
    return { sums: this.sums, has: this.has, touched: this.touched };
  }

  /** A term's largest share in each block: kept, or computed in one pass over its postings and kept. */
  largest(id: number, p: Uint32Array, end: number, norm: Float64Array): Float64Array {
    if (this.keptFor !== norm) {
      this.kept.clear();
      this.keptBytes = 0;
      this.keptFor = norm;
    }
    const known = this.kept.get(id);
    if (known) return known;
    const max = new Float64Array((norm.length >> this.shift) + 1);
    const shift = this.shift;
    for (let i = 0; i < end; i += 2) {
      const d = p[i]!;
      const tf = p[i + 1]!;
      const share = tf / (tf + norm[d]!);
      if (share > max[d >> shift]!) max[d >> shift] = share;
    }
    for (const [oldest, bytes] of this.kept) {
      if (this.keptBytes + max.byteLength <= this.maxBytes) break;
      this.kept.delete(oldest);
      this.keptBytes -= bytes.byteLength;
    }
    this.kept.set(id, max);
    this.keptBytes += max.byteLength;
    return max;
  }
}


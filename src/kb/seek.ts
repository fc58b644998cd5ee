/** Finding a passage in a term's postings (ordinal, frequency pairs, ordinals ascending), for the search and the quote filter. */

/**
 * The first position at or after `at` (a number index, even) whose passage is `target` or later, or `end`:
 * steps of 1, 2, 4… pairs bound it, then a binary search. (Hand-written rather than partitionPoint's
 * gallop: that one calls a function for each probe, and this runs for every passage a query meets.)
 */
export function seek(p: Uint32Array, at: number, end: number, target: number): number {
  if (at >= end || p[at]! >= target) return at;
  let below = at >> 1;
  let step = 1;
  let probe = below + 1;
  const pairs = end >> 1;
  while (probe < pairs && p[2 * probe]! < target) {
    below = probe;
    step *= 2;
    probe = below + step;
  }
  let lo = below + 1;
  let hi = Math.min(probe, pairs);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p[2 * mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/**
 * The first index in [lo, hi) at which `isBefore` is false, where it is true up to some point and false
 * after it (a sorted list, and "sorts before the key"): the binary search the indexes share, written once.
 * By hand because the standard library has none, and one small function needs no package.
 */
export function partitionPoint(lo: number, hi: number, isBefore: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * partitionPoint for a key expected near `lo` (galloping): steps of 1, 2, 4… from `lo` bound the answer,
 * then a binary search finds it, so stepping through a long sorted list towards a few keys in order costs
 * the logarithm of each gap rather than of the whole list.
 */
export function gallop(lo: number, hi: number, isBefore: (i: number) => boolean): number {
  let step = 1;
  let bound = lo;
  while (bound < hi && isBefore(bound)) {
    lo = bound + 1;
    bound += step;
    step *= 2;
  }
  return partitionPoint(lo, Math.min(bound, hi), isBefore);
}

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

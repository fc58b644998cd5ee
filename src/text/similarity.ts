/** Edit distance between two short strings (names): the number of single-letter edits between them. */
export function editDistance(a: string, b: string): number {
  return a === b ? 0 : slips(a, b, false, false, Infinity);
}

/**
 * Edit distance for typing slips: like `editDistance`, but two neighbouring letters typed in the wrong
 * order ("monkesy" for "monkeys") count as one slip, not two (the optimal-string-alignment distance). The
 * commonest slip of all would otherwise need the two-edit budget only long words get.
 */
export function typoDistance(a: string, b: string): number {
  return a === b ? 0 : slips(a, b, true, false, Infinity);
}

/**
 * The fewest typing slips (as `typoDistance` counts them) that turn `pattern` into some stretch of `text`:
 * "gamlial" is one slip from the "gamliel" in "gila gamliel". It is the measure fuse.js's Bitap search
 * scores with `ignoreLocation` (errors over the pattern's length), computed directly by the textbook
 * dynamic programme with a free start and end in the text (Sellers); a swap counts as one slip here.
 * Past `atMost` it stops early and returns `atMost + 1`.
 */
export function typosWithin(pattern: string, text: string, atMost = Infinity): number {
  return pattern.length === 0 ? 0 : slips(pattern, text, true, true, atMost);
}

/** Scratch rows for `slips`: reused, so a lookup over a hundred names allocates nothing. */
let rowBefore = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/**
 * The one dynamic programme behind the three distances: single-letter edits from `a` to `b`; `swaps`
 * counts two neighbouring letters swapped as one edit; `anywhere` lets `a` match any stretch of `b` (a
 * free start and end); past `atMost` it returns `atMost + 1` as soon as that is certain.
 */
function slips(a: string, b: string, swaps: boolean, anywhere: boolean, atMost: number): number {
  const m = a.length;
  const n = b.length;
  if (rowCur.length <= n) {
    rowBefore = new Int32Array(n * 2 + 2);
    rowPrev = new Int32Array(n * 2 + 2);
    rowCur = new Int32Array(n * 2 + 2);
  }
  let before = rowBefore;
  let prev = rowPrev;
  let cur = rowCur;
  // Row 0: a match anywhere may start at any letter of `b`; otherwise j letters of `b` cost j.
  for (let j = 0; j <= n; j++) prev[j] = anywhere ? 0 : j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    const ac = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const bc = b.charCodeAt(j - 1);
      let d = prev[j - 1]! + (ac === bc ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (swaps && i > 1 && j > 1 && ac === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bc && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // No cell of a row falls below the row before's minimum minus one swap's worth: once two rows are
    // all above `atMost`, the answer is too.
    if (rowMin > atMost && prevMin > atMost) return atMost + 1;
    prevMin = rowMin;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  if (!anywhere) return prev[n]!;
  let best = m;
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

/** Two spellings of one surname ("Jansa"/"Jansha", "Raisi"/"Raeisi"): close, and long enough for closeness to mean something. */
export function isSpellingVariant(a: string, b: string): boolean {
  if (a === b) return true;
  const len = Math.min(a.length, b.length);
  if (len < 4 || a[0] !== b[0]) return false;
  return editDistance(a, b) <= (len >= 7 ? 2 : 1);
}

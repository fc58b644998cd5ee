/** Edit distance between two short strings (names): the number of single-letter edits between them. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Edit distance for typing slips: like `editDistance`, but two neighbouring letters typed in the wrong
 * order ("monkesy" for "monkeys") count as one slip, not two (the optimal-string-alignment distance). The
 * commonest slip of all would otherwise need the two-edit budget only long words get.
 */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Scratch rows for typosWithin: reused, so a lookup over a hundred names allocates nothing. */
let rowBefore = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/**
 * The fewest typing slips (as `typoDistance` counts them) that turn `pattern` into some stretch of `text`:
 * "gamlial" is one slip from the "gamliel" in "gila gamliel". It is the measure fuse.js's Bitap search
 * scores with `ignoreLocation` (errors over the pattern's length), computed directly by the textbook
 * dynamic programme with a free start and end in the text (Sellers); a swap counts as one slip here.
 * Past `atMost` it stops early and returns `atMost + 1`.
 */
export function typosWithin(pattern: string, text: string, atMost = Infinity): number {
  const m = pattern.length;
  const n = text.length;
  if (m === 0) return 0;
  if (rowCur.length <= n) {
    rowBefore = new Int32Array(n * 2 + 2);
    rowPrev = new Int32Array(n * 2 + 2);
    rowCur = new Int32Array(n * 2 + 2);
  }
  let before = rowBefore;
  let prev = rowPrev;
  let cur = rowCur;
  prev.fill(0, 0, n + 1); // row 0: the match may start anywhere in the text
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    const pc = pattern.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const tc = text.charCodeAt(j - 1);
      let d = prev[j - 1]! + (pc === tc ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (i > 1 && j > 1 && pc === text.charCodeAt(j - 2) && pattern.charCodeAt(i - 2) === tc && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
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

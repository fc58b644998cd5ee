/**
 * Cuts a long passage to a window around what matters (the first matched word, a name), with "…" where
 * it was cut, so answers stay readable and within chat platforms' limits. The words kept are verbatim.
 */

/** Longest passage shown whole; longer ones are cut to a window around the first matched word. */
export const MAX_SHOWN = 420;

/** The text, or its first `max` characters ending in "…" (the platforms' length limits). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The passage, or a window of it around the first mark with "…" at the cuts; marks moved to match. */
export function excerpt(text: string, marks: Array<[number, number]>, max = MAX_SHOWN): { text: string; marks: Array<[number, number]> } {
  if (text.length <= max) return { text, marks };
  const first = marks[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(max / 3));
  // Start at a word boundary.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + max);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shift = lead.length - start;
  return {
    text: `${lead}${text.slice(start, end)}${tail}`,
    marks: marks.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift]),
  };
}


/**
 * Where the quotations are in a paragraph: pairs of quote marks, repaired where scraped text has them
 * mismatched (a straight opening mark closed by a curly one), missing (a quotation that runs to the end
 * of the paragraph, or that starts at the paragraph's start) or turned the wrong way ("… regime. “").
 * Single quotation marks count only where a paragraph has no double ones (British style); inside double
 * quotes they are nested quotations and stay part of the text.
 */

export interface QuoteSpan {
  /** Offset of the opening mark, or -1 when the quotation has none (it starts the paragraph). */
  open: number;
  /** Offset of the closing mark, or -1 when the quotation has none (it runs to the paragraph's end). */
  close: number;
  /** The quoted text (marks excluded), end exclusive. */
  start: number;
  end: number;
}

const DOUBLE = /["“”„‟«»]/g;
const OPENING_HINT = new Set(['“', '„', '‟', '«']);
const CLOSING_HINT = new Set(['”', '»']);

type Role = 'open' | 'close';

function roleOf(text: string, i: number, hintSet: { open: Set<string>; close: Set<string> }): Role {
  const ch = text[i] ?? '';
  const prev = i === 0 ? '' : (text[i - 1] ?? '');
  const rest = text.slice(i + 1);
  if (/^\s*$/.test(rest)) return 'close';
  if (i === 0 || /^\s*$/.test(text.slice(0, i))) return 'open';
  const openingContext = /[\s([{—–\-/]/.test(prev) && /\S/.test(rest[0] ?? '');
  const closingContext = /\S/.test(prev) && /^[\s.,;:!?)\]—–-]/.test(rest);
  if (hintSet.open.has(ch) && !(closingContext && !openingContext)) return 'open';
  if (hintSet.close.has(ch) && !(openingContext && !closingContext)) return 'close';
  if (openingContext && !closingContext) return 'open';
  if (closingContext && !openingContext) return 'close';
  return /\s/.test(prev) ? 'open' : 'close';
}

function trimSpan(text: string, open: number, close: number, start: number, end: number): QuoteSpan | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  return e > s ? { open, close, start: s, end: e } : null;
}

function spansFrom(text: string, marks: number[], hints: { open: Set<string>; close: Set<string> }): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openAt: number | null = null;
  for (const i of marks) {
    const role = roleOf(text, i, hints);
    if (openAt === null) {
      if (role === 'open') openAt = i;
      else if (spans.length === 0) {
        // A closing mark with no opening one: the quotation started with the paragraph.
        const span = trimSpan(text, -1, i, 0, i);
        if (span) spans.push(span);
      }
    } else if (role === 'close') {
      const span = trimSpan(text, openAt, i, openAt + 1, i);
      if (span) spans.push(span);
      openAt = null;
    } else {
      // Two openings in a row: the first quotation lost its closing mark before the second began.
      openAt = i;
    }
  }
  if (openAt !== null) {
    const span = trimSpan(text, openAt, -1, openAt + 1, text.length);
    if (span) spans.push(span);
  }
  return spans;
}

/** British-style single quotation marks, told apart from apostrophes by what stands around them. */
function singleQuoteMarks(text: string): number[] {
  const marks: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "'" && ch !== '‘' && ch !== '’') continue;
    const prev = text[i - 1] ?? ' ';
    const next = text[i + 1] ?? ' ';
    const letterBoth = /[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next);
    if (letterBoth) continue; // don't, Israel’s
    if (/s/i.test(prev) && /\s/.test(next) && ch !== '‘') continue; // plural possessive: the Guards' chief
    marks.push(i);
  }
  return marks;
}

export function findQuoteSpans(text: string): QuoteSpan[] {
  const marks = [...text.matchAll(DOUBLE)].map((m) => m.index ?? 0);
  if (marks.length > 0) return spansFrom(text, marks, { open: OPENING_HINT, close: CLOSING_HINT });
  const singles = singleQuoteMarks(text);
  if (singles.length < 2) return [];
  return spansFrom(text, singles, { open: new Set(['‘']), close: new Set(['’']) }).filter((s) => s.open >= 0 && s.close >= 0);
}

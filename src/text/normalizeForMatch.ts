/**
 * The one normalisation every lookup and search applies to both sides (what the articles say and what a
 * person types), so that "Ra'isi" finds "Ra’isi", "Thе" with a Cyrillic е finds "The", and "Mohseni-Ejei"
 * finds "Mohseni Ejei". Display text is never normalised: answers quote the articles as written.
 */
import { foldLookalikes } from './lookalikes.ts';
import { remembered } from './remembered.ts';

/** NFKC, look-alikes folded, curly quotes and apostrophes unified, whitespace collapsed. Case is kept. */
export function normalizeText(text: string): string {
  return foldLookalikes(text.normalize('NFKC'))
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A search term: normalised, lower case, diacritics and apostrophes dropped ("Ra'isi" → "raisi", "România" → "romania"). */
export function normalizeTerm(term: string): string {
  return normalizeText(term)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/'s$/, '')
    .replace(/['.]/g, '');
}

/** normalizeTerm, remembered for 200,000 words. */
export const normalizeTermCached = remembered(normalizeTerm, 200_000);

/** Words of a text with their offsets (letters and digits, inner apostrophes and hyphens kept together). */
export function wordsWithOffsets(text: string): Array<{ word: string; start: number; end: number }> {
  const out: Array<{ word: string; start: number; end: number }> = [];
  eachWord(text, (word, start) => {
    out.push({ word, start, end: start + word.length });
  });
  return out;
}

/**
 * Calls `visit` with each word of a text and its offset, as wordsWithOffsets finds them, without building a
 * list; stops early when `visit` returns false.
 */
export function eachWord(text: string, visit: (word: string, start: number) => boolean | void): void {
  const re = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) if (visit(m[0], m.index) === false) return;
}

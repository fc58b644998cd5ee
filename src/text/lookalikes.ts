/**
 * Folding of Cyrillic and Greek letters that look like Latin ones ("Thе" with a Cyrillic е) back to Latin.
 * Scraped and copy-pasted text is full of them, and they break every search and name match. Written by hand
 * because the Unicode confusables libraries fold far more (digits, symbols, whole scripts) than we want: a
 * genuinely Cyrillic or Greek word must stay as it is, so only words that are mostly Latin are folded.
 */

const LOOKALIKE_TO_LATIN: Readonly<Record<string, string>> = {
  // Cyrillic lower case
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h',
  'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l',
  // Cyrillic upper case
  'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X',
  'У': 'Y', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S', 'Һ': 'H', 'Ԁ': 'D', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ӏ': 'I',
  // Greek
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P',
  'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
};

const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;
const WORD = /[\p{L}\p{M}]+/gu;

function isLookalike(ch: string): boolean {
  return ch in LOOKALIKE_TO_LATIN;
}

/** How much of a text's lettering is Latin (0..1): decides whether an all-look-alike word is a disguised Latin one. */
function latinShare(text: string): number {
  let latin = 0;
  let letters = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (LATIN_LETTER.test(ch) || isLookalike(ch)) latin++;
  }
  return letters === 0 ? 0 : latin / letters;
}

/**
 * Folds look-alike letters inside Latin words to Latin. Length-preserving (every folded letter is one UTF-16
 * unit in and out), so offsets into the result are offsets into the input.
 */
export function foldLookalikes(text: string): string {
  if (!/[\u0370-\u03FF\u0400-\u052F]/.test(text)) return text;
  const mostlyLatin = latinShare(text) >= 0.9;
  return text.replace(WORD, (word) => {
    let hasLatin = false;
    let foreignNonLookalike = false;
    let hasLookalike = false;
    for (const ch of word) {
      if (LATIN_LETTER.test(ch)) hasLatin = true;
      else if (isLookalike(ch)) hasLookalike = true;
      else if (/\p{L}/u.test(ch)) foreignNonLookalike = true;
    }
    if (!hasLookalike || foreignNonLookalike) return word;
    if (!hasLatin && !mostlyLatin) return word;
    let out = '';
    for (const ch of word) out += LOOKALIKE_TO_LATIN[ch] ?? ch;
    return out;
  });
}

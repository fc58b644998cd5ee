/**
 * Word tokens with offsets, for the extraction passes that need to look at words around a position.
 * Reads `Paragraph.plain` (ASCII quotes), so offsets are valid in the display text too.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
  /** A word (letters, inner apostrophes and hyphens, an abbreviation's dot), a number, or one punctuation character. */
  kind: 'word' | 'number' | 'punct';
  /** The word carried a possessive "'s" (or a plural possessive "s'"), which is not part of `text`. */
  possessive: boolean;
}

/** Abbreviations whose full stop belongs to the word ("Sen.", "Dr."), so that the dot does not end a name. */
const DOTTED = /^(Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Cmdr|Rev|Hon|Amb|Pres|Sec|St|Jr|Sr|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Inc|Ltd|Co|Corp|vs)$/;

const TOKEN = /(\p{Lu}\.){2,}|[\p{L}\p{M}](?:[\p{L}\p{M}\p{N}]|['-](?=[\p{L}\p{M}\p{N}]))*|\p{N}+(?:[.,:/]\p{N}+)*|\S/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let word = m[0];
    const start = m.index;
    let end = start + word.length;
    if (/^\p{L}/u.test(word)) {
      let possessive = false;
      if (/'s$/i.test(word) && word.length > 3) {
        word = word.slice(0, -2);
        possessive = true;
      } else if (/s$/.test(word) && text[end] === "'" && !/[\p{L}]/u.test(text[end + 1] ?? '')) {
        possessive = true;
        TOKEN.lastIndex = end + 1;
      }
      if (!possessive && DOTTED.test(word) && text[end] === '.') {
        end += 1;
        word += '.';
        TOKEN.lastIndex = end;
      }
      tokens.push({ text: word, start, end: start + word.length, kind: 'word', possessive });
    } else if (/^\p{N}/u.test(word)) {
      tokens.push({ text: word, start, end, kind: 'number', possessive: false });
    } else {
      tokens.push({ text: word, start, end, kind: 'punct', possessive: false });
    }
  }
  return tokens;
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) || /^(al|el|ad|as|ash|at|ar|bin|ibn|abu|abd|ben|bat)-\p{Lu}/u.test(word);
}

export function isAcronym(word: string): boolean {
  return /^(\p{Lu}\.){2,}$/u.test(word) || /^\p{Lu}{2,6}s?$/u.test(word);
}

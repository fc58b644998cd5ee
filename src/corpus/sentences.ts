/**
 * Sentence splitting with the abbreviations news text is full of ("Sen. Ted Cruz", "On Aug. 10", "the U.S.
 * ambassador"). Written by hand because Intl.Segmenter and compromise both break after "Sen." and "Aug.",
 * which would cut names and dates in two; the rules here are few and tested.
 */
import type { Sentence } from './article.ts';

/** Words that end in a full stop without ending a sentence (case-sensitive, without the dot). */
const ABBREVIATIONS = new Set([
  // titles and ranks
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'Sen', 'Sens', 'Rep', 'Reps', 'Gov', 'Gen', 'Lt', 'Col', 'Capt', 'Cpt', 'Sgt', 'Maj',
  'Adm', 'Cmdr', 'Rev', 'Hon', 'Amb', 'Pres', 'Sec', 'Supt', 'Insp', 'Fr', 'Sr', 'Jr', 'St', 'Mt', 'Ft', 'Messrs',
  // months
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  // others that are followed by a number or a name
  'No', 'Nos', 'Vol', 'vs', 'v', 'approx', 'ca', 'cf', 'al', 'Art', 'Sect', 'Fig', 'p', 'pp',
]);

/** Words that usually start a sentence: after a dotted acronym ("U.S.") they say the sentence did end. */
const SENTENCE_STARTERS = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'But', 'And', 'In', 'On', 'At', 'This', 'That', 'These',
  'Those', 'His', 'Her', 'Their', 'Its', 'There', 'When', 'While', 'After', 'Before', 'However', 'Meanwhile', 'Since',
]);

const BOUNDARY = /[.!?…]+["'”’»›“)\]]*(?=\s+)/g;

function wordBefore(text: string, end: number): string {
  const m = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, end - 30), end));
  return m ? m[1] ?? '' : '';
}

function startsLikeSentence(rest: string): boolean {
  return /^\s+["'“‘«‹„‚(\[]{0,2}[\p{Lu}\p{N}]/u.test(rest);
}

function isAbbreviationStop(text: string, dotIndex: number, rest: string): boolean {
  const word = wordBefore(text, dotIndex);
  if (word === '') return false;
  const bare = word.replace(/\.$/, '');
  if (ABBREVIATIONS.has(bare)) return true;
  // A single capital initial: "J. Smith".
  if (/^\p{Lu}$/u.test(bare)) return true;
  // Dotted acronyms: "U.S.", "U.N.", "D.C." end a sentence only when a typical sentence opener follows.
  if (/^(\p{L}\.)+\p{L}$/u.test(bare)) {
    const next = /^\s+([\p{L}]+)/u.exec(rest)?.[1] ?? '';
    return !SENTENCE_STARTERS.has(next);
  }
  return false;
}

/** Splits one paragraph's display text into sentences; offsets index that text. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    const rest = text.slice(end);
    if (!startsLikeSentence(rest)) continue;
    if (m[0].startsWith('.') && m[0].length === 1 && isAbbreviationStop(text, m.index, rest)) continue;
    push(text, start, end, sentences);
    start = end;
  }
  push(text, start, text.length, sentences);
  return sentences;
}

function push(text: string, from: number, to: number, out: Sentence[]): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ index: out.length, start: s, end: e, text: text.slice(s, e) });
}

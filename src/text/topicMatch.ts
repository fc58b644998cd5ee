/**
 * Whether a quotation is about a topic: each word of the topic must be in the quotation in some form of
 * it: itself, the same word inflected ("sanctions", "sanctioned" for "sanction"), or its people ("Iranian"
 * for "Iran", and the other way round). Not any word that merely starts the same way: "war" is not in
 * "warning", "desert" not in "deserve", "protest" not in "protect".
 *
 * Inflections are found by the Porter stemmer (the `stemmer` package) rather than by cutting letters off,
 * which is what this replaced: cutting made "war" a prefix of "warning" and "desert" of "deserve".
 */
import { stemmer } from 'stemmer';
import { eachWord, normalizeTerm, normalizeTermCached, wordsWithOffsets } from './normalizeForMatch.ts';
import { remembered } from './remembered.ts';

export interface TopicWord {
  /** Normalised as search terms are (lower case, no diacritics). */
  word: string;
  stem: string;
  /**
   * What the words that match start with, for narrowing the candidates by the search index first. (A word
   * whose stem is spelt differently from it, "ability" for "able", can be missed there: rare, and the
   * cutting of letters this replaced missed it too.)
   */
  prefix: string;
}

/** The topic's words of three letters or more. */
export function topicWords(topic: string): TopicWord[] {
  return wordsWithOffsets(topic)
    .map((w) => normalizeTerm(w.word))
    .filter((word) => word.length > 2)
    .map((word) => {
      const stem = stemmer(word);
      // A word with the same stem may differ from it in its last two letters ("hope", "hoping"); a people
      // word is the place and an ending ("Iranians": "Iran" matches too).
      let prefix = commonPrefix(word, stem.slice(0, Math.max(3, stem.length - 2)));
      for (let cut = 1; cut <= 4; cut++) if (isPeopleOf(word, word.slice(0, -cut))) prefix = commonPrefix(prefix, word.slice(0, -cut));
      return { word, stem, prefix };
    });
}

/** Whether the text has every topic word, in some form of it. */
export function hasTopic(text: string, topic: readonly TopicWord[]): boolean {
  const found = topic.map(() => false);
  let missing = topic.length;
  // One pass over the words, stopping at the last topic word found: a speaker's hundreds of quotations
  // on a common topic are each read up to the topic, not to the end.
  eachWord(text, (raw) => {
    const w = normalizeTermCached(raw);
    for (let i = 0; i < topic.length; i++) {
      if (!found[i] && w.startsWith(topic[i]!.prefix) && sameWord(w, topic[i]!)) {
        found[i] = true;
        missing--;
      }
    }
    return missing > 0;
  });
  return missing === 0;
}

/** A topic word as the search index is asked for it (PassageIndex.withWordAmong): the words it matches, by their first letters. */
export function indexedWord(t: TopicWord): { prefix: string; matches: (term: string) => boolean } {
  return { prefix: t.prefix, matches: (term) => sameWord(term, t) };
}

/** Whether a (normalised) word is the topic word in some form of it. */
export function sameWord(word: string, t: TopicWord): boolean {
  return word === t.word || isPeopleOf(word, t.word) || isPeopleOf(t.word, word) || stemOf(word) === t.stem;
}

/**
 * Whether `people` is the people or adjective of `place`: Iran → Iranian(s), Israel → Israeli(s), Iraq →
 * Iraqi, Kurd → Kurdish, Japan → Japanese, Gaza → Gazan(s), Syria → Syrian(s). Places of four letters or
 * more only: "ban" is not the place of "banish".
 */
function isPeopleOf(people: string, place: string): boolean {
  if (place.length < 4 || people.length <= place.length || !people.startsWith(place)) return false;
  const ending = people.slice(place.length);
  return place.endsWith('a') ? ending === 'n' || ending === 'ns' : ['ian', 'ians', 'i', 'is', 'ish', 'ese'].includes(ending);
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The Porter stem, remembered for 100,000 words. */
const stemOf = remembered(stemmer, 100_000);

/**
 * Nationality and group adjectives ("Israeli", "Slovenian", "Jewish"): they qualify names and roles but are
 * never entities themselves. A list for the common ones plus the suffix rule for the rest.
 */
import { isFirstName } from './lexicon.ts';

const DEMONYMS = new Set([
  'american', 'british', 'english', 'scottish', 'welsh', 'irish', 'french', 'german', 'dutch', 'belgian', 'swiss',
  'austrian', 'italian', 'spanish', 'portuguese', 'greek', 'turkish', 'cypriot', 'polish', 'czech', 'slovak', 'hungarian',
  'romanian', 'bulgarian', 'serbian', 'croatian', 'slovenian', 'slovene', 'bosnian', 'albanian', 'ukrainian', 'russian',
  'belarusian', 'lithuanian', 'latvian', 'estonian', 'finnish', 'swedish', 'norwegian', 'danish', 'icelandic', 'canadian',
  'mexican', 'brazilian', 'argentine', 'argentinian', 'chilean', 'colombian', 'venezuelan', 'cuban', 'peruvian', 'chinese',
  'japanese', 'korean', 'taiwanese', 'vietnamese', 'thai', 'indonesian', 'malaysian', 'filipino', 'indian', 'pakistani',
  'afghan', 'bangladeshi', 'nepali', 'sri lankan', 'iranian', 'persian', 'iraqi', 'syrian', 'lebanese', 'jordanian',
  'israeli', 'palestinian', 'egyptian', 'saudi', 'yemeni', 'omani', 'emirati', 'qatari', 'kuwaiti', 'bahraini', 'libyan',
  'tunisian', 'algerian', 'moroccan', 'sudanese', 'ethiopian', 'eritrean', 'somali', 'kenyan', 'nigerian', 'ghanaian',
  'south african', 'australian', 'new zealander', 'kurdish', 'arab', 'arabic', 'jewish', 'muslim', 'christian', 'catholic',
  'protestant', 'orthodox', 'sunni', 'shia', 'shiite', 'druze', 'baha’i', "baha'i", 'zoroastrian', 'hindu', 'buddhist',
  'western', 'eastern', 'european', 'asian', 'african', 'latin', 'gazan', 'azerbaijani', 'armenian', 'georgian', 'kazakh',
  'uzbek', 'tajik', 'turkmen', 'kyrgyz', 'balochi', 'baluch', 'zionist', 'islamic', 'islamist', 'republican', 'democratic',
  'conservative', 'liberal', 'socialist', 'communist', 'soviet', 'ottoman', 'mideast', 'gulf', 'transatlantic',
]);

export function isDemonym(word: string): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  if (DEMONYMS.has(lower)) return true;
  if (/^[\p{Lu}][\p{Ll}]+(ian|ean|ish|ese)$/u.test(word) && !isFirstName(word)) return true;
  return false;
}

/** "Israeli-Iranian", "pro-Iranian", "Iranian-born": hyphenated forms built on demonyms. */
export function isDemonymCompound(word: string): boolean {
  const parts = word.split('-');
  return parts.length > 1 && parts.some((p) => isDemonym(p)) && parts.every((p) => isDemonym(p) || /^(pro|anti|born|american|based|led|backed)$/i.test(p));
}

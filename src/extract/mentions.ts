/**
 * Name mentions: runs of capitalised words in each sentence, with the titles that precede a person's name
 * split off ("Intelligence Minister" | "Gila Gamliel"), sentence-initial common words dropped, and each
 * name given a first type guess from its head word, the lexicon and its title. Clustering into entities
 * happens in entities.ts.
 */
import type { Article, Paragraph } from '../corpus/article.ts';
import type { EntityType } from './analysis.ts';
import { isDemonym, isDemonymCompound } from './demonyms.ts';
import {
  isCommonWord, isFirstName, isFunctionWord, isKnownPlace, lexiconTag, ORG_HEADS, OTHER_HEADS, PLACE_HEADS, ROLE_NOUNS, SPEECH_VERB, TITLE_WORDS,
} from './lexicon.ts';
import { isAcronym, isCapitalised, tokenize, type Token } from './tokens.ts';
import { findQuoteSpans } from './quoteSpans.ts';

export interface Mention {
  paragraph: number;
  sentence: number;
  /** Offsets of the name (title and possessive excluded) in the paragraph text. */
  start: number;
  end: number;
  /** Name tokens as written. */
  tokens: string[];
  type: EntityType;
  /** A person title stood right before the name ("Sen.", "Intelligence Minister"). */
  title: string | null;
  /** The first word of a sentence or of a quotation: capitalised for grammar, weak evidence of a name. */
  sentenceInitial: boolean;
  acronym: boolean;
  possessive: boolean;
}

export function mentionName(m: Pick<Mention, 'tokens'>): string {
  return m.tokens.join(' ').replace(/ - /g, '-');
}

const MONTH = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
const MONTHS_AND_DAYS = WEEKDAY;

/**
 * Which tokens are months: a month name with a dot, a number next to it, or a date preposition before it
 * ("on June 22", "last April", "Aug. 10"); otherwise "June", "April" or "Jan" may be someone's name.
 */
function monthTokens(tokens: Token[]): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' || !MONTH.test(t.text)) return;
    const prev = tokens[i - 1]?.text.toLowerCase() ?? '';
    const next = tokens[i + 1];
    const full = /^(january|february|march|april|june|july|august|september|october|november|december)$/i.test(t.text);
    if (t.text.endsWith('.') || next?.kind === 'number' || /^(in|on|since|by|until|till|from|last|next|early|late|mid|this|of|between|through|during|before|after|and|or|to)$/.test(prev)) out.add(i);
    else if (full && !isNameToken(next)) out.add(i);
  });
  return out;
}

/** Lower-case particles inside names ("Ziyad al-Nakhalah", "Osama bin Laden", "Ursula von der Leyen"). */
const NAME_PARTICLES = new Set(['bin', 'ibn', 'al', 'el', 'de', 'da', 'di', 'du', 'del', 'della', 'van', 'von', 'der', 'den', 'la', 'le', 'ben', 'bat', 'abu', 'ten', 'ter', 'dos', 'das', 'do', 'zu', 'y']);

/** Heads after which "of"/"for"/"on" continue a name ("Ministry of Foreign Affairs", "House of Lords"). */
const OF_HEADS = new Set([...ORG_HEADS, ...OTHER_HEADS, 'state', 'house', 'republic', 'kingdom', 'strait', 'university', 'bank', 'sea', 'gulf', 'city', 'province', 'isle', 'islands', 'cape', 'court', 'museum', 'day']);

/** Well-known acronyms whose expansion is not in the text. */
const KNOWN_ACRONYMS: Record<string, { name: string; type: EntityType }> = {
  US: { name: 'United States', type: 'place' }, USA: { name: 'United States', type: 'place' }, 'U.S.': { name: 'United States', type: 'place' },
  UK: { name: 'United Kingdom', type: 'place' }, 'U.K.': { name: 'United Kingdom', type: 'place' },
  UAE: { name: 'United Arab Emirates', type: 'place' }, EU: { name: 'European Union', type: 'organization' },
  UN: { name: 'United Nations', type: 'organization' }, 'U.N.': { name: 'United Nations', type: 'organization' },
  NATO: { name: 'NATO', type: 'organization' },
};
export function knownAcronym(word: string): { name: string; type: EntityType } | undefined {
  return KNOWN_ACRONYMS[word];
}

const OPENERS = new Set(['.', '!', '?', ':', ';', '"', '—', '–', '…']);

/** Capitalised function words that split a run ("Sen. Joseph Lieberman And Sen. Robert Torricelli"). */
const RUN_BREAKERS = new Set(['And', 'But', 'Nor', 'The']);

/** Capitalised pronouns and contractions are never names ("I'm", "It", "We"). */
const PRONOUN = /^(I|It|We|He|She|They|You|Our|His|Her|Their|Its|My|Your|Us|Him|Them|Me)$|'(m|re|ll|ve|d)$/;

function bare(word: string): string {
  return word.toLowerCase().replace(/\.$/, '');
}

function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(bare(word));
}

function isRoleWord(word: string): boolean {
  return TITLE_WORDS.has(bare(word)) || ROLE_NOUNS.has(bare(word));
}

/**
 * "US Secretary", "Research Analyst", "Iranian Foreign Affairs Commentator" end in a role word and are roles;
 * "Priti Shah" and "Carole King" end in one too but are names: a role phrase has a title, a demonym, a place,
 * an acronym or a common word before its last word.
 */
function endsLikeRole(words: string[]): boolean {
  if (words.length < 2 || !isRoleWord(words[words.length - 1] ?? '')) return false;
  const before = words.slice(0, -1);
  const prev = before[before.length - 1] ?? '';
  return before.some((w) => isRoleWord(w) || isDemonym(w)) || (isCommonWord(prev) && !isFirstName(prev)) || isKnownPlace(prev) || isAcronym(prev);
}

function headOf(tokens: string[]): string {
  return bare(tokens[tokens.length - 1] ?? '');
}

function isNameToken(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && isCapitalised(t.text) && !MONTHS_AND_DAYS.test(t.text) && !PRONOUN.test(t.text);
}

/** Heads that only name organisations: "Victoria University" is not a person called Victoria. */
const STRONG_ORG_HEADS = /^(inc|ltd|llc|plc|corp|corporation|co|company|ministry|organi[sz]ation|party|agency|committee|commission|institute|foundation|university|college|council|department|association|society|group|bureau|federation|league|authority|network|club|school|academy|hospital|news|times|gazette|tribune|herald|journal|radio|tv)$/;

/** Heads written before the name: "River Ouse", "Mount Kenya"; "Storm Dennis", "Operation Protective Edge". */
const LEADING_PLACE_HEADS = new Set(['river', 'lake', 'mount', 'mt', 'cape', 'fort', 'port', 'isle', 'gulf', 'loch']);
const LEADING_OTHER_HEADS = new Set(['storm', 'hurricane', 'typhoon', 'cyclone', 'tropical', 'operation']);

/** Guesses a name's type from its words alone; entities.ts refines it with evidence from the whole article. */
export function classifyName(tokens: string[], titled: boolean): EntityType {
  const name = tokens.join(' ');
  // In "Ministry of Foreign Affairs" the head is the word before "of".
  const connector = tokens.findIndex((t, i) => i > 0 && /^(of|for|on)$/.test(t));
  const head = connector > 0 ? bare(tokens[connector - 1] ?? '') : headOf(tokens);
  const first = tokens[0] ?? '';
  if (tokens.length === 1 && knownAcronym(first)) return knownAcronym(first)?.type ?? 'organization';
  if (titled) return 'person';
  if (OTHER_HEADS.has(head)) return 'other';
  if (PLACE_HEADS.has(head) && !(head === 'bank' && tokens.length > 1 && !/^(west|east)$/i.test(first))) return 'place';
  const ofPlace = /\b(State|Republic|Kingdom|Commonwealth|Federation|Emirate) of (.+)$/.exec(name);
  if (ofPlace && isKnownPlace(ofPlace[2] ?? '')) return 'place';
  if (isKnownPlace(name)) return 'place';
  // "Amelia Stone", "Emily Post", "Jonathan Church": a first name before a surname that is also an
  // organisation's head word is a person, unless the head only names organisations ("Victoria University").
  const named = tokens.slice(tokens.findIndex((t) => !isTitleWord(t)));
  if (named.length >= 2 && named.length <= 3 && isFirstName(named[0] ?? '') && !isKnownPlace(named[0] ?? '') && !STRONG_ORG_HEADS.test(head)) return 'person';
  if (ORG_HEADS.has(head)) return 'organization';
  if (tokens.length === 1 && isAcronym(first)) return 'organization';
  // A leading head names the thing too: "River Ouse", "Mount Kenya", "Storm Dennis", "Hurricane Ian".
  // Not when a title follows ("Port Minister Leilani Saunders").
  const leadingHead = tokens.length >= 2 && !tokens.slice(1).some((t) => isRoleWord(t) || isTitleWord(t));
  if (leadingHead && LEADING_PLACE_HEADS.has(bare(first))) return 'place';
  if (leadingHead && LEADING_OTHER_HEADS.has(bare(first))) return 'other';
  if (tokens.length > 1 && isKnownPlace(tokens[tokens.length - 1] ?? '') && !isFirstName(first)) return 'other';
  // "Manchester United", "Paris Saint-Germain": a place followed by common words names a club or a company.
  if (tokens.length >= 2 && isKnownPlace(first) && tokens.slice(1).every((t) => isCommonWord(t) && !isFirstName(t))) return 'organization';
  if (tokens.length >= 2 && tokens.length <= 5) {
    // "Red Cross", "White House": a name made of common words is an organisation's, not a person's.
    if (!isFirstName(first) && isCommonWord(first) && tokens.every((t) => isCommonWord(t) || /^(of|the|and)$/.test(t))) return 'organization';
    return 'person';
  }
  // A lone first name ("Chelsea", "Jordan", "Georgia") is too weak to call a person: context decides.
  return 'other';
}

interface Run {
  tokens: Token[];
  initial: boolean;
}

/** Runs of name tokens in one paragraph, joined across particles and "of the" after organisation heads. */
function nameRuns(tokens: Token[], sentenceStarts: Set<number>, text: string): Run[] {
  const runs: Run[] = [];
  const monthAt = monthTokens(tokens);
  let i = 0;
  // After a dropped sentence-initial word ("“The Path …", "“Little Satan"), the next word is still the
  // start of the sentence for the purposes of evidence.
  let afterDroppedInitial = false;
  while (i < tokens.length) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    // A closing quote mark ("…,” Cook said) does not start a sentence; an opening one does.
    const closingMark = prev !== undefined && prev.text === '"' && prev.start > 0 && /\S/.test(text[prev.start - 1] ?? '');
    const initial: boolean = afterDroppedInitial || sentenceStarts.has(t?.start ?? -1) || prev === undefined || (prev.kind === 'punct' && OPENERS.has(prev.text) && !closingMark);
    afterDroppedInitial = false;
    // "The All Israel News Staff": after an article, a capitalised common word is part of a name.
    const afterArticle = prev !== undefined && /^(The|the)$/.test(prev.text) && t !== undefined && /^\p{Lu}/u.test(t.text) && isNameToken(tokens[i + 1]);
    const dropInitial = !afterArticle && initial && t !== undefined && isCommonWord(t.text) && !isKnownPlace(t.text) && !isFirstName(t.text)
      && (isFunctionWord(t.text) || !isNameToken(tokens[i + 1]) || RUN_BREAKERS.has(tokens[i + 1]?.text ?? ''));
    if (t === undefined || !isNameToken(t) || monthAt.has(i) || RUN_BREAKERS.has(t.text) || dropInitial) {
      afterDroppedInitial = initial && t !== undefined && t.kind === 'word' && isCapitalised(t.text);
      i++;
      continue;
    }
    const run: Token[] = [t];
    let j = i + 1;
    while (j < tokens.length) {
      const last = run[run.length - 1];
      if (last?.possessive) {
        // "International Women's Day": the possessive belongs inside the name when an event-like head follows.
        let k = j;
        while (isNameToken(tokens[k]) && !tokens[k]?.possessive) k++;
        const ahead = tokens.slice(j, k).map((x) => x.text);
        const aheadHead = bare(ahead[ahead.length - 1] ?? '');
        const pluralPossessive = /s$/.test(last.text) && !/^'s/i.test(text.slice(last.end, last.end + 2));
        const saint = /^(St\.|Saint)$/.test(run[0]?.text ?? '');
        if (ahead.length > 0 && (OTHER_HEADS.has(aheadHead) || ((pluralPossessive || saint) && (ORG_HEADS.has(aheadHead) || PLACE_HEADS.has(aheadHead) || /^(hospital|cathedral|church|school|college|square|park)$/.test(aheadHead)))) && !ahead.some(isTitleWord) && !isKnownPlace(last.text)) {
          run.push(...tokens.slice(j, k));
          j = k;
          continue;
        }
        break;
      }
      const next = tokens[j];
      if (next === undefined) break;
      if (isNameToken(next) && !RUN_BREAKERS.has(next.text) && !monthAt.has(j)) {
        run.push(next);
        j++;
        continue;
      }
      // "Ursula von der Leyen", "Ziyad al-Nakhalah": particles, one or several, before the rest of the name.
      let k = j;
      while (tokens[k]?.kind === 'word' && NAME_PARTICLES.has(tokens[k]?.text ?? '') && k - j < 3) k++;
      if (k > j && isNameToken(tokens[k])) {
        run.push(...tokens.slice(j, k));
        j = k;
        continue;
      }
      const head = bare(last?.text ?? '');
      if (next.kind === 'word' && (next.text === 'of' ? OF_HEADS.has(head) : /^(for|on)$/.test(next.text) && ORG_HEADS.has(head))) {
        const k = tokens[j + 1]?.text === 'the' ? j + 2 : j + 1;
        const after = tokens[k];
        if (after !== undefined && isNameToken(after) && !RUN_BREAKERS.has(after.text) && !(isDemonym(after.text) && !isNameToken(tokens[k + 1]))) {
          run.push(...tokens.slice(j, k));
          j = k;
          continue;
        }
      }
      break;
    }
    // "said ten Hag", "by van der Berg": a surname's lower-case particles belong to it.
    let k = i - 1;
    while (k >= 0 && tokens[k]?.kind === 'word' && NAME_PARTICLES.has(tokens[k]?.text ?? '') && !isNameToken(tokens[k - 1])) k--;
    if (k < i - 1 && run.length === 1) run.unshift(...tokens.slice(k + 1, i));
    // "The All Israel News Staff", "Reuters Staff": a byline's staff are the outlet.
    if (run.length >= 2 && /^(Staff|Staffers|Team|Desk|Newsroom|Editors)$/.test(run[run.length - 1]!.text)) run.pop();
    runs.push({ tokens: run, initial });
    i = j;
  }
  return runs;
}

/**
 * Splits "British Home Office Tom Tugendhat" after an organisation head that a first name follows, and
 * "România Petre Roman" after a country that a two-word name follows.
 */
function splitAtOrgThenPerson(run: Token[]): Token[][] {
  if (run.length >= 3 && isKnownPlace(run[0]?.text ?? '') && !isKnownPlace(`${run[0]?.text} ${run[1]?.text}`) && classifyName(run.slice(1).map((t) => t.text), false) === 'person') {
    return [run.slice(0, 1), ...splitAtOrgThenPerson(run.slice(1))];
  }
  for (let k = 0; k < run.length - 1; k++) {
    if (ORG_HEADS.has(bare(run[k]?.text ?? '')) && isFirstName(run[k + 1]?.text ?? '')) {
      return [run.slice(0, k + 1), ...splitAtOrgThenPerson(run.slice(k + 1))];
    }
  }
  return [run];
}

export function findMentions(article: Article): Mention[] {
  const mentions: Mention[] = [];
  for (const p of article.paragraphs) mentions.push(...paragraphMentions(p));
  return mentions;
}

/**
 * Surnames that are also common words ("Graves", "May", "Black", "Gates"): the first word of a sentence is
 * dropped when it is a common word, so "Graves, meanwhile, warned …" names nobody on the first reading. Once
 * the article has named someone in full ("Tom Graves"), the same word standing alone and followed by what a
 * subject is followed by (a comma, a possessive, a verb of speech or an auxiliary, a past tense) is that
 * surname again. `tokens` are the paragraph's (`tokenize(p.plain)`), `found` its first reading; returns the
 * mentions it missed.
 */
export function knownSurnamesMissed(p: Paragraph, tokens: readonly Token[], found: readonly Mention[], surnames: ReadonlySet<string>): Mention[] {
  if (surnames.size === 0) return [];
  const out: Mention[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'word' || !surnames.has(t.text) || found.some((m) => m.start <= t.start && t.start < m.end)) return;
    if (isNameToken(tokens[i - 1]) || isNameToken(tokens[i + 1])) return;
    const next = tokens[i + 1];
    const nextWord = next?.kind === 'word' ? next.text : '';
    const subjectLike = t.possessive || (next?.kind === 'punct' && /^[,;:.(—–]$/.test(next.text))
      || SPEECH_VERBS_AND_AUXILIARIES.test(nextWord) || SPEECH_VERB.has(nextWord) || /^[a-z]{3,}ed$/.test(nextWord);
    if (!subjectLike) return;
    const before = out.length;
    pushMention(out, p, [t], null, false, false);
    const m = out[before];
    if (m) {
      m.type = 'person';
      m.sentenceInitial = true;
    }
  });
  return out;
}

const SPEECH_VERBS_AND_AUXILIARIES = /^(has|had|was|is|will|would|could|can|may|might|must|should|also|then|later|once|again|never|however|meanwhile|insisted|says|tells|adds|argues|writes|believes|thinks|wants)$/;

function sentenceOf(p: Paragraph, offset: number): number {
  const s = p.sentences.find((x) => offset >= x.start && offset < x.end);
  return s?.index ?? 0;
}

export function paragraphMentions(p: Paragraph): Mention[] {
  const tokens = tokenize(p.plain);
  const starts = new Set(p.sentences.map((s) => s.start));
  const out: Mention[] = [];
  // A name that fills a pair of quote marks on its own ("the “Little Satan”", "the “Northern Shield” operation")
  // is an epithet or the name of a thing, never a person.
  const quotedWhole = new Set(findQuoteSpans(p.text).map((q) => `${q.start}:${p.text.slice(q.start, q.end).replace(/[.,;:!?]+$/, '').length + q.start}`));
  const retype = (from: number): void => {
    for (let k = from; k < out.length; k++) {
      const m = out[k];
      if (m && quotedWhole.has(`${m.start}:${m.end}`) && m.type === 'person') m.type = 'other';
    }
  };
  for (const run of nameRuns(tokens, starts, p.plain)) {
    const parts = splitAtOrgThenPerson(run.tokens);
    parts.forEach((part, partIndex) => {
      const initial = run.initial && partIndex === 0;
      const words = part.map((t) => t.text);
      // Title split: the last title word before a name that is not itself an organisation or place.
      let titleEnd = -1;
      const fullType = classifyName(words, false);
      const lastHead = bare(words[words.length - 1] ?? '');
      const namedThing = fullType !== 'person' && (ORG_HEADS.has(lastHead) || PLACE_HEADS.has(lastHead) || OTHER_HEADS.has(lastHead));
      if (fullType !== 'organization' && fullType !== 'place' && !namedThing && !endsLikeRole(words)) {
        for (let k = words.length - 2; k >= 0; k--) if (isRoleWord(words[k] ?? '')) { titleEnd = k; break; }
      }
      let nameTokens = part.slice(titleEnd + 1);
      const titleTokens = part.slice(0, titleEnd + 1);
      // What stands before the title and is not a title word is a name of its own ("Knesset" Member, "New York" Mayor).
      const lead: Token[] = [];
      for (const t of titleTokens) {
        if (isTitleWord(t.text) || isDemonym(t.text)) break;
        lead.push(t);
      }
      if (lead.length > 0) pushMention(out, p, lead, null, initial, false, true);
      if (titleEnd >= 0 && nameTokens.length === 0) return;
      const title = titleTokens.length > 0 ? titleTokens.slice(lead.length).map((t) => t.text).join(' ') : null;
      // Leading demonyms qualify a person ("Slovenian … Jans Jansha") but belong to an organisation's name.
      const type0 = classifyName(nameTokens.map((t) => t.text), title !== null);
      if (type0 === 'person') {
        while (nameTokens.length > 1 && isDemonym(nameTokens[0]?.text ?? '')) nameTokens = nameTokens.slice(1);
      }
      while (nameTokens.length > 0 && /^(The|A|An)$/.test(nameTokens[0]?.text ?? '')) nameTokens = nameTokens.slice(1);
      const before = out.length;
      pushMention(out, p, nameTokens, title, initial && titleEnd < 0, title !== null);
      retype(before);
    });
  }
  return out;
}

function pushMention(out: Mention[], p: Paragraph, tokens: Token[], title: string | null, initial: boolean, titled: boolean, beforeTitle = false): void {
  if (tokens.length === 0) return;
  const words = tokens.map((t) => t.text);
  const first = words[0] ?? '';
  if (words.length === 1) {
    if (first.length < 2 || isDemonym(first) || isTitleWord(first) || isGroupNoun(first)) return;
    if (initial && isCommonWord(first) && !isKnownPlace(first) && !isFirstName(first)) return;
  }
  if (words.every((w) => isDemonym(w) || isTitleWord(w))) return;
  if (words.length === 1 && initial && isCommonWord(first) && !isKnownPlace(first) && !isFirstName(first) && !isAcronym(first) && !ORG_HEADS.has(first.toLowerCase())) return;
  // A run that ends in a role word is a role, not a name ("US Secretary", "Research Analyst"): keep only what
  // leads it. But a surname can be a role word too ("Priti Shah", "Carole King"): after a word that is not
  // itself common, a title, a demonym or a place, it is a name.
  const roleRun = endsLikeRole(words);
  if (words.length > 1 && roleRun && isRoleWord(words[words.length - 1] ?? '') && !ORG_HEADS.has(bare(words[words.length - 1] ?? ''))) {
    const lead = tokens.slice(0, -1);
    while (lead.length > 0 && (isRoleWord(lead[lead.length - 1]?.text ?? '') || isDemonym(lead[lead.length - 1]?.text ?? ''))) lead.pop();
    const leadWords = lead.map((t) => t.text);
    if (lead.length > 0 && (classifyName(leadWords, false) === 'place' || (lead.length === 1 && isAcronym(leadWords[0] ?? '')))) {
      pushMention(out, p, lead, null, initial, false);
    }
    return;
  }
  if (isDemonym(words[words.length - 1] ?? '') || words.every((w) => isDemonymCompound(w))) return;
  const last = tokens[tokens.length - 1];
  const start = tokens[0]?.start ?? 0;
  out.push({
    paragraph: p.index,
    sentence: sentenceOf(p, start),
    start,
    end: last?.end ?? start,
    tokens: words,
    type: leadType(classifyName(words, titled), beforeTitle, words),
    title,
    sentenceInitial: initial,
    acronym: words.length === 1 && isAcronym(first),
    possessive: last?.possessive ?? false,
  });
}

/** What stands before a title ("New York" Mayor, "Knesset" Member) is a place or an organisation, never a person. */
function leadType(type: EntityType, beforeTitle: boolean, words: string[]): EntityType {
  if (!beforeTitle || (type !== 'person' && type !== 'other')) return type;
  return isKnownPlace(words.join(' ')) ? 'place' : 'organization';
}

/** Plural group nouns ("Israelis", "Muslims", "Jews") name groups of people, not entities. */
function isGroupNoun(word: string): boolean {
  if (!/s$/.test(word)) return false;
  const singular = word.replace(/(i)es$/, '$1').replace(/s$/, '');
  return isDemonym(singular) || /^(jew|arab|persian|kurd|christian|muslim|shiite|sunni|druze|mullah|ayatollah)$/i.test(singular) || lexiconTag(word) === 'Demonym,Plural';
}

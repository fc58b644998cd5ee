/**
 * Role descriptions in the article's own words, for one name mention: the title phrase before it ("Israel's
 * Intelligence Minister Gila Gamliel"), an apposition after it ("Homan Khalili, an artist who actively
 * opposes the Iranian regime,"), a "who serves as" clause, or a copula at the start of a sentence ("Cyrus
 * Yaqubi is a Research Analyst …"). The text is sliced from the display text, never rewritten.
 */
import type { Paragraph } from '../corpus/article.ts';
import { isDemonym } from './demonyms.ts';
import { lexiconTag, ROLE_NOUNS, TITLE_WORDS } from './lexicon.ts';
import type { Mention } from './mentions.ts';
import { isCapitalised, tokenize, type Token } from './tokens.ts';

/** Lower-case words that may stand inside a title phrase before a name ("former", "senior", "national security"). */
const ROLE_MODIFIERS = new Set([
  'former', 'senior', 'top', 'deputy', 'acting', 'national', 'security', 'foreign', 'defense', 'defence', 'chief',
  'general', 'supreme', 'interim', 'late', 'longtime', 'veteran', 'exiled', 'prominent', 'leading', 'then', 'current',
  'outgoing', 'incoming', 'elected', 'state', 'news', 'government-run', 'state-run', 'opposition', 'terrorist',
  'militant', 'political', 'military', 'religious', 'spiritual', 'intelligence', 'affairs', 'public', 'human', 'rights',
  'executive', 'vice', 'prime', 'assistant', 'associate', 'special', 'retired', 'fellow', 'renowned', 'independent',
]);

const CONNECTORS = new Set(['of', 'for', 'under', 'the', 'to', 'and', 'at', 'on', 'in']);

function bare(word: string): string {
  return word.toLowerCase().replace(/\.$/, '');
}

/** Title words that only qualify a role ("former", "Prime"): a phrase made of these alone is not a role. */
const QUALIFIERS = new Set(['former', 'late', 'acting', 'supreme', 'foreign', 'defense', 'defence', 'intelligence', 'finance', 'interior', 'prime', 'vice', 'deputy', 'crown', 'senior', 'chief']);

/** Forms of address that stand before a name without describing a role. */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'general', 'rabbi', 'imam', 'sheikh', 'ayatollah', 'mullah', 'hojatoleslam', 'sir', 'dame', 'lord', 'lady', 'rev']);

function isRoleHead(word: string): boolean {
  return TITLE_WORDS.has(bare(word)) || ROLE_NOUNS.has(bare(word));
}

function isRoleNoun(word: string): boolean {
  return isRoleHead(word) && !QUALIFIERS.has(bare(word));
}

function isVerbLike(word: string): boolean {
  const tag = lexiconTag(word) ?? '';
  return /Verb|PastTense|PresentTense|Infinitive|Gerund|Participle|Modal|Copula/.test(tag) || /^[a-z]{3,}ing$/.test(word);
}

/** The title phrase that stands right before the name, or null. */
export function roleBefore(p: Paragraph, tokens: Token[], m: Mention, others: Mention[]): string | null {
  let i = tokens.findIndex((t) => t.start === m.start) - 1;
  if (i < 0) return null;
  const adjacent = tokens[i];
  if (!adjacent || adjacent.kind !== 'word' || !(isRoleHead(adjacent.text) || isCapitalised(adjacent.text))) return null;
  let first = i;
  for (; i >= 0; i--) {
    const t = tokens[i];
    if (!t || t.kind !== 'word') break;
    const ok = isCapitalised(t.text) || isRoleHead(t.text) || ROLE_MODIFIERS.has(t.text) || isDemonym(t.text) || /^[a-z]+-[a-z]+$/.test(t.text) || CONNECTORS.has(t.text);
    if (!ok || t.text === 'And') break;
    // Another name ends the phrase: in a list ("Sen. Joseph Lieberman and Sen. Robert Torricelli") it is not part of this title.
    if (i < first && others.some((o) => o !== m && o.type === 'person' && o.paragraph === m.paragraph && t.start >= o.start && t.end <= o.end && !t.possessive)) break;
    if (i < first && t.possessive) { first = i; break; }
    first = i;
  }
  while (first < m.start && CONNECTORS.has(tokens[first]?.text ?? '') && first < tokens.length) first++;
  const startTok = tokens[first];
  if (!startTok || startTok.start >= m.start) return null;
  let last = tokens.indexOf(adjacent);
  // "Iran's supreme leader Ayatollah Ali Khamenei": the honorific right before the name is a title, not
  // part of the role the phrase before it describes.
  while (last > first && HONORIFICS.has(bare(tokens[last]!.text)) && tokens.slice(first, last).some((t) => isRoleNoun(t.text))) last--;
  const phrase = tokens.slice(first, last + 1);
  if (!phrase.some((t) => isRoleNoun(t.text))) return null;
  const text = p.text.slice(startTok.start, tokens[last]!.end).trim();
  return text.length > 0 ? text : null;
}

/** Cuts an apposition at the first main-clause verb or a clause boundary, keeping "who …" relative clauses. */
function trimApposition(phrase: string): string {
  const words = phrase.split(' ');
  const out: string[] = [];
  let inRelative = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k] ?? '';
    if (/^(who|that|which)$/i.test(w)) inRelative = true;
    if (k > 0 && !inRelative && /^(in|at)$/.test(w) && /^(her|his|their|its)$/.test(words[k + 1] ?? '')) break;
    // A word after a preposition or an article is a noun, whatever else it can be ("in charge of", "the head").
    // A capitalised word inside the phrase is part of a name ("the Housing Fund").
    const nounSlot = /^(in|of|for|at|on|the|a|an|its|his|her|their)$/i.test(words[k - 1] ?? '') || /^\p{Lu}/u.test(w);
    if (k > 1 && !inRelative && !nounSlot && isVerbLike(w) && !ROLE_NOUNS.has(w.toLowerCase()) && !/^(based|elected|appointed|turned|born|exiled|organized|organised|united|armed|ruling|leading|governing)$/.test(w)) break;
    out.push(w);
    if (out.length >= 14) break;
  }
  // A role cut short never ends on a word that needs another after it ("the commissioner in").
  while (out.length > 1 && /^(in|of|for|at|on|the|a|an|and|or|to|with|by|from)$/i.test(out[out.length - 1] ?? '')) out.pop();
  return out.join(' ').replace(/[\s,;:—–-]+$/, '');
}

const WHO_ROLE = /^who (?:is|was|serves as|served as|is serving as|was serving as|works as|worked as|has been|had been|became|acts as|acted as) (.+)$/i;

/** An apposition or "who serves as" clause right after the name, or null. */
export function roleAfter(p: Paragraph, m: Mention, others: Mention[]): string | null {
  // The apposition ends with its sentence at the latest.
  const sentenceEnd = p.sentences.find((s) => s.start <= m.start && m.start < s.end)?.end ?? p.text.length;
  const rest = p.text.slice(m.end, Math.max(sentenceEnd, m.end));
  const match = /^(?:['’]s)?\s*\)?\s*,\s*([^,;"“”]+)/u.exec(rest);
  if (!match || !match[1]) return null;
  let phrase = match[1].trim().replace(/[.!?]$/, '');
  const who = WHO_ROLE.exec(phrase);
  if (who?.[1]) phrase = who[1];
  else if (/^who\b/i.test(phrase)) return null;
  const words = phrase.split(' ');
  const first = (words[0] ?? '').toLowerCase();
  const startsLikeRole = /^(a|an|the|former|then|now|currently|one)$/.test(first) || isRoleHead(first) || isDemonym(words[0] ?? '') || ROLE_MODIFIERS.has(first);
  if (!startsLikeRole) return null;
  const hasRoleNoun = words.slice(0, 8).some((w) => isRoleNoun(w.replace(/[’'].*$/, '')));
  // "Joao Pereira, an engineer who designed the spillway": after a/an/the any noun phrase describes the
  // entity, unless it is a time ("the day after", "a week later").
  const describes = /^(a|an|the|one)$/.test(first) && !/^(day|days|week|weeks|month|months|year|years|time|moment|morning|evening|night|following|next|same|last|first|second)$/i.test(words[1] ?? '');
  if (!hasRoleNoun && !(describes && m.type !== 'place')) return null;
  // "Stephen Harper, former Italian Prime Minister Matteo Renzi, …" is a list, not an apposition: a phrase
  // that does not start with an article or "who" and names a titled person is the next item.
  const phraseStart = m.end + (match.index ?? 0) + match[0].indexOf(match[1]);
  const phraseEnd = phraseStart + match[1].length;
  if (!/^(a|an|the|who)$/.test(first) && others.some((o) => o !== m && o.paragraph === m.paragraph && o.type === 'person' && o.start >= phraseStart && o.end <= phraseEnd)) return null;
  const trimmed = trimApposition(phrase);
  return trimmed.split(' ').length >= 1 && trimmed.length > 2 ? trimmed : null;
}

/** "Cyrus Yaqubi is a Research Analyst …" at the start of a sentence. */
export function roleByCopula(p: Paragraph, m: Mention): string | null {
  const sentence = p.sentences.find((s) => s.start <= m.start && m.start < s.end);
  if (!sentence || p.text.slice(sentence.start, m.start).replace(/^(the|The)\s+/, '').trim() !== '') return null;
  const match = /^\s+(?:is|was|has been|serves as|served as)\s+((?:a|an|the)\s+[^,;.]+)/.exec(p.text.slice(m.end, sentence.end));
  if (!match?.[1]) return null;
  const phrase = trimApposition(match[1]);
  return phrase.split(' ').some((w) => isRoleNoun(w)) ? phrase : null;
}

/** "Knesset Member Dan Illouz of the Likud Party": the organisation after the name completes the title. */
function ofOrganisation(p: Paragraph, m: Mention): string | null {
  const match = /^ (of (?:the )?(?:\p{Lu}[\p{L}'-]*\s?)+)/u.exec(p.text.slice(m.end));
  return match?.[1]?.trim() ?? null;
}

/**
 * A description in apposition before the name, at the start of the sentence: "The city's attorney, Rebecca
 * Lin, said …", "Its chief executive, Sir James Bevan, said …". Only a phrase with a determiner and a role
 * noun, and no verb; after a comma (but for a fronted clause: "Asked …, the city's attorney, …") the
 * phrase would be the apposition of the name before it, in a list.
 */
export function roleBeforeComma(p: Paragraph, m: Mention): string | null {
  const sentence = p.sentences.find((s) => s.start <= m.start && m.start < s.end);
  const before = p.text.slice(sentence?.start ?? 0, m.start);
  const match = /(?:^\s*(?:(?:asked|when|in|on|at|after|before|speaking|responding|meanwhile|however|later|earlier)\b[^,;:]{0,80},\s*)?|[:—]\s*)((?:the|its|his|her|their|a|an|\p{Lu}[\p{L}-]*['’]s)\s+[^,;:"“”]{1,80}?),\s*(?:(?:Sir|Dame|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?)\s+)?$/iu.exec(before);
  if (!match?.[1]) return null;
  const words = match[1].split(/\s+/);
  if (!words.slice(1).some((w) => isRoleNoun(w.replace(/[’'].*$/, ''))) && !isRoleHead(words[words.length - 1] ?? '')) return null;
  if (words.slice(1).some((w, k) => isVerbLike(w) && !ROLE_NOUNS.has(w.toLowerCase()) && !/^(in|of|for|at|on|the|a|an)$/i.test(words[k] ?? ''))) return null;
  return match[1].trim();
}

/** Every role phrase found around one mention. */
export function rolesOf(p: Paragraph, tokens: Token[], m: Mention, others: Mention[]): string[] {
  const roles: string[] = [];
  if (m.type === 'place') return roles;
  const before = roleBefore(p, tokens, m, others);
  if (before) {
    const of = m.type === 'person' ? ofOrganisation(p, m) : null;
    roles.push(of ? `${before} ${of}` : before);
  }
  const after = roleAfter(p, m, others);
  if (after) roles.push(after);
  const apposed = roleBeforeComma(p, m);
  if (apposed) roles.push(apposed);
  const copula = roleByCopula(p, m);
  if (copula) roles.push(copula);
  return roles;
}

export { tokenize };

/**
 * Entities of one article: name mentions (mentions.ts) clustered into one entity per referent. A surname
 * alone joins the full name it belongs to, spelling variants of one name join ("Jans Jansa"/"Jans Jansha"),
 * an acronym or alias in brackets joins the name it explains, and each entity collects its role phrases.
 */
import type { Article, Paragraph } from '../corpus/article.ts';
import type { EntityType, LocalEntity, Span } from './analysis.ts';
import { knownAcronym, knownSurnamesMissed, mentionName, paragraphMentions, type Mention } from './mentions.ts';
import { isCommonWord, isKnownPlace, lexiconTag, ORG_HEADS, OTHER_HEADS } from './lexicon.ts';
import { rolesOf } from './roles.ts';
import { isDemonym } from './demonyms.ts';
import { isAcronym, tokenize } from './tokens.ts';
import { nameKey } from '../text/nameKey.ts';
import { isSpellingVariant } from '../text/similarity.ts';

interface Cluster {
  names: Map<string, string>; // key → surface form
  /** Every spelling seen ("Ebrahim Ra'isi" and "Ebrahim Raisi" share a key but are both aliases). */
  spellings: Set<string>;
  type: EntityType;
  titled: boolean;
  roles: string[];
  mentions: Mention[];
}

/** The words of a name that do not count for acronyms ("Islamic Revolutionary Guard Corps" → IRGC). */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => !/^(of|the|for|and|on|in|de|al)$/i.test(w))
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

function surface(p: Paragraph, m: Mention): string {
  return p.text.slice(m.start, m.end);
}

function longestName(c: Cluster): string {
  let best = '';
  for (const name of c.names.values()) {
    const words = name.split(' ').length;
    const bestWords = best.split(' ').length;
    if (best === '' || (isAcronym(best) && !isAcronym(name)) || (!isAcronym(name) && words > bestWords)) best = name;
  }
  return best;
}

function tokensOf(c: Cluster): string[][] {
  return [...c.names.keys()].map((k) => k.split(' '));
}

export function extractEntities(article: Article): LocalEntity[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const paragraphs = new Map(article.paragraphs.map((p) => [p.index, p]));

  const add = (c: Cluster, key: string, name: string, m: Mention | null): void => {
    if (!c.names.has(key)) c.names.set(key, name);
    c.spellings.add(name);
    byKey.set(key, c);
    if (m) c.mentions.push(m);
  };
  /** Adds a mention to its cluster, or to a new one. */
  const join = (found: Cluster | undefined, key: string, name: string, m: Mention, roles: string[]): void => {
    let c = found;
    if (!c) {
      c = { names: new Map(), spellings: new Set(), type: m.type, titled: false, roles: [], mentions: [] };
      clusters.push(c);
    }
    add(c, key, name, m);
    if (m.title) c.titled = true;
    c.roles.push(...roles);
  };

  const allMentions: Array<{ m: Mention; p: Paragraph; roles: string[] }> = [];
  const firstReading = article.paragraphs.map((p) => paragraphMentions(p));
  const surnames = surnamesOf(firstReading.flat());
  article.paragraphs.forEach((p, k) => {
    const tokens = tokenize(p.plain);
    const first = firstReading[k] ?? [];
    const missed = knownSurnamesMissed(p, tokens, first, surnames);
    const found = missed.length === 0 ? first : [...first, ...missed].sort((a, b) => a.start - b.start);
    for (const m of found) {
      retypeByContext(p, m);
      allMentions.push({ m, p, roles: rolesOf(p, tokens, m, found) });
    }
  });

  // Pass 1: multi-word names and acronyms make clusters; spelling variants of a person's name join one.
  for (const { m, p, roles } of allMentions) {
    const name = surface(p, m).replace(/['’]s$/, '');
    const key = nameKey(name);
    if ((m.tokens.length < 2 || !/^\p{Lu}/u.test(m.tokens[0] ?? '')) && !m.acronym && m.type !== 'place') continue;
    let c = byKey.get(key);
    if (!c && m.type === 'person' && m.tokens.length >= 2) {
      const words = key.split(' ');
      c = clusters.find((x) => x.type === 'person' && tokensOf(x).some((t) =>
        t.length >= 2 && t[0] === words[0] && isSpellingVariant(t[t.length - 1] ?? '', words[words.length - 1] ?? '')
        || (t.length > words.length && t[0] === words[0] && t[t.length - 1] === words[words.length - 1])
        || (words.length > t.length && t[0] === words[0] && words[words.length - 1] === t[t.length - 1])
        // "Von der Leyen" after "Ursula von der Leyen": a surname that starts with a particle.
        || (SURNAME_PARTICLE.test(words[0] ?? '') && t.length > words.length && words.every((w, x) => t[t.length - words.length + x] === w))));
    }
    join(c, key, name, m, roles);
  }

  // Pass 2: single words join the nearest earlier cluster they belong to (a surname, an organisation's
  // first word), else the nearest later one, else make their own.
  for (const { m, p, roles } of allMentions) {
    if ((m.tokens.length >= 2 && /^\p{Lu}/u.test(m.tokens[0] ?? '')) || m.acronym || m.type === 'place') continue;
    const name = surface(p, m).replace(/['’]s$/, '');
    const key = nameKey(name);
    const pos = m.paragraph * 100000 + m.start;
    const sex = genderOfTitle(m.title);
    const keyWords = key.split(' ');
    const endsWithKey = (t: string[]): boolean => t.length > keyWords.length && keyWords.every((w, x) => t[t.length - keyWords.length + x] === w);
    const candidates = clusters.filter((c) => tokensOf(c).some((t) => t.length >= 2 && (
      (c.type === 'person' && endsWithKey(t) && compatibleGender(sex, c)) || (c.type === 'organization' && t[0] === key)))
      // "the US Congress" … "in Congress": an organisation named again without its country.
      || (c.type === 'organization' && [...c.spellings].some((n) => qualifiedBy(n, name))));
    let c: Cluster | undefined;
    if (candidates.length > 0) {
      const at = (x: Cluster): number[] => x.mentions.map((mm) => mm.paragraph * 100000 + mm.start);
      const earlier = candidates.filter((x) => at(x).some((v) => v < pos));
      const pool = earlier.length > 0 ? earlier : candidates;
      c = pool.reduce((best, x) => {
        const dist = (y: Cluster): number => Math.min(...at(y).map((v) => Math.abs(pos - v)));
        return dist(x) < dist(best) ? x : best;
      });
    }
    c ??= byKey.get(key);
    join(c, key, name, m, roles);
  }

  // Pass 3: "the Islamic Revolutionary Guard Corps (IRGC)", "the IRGC (the Islamic Revolutionary Guard Corps)",
  // "the revolutionary guards (Pasdaran)": a bracket right after a name gives another name for it.
  const aliasesFromBrackets = new Map<Cluster, string[]>();
  for (const p of article.paragraphs) {
    for (let open = p.text.indexOf('('); open >= 0; open = p.text.indexOf('(', open + 1)) {
      const close = p.text.indexOf(')', open);
      if (close < 0) break;
      const inner = p.text.slice(open + 1, close);
      if (inner.length < 2 || inner.length > 60 || inner.includes('(')) continue;
      const insideOffset = /^\s*(?:the\s+)?/.exec(inner)?.[0].length ?? 0;
      const inside = inner.slice(insideOffset).trim();
      const leftText = p.text.slice(Math.max(0, open - 80), open);
      const leftEnd = open - (leftText.length - leftText.trimEnd().length);
      const left = clusterEndingAt(clusters, p.index, leftEnd);
      const right = clusterAt(clusters, p.index, open + 1 + insideOffset);
      if (left && right && left !== right) {
        const a = longestName(left);
        const b = longestName(right);
        // An acronym in brackets after an organisation's name is its short form, even when the letters come
        // from another language ("Kurdistan Workers' Party (PKK)"); after a person's name it is not (a party, a state).
        const acronymFits = (full: string, acr: string, c: Cluster): boolean => initials(full) === acr.replace(/\./g, '') || c.type !== 'person';
        if (isAcronym(b) ? acronymFits(a, b, left) : isAcronym(a) ? acronymFits(b, a, right) : right.names.size === 1 && b.split(' ').length === 1) {
          mergeInto(left, right, clusters, byKey);
        }
      } else if (!left && right && right.names.size === 1 && inside.split(' ').length === 1) {
        // A lower-case description before the bracket ("the revolutionary guards (Pasdaran)"): keep it as an
        // alias so that the corpus-wide merge can join it to the entity of that name.
        const words = leftText.trim().split(/\s+/).slice(-3).filter((w) => /^[\p{L}'’-]+$/u.test(w) && !/^(the|a|an|of)$/i.test(w));
        if (words.length >= 2) aliasesFromBrackets.set(right, [...(aliasesFromBrackets.get(right) ?? []), words.join(' ')]);
      }
    }
  }

  let lowerWordSet: Set<string> | null = null;
  const lowerWords = (): Set<string> => {
    lowerWordSet ??= new Set(article.paragraphs.flatMap((p) => p.plain.match(/\b\p{Ll}[\p{L}-]*/gu) ?? []));
    return lowerWordSet;
  };
  const entities: LocalEntity[] = [];
  for (const c of clusters) {
    const name = longestName(c);
    const single = c.names.size === 1 && name.split(' ').length === 1;
    // A lone capitalised word with no other evidence (not a known place, organisation, acronym or event) is
    // usually a capitalised common noun: leave it out.
    // A lone common word that joined no full name ("Cook" with no Tim Cook) is a capitalised common noun.
    if (single && !c.titled && (c.type === 'other' || c.type === 'person') && !OTHER_HEADS.has(name.toLowerCase()) && isCommonWord(name) && !isKnownPlace(name)) continue;
    if (single && c.mentions.every((m) => m.sentenceInitial && !m.possessive) && c.type === 'other' && !isKnownPlace(name)) continue;
    // A lone word that the article also uses in lower case ("Security" / "national security") is a common noun.
    if (single && c.type === 'other' && !OTHER_HEADS.has(name.toLowerCase()) && lowerWords().has(name.toLowerCase())) continue;
    if (single && c.type === 'other' && [...(aliasesFromBrackets.get(c) ?? [])].some((a) => ORG_HEADS.has(a.split(' ').pop() ?? ''))) c.type = 'organization';
    let type = c.type;
    if (c.titled) type = 'person';
    if (single && type === 'other' && c.roles.length > 0) type = 'person';
    if (single && knownAcronym(name)) type = knownAcronym(name)?.type ?? type;
    const aliases = new Set<string>();
    for (const n of c.spellings) if (n !== name) aliases.add(n);
    const expansion = single ? knownAcronym(name) : undefined;
    for (const a of aliasesFromBrackets.get(c) ?? []) aliases.add(a);
    const roles = uniqueRoles(c.roles);
    const mentions: Span[] = c.mentions
      .sort((a, b) => a.paragraph - b.paragraph || a.start - b.start)
      .map((m) => ({ paragraph: m.paragraph, start: m.start, end: m.end }));
    entities.push({
      localId: `e${entities.length + 1}`,
      name: expansion && expansion.name !== name ? expansion.name : name,
      type,
      aliases: expansion && expansion.name !== name ? [name, ...aliases] : [...aliases],
      roles,
      mentions,
    });
  }
  void paragraphs;
  return entities;
}

/** Particles a surname may start with ("von der Leyen", "al-Sheikh" written apart). */
const SURNAME_PARTICLE = /^(von|van|de|der|den|da|di|du|del|della|la|le|al|el|bin|ben|abu|ter|ten)$/i;

/**
 * The surnames that are also common words, of the people the article names in full or with a title
 * ("Tom Graves", "Mrs. May"): the words a first reading drops at the start of a sentence.
 */
function surnamesOf(mentions: readonly Mention[]): Set<string> {
  const out = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'person' || (m.tokens.length < 2 && m.title === null)) continue;
    const last = m.tokens[m.tokens.length - 1] ?? '';
    if (/^\p{Lu}\p{Ll}/u.test(last) && isCommonWord(last)) out.add(last);
  }
  return out;
}

/** "US Congress" is "Congress" qualified by a country or a demonym. */
function qualifiedBy(full: string, bare: string): boolean {
  if (!full.endsWith(` ${bare}`)) return false;
  const qualifier = full.slice(0, -bare.length - 1);
  return !qualifier.includes(' ') && (isKnownPlace(qualifier) || isDemonym(qualifier) || knownAcronym(qualifier)?.type === 'place');
}

/**
 * Context that settles a name's type: the object of "told" or "according to" and a name followed by
 * "newspaper" or "news agency" is an outlet, an organisation.
 */
function retypeByContext(p: Paragraph, m: Mention): void {
  if (m.type !== 'other' && m.type !== 'person') return;
  const before = p.plain.slice(Math.max(0, m.start - 25), m.start);
  const after = p.plain.slice(m.end, m.end + 25);
  if (/\b(told|according to|reported by|published in|quoted by|interview with|wrote in|said in)( the)? $/.test(before) && m.type === 'other') m.type = 'organization';
  // "in Cupertino", "at Old Trafford": after these prepositions an untitled name is a place.
  if (!m.title && /\b(in|at|near|outside|across|throughout|around|into)( the)? $/.test(before) && !/^ (said|says|told|added)\b/.test(after)) m.type = 'place';
  if (/^['’]?s? (newspaper|news agency|agency|daily|weekly|magazine|TV|television|channel|radio|website|outlet)\b/.test(after)) m.type = 'organization';
  // "Luke Whitaker's wife, Dana,": a first name in apposition to a relation is a person.
  if (m.type === 'other' && m.tokens.length === 1 && /['’]s\s+(?:[\p{L}-]+\s+)?(wife|husband|son|daughter|mother|father|brother|sister|widow|partner|fianc[eé]e?|grandson|granddaughter)\s*,\s*$/u.test(p.plain.slice(Math.max(0, m.start - 40), m.start))) m.type = 'person';
}

type Gender = 'male' | 'female' | null;

/** The sex a title implies ("Mr." → male, "Mrs." → female), or null. */
function genderOfTitle(title: string | null): Gender {
  if (!title) return null;
  const last = title.trim().split(/\s+/).pop()?.toLowerCase().replace(/\.$/, '') ?? '';
  if (/^(mr|sir|king|prince|lord|father|brother|sheikh|emir|sultan)$/.test(last)) return 'male';
  if (/^(mrs|ms|miss|madam|lady|queen|princess|dame|sister)$/.test(last)) return 'female';
  return null;
}

/** "Mr. Jones" is not "Mary Jones": a titled surname joins only a full name whose first name or title agrees. */
function compatibleGender(sex: Gender, c: Cluster): boolean {
  if (!sex) return true;
  for (const name of c.names.values()) {
    const tag = lexiconTag(name.split(' ')[0] ?? '');
    if ((tag === 'MaleName' && sex === 'female') || (tag === 'FemaleName' && sex === 'male')) return false;
  }
  return c.mentions.every((m) => { const g = genderOfTitle(m.title); return g === null || g === sex; });
}

function uniqueRoles(roles: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of roles) {
    const k = nameKey(r);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}

function clusterEndingAt(clusters: Cluster[], paragraph: number, end: number): Cluster | undefined {
  return clusters.find((c) => c.mentions.some((m) => m.paragraph === paragraph && (m.end === end || (m.end + 2 === end))));
}

function clusterAt(clusters: Cluster[], paragraph: number, start: number): Cluster | undefined {
  return clusters.find((c) => c.mentions.some((m) => m.paragraph === paragraph && m.start === start));
}

function mergeInto(target: Cluster, other: Cluster, clusters: Cluster[], byKey: Map<string, Cluster>): void {
  for (const [k, v] of other.names) {
    target.names.set(k, v);
    byKey.set(k, target);
  }
  for (const n of other.spellings) target.spellings.add(n);
  target.mentions.push(...other.mentions);
  target.roles.push(...other.roles);
  target.titled ||= other.titled;
  if (target.type === 'other') target.type = other.type;
  clusters.splice(clusters.indexOf(other), 1);
}

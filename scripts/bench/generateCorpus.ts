/**
 * A deterministic synthetic news corpus for the benchmark: `generateCorpus(dir, n, seed)` writes n article
 * files (YAML front matter, one paragraph per line, blank lines between) that read like wire copy and use
 * the constructions Dossier's extraction handles — titled names ("Energy Minister Dana Levin"),
 * appositions ("said Omar Haddad, the director of the Harbor Institute"), acronyms introduced in
 * parentheses ("the National Energy Council (NEC)"), quotations in every attribution pattern (`"…," Levin
 * said.`, `said X, the ROLE of ORG`, `X said: "…"`, `X told OUTLET`, `she added`, "a spokesperson for the
 * NEC said"), and dated sentences ("on Monday", "last June", "on March 8", "in 2019", "nearly a year ago",
 * "July 10-12").
 *
 * The same seed gives the same files, byte for byte: the world (people, organisations, places,
 * vocabulary) comes from a seeded PRNG (mulberry32), and each article from its own stream seeded by
 * (seed, index), so article i can be written on its own (the benchmark's "add one article" does that).
 * Articles are written one at a time and never held together, so 100,000 of them take seconds and little
 * memory.
 *
 * Words come from compromise's lexicon (already a dependency): its first names, surnames and cities are
 * the ones a news reader would recognise, and its nouns, adjectives and verbs give a vocabulary of a few
 * thousand content words, drawn with a Zipf distribution so that some words are everywhere and most are
 * rare, as in real text.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';

// ---------------------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of some integers, to seed independent streams (one per article). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export class Rng {
  constructor(readonly next: () => number) {}
  static seeded(seed: number): Rng {
    return new Rng(mulberry32(seed));
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** Draws ranks 0..n-1 with probability ∝ 1 / (rank + offset)^s. */
export class Zipf {
  private readonly cumulative: Float64Array;
  constructor(n: number, s = 1.0, offset = 2.7) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) {
      total += 1 / Math.pow(r + offset, s);
      this.cumulative[r] = total;
    }
  }
  sample(rng: Rng): number {
    const c = this.cumulative;
    const u = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

class WordList {
  private readonly zipf: Zipf;
  constructor(readonly words: readonly string[], s = 1.0) {
    this.zipf = new Zipf(words.length, s);
  }
  draw(rng: Rng): string {
    return this.words[this.zipf.sample(rng)]!;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The world: people, organisations, places, outlets, vocabulary

type Gender = 'm' | 'f';

type Role =
  | { kind: 'minister'; domain: string }
  | { kind: 'org'; title: string; org: Organisation }
  | { kind: 'expert'; noun: string; org: Organisation }
  | { kind: 'mayor'; city: string }
  | { kind: 'senator' }
  | { kind: 'general' }
  | { kind: 'professor'; org: Organisation }
  | { kind: 'plain' };

export interface Person {
  first: string;
  last: string;
  /** Another spelling of the surname some outlets use ("Haddad"/"Hadad"), or null. */
  variant: string | null;
  gender: Gender;
  role: Role;
}

export interface Organisation {
  name: string;
  /** Introduced as "the National Energy Council (NEC)" and used alone afterwards; null when it has none. */
  acronym: string | null;
  /** Takes "the" before it ("the Harbor Institute"; not "Reuters"). */
  article: boolean;
}

export interface Outlet {
  name: string;
  domain: string;
  /** How a sentence names it after "told": "the Daily Courier". */
  told: string;
}

export interface World {
  seed: number;
  people: Person[];
  organisations: Organisation[];
  places: string[];
  outlets: Outlet[];
  nouns: WordList;
  plurals: WordList;
  adjectives: WordList;
  pastVerbs: WordList;
  verbs: WordList;
  presentVerbs: WordList;
  /** Distinct content words in the vocabulary. */
  vocabularySize: number;
  peopleZipf: Zipf;
  orgZipf: Zipf;
  placeZipf: Zipf;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Words that must not be filler: dates and times (they would become events), speech verbs (attributions), function words, numbers. */
const BLOCKED = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'today tomorrow yesterday tonight now noon midnight morning mornings evening evenings afternoon afternoons night nights week weeks weekly ' +
    'weekend weekends month months monthly year years yearly annual day days daily decade decades century centuries hour hours minute minutes ' +
    'second seconds moment moments spring summer autumn fall winter ago later earlier last next past previous recent recently soon christmas ' +
    'easter ramadan season seasons quarter quarters era eras age ages dawn dusk sunrise sunset date dates time times period periods ' +
    'say said says saying tell told tells telling add added adds adding state stated states note noted notes continue continued write wrote ' +
    'written declare declared announce announced explain explained stress stressed emphasize emphasized argue argued insist insisted claim ' +
    'claimed warn warned ask asked reply replied respond responded urge urged recall recalled remark remarked comment commented observe observed ' +
    'conclude concluded post posted tweet tweeted read reads vow vowed pledge pledged admit admitted acknowledge acknowledged promise promised ' +
    'predict predicted describe described call called confirm confirmed deny denied suggest suggested cry cried shout shouted exclaim exclaimed ' +
    'whisper whispered joke joked quip quipped boast boasted lament lamented complain complained agree agreed praise praised condemn condemned ' +
    'thank thanked welcome welcomed demand demanded according titled entitled named dubbed branded labeled labelled nicknamed ' +
    'one two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand thousands million millions billion ' +
    'first third fourth fifth half several few many much more most some any each every other another such same own ' +
    'minister president mayor senator general professor director spokesman spokeswoman spokesperson official officials source sources ' +
    'rape raped rapes raping rapist rapists porn pornography slut sluts whore whores nazi nazis retard retarded ' +
    'he she they we his her their our him them us it its this that these those who whom whose which what when where why how'
  ).split(' '),
);

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function lexiconWords(): Map<string, string[]> {
  const model = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model();
  const byTag = new Map<string, string[]>();
  for (const [word, tag] of Object.entries(model.one.lexicon)) {
    if (typeof tag !== 'string') continue;
    const list = byTag.get(tag) ?? [];
    list.push(word);
    byTag.set(tag, list);
  }
  for (const list of byTag.values()) list.sort(); // iteration order of the lexicon must not matter
  return byTag;
}

const DOMAINS = [
  'Energy', 'Water', 'Health', 'Trade', 'Transport', 'Science', 'Labor', 'Housing', 'Shipping', 'Mining', 'Textile', 'Maritime', 'Rail',
  'Aviation', 'Fisheries', 'Forestry', 'Media', 'Arts', 'Heritage', 'Climate', 'Ocean', 'Desert', 'Digital', 'Space', 'Steel', 'Grain',
  'Dairy', 'Tourism', 'Pension', 'Veterans', 'Refugee', 'Border', 'Customs', 'Tax', 'Budget', 'Education', 'Culture', 'Agriculture',
  'Environment', 'Infrastructure', 'Telecom', 'Pharmaceutical', 'Insurance', 'Railway', 'Port', 'Solar', 'Wind', 'Coal', 'Textiles',
];
const ORG_PREFIXES = [
  'National', 'Regional', 'Northern', 'Southern', 'Eastern', 'Western', 'United', 'Independent', 'Federal', 'Central', 'Coastal', 'Civic',
  'Free', 'New', 'Royal', 'Metropolitan', 'Continental', 'Atlantic', 'Pacific', 'Joint', 'Allied', 'Public', 'Open', 'Global',
];
const ORG_HEADS = [
  'Council', 'Institute', 'Agency', 'Commission', 'Foundation', 'Union', 'Party', 'Association', 'Authority', 'Bureau', 'Group',
  'Company', 'Bank', 'Federation', 'League', 'Alliance', 'Society', 'Board', 'Network', 'Center', 'Corporation', 'Fund', 'Committee',
];
const PLACE_HEADS = ['Province', 'Valley', 'Bay', 'District', 'Coast', 'Heights', 'Islands', 'Peninsula', 'County', 'Region'];
const ORG_TITLES = ['director', 'chair', 'president', 'chief executive', 'secretary-general', 'head of research', 'founder', 'deputy director', 'treasurer', 'chief economist'];
const EXPERT_NOUNS = ['an economist', 'a senior analyst', 'a researcher', 'a lawyer', 'an activist', 'a historian', 'a consultant', 'an engineer', 'a campaigner', 'a scientist'];
const OUTLET_NAMES = [
  'Daily Courier', 'Harbor Times', 'Global Wire', 'Evening Post', 'Continental Herald', 'Morning Tribune', 'Capital Gazette', 'Metro News',
  'Northern Journal', 'World Report', 'Coastal Chronicle', 'Public Radio Network',
];

/** Another spelling of a surname, one letter apart ("Haddad"/"Hadad", "Levin"/"Levine"), or null. */
function spellingVariant(last: string, rng: Rng): string | null {
  if (last.length < 5) return null;
  const i = rng.int(2, last.length - 2);
  const c = last[i]!;
  switch (rng.int(0, 2)) {
    case 0: return last.slice(0, i) + c + last.slice(i); // doubled letter
    case 1: return /[aeiou]/.test(c) ? last.slice(0, i) + last.slice(i + 1) : null; // dropped vowel
    default: return last.endsWith('n') ? `${last}e` : last.endsWith('i') ? `${last.slice(0, -1)}y` : null;
  }
}

function acronymOf(name: string): string {
  return name.split(/\s+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
}

/** Builds the world for a seed. The pool of people grows slowly with the corpus (a few thousand). */
export function createWorld(seed: number, articles: number): World {
  const rng = Rng.seeded(mixSeed(seed, 0x5eed));
  const lex = lexiconWords();
  const clean = (tag: string, min = 3, max = 12): string[] => (lex.get(tag) ?? []).filter((w) => new RegExp(`^[a-z]{${min},${max}}$`).test(w) && !BLOCKED.has(w));
  const male = clean('MaleName', 3, 9).map(titleCase);
  const female = clean('FemaleName', 3, 9).map(titleCase);
  const surnames = clean('LastName', 4, 11).map(titleCase);
  // More surnames than the lexicon has, from syllables: names a reader has never seen are common in news.
  const syllables = ['ka', 'ri', 'mo', 'ta', 'len', 'vas', 'dor', 'el', 'an', 'sar', 'to', 'mi', 'ne', 'ruk', 'ba', 'zo', 'lin', 'per', 'hal', 'qui', 'des', 'ov', 'ami', 'ras'];
  const made = new Set<string>();
  while (made.size < 900) made.add(titleCase(rng.pick(syllables) + rng.pick(syllables) + rng.pick(syllables)));
  const lastNames = [...surnames, ...[...made].sort()];
  const cities = clean('City', 4, 12).map(titleCase);
  const countries = clean('Country', 4, 12).map(titleCase);

  const organisations: Organisation[] = [];
  const usedAcronyms = new Set<string>();
  const orgNames = new Set<string>();
  const addOrg = (name: string, wantsAcronym: boolean, article = true): Organisation | null => {
    if (orgNames.has(name)) return null;
    orgNames.add(name);
    let acronym: string | null = null;
    const a = acronymOf(name);
    if (wantsAcronym && a.length >= 3 && !usedAcronyms.has(a)) {
      acronym = a;
      usedAcronyms.add(a);
    }
    const org = { name, acronym, article };
    organisations.push(org);
    return org;
  };
  const orgCount = 500 + Math.floor(articles / 100);
  for (let guard = 0; organisations.length < orgCount && guard < orgCount * 20; guard++) {
    const r = rng.next();
    if (r < 0.55) addOrg(`${rng.pick(ORG_PREFIXES)} ${rng.pick(DOMAINS)} ${rng.pick(ORG_HEADS)}`, rng.chance(0.6));
    else if (r < 0.75) addOrg(`${rng.pick(DOMAINS)} ${rng.pick(ORG_HEADS)}`, false);
    else if (r < 0.85) addOrg(`${rng.pick(cities)} ${rng.pick(['Port Authority', 'Chamber of Commerce', 'Transit Authority', 'City Council', 'Water Board'])}`, rng.chance(0.3));
    else if (r < 0.93) addOrg(rng.chance(0.5) ? `University of ${rng.pick(cities)}` : `${rng.pick(cities)} University`, false);
    else addOrg(`${rng.pick(lastNames)} Foundation`, false);
  }
  const universities = organisations.filter((o) => /University/.test(o.name));
  const others = organisations.filter((o) => !/University/.test(o.name));

  const places = [...cities, ...countries];
  const madePlaces = new Set<string>();
  while (madePlaces.size < 150) madePlaces.add(`${rng.pick(lastNames)} ${rng.pick(PLACE_HEADS)}`);
  places.push(...[...madePlaces].sort());
  rng.shuffle(places);

  const peopleCount = 3000 + Math.floor(articles / 25);
  const people: Person[] = [];
  const seenNames = new Set<string>();
  while (people.length < peopleCount) {
    const gender: Gender = rng.chance(0.5) ? 'm' : 'f';
    const first = rng.pick(gender === 'm' ? male : female);
    const last = rng.pick(lastNames);
    if (seenNames.has(`${first} ${last}`)) continue;
    seenNames.add(`${first} ${last}`);
    const r = rng.next();
    const role: Role =
      r < 0.12 ? { kind: 'minister', domain: rng.pick(DOMAINS) }
      : r < 0.45 ? { kind: 'org', title: rng.pick(ORG_TITLES), org: rng.pick(others) }
      : r < 0.65 ? { kind: 'expert', noun: rng.pick(EXPERT_NOUNS), org: rng.pick(others) }
      : r < 0.72 ? { kind: 'mayor', city: rng.pick(cities) }
      : r < 0.78 ? { kind: 'senator' }
      : r < 0.82 ? { kind: 'general' }
      : r < 0.9 && universities.length ? { kind: 'professor', org: rng.pick(universities) }
      : { kind: 'plain' };
    people.push({ first, last, variant: rng.chance(0.08) ? spellingVariant(last, rng) : null, gender, role });
  }

  const outlets: Outlet[] = OUTLET_NAMES.map((name) => ({
    name,
    domain: `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
    told: /Network|Wire|Report|Radio/.test(name) && rng.chance(0.5) ? name : `the ${name}`,
  }));

  // Content words, shuffled so that Zipf rank is not alphabetical.
  const content = (tags: string[]): string[] => rng.shuffle([...new Set(tags.flatMap((t) => clean(t, 3, 13)))].sort());
  const nouns = content(['Singular']);
  const plurals = content(['Plural']);
  const adjectives = content(['Adjective']);
  const pastVerbs = content(['PastTense']);
  const verbs = content(['Infinitive']);
  const presentVerbs = content(['PresentTense']);
  const vocabularySize = new Set([...nouns, ...plurals, ...adjectives, ...pastVerbs, ...verbs, ...presentVerbs]).size;

  return {
    seed, people, organisations, places, outlets,
    nouns: new WordList(nouns), plurals: new WordList(plurals), adjectives: new WordList(adjectives),
    pastVerbs: new WordList(pastVerbs), verbs: new WordList(verbs), presentVerbs: new WordList(presentVerbs),
    vocabularySize,
    peopleZipf: new Zipf(people.length, 0.9, 10),
    orgZipf: new Zipf(organisations.length, 0.9, 5),
    placeZipf: new Zipf(places.length, 1.0, 3),
  };
}

// ---------------------------------------------------------------------------------------------------------
// One article

interface Published {
  year: number;
  month: number; // 1..12
  day: number;
}

const FIRST_DAY = Date.UTC(2000, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);

function iso(p: Published): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What one article is about and who is in it; the sentence makers read from here. */
class ArticleWriter {
  readonly cast: Person[];
  readonly orgs: Organisation[];
  readonly places: string[];
  readonly outlet: Outlet;
  readonly topic: string[];
  private readonly introducedPeople = new Set<Person>();
  private readonly introducedOrgs = new Set<Organisation>();
  /** Surname spelling this article uses for each person (some outlets spell a name differently). */
  private readonly surname = new Map<Person, string>();

  constructor(private readonly w: World, private readonly rng: Rng, readonly published: Published) {
    const castSize = rng.int(2, 4);
    const cast = new Set<Person>();
    while (cast.size < castSize) cast.add(w.people[w.peopleZipf.sample(rng)]!);
    this.cast = [...cast];
    for (const p of this.cast) this.surname.set(p, p.variant && rng.chance(0.35) ? p.variant : p.last);
    const orgs = new Set<Organisation>();
    for (const p of this.cast) if ((p.role.kind === 'org' || p.role.kind === 'expert') && rng.chance(0.7)) orgs.add(p.role.org);
    while (orgs.size < 2) orgs.add(w.organisations[w.orgZipf.sample(rng)]!);
    this.orgs = [...orgs];
    const places = new Set<string>();
    while (places.size < 2) places.add(w.places[w.placeZipf.sample(rng)]!);
    this.places = [...places];
    this.outlet = rng.pick(w.outlets);
    // Topic words recur through the article: what makes a passage findable by its words.
    this.topic = Array.from({ length: 5 }, (_, i) => (i % 2 ? w.plurals : w.nouns).draw(rng));
  }

  // Words -------------------------------------------------------------------------------------------
  noun(): string {
    return this.rng.chance(0.25) ? this.topic[0 + 2 * this.rng.int(0, 2)]! : this.w.nouns.draw(this.rng);
  }
  plural(): string {
    return this.rng.chance(0.25) ? this.topic[1 + 2 * this.rng.int(0, 1)]! : this.w.plurals.draw(this.rng);
  }
  adj(): string {
    return this.w.adjectives.draw(this.rng);
  }
  past(): string {
    return this.w.pastVerbs.draw(this.rng);
  }
  verb(): string {
    return this.w.verbs.draw(this.rng);
  }
  np(): string {
    switch (this.rng.int(0, 4)) {
      case 0: return `the ${this.adj()} ${this.noun()}`;
      case 1: return withArticle(`${this.adj()} ${this.noun()}`);
      case 2: return `${this.adj()} ${this.plural()}`;
      case 3: return `the ${this.noun()} of ${this.plural()}`;
      default: return `the ${this.plural()}`;
    }
  }
  place(): string {
    return this.rng.pick(this.places);
  }
  pp(): string {
    switch (this.rng.int(0, 5)) {
      case 0: return ` in ${this.place()}`;
      case 1: return ` after ${this.np()}`;
      case 2: return ` despite ${this.np()}`;
      case 3: return ` with ${this.np()}`;
      case 4: return ` near ${this.place()}`;
      default: return '';
    }
  }

  // Names -------------------------------------------------------------------------------------------
  last(p: Person): string {
    return this.surname.get(p) ?? p.last;
  }
  full(p: Person): string {
    return `${p.first} ${this.last(p)}`;
  }
  pronoun(p: Person): string {
    return p.gender === 'm' ? 'he' : 'she';
  }
  orgRef(o: Organisation): string {
    const the = o.article ? 'the ' : '';
    if (this.introducedOrgs.has(o)) return o.acronym ? `${the}${o.acronym}` : `${the}${o.name}`;
    this.introducedOrgs.add(o);
    return o.acronym ? `${the}${o.name} (${o.acronym})` : `${the}${o.name}`;
  }
  /** "director of the Harbor Institute", "the energy minister": the role as an apposition, or null. */
  apposition(p: Person): string | null {
    const r = p.role;
    switch (r.kind) {
      case 'minister': return `the ${r.domain.toLowerCase()} minister`;
      case 'org': return `the ${r.title} of ${this.orgRef(r.org)}`;
      case 'expert': return `${r.noun} at ${this.orgRef(r.org)}`;
      case 'mayor': return `the mayor of ${r.city}`;
      case 'professor': return `a professor at ${this.orgRef(r.org)}`;
      default: return null;
    }
  }
  /** The first mention in the article carries the role; later ones are the surname. Usable as a sentence subject. */
  subject(p: Person): string {
    if (this.introducedPeople.has(p)) return this.last(p);
    this.introducedPeople.add(p);
    const r = p.role;
    const name = this.full(p);
    if (r.kind === 'minister' && this.rng.chance(0.6)) return `${r.domain} Minister ${name}`;
    if (r.kind === 'mayor' && this.rng.chance(0.6)) return `Mayor ${name} of ${r.city}`;
    if (r.kind === 'senator') return `Sen. ${name}`;
    if (r.kind === 'general') return `Gen. ${name}`;
    if (r.kind === 'professor' && this.rng.chance(0.5)) return `Professor ${name} of ${this.orgRef(r.org)}`;
    const app = this.apposition(p);
    return app ? `${name}, ${app},` : name;
  }
  /** A name for after "said": full name and role on the first mention ("said Omar Haddad, the director of …"). */
  inverted(p: Person): string {
    if (this.introducedPeople.has(p)) return this.full(p);
    this.introducedPeople.add(p);
    const app = this.apposition(p);
    return app ? `${this.full(p)}, ${app}` : this.full(p);
  }
  person(): Person {
    return this.rng.pick(this.cast);
  }

  // Sentences ---------------------------------------------------------------------------------------
  /**
   * A subject for a sentence: a generic noun phrase, a person already named, or an organisation. As
   * written mid-sentence (after "On Monday,"): common words in lower case, names as they are.
   */
  anySubject(): string {
    const r = this.rng.next();
    if (r < 0.35) return this.np();
    if (r < 0.55) return this.rng.pick(['officials', 'residents', 'analysts', 'critics', 'local leaders', 'many observers', 'investors', 'several groups']);
    if (r < 0.8) return this.orgRef(this.rng.pick(this.orgs));
    return this.subject(this.person()).replace(/,$/, '');
  }
  filler(): string {
    const r = this.rng.next();
    const s = capitalise(this.anySubject());
    if (r < 0.3) return `${s} ${this.past()} ${this.np()}${this.pp()}.`;
    if (r < 0.5) return `${s} ${this.past()} that ${this.np()} had ${this.past()} ${this.np()}.`;
    if (r < 0.65) return `${capitalise(this.np())} ${this.past()} ${this.np()}, and ${this.np()} ${this.past()} ${this.np()}${this.pp()}.`;
    if (r < 0.8) return `According to ${this.orgRef(this.rng.pick(this.orgs))}, ${this.np()} ${this.past()} ${this.np()}${this.pp()}.`;
    if (r < 0.9) return `Many ${this.plural()} in ${this.place()} ${this.past()} ${this.np()}.`;
    return `${s} ${this.rng.chance(0.5) ? 'would' : 'could'} ${this.verb()} ${this.np()} ${this.rng.pick(['before', 'after', 'without', 'despite'])} ${this.np()}.`;
  }
  /** A sentence that says when something happened, in one of the forms news copy uses. */
  dated(): string {
    const { year } = this.published;
    const s = this.anySubject();
    const S = capitalise(s);
    const rest = `${this.past()} ${this.np()}${this.pp()}`;
    const month = this.rng.pick(MONTHS);
    const day = this.rng.int(1, 28);
    switch (this.rng.int(0, 9)) {
      case 0: return `On ${this.rng.pick(WEEKDAYS)}, ${s} ${rest}.`;
      case 1: return `Last ${month}, ${s} ${rest}.`;
      case 2: return `On ${month} ${day}, ${s} ${rest}.`;
      case 3: return `In ${this.rng.int(1990, Math.max(1990, year - 1))}, ${s} ${rest}.`;
      case 4: return `${this.rng.pick(['Nearly a year ago', 'About two months ago', 'Three weeks ago', 'Two years ago', 'Almost a decade ago'])}, ${s} ${rest}.`;
      case 5: return `The ${this.rng.pick(['talks were', 'hearings were', 'summit meetings were', 'trade fair was', 'negotiations were'])} held ${month} ${day}-${day + this.rng.int(1, 3)} in ${this.place()}.`;
      case 6: return `On ${month} ${day}, ${this.rng.int(2000, year)}, ${s} ${rest}.`;
      case 7: return `In ${month} ${this.rng.int(2000, year)}, ${s} ${rest}.`;
      case 8: return `${S} ${rest} on ${this.rng.pick(WEEKDAYS)}.`;
      default: return `${S} ${this.past()} ${this.np()} in ${this.rng.int(2000, year)} and ${this.past()} ${this.np()} last ${this.rng.pick(['week', 'month', 'year'])}.`;
    }
  }
  /** Quoted words: first person, one or two clauses, no quotation marks inside. */
  quoteText(): string {
    const clause = (): string => {
      switch (this.rng.int(0, 7)) {
        case 0: return `we have ${this.past()} ${this.np()}, and we will ${this.verb()} ${this.np()}`;
        case 1: return `this is ${withArticle(this.adj())} ${this.noun()} for ${this.place()}`;
        case 2: return `our ${this.plural()} deserve ${this.np()}`;
        case 3: return `nobody should ${this.verb()} the ${this.plural()} of ${this.place()}`;
        case 4: return `there is no ${this.noun()} without ${this.np()}`;
        case 5: return `the ${this.plural()} will ${this.verb()} ${this.np()} if we ${this.verb()} ${this.np()}`;
        case 6: return `what we ${this.past()} was ${withArticle(this.adj())} ${this.noun()}`;
        default: return `I ${this.past()} ${this.np()} because ${this.np()} ${this.past()} ${this.np()}`;
      }
    };
    const text = capitalise(clause());
    return this.rng.chance(0.4) ? `${text}. ${capitalise(clause())}` : text;
  }

  // Paragraphs --------------------------------------------------------------------------------------
  lead(): string {
    const p = this.cast[0]!;
    const when = this.rng.chance(0.7) ? ` on ${this.rng.pick(WEEKDAYS)}` : '';
    return `${this.subject(p)} ${this.past()} ${this.np()} in ${this.place()}${when}, ${this.rng.pick(['as', 'while', 'after'])} ${this.np()} ${this.past()} ${this.np()}. ${this.filler()}`;
  }
  orgParagraph(): string {
    const o = this.rng.pick(this.orgs);
    return `${capitalise(this.orgRef(o))} ${this.past()} ${this.np()} in ${this.rng.int(2000, this.published.year)}. ${this.filler()} ${this.filler()}`;
  }
  quoteAfter(): string {
    const p = this.person();
    if (!this.introducedPeople.has(p)) return `${this.subject(p).replace(/,$/, '')} ${this.past()} ${this.np()}. "${this.quoteText()}," ${this.last(p)} said. ${this.filler()}`;
    return `"${this.quoteText()}," ${this.last(p)} said. ${this.filler()}`;
  }
  quoteInverted(): string {
    const p = this.person();
    return `"${this.quoteText()}," said ${this.inverted(p)}. ${this.filler()}`;
  }
  quoteColon(): string {
    const p = this.person();
    return `${this.filler()} ${this.subject(p).replace(/,$/, '')} said: "${this.quoteText()}."`;
  }
  quoteAdded(): string {
    const p = this.person();
    const intro = this.introducedPeople.has(p) ? '' : `${this.subject(p).replace(/,$/, '')} ${this.past()} ${this.np()}. `;
    return `${intro}"${this.quoteText()}," ${this.last(p)} said. "${this.quoteText()}," ${this.pronoun(p)} added.`;
  }
  anonymous(): string {
    const who = this.rng.pick(['a spokesperson for', 'a source close to', 'an official at', 'a senior adviser at']);
    return `"${this.quoteText()}," ${who} ${this.orgRef(this.rng.pick(this.orgs))} said. ${this.filler()}`;
  }
  told(): string {
    const p = this.person();
    const intro = this.introducedPeople.has(p) ? '' : `${this.subject(p).replace(/,$/, '')} ${this.past()} ${this.np()}. `;
    return `${intro}"${this.quoteText()}," ${this.last(p)} told ${this.outlet.told}.`;
  }
  datedParagraph(): string {
    return this.rng.chance(0.5) ? `${this.dated()} ${this.filler()}` : `${this.filler()} ${this.dated()} ${this.filler()}`;
  }
  fillerParagraph(): string {
    return Array.from({ length: this.rng.int(2, 4) }, () => this.filler()).join(' ');
  }
  title(): string {
    const r = this.rng.next();
    const subject = r < 0.4 ? this.last(this.cast[0]!) : r < 0.7 ? (this.orgs[0]!.acronym ?? this.orgs[0]!.name) : capitalise(this.plural());
    return `${subject} ${this.w.presentVerbs.draw(this.rng)} ${this.adj()} ${this.noun()} in ${this.place()}`;
  }
}

type ParagraphKind = 'org' | 'quoteAfter' | 'quoteInverted' | 'quoteColon' | 'quoteAdded' | 'anonymous' | 'told' | 'dated' | 'filler';
const BODY_KINDS: ParagraphKind[] = ['org', 'quoteAfter', 'quoteInverted', 'quoteColon', 'quoteAdded', 'anonymous', 'told', 'dated', 'dated', 'dated', 'filler', 'filler', 'filler'];

export interface GeneratedArticle {
  file: string;
  text: string;
}

/** Article `index` of the world's corpus: the same (seed, index) always gives the same text. */
export function generateArticle(world: World, index: number): GeneratedArticle {
  const rng = Rng.seeded(mixSeed(world.seed, index, 0xa7));
  const when = new Date(FIRST_DAY + Math.floor(rng.next() * ((LAST_DAY - FIRST_DAY) / 86_400_000 + 1)) * 86_400_000);
  const published = { year: when.getUTCFullYear(), month: when.getUTCMonth() + 1, day: when.getUTCDate() };
  const a = new ArticleWriter(world, rng, published);
  const title = a.title();
  const count = rng.int(9, 15);
  const kinds = rng.shuffle([...BODY_KINDS]);
  while (kinds.length < count - 1) kinds.push(rng.pick(BODY_KINDS));
  const paragraphs = [a.lead()];
  for (const kind of kinds.slice(0, count - 1)) {
    switch (kind) {
      case 'org': paragraphs.push(a.orgParagraph()); break;
      case 'quoteAfter': paragraphs.push(a.quoteAfter()); break;
      case 'quoteInverted': paragraphs.push(a.quoteInverted()); break;
      case 'quoteColon': paragraphs.push(a.quoteColon()); break;
      case 'quoteAdded': paragraphs.push(a.quoteAdded()); break;
      case 'anonymous': paragraphs.push(a.anonymous()); break;
      case 'told': paragraphs.push(a.told()); break;
      case 'dated': paragraphs.push(a.datedParagraph()); break;
      default: paragraphs.push(a.fillerParagraph());
    }
  }
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const hex = Math.floor(rng.next() * 0xffffffff).toString(16).padStart(8, '0');
  const text = [
    '---',
    `title: "${title}"`,
    `published: "${iso(published)}"`,
    `source: "${a.outlet.name}"`,
    `url: "https://www.${a.outlet.domain}/${published.year}/${String(published.month).padStart(2, '0')}/${slug}-${index}"`,
    '---',
    paragraphs.join('\n\n'),
    '',
  ].join('\n');
  return { file: `${String(index).padStart(6, '0')}_${hex}.txt`, text };
}

export interface GeneratedCorpus {
  dir: string;
  articles: number;
  bytes: number;
  seconds: number;
  people: number;
  organisations: number;
  places: number;
  vocabulary: number;
  world: World;
}

/**
 * Writes articles 0..n-1 of the seed's corpus into `dir` (created if missing). `onProgress` is called now
 * and then with the number written. The files are dated an hour back, as an archive's files are older
 * than the bot that reads them: a file modified within seconds of a build is hashed again at the next
 * start (see RACY_MS in src/kb/cache.ts), which a benchmark of the usual warm start should not measure.
 */
export function generateCorpus(dir: string, n: number, seed = 1, onProgress?: (written: number, total: number) => void): GeneratedCorpus {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const world = createWorld(seed, n);
  const hourAgo = new Date(Date.now() - 3_600_000);
  let bytes = 0;
  const step = Math.max(1, Math.floor(n / 100));
  for (let i = 0; i < n; i++) {
    const { file, text } = generateArticle(world, i);
    writeFileSync(join(dir, file), text);
    utimesSync(join(dir, file), hourAgo, hourAgo);
    bytes += Buffer.byteLength(text);
    if (onProgress && (i + 1) % step === 0) onProgress(i + 1, n);
  }
  onProgress?.(n, n);
  return {
    dir, articles: n, bytes, seconds: (performance.now() - started) / 1000,
    people: world.people.length, organisations: world.organisations.length, places: world.places.length, vocabulary: world.vocabularySize, world,
  };
}

/** Writes one more article (index `index`, normally n) into `dir`; returns its file name and size. */
export function writeExtraArticle(dir: string, world: World, index: number): { file: string; bytes: number } {
  const { file, text } = generateArticle(world, index);
  writeFileSync(join(dir, file), text);
  return { file, bytes: Buffer.byteLength(text) };
}

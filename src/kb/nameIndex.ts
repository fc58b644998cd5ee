/**
 * Finds entities by name the way people type them: "gamliel", "Gila Gamliel", "Gamlial", "ra'isi",
 * "Netanyahoo", "IRGC", "intelligence minister". Exact names and aliases come first, then names that
 * contain every typed word, then roles that do, then names with a word that starts with what was typed,
 * then fuzzy matches. Also answers autocomplete.
 *
 * Built to stay in milliseconds with tens of thousands of names: exact keys and words are map lookups,
 * prefixes are binary searches in a sorted word list, and fuzzy matching scores only the hundred or so
 * names that share the most letter trigrams with the query (over every name it would grow with the corpus).
 */
import { nameKey } from '../text/nameKey.ts';
import { partitionPoint } from './partitionPoint.ts';
import { typosWithin } from '../text/similarity.ts';
import type { EntityRecord } from './records.ts';

export interface NameMatch {
  entity: EntityRecord;
  /** 0 (exact) .. 1 (barely similar). */
  score: number;
  /** The name or alias that matched. */
  matched: string;
  how: 'exact' | 'words' | 'role' | 'prefix' | 'fuzzy';
}

interface NameEntry {
  key: string;
  name: string;
  entity: EntityRecord;
}

const TITLES = /^(mr|mrs|ms|dr|prof|sen|senator|rep|gov|gen|general|president|prime minister|minister|ayatollah|rabbi|sheikh|mullah|the)\s+/;
/** Autocomplete prefixes this short have their answers kept (see complete). */
const SHORT_PREFIX = 2;
/** Fuzzy candidates kept after the trigram filter. */
const FUZZY_CANDIDATES = 120;

function trigrams(word: string): string[] {
  const padded = `  ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

export class NameIndex {
  private readonly entries: NameEntry[] = [];
  private readonly byKey = new Map<string, NameEntry[]>();
  private readonly byWord = new Map<string, Set<EntityRecord>>();
  /** Every distinct name word, sorted, for prefix searches. */
  private words: string[] = [];
  /** Words of role descriptions ("intelligence", "minister"), for "who Intelligence Minister". */
  private readonly byRoleWord = new Map<string, Set<EntityRecord>>();
  /** Letter trigram → entries, for fuzzy candidates: built at the first fuzzy lookup (or warmUp), not at start. */
  private readonly byTrigram = new Map<string, Set<number>>();
  /** Entries indexed by trigram so far. */
  private trigramsIndexed = 0;
  /** Entities by mentions, most first, for an empty autocomplete. */
  private popular: EntityRecord[] = [];
  /** Autocomplete answers for prefixes of SHORT_PREFIX letters or fewer, kept until names are added. */
  private readonly shortPrefixes = new Map<string, EntityRecord[]>();

  constructor(entities: readonly EntityRecord[]) {
    this.add(entities);
  }

  /** Adds entities (a new article's); the sorted structures are rebuilt once per call. */
  add(entities: readonly EntityRecord[]): void {
    for (const entity of entities) {
      for (const name of new Set([entity.name, ...entity.aliases])) {
        const key = nameKey(name);
        if (!key) continue;
        const entry = { key, name, entity };
        this.entries.push(entry);
        const list = this.byKey.get(key);
        if (list) list.push(entry);
        else this.byKey.set(key, [entry]);
        for (const word of key.split(' ')) addTo(this.byWord, word, entity);
      }
      for (const role of entity.roles) {
        // Word by word, so that a possessive is its word: "Iran’s President" has "iran" and "president".
        for (const word of role.split(/\s+/).flatMap((w) => nameKey(w).split(' '))) if (word.length >= 3) addTo(this.byRoleWord, word, entity);
      }
    }
    this.words = [...this.byWord.keys()].sort();
    this.shortPrefixes.clear();
    const all = new Map<string, EntityRecord>();
    for (const e of this.entries) all.set(e.entity.id, e.entity);
    this.popular = [...all.values()].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 100);
  }

  /** Indexes the trigrams of the entries not indexed yet, and answers the one-letter autocompletes. */
  warmUp(): void {
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') this.complete(letter);
    this.indexTrigrams();
  }

  private indexTrigrams(): void {
    for (; this.trigramsIndexed < this.entries.length; this.trigramsIndexed++) {
      for (const t of new Set(trigrams(this.entries[this.trigramsIndexed]!.key))) addTo(this.byTrigram, t, this.trigramsIndexed);
    }
  }

  /** Entities with a name word starting with `prefix`, from the sorted word list. */
  private withWordPrefix(prefix: string, limit = Infinity): EntityRecord[] {
    const lo = partitionPoint(0, this.words.length, (i) => this.words[i]! < prefix);
    const out = new Set<EntityRecord>();
    for (let i = lo; i < this.words.length && this.words[i]!.startsWith(prefix) && out.size < limit; i++) {
      for (const e of this.byWord.get(this.words[i]!) ?? []) out.add(e);
    }
    return [...out];
  }

  /** Scratch counts for fuzzyCandidates, one per entry (reused: no allocation proportional to the names). */
  private trigramCounts = new Uint8Array(0);

  /** Entries sharing the most letter trigrams with the key (ties in entry order). */
  private fuzzyCandidates(key: string): NameEntry[] {
    this.indexTrigrams();
    if (this.trigramCounts.length < this.entries.length) this.trigramCounts = new Uint8Array(this.entries.length + 1024);
    const counts = this.trigramCounts;
    const touched: number[] = [];
    let most = 0;
    for (const t of new Set(trigrams(key))) {
      const hits = this.byTrigram.get(t);
      // A trigram in a third of all names says little and costs much.
      if (!hits || hits.size > Math.max(400, this.entries.length / 20)) continue;
      for (const i of hits) {
        if (counts[i] === 0) touched.push(i);
        if (counts[i]! < 255) counts[i]!++;
        if (counts[i]! > most) most = counts[i]!;
      }
    }
    // The candidates with the most shared trigrams, bucketed by count instead of sorted.
    const buckets: number[][] = Array.from({ length: most + 1 }, () => []);
    for (const i of touched) buckets[counts[i]!]!.push(i);
    for (const i of touched) counts[i] = 0;
    const out: NameEntry[] = [];
    for (let c = most; c >= 1 && out.length < FUZZY_CANDIDATES; c--) {
      for (const i of buckets[c]!.sort((a, b) => a - b)) {
        if (out.length >= FUZZY_CANDIDATES) break;
        out.push(this.entries[i]!);
      }
    }
    return out;
  }

  /**
   * The trigram candidates within `threshold` typing slips per letter of the key, closest first (then the
   * name nearest the key's length, then the most shared trigrams). The score is fuse.js's Bitap score with
   * ignoreLocation, slips over the key's length, computed by `typosWithin`: fuse.js built an index and
   * bit masks over the hundred candidates on every lookup, which was most of a misspelt lookup's time.
   */
  private fuzzy(key: string, threshold: number, limit: number): Array<{ entry: NameEntry; score: number }> {
    const scored: Array<{ entry: NameEntry; score: number; order: number }> = [];
    this.fuzzyCandidates(key).forEach((entry, order) => {
      const score = typosWithin(key, entry.key, Math.floor(threshold * key.length)) / key.length;
      if (score <= threshold) scored.push({ entry, score, order });
    });
    const gap = (e: NameEntry): number => Math.abs(e.key.length - key.length);
    return scored
      .sort((a, b) => a.score - b.score || gap(a.entry) - gap(b.entry) || a.order - b.order)
      .slice(0, limit)
      .map(({ entry, score }) => ({ entry, score }));
  }

  /** Entities with exactly this name key. */
  exactly(key: string): EntityRecord[] {
    return [...new Set((this.byKey.get(key) ?? []).map((e) => e.entity))];
  }

  /** Persons whose full name ends in this surname key. */
  withSurname(surname: string): EntityRecord[] {
    return [...(this.byWord.get(surname) ?? [])].filter((e) => e.type === 'person' && [e.name, ...e.aliases].some((n) => {
      const words = nameKey(n).split(' ');
      return words.length >= 2 && words[words.length - 1] === surname;
    }));
  }

  /**
   * Candidates for a typed name, best first (more mentions break ties). At most `limit`. `fuzzy: false`
   * stops before the fuzzy step (for callers that would not take a fuzzy match anyway).
   */
  find(query: string, limit = 10, { fuzzy = true }: { fuzzy?: boolean } = {}): NameMatch[] {
    let key = nameKey(query);
    // A title before a name is dropped ("President Raisi"); a person's title, unlike "the", says a person is
    // meant, and `titled` keeps the words from it on, in case they are a role instead ("president of iran").
    let titled: string | null = null;
    while (TITLES.test(key) && key.replace(TITLES, '') !== '') {
      if (titled === null && !key.startsWith('the ')) titled = key;
      key = key.replace(TITLES, '');
    }
    if (!key) return [];
    const found = new Map<string, NameMatch>();
    const add = (entity: EntityRecord, score: number, matched: string, how: NameMatch['how']): void => {
      const old = found.get(entity.id);
      if (!old || old.score > score) found.set(entity.id, { entity, score, matched, how });
    };
    for (const entry of this.byKey.get(key) ?? []) add(entry.entity, 0, entry.name, 'exact');
    const words = key.split(' ');
    const allOf = (index: Map<string, Set<EntityRecord>>, ws: string[]): EntityRecord[] => {
      const sets = ws.map((w) => index.get(w));
      if (ws.length === 0 || sets.some((s) => s === undefined)) return [];
      const [first, ...rest] = (sets as Array<Set<EntityRecord>>).sort((a, b) => a.size - b.size);
      return [...first!].filter((e) => rest.every((s) => s.has(e)));
    };
    if (found.size === 0) for (const entity of allOf(this.byWord, words)) add(entity, 0.05, entity.name, 'words');
    /** Entities whose role has every one of the words of three letters or more. */
    const withRole = (ws: string[]): EntityRecord[] => allOf(this.byRoleWord, ws.filter((w) => w.length >= 3));
    const addRoles = (entities: EntityRecord[]): void => {
      for (const entity of entities) add(entity, 0.15, entity.description ?? entity.name, 'role');
    };
    // No name has these words: a role that does ("who Intelligence Minister", "who prime minister").
    if (found.size === 0) addRoles(withRole(words));
    if (found.size === 0 && key.length >= 2 && words.length === 1) for (const entity of this.withWordPrefix(key, 200)) add(entity, 0.1, entity.name, 'prefix');
    if (found.size === 0 && fuzzy) for (const { entry, score } of this.fuzzy(key, 0.4, limit * 3)) add(entry.entity, 0.2 + score * 0.8, entry.name, 'fuzzy');
    // What was left after the title named no person ("president of iran" left "of iran"): the words with
    // the title are a role, if some role has them all.
    if (titled !== null && ![...found.values()].some((m) => m.entity.type === 'person')) {
      const roles = withRole(titled.split(' '));
      if (roles.length > 0) {
        found.clear();
        addRoles(roles);
      }
    }
    return [...found.values()]
      .sort((a, b) => a.score - b.score || b.entity.mentions.length - a.entity.mentions.length || a.entity.name.localeCompare(b.entity.name))
      .slice(0, limit);
  }

  /** Looser fuzzy matches for "did you mean": anything remotely close. */
  suggest(query: string, limit = 5): EntityRecord[] {
    const key = nameKey(query);
    if (!key) return [];
    const out = new Map<string, EntityRecord>();
    for (const { entry } of this.fuzzy(key, 0.6, limit * 4)) {
      out.set(entry.entity.id, entry.entity);
      if (out.size >= limit) break;
    }
    return [...out.values()];
  }

  /** Names for an autocomplete box: names with a word starting with what was typed, most mentioned first, then fuzzy ones. */
  complete(prefix: string, limit = 25): EntityRecord[] {
    const key = nameKey(prefix);
    if (!key) return this.popular.slice(0, limit);
    const words = key.split(' ');
    const last = words[words.length - 1]!;
    // One or two letters start thousands of names: their answer is kept until names are added.
    if (words.length === 1 && key.length <= SHORT_PREFIX && limit <= 25) {
      let ranked = this.shortPrefixes.get(key);
      if (!ranked) {
        if (this.shortPrefixes.size >= 10_000) this.shortPrefixes.clear();
        this.shortPrefixes.set(key, (ranked = this.withWordPrefix(key).sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 25)));
      }
      return ranked.slice(0, limit);
    }
    // Earlier words must be whole words of the name; the last may be cut short.
    const earlier = words.slice(0, -1).map((w) => this.byWord.get(w));
    let hits = this.withWordPrefix(last);
    if (earlier.length) hits = earlier.some((s) => !s) ? [] : hits.filter((e) => earlier.every((s) => s!.has(e)));
    const ranked = hits.sort((a, b) => b.mentions.length - a.mentions.length).slice(0, limit);
    if (ranked.length < limit && key.length >= 3) {
      const seen = new Set(ranked.map((e) => e.id));
      for (const { entry } of this.fuzzy(key, 0.4, limit * 2)) {
        if (seen.has(entry.entity.id)) continue;
        seen.add(entry.entity.id);
        ranked.push(entry.entity);
        if (ranked.length >= limit) break;
      }
    }
    return ranked;
  }
}

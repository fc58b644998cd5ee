/**
 * Finds entities by name the way people type them: "gamliel", "Gila Gamliel", "Gamlial", "ra'isi",
 * "Netanyahoo", "IRGC". Exact names and aliases come first, then names that contain every typed word,
 * then fuzzy matches (fuse.js over the name keys: the set is small, which is what fuse.js is good at).
 * Also answers autocomplete from the same keys.
 */
import Fuse from 'fuse.js';
import { nameKey } from '../text/nameKey.ts';
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

export class NameIndex {
  private readonly entries: NameEntry[] = [];
  private readonly byKey = new Map<string, NameEntry[]>();
  private readonly byWord = new Map<string, Set<EntityRecord>>();
  /** Words of role descriptions ("intelligence", "minister"), for "who Intelligence Minister". */
  private readonly byRoleWord = new Map<string, Set<EntityRecord>>();
  private readonly fuse: Fuse<NameEntry>;

  constructor(entities: readonly EntityRecord[]) {
    for (const entity of entities) {
      for (const name of new Set([entity.name, ...entity.aliases])) {
        const key = nameKey(name);
        if (!key) continue;
        const entry = { key, name, entity };
        this.entries.push(entry);
        const list = this.byKey.get(key) ?? [];
        list.push(entry);
        this.byKey.set(key, list);
        for (const word of key.split(' ')) {
          const set = this.byWord.get(word) ?? new Set();
          set.add(entity);
          this.byWord.set(word, set);
        }
      }
    }
    for (const entity of entities) {
      for (const role of entity.roles) {
        for (const word of nameKey(role).split(' ')) {
          if (word.length < 3) continue;
          const set = this.byRoleWord.get(word) ?? new Set();
          set.add(entity);
          this.byRoleWord.set(word, set);
        }
      }
    }
    this.fuse = new Fuse(this.entries, { keys: ['key'], includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 });
  }

  /** Candidates for a typed name, best first (more mentions break ties). At most `limit`. */
  find(query: string, limit = 10): NameMatch[] {
    let key = nameKey(query);
    while (TITLES.test(key) && key.replace(TITLES, '') !== '') key = key.replace(TITLES, '');
    if (!key) return [];
    const found = new Map<string, NameMatch>();
    const add = (entity: EntityRecord, score: number, matched: string, how: NameMatch['how']): void => {
      const old = found.get(entity.id);
      if (!old || old.score > score) found.set(entity.id, { entity, score, matched, how });
    };
    for (const entry of this.byKey.get(key) ?? []) add(entry.entity, 0, entry.name, 'exact');
    if (found.size === 0) {
      const words = key.split(' ');
      const sets = words.map((w) => this.byWord.get(w));
      if (sets.every((s) => s !== undefined)) {
        const [first, ...rest] = sets as Array<Set<EntityRecord>>;
        for (const entity of first!) if (rest.every((s) => s.has(entity))) add(entity, 0.05, entity.name, 'words');
      }
    }
    if (found.size === 0) {
      // No name has these words: a role that does ("who Intelligence Minister", "who prime minister").
      const words = key.split(' ').filter((w) => w.length >= 3);
      const sets = words.map((w) => this.byRoleWord.get(w));
      if (words.length > 0 && sets.every((s) => s !== undefined)) {
        const [first, ...rest] = sets as Array<Set<EntityRecord>>;
        for (const entity of first!) if (rest.every((s) => s.has(entity))) add(entity, 0.15, entity.description ?? entity.name, 'role');
      }
    }
    if (found.size === 0 && key.length >= 2) {
      for (const entry of this.entries) {
        if (entry.key.startsWith(key) || entry.key.split(' ').some((w) => w.startsWith(key))) add(entry.entity, 0.1, entry.name, 'prefix');
      }
    }
    if (found.size === 0) {
      for (const r of this.fuse.search(key, { limit: limit * 3 })) add(r.item.entity, 0.2 + (r.score ?? 1) * 0.8, r.item.name, 'fuzzy');
    }
    return [...found.values()]
      .sort((a, b) => a.score - b.score || b.entity.mentions.length - a.entity.mentions.length || a.entity.name.localeCompare(b.entity.name))
      .slice(0, limit);
  }

  /** Looser fuzzy matches for "did you mean": anything remotely close. */
  suggest(query: string, limit = 5): EntityRecord[] {
    const key = nameKey(query);
    if (!key) return [];
    const loose = new Fuse(this.entries, { keys: ['key'], includeScore: true, threshold: 0.6, ignoreLocation: true });
    const seen = new Set<string>();
    const out: EntityRecord[] = [];
    for (const r of loose.search(key, { limit: limit * 4 })) {
      if (seen.has(r.item.entity.id)) continue;
      seen.add(r.item.entity.id);
      out.push(r.item.entity);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Names for an autocomplete box: prefix matches on any word first, then fuzzy ones. */
  complete(prefix: string, limit = 25): EntityRecord[] {
    const key = nameKey(prefix);
    const all = [...new Map(this.entries.map((e) => [e.entity.id, e.entity])).values()];
    if (!key) return all.sort((a, b) => b.mentions.length - a.mentions.length).slice(0, limit);
    const prefixHits = new Map<string, EntityRecord>();
    for (const entry of this.entries) {
      if (entry.key.startsWith(key) || entry.key.split(' ').some((w) => w.startsWith(key))) prefixHits.set(entry.entity.id, entry.entity);
    }
    const ranked = [...prefixHits.values()].sort((a, b) => b.mentions.length - a.mentions.length);
    if (ranked.length < limit) {
      for (const r of this.fuse.search(key, { limit: limit * 2 })) {
        if (!prefixHits.has(r.item.entity.id)) {
          prefixHits.set(r.item.entity.id, r.item.entity);
          ranked.push(r.item.entity);
        }
      }
    }
    return ranked.slice(0, limit);
  }
}

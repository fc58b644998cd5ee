/**
 * One entity per real-world referent across the corpus. Each article's local entities are joined when they
 * share a full name or an acronym (after spelling is normalised: "Ebrahim Ra'isi"/"Ebrahim Raisi"), when a
 * person's names are spelling variants ("Jans Jansa"/"Jans Jansha"), when a lone surname in one article has
 * exactly one full-name match elsewhere, and when one organisation's name is another's plus only generic
 * words ("Revolutionary Guards" ⊂ "Islamic Revolutionary Guard Corps"). Generic names ("Foreign Ministry")
 * are joined only inside one article: two articles' foreign ministries are usually two countries'.
 */
import type { ArticleText } from '../corpus/article.ts';
import type { ArticleAnalysis, EntityType, LocalEntity } from '../extract/analysis.ts';
import { isDemonym } from '../extract/demonyms.ts';
import { nameKey } from '../text/nameKey.ts';
import { isSpellingVariant } from '../text/similarity.ts';
import type { EntityRecord } from './records.ts';
import { slug } from './entityId.ts';

export interface MergedEntities {
  entities: EntityRecord[];
  /** Maps `${articleId}:${localId}` to the merged entity's id. */
  globalId: Map<string, string>;
}

interface Node {
  article: string;
  local: LocalEntity;
  keys: string[];
}

/** Words that say what kind of body something is, not which one: a name made only of these is generic. */
const GENERIC = new Set([
  'foreign', 'ministry', 'minister', 'office', 'council', 'government', 'party', 'army', 'police', 'parliament', 'cabinet',
  'court', 'supreme', 'senate', 'congress', 'house', 'department', 'agency', 'committee', 'commission', 'interior',
  'defense', 'defence', 'security', 'intelligence', 'national', 'state', 'federal', 'central', 'bank', 'embassy', 'military',
  'navy', 'air', 'force', 'forces', 'administration', 'authority', 'the', 'of', 'for', 'and', 'public', 'affairs', 'finance',
  'justice', 'health', 'education', 'prime', 'presidency', 'president', 'regime', 'opposition', 'coalition', 'union',
]);
/** Words an organisation's name may add without becoming another body ("Islamic Jihad" + "Movement"). */
const NAME_FLUFF = new Set(['corps', 'corp', 'movement', 'organization', 'organisation', 'group', 'front', 'network', 'the', 'of', 'party']);

function isGeneric(key: string): boolean {
  return key.split(' ').every((w) => GENERIC.has(w));
}

function singular(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let x = i;
    while (this.parent[x] !== r) {
      const next = this.parent[x] ?? r;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function compatible(a: EntityType, b: EntityType): boolean {
  return a === b || a === 'other' || b === 'other';
}

/** Ranks role phrases: a description in the article's words beats a bare title ("Sen.", "Mr."). */
function roleRank(role: string): number {
  const words = role.split(/\s+/).length;
  if (/^(a|an|the)\s/i.test(role) || /\bof\b/.test(role)) return 3 + Math.min(words, 12) / 100;
  if (words >= 2) return 2 + words / 100;
  return /\.$/.test(role) ? 0 : 1;
}

export function mergeEntities(corpus: { articles: readonly ArticleText[] }, analyses: readonly ArticleAnalysis[]): MergedEntities {
  const nodes: Node[] = [];
  for (const a of analyses) {
    for (const e of a.entities) {
      const keys = [e.name, ...e.aliases].map(nameKey).filter((k) => k.length > 0);
      nodes.push({ article: a.articleId, local: e, keys });
    }
  }
  const uf = new UnionFind(nodes.length);
  const isStrong = (n: Node, key: string): boolean => {
    const words = key.split(' ');
    if (words.length >= 2) return true;
    // One word is strong for organisations and places ("Hamas", "IRGC", "Iran"), never for a person's surname.
    return n.local.type !== 'person' && n.local.type !== 'other' || /^[A-Z]{2,}$/.test(n.local.name);
  };

  // 1. Shared strong keys.
  const byKey = new Map<string, number[]>();
  const push = <K>(map: Map<K, number[]>, key: K, i: number): void => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  nodes.forEach((n, i) => {
    for (const k of new Set(n.keys)) if (isStrong(n, k)) push(byKey, k, i);
  });
  for (const [key, ids] of byKey) {
    for (let x = 1; x < ids.length; x++) {
      const a = nodes[ids[0] ?? 0];
      const b = nodes[ids[x] ?? 0];
      if (!a || !b || !compatible(a.local.type, b.local.type)) continue;
      if (isGeneric(key) && a.article !== b.article) continue;
      uf.union(ids[0] ?? 0, ids[x] ?? 0);
    }
  }

  // 2. Person spelling variants and middle names: same first name, same or variant surname. Compared only
  // within a first name, and between distinct surnames, so the work grows with the corpus, not its square.
  const persons = nodes.map((n, i) => ({ n, i, words: nameKey(n.local.name).split(' ') })).filter(({ n, words }) => n.local.type === 'person' && words.length >= 2);
  const byFirstName = new Map<string, Map<string, number[]>>();
  for (const { i, words } of persons) {
    const surnames = byFirstName.get(words[0]!) ?? new Map<string, number[]>();
    byFirstName.set(words[0]!, surnames);
    push(surnames, words[words.length - 1]!, i);
  }
  for (const surnames of byFirstName.values()) {
    const list = [...surnames.entries()];
    for (const [, ids] of list) for (let x = 1; x < ids.length; x++) uf.union(ids[0]!, ids[x]!);
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [a, ia] = list[x]!;
        const [b, ib] = list[y]!;
        if (a[0] === b[0] && Math.abs(a.length - b.length) <= 2 && isSpellingVariant(a, b)) uf.union(ia[0]!, ib[0]!);
      }
    }
  }

  // 3. Organisation names that differ only by generic words.
  const orgs = nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.local.type === 'organization' || n.local.type === 'other');
  // Each distinct name once: the nodes that share it were joined in step 1, and comparing every mention of a
  // common name with every other would grow with the square of the corpus.
  const seenNames = new Set<string>();
  const orgNames = orgs.flatMap(({ n, i }) => n.keys.filter((k) => k.split(' ').length >= 2 && !isGeneric(k) && !seenNames.has(k) && seenNames.add(k)).map((k) => ({ i, words: k.split(' ').map(singular) })));
  // Candidates for a name are the longer names that contain its rarest word.
  const byWord = new Map<string, number[]>();
  orgNames.forEach((o, x) => {
    for (const w of new Set(o.words)) push(byWord, w, x);
  });
  for (const a of orgNames) {
    const rarest = a.words.reduce((best, w) => ((byWord.get(w)?.length ?? 0) < (byWord.get(best)?.length ?? 0) ? w : best), a.words[0]!);
    for (const x of byWord.get(rarest) ?? []) {
      const b = orgNames[x]!;
      if (a.i === b.i || a.words.length >= b.words.length) continue;
      const extra = b.words.filter((w) => !a.words.includes(w));
      if (a.words.every((w) => b.words.includes(w)) && extra.every((w) => NAME_FLUFF.has(w) || isDemonym(w))) uf.union(a.i, b.i);
    }
  }

  // 4. A lone surname (an article that never gives the full name) joins the one full name elsewhere that ends in it.
  const bySurname = new Map<string, number[]>();
  for (const { i, words } of persons) push(bySurname, words[words.length - 1]!, i);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n || n.keys.some((k) => k.split(' ').length >= 2)) continue;
    if (n.local.type !== 'person' && n.local.type !== 'other') continue;
    const roots = new Set((bySurname.get(nameKey(n.local.name)) ?? []).map((j) => uf.find(j)));
    if (roots.size === 1) uf.union(i, [...roots][0] ?? i);
  }

  // Build the records.
  const groups = new Map<number, number[]>();
  nodes.forEach((_, i) => push(groups, uf.find(i), i));
  const articleById = new Map(corpus.articles.map((a) => [a.id, a]));
  const entities: EntityRecord[] = [];
  const globalId = new Map<string, string>();
  const usedIds = new Set<string>();
  for (const ids of groups.values()) {
    const members = ids.map((i) => nodes[i]).filter((n): n is Node => n !== undefined);
    const spellingCounts = new Map<string, number>();
    const typeCounts = new Map<EntityType, number>();
    const mentions: EntityRecord['mentions'] = [];
    const articles = new Set<string>();
    const roles: string[] = [];
    for (const m of members) {
      const article = articleById.get(m.article);
      typeCounts.set(m.local.type, (typeCounts.get(m.local.type) ?? 0) + m.local.mentions.length);
      articles.add(m.article);
      roles.push(...m.local.roles);
      for (const span of m.local.mentions) {
        mentions.push({ article: m.article, paragraph: span.paragraph });
        const text = article?.paragraphs[span.paragraph - 1]?.text.slice(span.start, span.end);
        if (text) spellingCounts.set(text, (spellingCounts.get(text) ?? 0) + 1);
      }
      for (const n of [m.local.name, ...m.local.aliases]) if (!spellingCounts.has(n)) spellingCounts.set(n, 0);
    }
    const spellings = [...spellingCounts.entries()];
    const fullNames = spellings.filter(([s]) => s.split(/\s+/).length >= 2 && !/^[A-Z.]+$/.test(s));
    const pool = fullNames.length > 0 ? fullNames : spellings;
    pool.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
    const localNames = members.map((m) => m.local.name);
    // A local entity's name can be an expansion that never appears verbatim ("United States" for "US"): keep it when no full name was seen.
    const name = fullNames.length > 0 ? pool[0]?.[0] ?? localNames[0] ?? '' : localNames.sort((a, b) => b.length - a.length)[0] ?? '';
    const types = [...typeCounts.entries()].filter(([t]) => t !== 'other').sort((a, b) => b[1] - a[1]);
    const type: EntityType = types[0]?.[0] ?? 'other';
    const aliasSet = new Map<string, string>();
    // Case variants of one spelling ("revolutionary guards"/"Revolutionary Guards") are one alias: keep the capitalised.
    for (const [s] of [...spellings].sort((a, b) => (/^\p{Lu}/u.test(a[0]) ? 0 : 1) - (/^\p{Lu}/u.test(b[0]) ? 0 : 1))) {
      const k = s.toLowerCase();
      if (s !== name && k !== name.toLowerCase() && !aliasSet.has(k)) aliasSet.set(k, s);
    }
    const uniqueRoles: string[] = [];
    const seenRoles = new Set<string>();
    for (const r of roles) {
      const k = nameKey(r);
      if (!seenRoles.has(k)) {
        seenRoles.add(k);
        uniqueRoles.push(r);
      }
    }
    uniqueRoles.sort((a, b) => roleRank(b) - roleRank(a));
    let id = slug(name);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(name)}-${n}`;
    usedIds.add(id);
    mentions.sort((a, b) => a.article.localeCompare(b.article) || a.paragraph - b.paragraph);
    entities.push({
      id, name, type, aliases: [...aliasSet.values()], description: uniqueRoles[0] ?? null, roles: uniqueRoles,
      articles: [...articles].sort(), mentions,
    });
    for (const m of members) globalId.set(`${m.article}:${m.local.localId}`, id);
  }
  entities.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  return { entities, globalId };
}

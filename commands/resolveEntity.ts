/**
 * From a typed name to one entity, or to a choice, or to did-you-mean suggestions: the shared first step
 * of `who`, `quote` and `timeline NAME`.
 */
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import type { NameMatch } from '../src/kb/nameIndex.ts';
import type { EntityRecord } from '../src/kb/records.ts';
import type { Reply } from '../src/reply/reply.ts';

export type Resolved =
  | { kind: 'one'; entity: EntityRecord; match: NameMatch }
  | { kind: 'choice'; candidates: EntityRecord[] }
  | { kind: 'none'; suggestions: EntityRecord[] };

/** How much better the best fuzzy match must score than the next to be taken without asking. */
const CLEAR_LEAD = 0.08;

/**
 * `fuzzy: false` takes only exact, word, role and prefix matches and makes no suggestions: for trying
 * several readings of what was typed (quote's name-then-topic split) before the fuzzy one.
 */
export function resolveEntity(kb: KnowledgeBase, query: string, { fuzzy = true }: { fuzzy?: boolean } = {}): Resolved {
  const byId = kb.entity(query.trim());
  if (byId) return { kind: 'one', entity: byId, match: { entity: byId, score: 0, matched: byId.name, how: 'exact' } };
  const matches = kb.names.find(query, 10, { fuzzy });
  const best = matches[0];
  if (!best) return { kind: 'none', suggestions: fuzzy ? kb.names.suggest(query, 5) : [] };
  const close = matches.filter((m) => m.score - best.score < (best.how === 'fuzzy' ? CLEAR_LEAD : 0.001));
  if (close.length === 1) return { kind: 'one', entity: best.entity, match: best };
  // Several equally good: one that is mentioned far more often is what people mean ("Iran" the country).
  const [first, second] = close.map((m) => m.entity.mentions.length).sort((a, b) => b - a);
  if (first !== undefined && second !== undefined && first >= 4 * second && best.how !== 'fuzzy' && best.how !== 'role') {
    const top = close.find((m) => m.entity.mentions.length === first)!;
    return { kind: 'one', entity: top.entity, match: top };
  }
  return { kind: 'choice', candidates: close.map((m) => m.entity).slice(0, 10) };
}

/** The name to type to get exactly this entity (its id when another entity shares its name). */
export function pickName(kb: KnowledgeBase, entity: EntityRecord): string {
  return kb.sharesName(entity) ? entity.id : entity.name;
}

/** Several entities match: their names to pick from; `rest` is what else was asked (" about Iran"), kept for the pick. */
export function choiceReply(kb: KnowledgeBase, command: string, query: string, candidates: EntityRecord[], rest = ''): Reply {
  const names = candidates.map((c) => pickName(kb, c));
  return {
    kind: 'choice',
    title: `Several matches for "${query}"`,
    summary: candidates.map((c) => `${c.name}${c.description ? ` (${c.description})` : ''}`).join('; '),
    sections: [],
    suggestions: names,
    ...(rest ? { picks: names.map((n) => `${n}${rest}`) } : {}),
    footer: `Ask again with the full name, e.g. "${command} ${names[0]!}${rest}".`,
  };
}

export function notFoundReply(kb: KnowledgeBase, query: string, suggestions: EntityRecord[], what = 'person, organisation or place'): Reply {
  return {
    kind: 'not-found',
    title: `No ${what} called "${query}" in the articles`,
    summary: suggestions.length ? undefined : 'Try another spelling, or search the text with "search".',
    sections: [],
    suggestions: suggestions.map((s) => pickName(kb, s)),
  };
}

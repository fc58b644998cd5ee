/**
 * One new article into a loaded knowledge base, without a rebuild: its local entities join the entities
 * they share a full name, an acronym or (for a lone surname) a unique surname with, else become new ones;
 * its quotations, events and paragraphs are added to the indexes. Used by the corpus watcher, so a running
 * bot answers about an article moments after it lands in the folder. The next cold build re-merges the
 * whole corpus with every rule of mergeEntities (spelling variants, organisation names that differ by
 * generic words), which this quick path does not try.
 */
import type { ArticleText } from '../corpus/article.ts';
import type { ArticleAnalysis, LocalEntity } from '../extract/analysis.ts';
import { nameKey } from '../text/nameKey.ts';
import type { KnowledgeBase } from './knowledgeBase.ts';
import { slug } from './entityId.ts';
import type { EntityRecord, EventRecord, PassageRecord, QuoteRecord } from './records.ts';

/** The existing entity a local one is, by a shared full name or acronym, or a lone surname with one full-name match. */
function findExisting(kb: KnowledgeBase, local: LocalEntity): EntityRecord | undefined {
  const keys = [local.name, ...local.aliases].map(nameKey).filter((k) => k !== '');
  for (const key of keys) {
    const single = !key.includes(' ');
    const strong = !single || local.type === 'organization' || local.type === 'place' || /^[A-Z]{2,}$/.test(local.name);
    if (!strong) continue;
    const hits = kb.names.exactly(key).filter((e) => e.type === local.type || e.type === 'other' || local.type === 'other');
    if (hits.length >= 1) return hits.sort((a, b) => b.mentions.length - a.mentions.length)[0];
  }
  if (local.type === 'person' && !nameKey(local.name).includes(' ')) {
    const bySurname = kb.names.withSurname(nameKey(local.name)).filter((e) => e.type === 'person');
    if (bySurname.length === 1) return bySurname[0];
  }
  return undefined;
}

export interface NewRecords {
  entities: EntityRecord[];
  updated: EntityRecord[];
  quotes: QuoteRecord[];
  events: EventRecord[];
  passages: PassageRecord[];
}

export function recordsForArticle(kb: KnowledgeBase, article: ArticleText, analysis: ArticleAnalysis): NewRecords {
  const id = article.id;
  const created: EntityRecord[] = [];
  const updated: EntityRecord[] = [];
  const globalId = new Map<string, string>();
  for (const local of analysis.entities) {
    const mentions = local.mentions.map((m) => ({ article: id, paragraph: m.paragraph }));
    const existing = findExisting(kb, local);
    if (existing) {
      existing.mentions.push(...mentions);
      if (!existing.articles.includes(id)) existing.articles.push(id);
      for (const n of [local.name, ...local.aliases]) if (n !== existing.name && !existing.aliases.includes(n)) existing.aliases.push(n);
      for (const r of local.roles) if (!existing.roles.includes(r)) existing.roles.push(r);
      existing.description ??= existing.roles[0] ?? null;
      updated.push(existing);
      globalId.set(local.localId, existing.id);
      continue;
    }
    let entityId = slug(local.name);
    for (let n = 2; kb.entity(entityId) || created.some((e) => e.id === entityId); n++) entityId = `${slug(local.name)}-${n}`;
    const record: EntityRecord = {
      id: entityId, name: local.name, type: local.type, aliases: [...local.aliases], description: local.roles[0] ?? null, roles: [...local.roles],
      articles: [id], mentions,
    };
    created.push(record);
    globalId.set(local.localId, entityId);
  }
  const byParagraph = new Map<number, Set<string>>();
  for (const local of analysis.entities) {
    for (const m of local.mentions) {
      const set = byParagraph.get(m.paragraph) ?? new Set<string>();
      set.add(globalId.get(local.localId)!);
      byParagraph.set(m.paragraph, set);
    }
  }
  return {
    entities: created,
    updated,
    quotes: analysis.quotes.map((q, i) => ({
      id: `${id}#q${i + 1}`, article: id, paragraph: q.span.paragraph, paragraphs: q.paragraphs, text: q.text,
      speaker: q.speaker ? globalId.get(q.speaker) ?? null : null, speakerName: q.speakerName, speakerKind: q.speakerKind, kind: q.kind,
    })),
    events: analysis.events.map((e, i) => ({
      id: `${id}#e${i + 1}`, article: id, paragraph: e.paragraph, date: e.date, end: e.end, precision: e.precision, approximate: e.approximate,
      text: e.text, expression: e.expression, entities: [...(byParagraph.get(e.paragraph) ?? [])],
    })),
    passages: article.paragraphs.map((p) => ({ id: `${id}#p${p.index}`, article: id, paragraph: p.index, text: p.text })),
  };
}

import type { Corpus } from '../corpus/article.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import type { EntityRecord } from './records.ts';

export interface MergedEntities {
  entities: EntityRecord[];
  /** Maps `${articleId}:${localId}` to the merged entity's id. */
  globalId: Map<string, string>;
}

/** Merges each article's local entities into one entity per real-world referent. STUB: exact-name merge. */
export function mergeEntities(_corpus: Corpus, analyses: ArticleAnalysis[]): MergedEntities {
  const byId = new Map<string, EntityRecord>();
  const globalId = new Map<string, string>();
  for (const a of analyses) {
    for (const e of a.entities) {
      const id = e.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      const rec = byId.get(id) ?? { id, name: e.name, type: e.type, aliases: [], description: e.roles[0] ?? null, roles: [], articles: [], mentions: [] };
      rec.aliases.push(...e.aliases.filter((x) => !rec.aliases.includes(x)));
      rec.roles.push(...e.roles);
      if (!rec.articles.includes(a.articleId)) rec.articles.push(a.articleId);
      rec.mentions.push(...e.mentions.map((m) => ({ article: a.articleId, paragraph: m.paragraph })));
      byId.set(id, rec);
      globalId.set(`${a.articleId}:${e.localId}`, id);
    }
  }
  return { entities: [...byId.values()], globalId };
}

/** `who NAME`: who this is, in the articles' own words: role, other names, where mentioned, key sentences, quotes, company. */
import type { Command } from './command.ts';
import { count, entityJson, humanDate, typeLabel } from './format.ts';
import { choiceReply, notFoundReply, pickName, resolveEntity } from './resolveEntity.ts';
import type { ReplySection } from '../src/reply/reply.ts';
import { excerpt } from '../src/reply/excerpt.ts';
import { nameKey } from '../src/text/nameKey.ts';

/** Articles listed under "Mentioned in" (the count covers them all). */
const MAX_ARTICLES = 10;

export const who: Command = {
  name: 'who',
  summary: 'Who a person, organisation or place is, in the articles\' own words.',
  usage: 'who NAME',
  examples: ['who Gila Gamliel', 'who gamliel', 'who IRGC'],
  run(args, { kb }) {
    const query = args.replace(/^(is|was|are|were)\s+/i, '').replace(/\?+$/, '').trim() || args;
    const resolved = resolveEntity(kb, query);
    if (resolved.kind === 'none') {
      return { ok: false, reply: notFoundReply(kb, query, resolved.suggestions), data: { query, entity: null, suggestions: resolved.suggestions.map(entityJson) } };
    }
    if (resolved.kind === 'choice') {
      return { ok: true, reply: choiceReply(kb, 'who', query, resolved.candidates), data: { query, entity: null, candidates: resolved.candidates.map(entityJson) } };
    }
    const { entity, match } = resolved;
    const sections: ReplySection[] = [];
    if (entity.aliases.length) sections.push({ heading: 'Also named', body: entity.aliases.join(', '), items: [] });
    if (entity.roles.length > 1) sections.push({ heading: 'Described as', items: entity.roles.slice(0, 5).map((r) => ({ text: r, verbatim: true })) });

    // The earliest articles with the paragraphs naming the entity (the knowledge base keeps them per entity).
    const articles = kb.earliestMentions(entity, MAX_ARTICLES).map(({ article, paragraphs }): [string, number[]] => [article, paragraphs]);
    sections.push({
      heading: 'Mentioned in',
      body: `${count(entity.mentions.length, 'mention')} in ${count(entity.articles.length, 'article')}.${entity.articles.length > MAX_ARTICLES ? ` The ${MAX_ARTICLES} earliest:` : ''}`,
      items: articles.map(([id, paragraphs]) => {
        const a = kb.article(id);
        const when = a?.published ? humanDate(a.published) : 'date unknown';
        return { text: `${a?.title ?? id} (${[a?.source, when].filter(Boolean).join(', ')}): ${count(paragraphs.length, 'mention')}`, citation: kb.citation(id, paragraphs[0]!) };
      }),
    });
    const key = kb.keySentences(entity, 3);
    if (key.length) sections.push({ heading: 'In the articles\' words', items: key.map((s) => ({ text: shorten(s.text, [entity.name, ...entity.aliases]), verbatim: true, citation: kb.citation(s.article, s.paragraph) })) });

    const quotes = kb.quotesBy(entity.id);
    if (quotes.length) sections.push({ heading: 'Quoted', body: `${count(quotes.length, 'quotation')}: type "quote ${pickName(kb, entity)}" to read them.`, items: [] });
    const company = kb.coMentioned(entity, 6);
    if (company.length) sections.push({ heading: 'Often mentioned with', body: company.map((c) => `${c.entity.name} (${c.together})`).join(', '), items: [] });

    const summary = [typeLabel(entity.type), entity.description].filter(Boolean).join(' · ');
    const fuzzyNote = match.how === 'fuzzy' ? `Closest match for "${query}".` : undefined;
    return {
      ok: true,
      reply: { kind: 'answer', title: entity.name, summary, sections, footer: fuzzyNote },
      data: {
        query,
        entity: entityJson(entity),
        matchedBy: match.how,
        mentions: entity.mentions,
        quotes: quotes.length,
        keySentences: key.map((s) => ({ ...s })),
        coMentioned: company.map((c) => ({ id: c.entity.id, name: c.entity.name, together: c.together })),
      },
    };
  },
};

/** A long sentence cut to a window around the first of the names it contains. */
function shorten(sentence: string, names: string[]): string {
  const folded = nameKey(sentence);
  // nameKey drops apostrophes and dots, so positions are found on the display text, case-insensitively.
  const lower = sentence.toLowerCase();
  let at = -1;
  for (const n of names) {
    const i = lower.indexOf(n.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0 && folded === '') return sentence;
  return excerpt(sentence, at >= 0 ? [[at, at + 1]] : [], 300).text;
}

/** `search TEXT`: the best passages for some words, with the matched words marked. */
import type { Command } from './command.ts';
import { count } from './format.ts';
import { PassageIndex, type PassageHit } from '../src/kb/passageIndex.ts';
import type { ReplyItem } from '../src/reply/reply.ts';
import { excerpt } from '../src/reply/excerpt.ts';

export const search: Command = {
  name: 'search',
  summary: 'The passages that best match some words, with the words marked.',
  usage: 'search TEXT',
  examples: ['search nuclear Iran', 'search Abraham Accords', 'search political prisoners'],
  run(args, { kb }) {
    const query = args.replace(/^(for|about)\s+/i, '');
    if (!PassageIndex.searchable(query)) {
      return { ok: false, reply: { kind: 'error', title: 'Nothing to search for', summary: `"${query}" has only very common words. Add a name or a subject.`, sections: [] }, data: { query, passages: [] } };
    }
    const hits: PassageHit[] = kb.passages.find(query, 10);
    if (hits.length === 0) {
      const names = kb.names.suggest(query, 3).map((e) => e.name);
      return { ok: false, reply: { kind: 'not-found', title: `No passage matches "${query}"`, summary: 'Try fewer or other words.', sections: [], suggestions: names }, data: { query, passages: [] } };
    }
    const items: ReplyItem[] = hits.map((h) => {
      const shown = excerpt(h.passage.text, h.marks);
      return { text: shown.text, marks: shown.marks, citation: kb.citation(h.passage.article, h.passage.paragraph) };
    });
    const partial = hits[0]!.matchedAll ? '' : ' No passage has every word; these have some of them.';
    return {
      ok: true,
      reply: { kind: 'answer', title: `Search: ${query}`, summary: `${count(hits.length, 'passage')}, best first.${partial}`, sections: [{ items }] },
      data: {
        query,
        matchedAllWords: hits[0]!.matchedAll,
        passages: hits.map((h) => ({ id: h.passage.id, article: h.passage.article, paragraph: h.passage.paragraph, text: h.passage.text, score: Number(h.score.toFixed(4)), marks: h.marks })),
      },
    };
  },
};

/**
 * `quote NAME [TOPIC]`: what someone said, verbatim, in date order, each with its citation. When NAME is
 * quoted nowhere, the quotations that mention NAME, labelled as such: never someone else's words passed
 * off as NAME's.
 */
import type { Command } from './command.ts';
import { count, cutNote, entityJson, MAX_ITEMS, quoteItem, quoteJson } from './format.ts';
import { choiceReply, notFoundReply, resolveEntity, type Resolved } from './resolveEntity.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import type { EntityRecord, QuoteRecord } from '../src/kb/records.ts';
import { nameKey } from '../src/text/nameKey.ts';
import { typoDistance } from '../src/text/similarity.ts';
import { hasTopic, indexedWord, topicWords } from '../src/text/topicMatch.ts';

const TOPIC_SPLIT = /\s+(?:about|on|regarding|concerning|re:?)\s+/i;

/**
 * The name and the topic: "bennett about iran", or the longest leading words that name an entity ("bennett
 * iran"). Without "about" the split is a guess, so it is taken only when the leading words name the entity
 * as words (not by the first letters of one word: "Taina" for "Tainan" would make "Taina Briem" a place and
 * a topic), and not when the words left are the rest of that entity's name, misspelt or cut short ("Gila
 * Gamlial", "Naftali Benett", "Reza Pahlav" are names, not a name and a topic).
 */
function splitArgs(kb: KnowledgeBase, args: string): { name: string; topic: string; resolved: Resolved } {
  const cut = TOPIC_SPLIT.exec(args);
  if (cut) {
    const name = args.slice(0, cut.index).trim();
    return { name, topic: args.slice(cut.index + cut[0].length).trim(), resolved: resolveEntity(kb, name) };
  }
  // Each reading is tried without fuzzy matching (a fuzzy match does not end the search, and it is the
  // slowest step); only the whole text is matched fuzzily, once, at the end.
  const words = args.split(/\s+/);
  for (let k = words.length; k >= 1; k--) {
    const name = words.slice(0, k).join(' ');
    const resolved = resolveEntity(kb, name, { fuzzy: false });
    if (resolved.kind !== 'one') continue;
    if (k === words.length) return { name, topic: '', resolved };
    if (resolved.match.how === 'prefix') continue;
    const rest = words.slice(k);
    if (rest.every((w) => continuesName(w, resolved.entity))) return { name: args, topic: '', resolved };
    return { name, topic: rest.join(' '), resolved };
  }
  return { name: args, topic: '', resolved: resolveEntity(kb, args) };
}

/** Whether a typed word is a word of the entity's name or an alias, with a typing slip or cut short ("Pahlav"). */
function continuesName(typed: string, entity: EntityRecord): boolean {
  const w = nameKey(typed);
  if (w === '') return false;
  const allowed = w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0;
  return [entity.name, ...entity.aliases].some((n) =>
    nameKey(n)
      .split(' ')
      .some((part) => (w.length >= 3 && part.startsWith(w)) || typoDistance(w, part) <= allowed),
  );
}

/**
 * Quotations that have every topic word, in some form of it (topicMatch.ts: "Iranians" for "Iran",
 * "sanctioned" for "sanctions", but not "warning" for "war"). The search index first narrows a prolific
 * speaker's thousands of quotations to those in paragraphs with a form of each topic word (its
 * vocabulary is checked word by word, not the quotations); each candidate's own words are then checked.
 */
function onTopic(kb: KnowledgeBase, quotes: readonly QuoteRecord[], topic: string): readonly QuoteRecord[] {
  const wanted = topicWords(topic);
  if (wanted.length === 0) return quotes;
  return kb.quotesPossiblyWith(quotes, wanted.map(indexedWord)).filter((q) => hasTopic(q.text, wanted));
}

export const quote: Command = {
  name: 'quote',
  summary: 'What someone said, verbatim, with the article and paragraph (optionally about a topic).',
  usage: 'quote NAME [about TOPIC]',
  examples: ['quote Bennett', 'quote Gamliel about Iran', 'quote IRNA'],
  run(args, { kb }) {
    const { name, topic, resolved } = splitArgs(kb, args.replace(/\?+$/, ''));
    if (resolved.kind === 'none') {
      return { ok: false, reply: notFoundReply(kb, name, resolved.suggestions, 'speaker'), data: { query: name, topic, speaker: null, quotes: [] } };
    }
    if (resolved.kind === 'choice') {
      return { ok: true, reply: choiceReply(kb, 'quote', name, resolved.candidates, topic ? ` about ${topic}` : ''), data: { query: name, topic, speaker: null, candidates: resolved.candidates.map(entityJson), quotes: [] } };
    }
    const entity = resolved.entity;
    const own = kb.quotesBy(entity.id);
    const mentioning = own.length ? [] : kb.quotesMentioning(entity);
    const pool = own.length ? own : mentioning;
    const selected = onTopic(kb, pool, topic);
    const about = topic ? ` about "${topic}"` : '';
    const base = { query: name, topic, speaker: entityJson(entity) };

    if (pool.length === 0) {
      return {
        ok: false,
        reply: { kind: 'not-found', title: `${entity.name} is not quoted in the articles`, summary: `No quotation is attributed to ${entity.name}, and none mentions them. Try "who ${name}".`, sections: [] },
        data: { ...base, relation: 'none', quotes: [] },
      };
    }
    if (selected.length === 0) {
      return {
        ok: false,
        reply: {
          kind: 'not-found',
          title: `No quotation ${own.length ? 'of' : 'mentioning'} ${entity.name}${about}`,
          summary: `There ${pool.length === 1 ? 'is' : 'are'} ${count(pool.length, 'quotation')} ${own.length ? 'of' : 'mentioning'} ${entity.name} on other subjects: type "quote ${name}".`,
          sections: [],
        },
        data: { ...base, relation: own.length ? 'speaker' : 'mentioned', quotes: [] },
      };
    }
    const title = own.length ? `${entity.name}, in their own words${about}` : `Quotations that mention ${entity.name}${about}`;
    const summary = own.length
      ? `${count(selected.length, 'quotation')}, oldest article first.${cutNote(Math.min(MAX_ITEMS, selected.length), selected.length, 'add a topic, e.g. "quote NAME about TOPIC"')}`
      : `${entity.name} is not quoted in the articles; these are other people's words that mention them.`;
    return {
      ok: true,
      reply: { kind: 'answer', title, summary, sections: [{ items: selected.slice(0, MAX_ITEMS).map((q) => quoteItem(kb, q)) }] },
      data: { ...base, relation: own.length ? 'speaker' : 'mentioned', total: selected.length, quotes: selected.slice(0, MAX_ITEMS).map(quoteJson) },
    };
  },
};

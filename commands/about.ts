/** `about`: what the corpus holds: articles, outlets, date range and counts. */
import type { Command } from './command.ts';
import { count, humanDate } from './format.ts';

export const about: Command = {
  name: 'about',
  summary: 'What the articles are: titles, outlets, dates and how much was found in them.',
  usage: 'about',
  examples: ['about'],
  run(_args, { kb }) {
    const range = kb.publishedRange();
    const outlets = [...new Set(kb.articles.map((a) => a.source).filter((s): s is string => !!s))].sort();
    const byType = { person: 0, organization: 0, place: 0, other: 0 };
    for (const e of kb.entities) byType[e.type]++;
    const articles = [...kb.articles].sort((a, b) => kb.compareByArticle({ article: a.id, paragraph: 0 }, { article: b.id, paragraph: 0 }));
    const events = kb.events.all();
    const facts = [
      `${count(kb.articles.length, 'article')} from ${count(outlets.length, 'outlet')}${range ? `, published ${humanDate(range[0])} to ${humanDate(range[1])}` : ''}.`,
      `${count(byType.person, 'person', 'people')}, ${count(byType.organization, 'organisation')}, ${count(byType.place, 'place')}; ${count(kb.quotes.length, 'quotation')}; ${count(events.length, 'dated event')}${events.length ? ` from ${humanDate(events[0]!.date)} to ${humanDate(events[events.length - 1]!.date)}` : ''}.`,
    ];
    return {
      ok: kb.articles.length > 0,
      reply: {
        kind: kb.articles.length ? 'answer' : 'not-found',
        title: 'About these articles',
        summary: facts.join(' '),
        sections: [
          {
            heading: 'Articles',
            items: articles.map((a) => ({
              text: `${a.title}${a.source ? ` (${a.source})` : ''}`,
              label: a.published ? humanDate(a.published) : 'date unknown',
            })),
          },
        ],
        footer: outlets.length ? `Outlets: ${outlets.join(', ')}` : undefined,
      },
      data: {
        articles: kb.articles.map((a) => ({ id: a.id, file: a.file, title: a.title, published: a.published, source: a.source, url: a.url })),
        counts: { articles: kb.articles.length, entities: kb.entities.length, ...byType, quotes: kb.quotes.length, events: events.length },
        published: range ? { from: range[0], to: range[1] } : null,
        outlets,
      },
    };
  },
};

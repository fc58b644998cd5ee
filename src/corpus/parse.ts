import type { Article } from './article.ts';

/** Turns one file's text (front matter optional) into an Article. STUB: being written. */
export function parseArticle(raw: string, file: string): Article {
  const id = file.replace(/\.[^.]+$/, '');
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return {
    id, file, title: lines[0] ?? id, published: null, publishedFrom: null, source: null, url: null, author: null,
    paragraphs: lines.slice(1).map((text, i) => ({
      index: i + 1, text, plain: text, heading: false,
      sentences: [{ index: 0, start: 0, end: text.length, text }],
    })),
    removed: [],
  };
}

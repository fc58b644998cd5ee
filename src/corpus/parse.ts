/**
 * One article file's text → an Article: front matter, page chrome taken out, dateline read, look-alike
 * letters folded, paragraphs and sentences. Display text keeps the article's wording and punctuation.
 */
import type { Article, Paragraph, RemovedChrome } from './article.ts';
import {
  bylineAuthor, endsInsideName, isBannerLine, isFooterMarker, isLinkList, isPhotoCredit, isUiLabel, stripTrailingTags,
} from './chrome.ts';
import { findDateline } from './dateline.ts';
import { splitFrontMatter } from './frontMatter.ts';
import { splitSentences } from './sentences.ts';
import { foldLookalikes } from '../text/lookalikes.ts';

/** Curly and other typographic quote marks → ASCII, one UTF-16 unit for one, so offsets stay valid. */
export function unifyQuotes(text: string): string {
  return text.replace(/[“”„‟″«»]/g, '"').replace(/[‘’‚‛′`´]/g, "'");
}

/** Display form of a line: NFC, look-alikes folded, every kind of white space collapsed. */
function displayLine(line: string): string {
  return foldLookalikes(line.normalize('NFC'))
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF\t]/g, ' ')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function comparable(text: string): string {
  return unifyQuotes(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A heading: a short line with no sentence punctuation and no quotation. */
function isHeading(text: string): boolean {
  return text.split(' ').length <= 12 && !/[.!?:;"”’')…]$/.test(text) && !/["“”]/.test(text);
}

/** The index of the title line among the first lines, or -1. */
function findTitleLine(lines: string[], title: string | undefined): number {
  const limit = Math.min(lines.length, 8);
  if (title) {
    const want = comparable(title);
    for (let i = 0; i < limit; i++) if (comparable(lines[i] ?? '') === want) return i;
    return -1;
  }
  // No title given: the first line that is not a banner or a label, short, and not ending like a sentence.
  for (let i = 0; i < limit; i++) {
    const line = lines[i] ?? '';
    if (isBannerLine(line) || isUiLabel(line)) continue;
    const words = line.split(' ').length;
    return words <= 25 && !/[.]$/.test(line) ? i : -1;
  }
  return -1;
}

export interface ParsedArticle {
  article: Article;
  /** Problems worth a warning that did not stop the file from loading. */
  problems: string[];
}

export function parseArticle(raw: string, file: string): Article {
  return parseArticleFile(raw, file).article;
}

export function parseArticleFile(raw: string, file: string): ParsedArticle {
  const problems: string[] = [];
  const removed: RemovedChrome[] = [];
  const { meta, body, problem } = splitFrontMatter(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (problem) problems.push(problem);

  let lines = body.split('\n').map(displayLine).filter((l) => l.length > 0);
  let author = meta.author ?? null;

  // Header: everything above the title line (banners, tags, UI labels) is page chrome, as is the title itself.
  const titleAt = findTitleLine(lines, meta.title);
  let title = meta.title ?? null;
  if (titleAt >= 0) {
    const before = lines.slice(0, titleAt);
    if (before.every((l) => l.split(' ').length <= 10)) {
      before.forEach((text) => removed.push({ text, reason: 'header' }));
      title ??= lines[titleAt] ?? null;
      removed.push({ text: lines[titleAt] ?? '', reason: 'title' });
      lines = lines.slice(titleAt + 1);
    }
  }

  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (kept.length > 0 && isFooterMarker(line)) {
      lines.slice(i).forEach((text) => removed.push({ text, reason: 'footer' }));
      break;
    }
    const byline = bylineAuthor(line);
    if (byline) {
      author ??= byline;
      removed.push({ text: line, reason: 'byline' });
    } else if (isBannerLine(line)) removed.push({ text: line, reason: 'banner' });
    else if (isUiLabel(line)) removed.push({ text: line, reason: 'ui-label' });
    else if (isPhotoCredit(line)) removed.push({ text: line, reason: 'photo-credit' });
    else if (isLinkList(line)) removed.push({ text: line, reason: 'link-list' });
    else kept.push(line);
  }

  // A scraper that broke a paragraph inside a name ("… such as Sen." / "Joseph Lieberman …"): join it again.
  const joined: string[] = [];
  for (const line of kept) {
    const prev = joined[joined.length - 1];
    if (prev !== undefined && endsInsideName(prev)) joined[joined.length - 1] = `${prev} ${line}`;
    else joined.push(line);
  }

  let published = meta.published ?? null;
  let publishedFrom: Article['publishedFrom'] = published ? 'front-matter' : null;
  let source = meta.source ?? null;
  const texts = joined.map((t) => stripTrailingTags(t, removed));
  for (let i = 0; i < Math.min(3, texts.length); i++) {
    const dateline = findDateline(texts[i] ?? '');
    if (!dateline) continue;
    removed.push({ text: dateline.text.trim(), reason: 'dateline' });
    texts[i] = (texts[i] ?? '').slice(dateline.text.length);
    if (!published && dateline.published) {
      published = dateline.published;
      publishedFrom = 'dateline';
    }
    source ??= dateline.source;
    break;
  }

  const paragraphs: Paragraph[] = texts
    .filter((t) => t.length > 0)
    .map((text, i) => ({
      index: i + 1,
      text,
      plain: unifyQuotes(text),
      heading: isHeading(text),
      sentences: splitSentences(text),
    }));

  const id = file.replace(/\.[^.]+$/, '');
  return {
    article: {
      id, file, title: title ?? id, published, publishedFrom, source, url: meta.url ?? null, author, paragraphs, removed,
    },
    problems,
  };
}

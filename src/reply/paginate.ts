/**
 * Splits a Reply into pages of at most N items, for adapters that show long answers a page at a time
 * (Discord buttons, Slack blocks). Every page keeps the title, summary, suggestions and footer; a
 * section that runs over a page break repeats its heading on the next page (its body only once).
 * An optional character budget keeps pages under a platform's size limit.
 */
import type { Reply, ReplyItem, ReplySection } from './reply.ts';

export interface PaginateOptions {
  /** Most items on one page (a positive integer). */
  itemsPerPage: number;
  /**
   * Most characters of headings, bodies, item text, labels and citations on one page; a page always
   * takes at least one item, so a single huge item still gets a page of its own.
   */
  maxChars?: number;
}

export interface ReplyPage {
  /** 1-based. */
  page: number;
  pages: number;
  reply: Reply;
}

function itemChars(item: ReplyItem): number {
  const c = item.citation;
  const citation = c ? c.title.length + (c.source?.length ?? 0) + (c.published?.length ?? 0) + 8 : 0;
  return item.text.length + (item.label?.length ?? 0) + citation;
}

function sectionChars(section: ReplySection, withBody: boolean): number {
  return (section.heading?.length ?? 0) + (withBody ? section.body?.length ?? 0 : 0);
}

/** The reply's pages, at least one. Items keep their order; sections keep their headings. */
export function paginate(reply: Reply, options: PaginateOptions): ReplyPage[] {
  const { itemsPerPage, maxChars = Infinity } = options;
  if (!Number.isInteger(itemsPerPage) || itemsPerPage < 1) throw new RangeError(`itemsPerPage must be a positive integer, not ${itemsPerPage}`);
  if (!(maxChars > 0)) throw new RangeError(`maxChars must be positive, not ${maxChars}`);

  const pages: ReplySection[][] = [[]];
  let items = 0;
  let chars = 0;
  const current = (): ReplySection[] => pages[pages.length - 1]!;
  const newPage = (): void => {
    pages.push([]);
    items = 0;
    chars = 0;
  };

  for (const section of reply.sections) {
    let open: ReplySection | null = null;
    const openSection = (first: boolean): ReplySection => {
      const copy: ReplySection = { ...section, items: [] };
      if (!first) delete copy.body;
      current().push(copy);
      chars += sectionChars(section, first);
      return copy;
    };
    if (section.items.length === 0) {
      openSection(true);
      continue;
    }
    section.items.forEach((item, i) => {
      const cost = itemChars(item) + (open ? 0 : sectionChars(section, i === 0));
      if (items > 0 && (items >= itemsPerPage || chars + cost > maxChars)) {
        newPage();
        open = null;
      }
      if (!open) open = openSection(i === 0);
      open.items.push(item);
      items += 1;
      chars += itemChars(item);
    });
  }

  return pages.map((sections, i) => ({ page: i + 1, pages: pages.length, reply: { ...reply, sections } }));
}

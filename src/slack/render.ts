/**
 * A Reply page as Slack Block Kit: a header, a section per item (mrkdwn, at most 3,000 characters each),
 * a context line citing article (linked where its url is known), outlet, date and paragraph, and
 * Previous/Next buttons for long answers; at most 50 blocks.
 *
 * `&`, `<` and `>` in article and user text are escaped, so nothing can become `<!channel>`, `<!here>`,
 * a user mention or a link that the text did not contain.
 */
import type { ReplyPage } from '../reply/paginate.ts';
import { clip } from '../reply/excerpt.ts';
import type { Citation, Reply, ReplyItem } from '../reply/reply.ts';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextText: 2000, buttonValue: 2000, fallbackText: 3000 } as const;

/** Items per page and their characters: well within 50 blocks and a readable message. */
export const SLACK_PAGE_OPTIONS = { itemsPerPage: 8, maxChars: 6000 } as const;

export const PAGE_ACTION = 'dossier_page';

export interface SlackText { type: 'mrkdwn' | 'plain_text'; text: string; emoji?: boolean }
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: Array<{ type: 'button'; text: SlackText; action_id: string; value: string }> };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's three control characters escaped; nothing else changes. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text (a header) shows entities literally, so angle brackets become look-alike quotes instead. */
export function plainSafe(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

export function citationText(c: Citation): string {
  const title = escapeSlack(c.title).replace(/\|/g, '¦');
  const linked = c.url && /^https?:\/\/[^\s<>|]+$/.test(c.url) ? `<${c.url}|${title}>` : `_${title}_`;
  return `— ${[linked, c.source ? escapeSlack(c.source) : null, c.published, `¶${c.paragraph}`].filter(Boolean).join(' · ')}`;
}

function markedText(item: ReplyItem): string {
  if (!item.marks?.length) return escapeSlack(item.text);
  let out = '';
  let at = 0;
  for (const [s, e] of [...item.marks].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    out += `${escapeSlack(item.text.slice(at, s))}*${escapeSlack(item.text.slice(s, e))}*`;
    at = e;
  }
  return out + escapeSlack(item.text.slice(at));
}

function itemBlocks(item: ReplyItem): SlackBlock[] {
  const label = item.label ? `*${escapeSlack(item.label)}*\n` : '';
  const body = item.verbatim ? `> ${markedText(item).replace(/\n/g, '\n> ')}` : markedText(item);
  const blocks: SlackBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(`${label}${body}`, SLACK_LIMITS.sectionText) } }];
  if (item.citation) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(citationText(item.citation), SLACK_LIMITS.contextText) }] });
  return blocks;
}

export function renderSlackPage(page: ReplyPage, pagerKey?: string): SlackMessage {
  const { reply } = page;
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(plainSafe(reply.title), SLACK_LIMITS.headerText), emoji: false } }];
  if (reply.summary) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(escapeSlack(reply.summary), SLACK_LIMITS.sectionText) } });
  for (const section of reply.sections) {
    const head = [section.heading ? `*${escapeSlack(section.heading)}*` : '', section.body ? escapeSlack(section.body) : ''].filter(Boolean).join('\n');
    if (head) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(head, SLACK_LIMITS.sectionText) } });
    for (const item of section.items) blocks.push(...itemBlocks(item));
  }
  const suggestions = reply.suggestions ?? [];
  if (suggestions.length) {
    const text = reply.kind === 'choice'
      ? `Which one did you mean?\n${suggestions.map((s, i) => `${i + 1}. ${escapeSlack(s)}`).join('\n')}`
      : `Did you mean: ${suggestions.map(escapeSlack).join(', ')}?`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } });
  }
  const footer = [reply.footer ? escapeSlack(reply.footer) : null, page.pages > 1 ? `Page ${page.page} of ${page.pages}` : null].filter(Boolean).join(' · ');
  // Keep room for the footer and the buttons within Slack's 50 blocks.
  if (blocks.length > SLACK_LIMITS.blocks - 2) blocks.splice(SLACK_LIMITS.blocks - 2);
  if (footer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(footer, SLACK_LIMITS.contextText) }] });
  if (page.pages > 1 && pagerKey) {
    const buttons: Extract<SlackBlock, { type: 'actions' }>['elements'] = [];
    if (page.page > 1) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Previous' }, action_id: `${PAGE_ACTION}_prev`, value: `${pagerKey}:${page.page - 1}` });
    if (page.page < page.pages) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Next' }, action_id: `${PAGE_ACTION}_next`, value: `${pagerKey}:${page.page + 1}` });
    blocks.push({ type: 'actions', block_id: 'dossier_pages', elements: buttons });
  }
  // The notification and screen-reader text: the title and summary.
  const text = clip(escapeSlack([reply.title, reply.summary].filter(Boolean).join(': ')), SLACK_LIMITS.fallbackText);
  return { text, blocks };
}

export function renderSlackNotice(title: string, text: string, kind: Reply['kind'] = 'error'): SlackMessage {
  return renderSlackPage({ page: 1, pages: 1, reply: { kind, title, summary: text, sections: [] } });
}

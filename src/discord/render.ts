/**
 * A Reply page as a Discord message: one embed within Discord's limits (title 256, description 4,096,
 * footer 2,048, 6,000 in all), Previous/Next buttons when there are several pages, a menu to pick one of
 * several matching names, and `allowed_mentions` empty so nothing the bot says can ping anyone.
 *
 * Article and user text is escaped for Markdown (a stray `*` or `_` must not restyle an answer) and
 * defused for mentions (`@everyone`, `<@123>` show as text even where allowed_mentions would not apply).
 */
import {
  ButtonStyle, ComponentType, escapeMarkdown,
  type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed,
} from 'discord.js';
import type { ReplyPage } from '../reply/paginate.ts';
import { clip } from '../reply/excerpt.ts';

export { clip };
import type { Citation, Reply, ReplyItem } from '../reply/reply.ts';

export const LIMITS = { title: 256, description: 4096, footer: 2048, total: 6000, selectOptions: 25, optionText: 100, customId: 100 } as const;

/** Items per page and the characters they may use: leaves room for the title, summary and footer. */
export const PAGE_OPTIONS = { itemsPerPage: 5, maxChars: 3200 } as const;

/** Longest item text shown (a very long quotation is cut, with "…", and cited so it can be read whole). */
const MAX_ITEM_CHARS = 1200;

const COLORS: Record<Reply['kind'], number> = { answer: 0x2b6cb0, choice: 0xb7791f, 'not-found': 0x718096, error: 0xc53030, help: 0x2f855a };

export interface DiscordMessage {
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowedMentions: { parse: []; repliedUser: false };
}

/** Text that cannot mention anyone: a zero-width space after "@" in @everyone/@here and inside <@…>, <#…>, <@&…>. */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<([@#])/g, '<\u200b$1');
}

/** Article or user text made safe for an embed: Markdown escaped, mentions defused. */
export function safe(text: string): string {
  return defuseMentions(escapeMarkdown(text, { numberedList: true, bulletedList: true, heading: true, maskedLink: true }));
}

export function citationLine(c: Citation): string {
  const title = c.url && /^https?:\/\//.test(c.url) ? `[${safe(c.title).replace(/[[\]]/g, '')}](${c.url.replace(/[()\s]/g, encodeURIComponent)})` : `*${safe(c.title)}*`;
  return `— ${[title, c.source ? safe(c.source) : null, c.published, `¶${c.paragraph}`].filter(Boolean).join(' · ')}`;
}

function itemText(item: ReplyItem): string {
  const body = safe(clip(item.text, MAX_ITEM_CHARS));
  const marked = item.marks?.length && item.text.length <= MAX_ITEM_CHARS ? markWords(item) : body;
  const text = item.verbatim ? `“${marked}”` : marked;
  const label = item.label ? `**${safe(item.label)}**: ` : '';
  const cite = item.citation ? `\n${citationLine(item.citation)}` : '';
  return `${label}${text}${cite}`;
}

/** Bold for the matched words of a search; the text between them escaped. */
function markWords(item: ReplyItem): string {
  let out = '';
  let at = 0;
  for (const [s, e] of [...(item.marks ?? [])].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    out += safe(item.text.slice(at, s)) + `**${safe(item.text.slice(s, e))}**`;
    at = e;
  }
  return out + safe(item.text.slice(at));
}

function description(reply: Reply): string {
  const parts: string[] = [];
  if (reply.summary) parts.push(safe(reply.summary));
  for (const section of reply.sections) {
    const lines: string[] = [];
    if (section.heading) lines.push(`__**${safe(section.heading)}**__`);
    if (section.body) lines.push(safe(section.body));
    for (const item of section.items) lines.push(itemText(item));
    if (lines.length) parts.push(lines.join('\n'));
  }
  const suggestions = reply.suggestions ?? [];
  if (suggestions.length) {
    parts.push(reply.kind === 'choice'
      ? `Which one did you mean?\n${suggestions.map((s, i) => `${i + 1}. ${safe(s)}`).join('\n')}`
      : `Did you mean: ${suggestions.map(safe).join(', ')}?`);
  }
  return clip(parts.join('\n\n'), LIMITS.description);
}

export interface RenderOptions {
  /** Key of the stored pages (for the Previous/Next buttons), when there is more than one page. */
  pagerKey?: string;
  /** The command a choice menu re-runs with the picked name. */
  command?: string;
}

export const PAGE_BUTTON = 'dossier:page';
export const PICK_MENU = 'dossier:pick';

export function renderPage(page: ReplyPage, options: RenderOptions = {}): DiscordMessage {
  const { reply } = page;
  const footerParts = [reply.footer, page.pages > 1 ? `Page ${page.page} of ${page.pages}` : null].filter((f): f is string => !!f);
  const embed: APIEmbed = {
    title: clip(safe(reply.title), LIMITS.title),
    description: description(reply),
    color: COLORS[reply.kind],
  };
  if (footerParts.length) embed.footer = { text: clip(footerParts.join(' · '), LIMITS.footer) };
  const total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  if (total > LIMITS.total) embed.description = clip(embed.description ?? '', LIMITS.total - (total - (embed.description?.length ?? 0)));

  const components: DiscordMessage['components'] = [];
  if (reply.kind === 'choice' && options.command && (reply.suggestions?.length ?? 0) > 0) {
    components.push({
      type: ComponentType.ActionRow,
      components: [{
        type: ComponentType.StringSelect,
        custom_id: `${PICK_MENU}:${options.command}`,
        placeholder: 'Pick one',
        // The value is what the pick runs (the name and, say, the topic asked about), or the name alone when that is too long for a value.
        options: (reply.suggestions ?? []).slice(0, LIMITS.selectOptions).map((s, i) => {
          const pick = reply.picks?.[i] ?? s;
          return { label: clip(s, LIMITS.optionText), value: pick.length <= LIMITS.optionText ? pick : clip(s, LIMITS.optionText) };
        }),
      }],
    });
  }
  if (page.pages > 1 && options.pagerKey) {
    components.push({
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: `${PAGE_BUTTON}:${options.pagerKey}:${page.page - 1}`, disabled: page.page <= 1 },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next', custom_id: `${PAGE_BUTTON}:${options.pagerKey}:${page.page + 1}`, disabled: page.page >= page.pages },
      ],
    });
  }
  return { embeds: [embed], components, allowedMentions: { parse: [], repliedUser: false } };
}

/** A short notice (an expired button, a failure) as a message. */
export function renderNotice(title: string, text: string, kind: Reply['kind'] = 'error'): DiscordMessage {
  return renderPage({ page: 1, pages: 1, reply: { kind, title, summary: text, sections: [] } });
}

/**
 * `/onthisday subscribe|unsubscribe|status|today` as platform-neutral replies: the adapters check who may
 * do what (Discord's Manage Channels, Slack's channel membership) and where the reply goes; this says
 * what changed, when the next post comes, and previews it.
 */
import { describeMonthDay, onThisDayReply } from '../../commands/onthisday.ts';
import type { KnowledgeBase } from '../kb/knowledgeBase.ts';
import type { Reply } from '../reply/reply.ts';
import type { Ledger } from './ledger.ts';
import type { Platform, Subscription, Subscriptions } from './subscriptions.ts';
import { canonicalTimeZone, dueInstant, localDate, nextDate, parseTime } from './zonedTime.ts';

export const DEFAULT_TIME = '09:00';
export const DEFAULT_TIMEZONE = 'UTC';

export interface ManageContext {
  subscriptions: Subscriptions;
  ledger: Ledger;
  kb: KnowledgeBase;
  platform: Platform;
  channelId: string;
  guildId: string | null;
  userId: string;
  now: number;
}

function error(title: string, summary: string): Reply {
  return { kind: 'error', title, summary, sections: [] };
}

/** When the subscription's next post is due: today's time (or now, if it has passed) unless today's post was already made or tried, else tomorrow's. */
export function nextPost(subscription: Subscription, ledger: Ledger, now: number): { date: string; at: number } {
  const today = localDate(now, subscription.timezone);
  const at = dueInstant(today, subscription.time, subscription.timezone);
  const done = ledger.get(subscription.id, today);
  // A row for today (sent, skipped, retrying…) means no new post today, even if the time was moved later.
  if (!done) return { date: today, at: Math.max(at, now) };
  const tomorrow = nextDate(today);
  return { date: tomorrow, at: dueInstant(tomorrow, subscription.time, subscription.timezone) };
}

function describeWhen(at: number, date: string, subscription: Subscription, now: number): string {
  const minutes = Math.max(0, Math.round((at - now) / 60000));
  const inText = minutes < 1 ? 'due now' : minutes < 60 ? `in ${minutes} min` : `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${date} at ${subscription.time} ${subscription.timezone} (${inText})`;
}

/** "08:30 Asia/Jerusalem", "Asia/Jerusalem 8:30", "time 08:30 timezone UTC", "" → the time and zone, or a problem. */
export function parseSubscribeArgs(text: string): { time: string; timezone: string } | { problem: string } {
  const words = text.replace(/\b(time|timezone|tz|at|in)\b[:=]?/gi, ' ').trim().split(/\s+/).filter(Boolean);
  let time: string | null = null;
  let timezone: string | null = null;
  for (const w of words) {
    if (time === null && /^\d/.test(w)) {
      time = parseTime(w);
      if (!time) return { problem: `"${w}" is not a time. Use HH:MM on a 24-hour clock, e.g. 09:00 or 18:30.` };
    } else if (timezone === null) {
      timezone = canonicalTimeZone(w);
      if (!timezone) return { problem: `"${w}" is not a time zone I know. Use an IANA name such as UTC, Europe/London, Asia/Jerusalem or America/New_York.` };
    } else return { problem: `Too many words: "${w}". Use: subscribe [HH:MM] [time zone], e.g. subscribe 08:30 Asia/Jerusalem.` };
  }
  return { time: time ?? DEFAULT_TIME, timezone: timezone ?? DEFAULT_TIMEZONE };
}

/** The post a channel would get on the next due date (or `monthDay`), for a preview. */
export function previewReply(kb: KnowledgeBase, monthDay: string, label: string): Reply {
  const { reply, found } = onThisDayReply(kb, monthDay);
  if (!found.shownDay) return { ...reply, summary: `${reply.summary} No post would be made that day: an empty post is noise.`, footer: label };
  return { ...reply, footer: label };
}

export function subscribe(ctx: ManageContext, args: string): Reply {
  if (!ctx.guildId && ctx.platform === 'discord') return error('Not in a direct message', 'Daily posts are for server channels: run /onthisday subscribe in the channel that should get them.');
  const parsed = parseSubscribeArgs(args);
  if ('problem' in parsed) return error('Cannot subscribe', parsed.problem);
  const subscription = ctx.subscriptions.upsert({ platform: ctx.platform, channelId: ctx.channelId, guildId: ctx.guildId, time: parsed.time, timezone: parsed.timezone, createdBy: ctx.userId, now: ctx.now });
  const next = nextPost(subscription, ctx.ledger, ctx.now);
  const preview = previewReply(ctx.kb, next.date.slice(5), `Preview of the post for ${describeMonthDay(next.date.slice(5))}`);
  return {
    kind: 'answer',
    title: 'Subscribed to the daily "on this day" post',
    summary: `This channel gets what happened on this day in the articles, every day at ${subscription.time} ${subscription.timezone}. Next: ${describeWhen(next.at, next.date, subscription, ctx.now)}. "/onthisday unsubscribe" stops it.`,
    sections: [{ heading: preview.title, body: preview.summary, items: preview.sections.flatMap((s) => s.items) }],
  };
}

export function unsubscribe(ctx: ManageContext): Reply {
  const removed = ctx.subscriptions.remove(ctx.platform, ctx.channelId);
  return removed
    ? { kind: 'answer', title: 'Unsubscribed', summary: 'This channel no longer gets the daily "on this day" post.', sections: [] }
    : { kind: 'not-found', title: 'Not subscribed', summary: 'This channel has no daily post to stop. "/onthisday subscribe [HH:MM] [time zone]" starts one.', sections: [] };
}

export function status(ctx: ManageContext): Reply {
  const found = ctx.subscriptions.get(ctx.platform, ctx.channelId);
  const subscription = found?.disabledReason === 'unsubscribed' ? null : found;
  if (!subscription) return { kind: 'not-found', title: 'No daily post here', summary: 'This channel is not subscribed. "/onthisday subscribe [HH:MM] [time zone]" starts one (default 09:00 UTC).', sections: [] };
  if (!subscription.active) return { kind: 'answer', title: 'Daily post: disabled', summary: `Disabled because ${subscription.disabledReason ?? 'of an error'}. Subscribe again to restart it.`, sections: [] };
  const next = nextPost(subscription, ctx.ledger, ctx.now);
  const posted = ctx.ledger.sentCount(subscription.id);
  return {
    kind: 'answer',
    title: 'Daily post: on',
    summary: `Every day at ${subscription.time} ${subscription.timezone}. Next: ${describeWhen(next.at, next.date, subscription, ctx.now)}. Posts made so far: ${posted}.`,
    sections: [],
  };
}

export const MANAGE_ACTIONS = ['subscribe', 'unsubscribe', 'status', 'today'] as const;
export type ManageAction = (typeof MANAGE_ACTIONS)[number];

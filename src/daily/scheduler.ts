/**
 * The daily "on this day" posts: one scheduler per process wakes each minute (croner), finds the
 * subscriptions whose local time has come on their local date, claims each post in the ledger, sends it,
 * and marks it. A process that starts later the same local day posts what is still due; one that
 * restarts posts nothing twice; two processes on one database file never both post.
 */
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { onThisDayReply } from '../../commands/onthisday.ts';
import type { KnowledgeBase } from '../kb/knowledgeBase.ts';
import type { Reply } from '../reply/reply.ts';
import type { Db } from '../store/db.ts';
import { Ledger } from './ledger.ts';
import { Subscriptions, type Platform, type Subscription } from './subscriptions.ts';
import { dueInstant, localDate } from './zonedTime.ts';

/** The channel is gone or closed to the bot: retrying cannot help. */
export class PermanentSendError extends Error {}

export interface DailySender {
  platform: Platform;
  /** True when resending with the same key cannot double a post (Discord's enforced nonce). */
  idempotent: boolean;
  /** Whether this process posts for the subscription (a shard posts for its own guilds). */
  owns(subscription: Subscription): boolean;
  /** Posts the reply; `key` is unique per subscription and local date. */
  send(subscription: Subscription, reply: Reply, key: string): Promise<{ messageId: string | null }>;
}

export interface SchedulerOptions {
  db: Db;
  kb: KnowledgeBase;
  senders: DailySender[];
  log: Logger;
  /** The clock (tests inject one; no real waiting). */
  now?: () => number;
  /** Who claims posts in the ledger (default a random id per process). */
  owner?: string;
  /** How long a claim is trusted before it counts as a crashed send (default 2 minutes). */
  leaseMs?: number;
  /** Wait before retry `attempt` (default 1, 2, 4 … minutes, at most 30). */
  backoffMs?: (attempt: number) => number;
}

export type PostOutcome = 'sent' | 'skipped' | 'retry' | 'abandoned' | 'unknown';

export interface TickReport {
  subscription: number;
  localDate: string;
  outcome: PostOutcome;
}

/** Longest a platform may take to accept one post. */
export const SEND_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the platform did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function postKey(subscription: Subscription, date: string): string {
  return `d${subscription.id}-${date.replace(/-/g, '')}`;
}

export class DailyScheduler {
  readonly subscriptions: Subscriptions;
  readonly ledger: Ledger;
  private readonly now: () => number;
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private cron: Cron | null = null;
  private running: Promise<TickReport[]> | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.subscriptions = new Subscriptions(options.db);
    this.ledger = new Ledger(options.db);
    this.now = options.now ?? Date.now;
    this.owner = options.owner ?? randomUUID();
    this.leaseMs = options.leaseMs ?? 120_000;
    this.backoffMs = options.backoffMs ?? ((attempt) => Math.min(30, 2 ** (attempt - 1)) * 60_000);
  }

  /** Adds a platform once it is connected. */
  addSender(sender: DailySender): void {
    this.options.senders.push(sender);
  }

  /** Ticks now (catching up what is due today), then at the start of every minute. */
  start(): void {
    void this.tick();
    this.cron = new Cron('* * * * *', { timezone: 'UTC', protect: true }, () => void this.tick());
  }

  stop(): void {
    this.cron?.stop();
    this.cron = null;
  }

  /** One pass over every subscription; overlapping calls share the pass in progress. */
  tick(): Promise<TickReport[]> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    for (const sender of this.options.senders) {
      for (const subscription of this.subscriptions.active(sender.platform)) {
        if (!sender.owns(subscription)) continue;
        try {
          const report = await this.consider(subscription, sender);
          if (report) reports.push(report);
        } catch (err) {
          this.options.log.error({ err, subscription: subscription.id }, 'daily post failed');
        }
      }
    }
    return reports;
  }

  private async consider(subscription: Subscription, sender: DailySender): Promise<TickReport | null> {
    const now = this.now();
    const date = localDate(now, subscription.timezone);
    if (now < dueInstant(date, subscription.time, subscription.timezone)) return null;
    const claim = this.ledger.claim(subscription.id, date, this.owner, now, { leaseMs: this.leaseMs, idempotent: sender.idempotent });
    if (!claim.claimed) {
      if (claim.interrupted) {
        this.options.log.warn({ subscription: subscription.id, date }, 'a post was interrupted mid-send; not resent');
      }
      return null;
    }
    const report = (outcome: PostOutcome): TickReport => ({ subscription: subscription.id, localDate: date, outcome });
    const { reply, found } = onThisDayReply(this.options.kb, date.slice(5));
    if (!found.shownDay) {
      // An empty post is noise: nothing that day, nor near it.
      this.ledger.markSkipped(subscription.id, date);
      return report('skipped');
    }
    try {
      // A send that hangs must not stop every other channel's post: it fails after SEND_TIMEOUT_MS and is retried.
      const sent = await withTimeout(sender.send(subscription, reply, postKey(subscription, date)), SEND_TIMEOUT_MS);
      this.ledger.markSent(subscription.id, date, this.now(), sent.messageId);
      this.options.log.info({ subscription: subscription.id, date, channel: subscription.channelId }, 'daily post sent');
      return report('sent');
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (err instanceof PermanentSendError) {
        this.subscriptions.disable(subscription.id, message);
        this.ledger.markAbandoned(subscription.id, date, message);
        this.options.log.warn({ subscription: subscription.id, channel: subscription.channelId, reason: message }, 'daily posts disabled: the channel is gone or closed to the bot');
        return report('abandoned');
      }
      const next = this.now() + this.backoffMs(claim.attempt);
      if (localDate(next, subscription.timezone) !== date) {
        this.ledger.markAbandoned(subscription.id, date, `gave up at the end of the day: ${message}`);
        this.options.log.warn({ subscription: subscription.id, date, err }, 'daily post gave up for the day');
        return report('abandoned');
      }
      this.ledger.markRetry(subscription.id, date, next, message);
      this.options.log.warn({ subscription: subscription.id, date, attempt: claim.attempt, err }, 'daily post failed; will retry');
      return report('retry');
    }
  }
}

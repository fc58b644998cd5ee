/**
 * The ledger of daily posts: one row per subscription and local date, claimed before the post is sent
 * (in the same IMMEDIATE transaction that checks it, so two processes on one file cannot both claim it)
 * and marked after. Its states:
 * - `sending`: claimed, being sent (or the process died while sending);
 * - `retry`: the send failed; tried again at `next_attempt_at`, during that local day;
 * - `sent`, `skipped` (nothing to post that day), `abandoned` (the channel is gone), `unknown` (a
 *   process died mid-send on a platform that cannot tell whether the message went out: never resent,
 *   so a post is never doubled).
 */
import type { Db } from '../store/db.ts';

export type PostStatus = 'sending' | 'retry' | 'sent' | 'skipped' | 'abandoned' | 'unknown';

export interface PostRow {
  id: number;
  subscription_id: number;
  local_date: string;
  status: PostStatus;
  attempts: number;
  claimed_by: string | null;
  claimed_at: number | null;
  next_attempt_at: number | null;
  sent_at: number | null;
  message_id: string | null;
  last_error: string | null;
}

export type Claim = { claimed: true; attempt: number; resumed: boolean } | { claimed: false; row: PostRow; interrupted?: boolean };

export interface ClaimOptions {
  /** How long a `sending` claim is trusted before it counts as a crashed send. */
  leaseMs: number;
  /** Whether the platform's send is idempotent (Discord's nonce): then a crashed send may be resent. */
  idempotent: boolean;
}

export class Ledger {
  constructor(private readonly db: Db) {}

  get(subscriptionId: number, localDate: string): PostRow | null {
    return (this.db.prepare('SELECT * FROM posts WHERE subscription_id = ? AND local_date = ?').get(subscriptionId, localDate) as PostRow | undefined) ?? null;
  }

  /** Claims the post for `owner` if it is due and nobody holds it; one transaction, check and claim together. */
  claim(subscriptionId: number, localDate: string, owner: string, now: number, options: ClaimOptions): Claim {
    return this.db.transaction((): Claim => {
      const row = this.get(subscriptionId, localDate);
      if (!row) {
        this.db.prepare("INSERT INTO posts (subscription_id, local_date, status, attempts, claimed_by, claimed_at) VALUES (?, ?, 'sending', 1, ?, ?)").run(subscriptionId, localDate, owner, now);
        return { claimed: true, attempt: 1, resumed: false };
      }
      const retryDue = row.status === 'retry' && (row.next_attempt_at ?? 0) <= now;
      const crashed = row.status === 'sending' && (row.claimed_at ?? 0) + options.leaseMs <= now;
      if (crashed && !options.idempotent) {
        const reason = 'the process stopped while sending; not resent, so it is never posted twice';
        this.db.prepare("UPDATE posts SET status = 'unknown', last_error = ? WHERE id = ?").run(reason, row.id);
        // `interrupted`: this call found the crashed send (later calls see a plain 'unknown' row).
        return { claimed: false, row: { ...row, status: 'unknown', last_error: reason }, interrupted: true };
      }
      if (!retryDue && !crashed) return { claimed: false, row };
      const attempt = row.attempts + 1;
      this.db.prepare("UPDATE posts SET status = 'sending', attempts = ?, claimed_by = ?, claimed_at = ? WHERE id = ?").run(attempt, owner, now, row.id);
      return { claimed: true, attempt, resumed: crashed };
    }).immediate();
  }

  markSent(subscriptionId: number, localDate: string, now: number, messageId: string | null): void {
    this.db.prepare("UPDATE posts SET status = 'sent', sent_at = ?, message_id = ?, last_error = NULL WHERE subscription_id = ? AND local_date = ?").run(now, messageId, subscriptionId, localDate);
  }

  markSkipped(subscriptionId: number, localDate: string): void {
    this.db.prepare("UPDATE posts SET status = 'skipped' WHERE subscription_id = ? AND local_date = ?").run(subscriptionId, localDate);
  }

  // A failure never overwrites a post that another process has meanwhile sent.
  markRetry(subscriptionId: number, localDate: string, nextAttemptAt: number, error: string): void {
    this.db.prepare("UPDATE posts SET status = 'retry', next_attempt_at = ?, last_error = ? WHERE subscription_id = ? AND local_date = ? AND status = 'sending'").run(nextAttemptAt, error.slice(0, 500), subscriptionId, localDate);
  }

  markAbandoned(subscriptionId: number, localDate: string, error: string): void {
    this.db.prepare("UPDATE posts SET status = 'abandoned', last_error = ? WHERE subscription_id = ? AND local_date = ? AND status IN ('sending', 'retry')").run(error.slice(0, 500), subscriptionId, localDate);
  }

  sentCount(subscriptionId: number): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM posts WHERE subscription_id = ? AND status = 'sent'").get(subscriptionId) as { n: number }).n;
  }
}

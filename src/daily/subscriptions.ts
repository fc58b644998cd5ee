/** Channels' subscriptions to the daily post, in the database. One per channel and platform. */
import type { Db } from '../store/db.ts';

export type Platform = 'discord' | 'slack';

export interface Subscription {
  id: number;
  platform: Platform;
  channelId: string;
  guildId: string | null;
  /** Local time "HH:MM". */
  time: string;
  timezone: string;
  createdBy: string;
  createdAt: number;
  active: boolean;
  disabledReason: string | null;
}

interface Row {
  id: number;
  platform: Platform;
  channel_id: string;
  guild_id: string | null;
  time: string;
  timezone: string;
  created_by: string;
  created_at: number;
  active: number;
  disabled_reason: string | null;
}

const fromRow = (r: Row): Subscription => ({
  id: r.id, platform: r.platform, channelId: r.channel_id, guildId: r.guild_id, time: r.time, timezone: r.timezone,
  createdBy: r.created_by, createdAt: r.created_at, active: r.active === 1, disabledReason: r.disabled_reason,
});

export class Subscriptions {
  constructor(private readonly db: Db) {}

  /** Creates or updates the channel's subscription (re-activating a disabled one). */
  upsert(s: { platform: Platform; channelId: string; guildId: string | null; time: string; timezone: string; createdBy: string; now: number }): Subscription {
    this.db.prepare(`
      INSERT INTO subscriptions (platform, channel_id, guild_id, time, timezone, created_by, created_at, active, disabled_reason)
      VALUES (@platform, @channelId, @guildId, @time, @timezone, @createdBy, @now, 1, NULL)
      ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time, timezone = excluded.timezone,
        guild_id = excluded.guild_id, active = 1, disabled_reason = NULL
    `).run(s);
    return this.get(s.platform, s.channelId)!;
  }

  get(platform: Platform, channelId: string): Subscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?').get(platform, channelId) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /**
   * Ends the channel's subscription; true when there was an active one. The row stays (inactive) so its
   * ledger stays too: unsubscribing and subscribing again the same day does not post that day twice.
   */
  remove(platform: Platform, channelId: string): boolean {
    return this.db.prepare("UPDATE subscriptions SET active = 0, disabled_reason = 'unsubscribed' WHERE platform = ? AND channel_id = ? AND active = 1").run(platform, channelId).changes > 0;
  }

  active(platform?: Platform): Subscription[] {
    const rows = (platform
      ? this.db.prepare('SELECT * FROM subscriptions WHERE active = 1 AND platform = ? ORDER BY id').all(platform)
      : this.db.prepare('SELECT * FROM subscriptions WHERE active = 1 ORDER BY id').all()) as Row[];
    return rows.map(fromRow);
  }

  disable(id: number, reason: string): void {
    this.db.prepare('UPDATE subscriptions SET active = 0, disabled_reason = ? WHERE id = ?').run(reason, id);
  }
}

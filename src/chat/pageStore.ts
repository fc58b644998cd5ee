/**
 * Remembers the pages of long answers for the chat adapters' Previous/Next buttons: who asked (only they
 * may turn the pages), and until when the buttons work. In memory, bounded in size and time: a restart
 * or an expiry gives a clear "run the command again" note rather than a wrong page.
 */
import { randomBytes } from 'node:crypto';
import type { ReplyPage } from '../reply/paginate.ts';

export interface StoredPages {
  pages: ReplyPage[];
  /** The user who asked (platform user id). */
  owner: string;
  expiresAt: number;
}

export type PageLookup =
  | { ok: true; entry: StoredPages; page: ReplyPage }
  | { ok: false; reason: 'expired' | 'not-owner' | 'out-of-range' };

export interface PageStoreOptions {
  /** How long buttons work (default 15 minutes). */
  ttlMs?: number;
  /** Most answers remembered (default 5,000; the oldest go first). */
  maxEntries?: number;
  now?: () => number;
}

export class PageStore {
  private readonly entries = new Map<string, StoredPages>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: PageStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 15 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Stores the pages and returns their key (short: it goes into a button's custom id). */
  put(pages: ReplyPage[], owner: string): string {
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, { pages, owner, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return key;
  }

  /** Page `page` (1-based) of the answer `key`, for `user`. */
  get(key: string, page: number, user: string): PageLookup {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt < this.now()) {
      this.entries.delete(key);
      return { ok: false, reason: 'expired' };
    }
    if (entry.owner !== user) return { ok: false, reason: 'not-owner' };
    const found = entry.pages[page - 1];
    if (!found) return { ok: false, reason: 'out-of-range' };
    return { ok: true, entry, page: found };
  }

  get ttlMinutes(): number {
    return Math.round(this.ttlMs / 60000);
  }
}

export function pageNote(reason: 'expired' | 'not-owner' | 'out-of-range', ttlMinutes: number): string {
  if (reason === 'not-owner') return 'Only the person who asked can turn these pages. Run the command yourself to get your own copy.';
  if (reason === 'expired') return `These buttons have expired (they work for ${ttlMinutes} minutes). Run the command again.`;
  return 'That page does not exist any more. Run the command again.';
}

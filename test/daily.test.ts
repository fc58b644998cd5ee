/**
 * The daily "on this day" post: local dates and due instants across daylight-saving changes, the
 * database's migrations, and the scheduler and its ledger, each over a real SQLite file in a temp folder
 * with an injected clock (no real waiting) and a fake sender that records what it was asked to post and
 * can fail (a transient error, a gone channel) or "crash" (a send that never returns). Also the
 * subscribe / unsubscribe / status replies.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { databasePath, migrate, openDatabase, schemaVersion, type Db } from '../src/store/db.ts';
import { DailyScheduler, PermanentSendError, postKey, type DailySender, type SchedulerOptions } from '../src/daily/scheduler.ts';
import { Subscriptions, type Platform, type Subscription } from '../src/daily/subscriptions.ts';
import { Ledger } from '../src/daily/ledger.ts';
import { canonicalTimeZone, dueInstant, localDate, parseTime } from '../src/daily/zonedTime.ts';
import { parseSubscribeArgs, status, subscribe, unsubscribe, type ManageContext } from '../src/daily/manage.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import { createLogger, type Logger } from '../src/log.ts';
import { tempDir } from './helpers/tempDir.ts';
import type { Reply, ReplyItem } from '../src/reply/reply.ts';

const { kb } = openKnowledgeBase({ corpusDir: 'data/articles', cacheDir: false });
const quiet = createLogger({ level: 'silent' });

const openDbs: Db[] = [];
after(() => {
  for (const db of openDbs) if (db.open) db.close();
});

const dailyDir = (): string => tempDir('dossier-daily-');

function freshDbPath(): string {
  return databasePath(dailyDir());
}

function open(path: string): Db {
  const db = openDatabase(path);
  openDbs.push(db);
  return db;
}

/** A small corpus of our own: several years on one day (for "oldest first"), and days on the 2024 DST changes. */
const town: KnowledgeBase = (() => {
  const dir = dailyDir();
  const articles: Array<[string, string]> = [
    ['2023-07-01', 'On June 22, 2023, the council of Springfield approved the new harbour plan after a long debate.'],
    ['2019-07-01', 'On June 22, 2019, the mayor of Springfield opened the old bridge to traffic for the first time.'],
    ['2021-07-01', 'The flood reached Springfield on June 22, 2021, and the river rose by two metres overnight.'],
    ['2022-11-01', 'On October 27, 2022, the Springfield library reopened after two years of repairs.'],
    ['2020-11-10', 'On November 3, 2020, voters in Springfield chose a new council by a wide margin.'],
    ['2018-03-20', 'On March 10, 2018, the Springfield marathon was run in heavy snow.'],
  ];
  articles.forEach(([published, text], i) => {
    writeFileSync(join(dir, `town-${i}.txt`), `---\ntitle: "Springfield ${i}"\npublished: "${published}"\nsource: "Test Wire"\n---\nSpringfield ${i}\n${text}\n`);
  });
  return openKnowledgeBase({ corpusDir: dir, cacheDir: false }).kb;
})();

// The injected clock: every scheduler and reply here reads it; tests move it.
let clock = Date.parse('2024-06-01T00:00:00Z');
const now = (): number => clock;
const at = (iso: string): number => Date.parse(iso);

type Behaviour = 'ok' | 'transient' | 'permanent' | 'crash';

interface SendCall {
  subscription: number;
  channelId: string;
  key: string;
  reply: Reply;
  at: number;
}

/** Records every send; behaves as told for the next sends (`will`), then succeeds. */
class FakeSender implements DailySender {
  readonly calls: SendCall[] = [];
  readonly delivered: SendCall[] = [];
  private readonly plan: Behaviour[] = [];

  constructor(
    readonly platform: Platform = 'discord',
    readonly idempotent: boolean = platform === 'discord',
    private readonly shared?: SendCall[],
  ) {}

  will(...behaviours: Behaviour[]): this {
    this.plan.push(...behaviours);
    return this;
  }

  owns(): boolean {
    return true;
  }

  async send(subscription: Subscription, reply: Reply, key: string): Promise<{ messageId: string | null }> {
    const call: SendCall = { subscription: subscription.id, channelId: subscription.channelId, key, reply, at: clock };
    this.calls.push(call);
    const behaviour = this.plan.shift() ?? 'ok';
    // The process dies mid-send: the promise never settles.
    if (behaviour === 'crash') return new Promise(() => {});
    // A real send waits on the network: let other work (another scheduler) run meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    if (behaviour === 'transient') throw new Error('503 Service Unavailable');
    if (behaviour === 'permanent') throw new PermanentSendError('Unknown Channel');
    this.delivered.push(call);
    this.shared?.push(call);
    return { messageId: `msg-${this.delivered.length}` };
  }
}

function schedulerOn(db: Db, senders: DailySender[], options: Partial<SchedulerOptions> = {}): DailyScheduler {
  return new DailyScheduler({ db, kb, senders, log: quiet, now, ...options });
}

function subscribeChannel(db: Db, s: { platform?: Platform; channelId?: string; time: string; timezone: string }): Subscription {
  const platform = s.platform ?? 'discord';
  return new Subscriptions(db).upsert({
    platform, channelId: s.channelId ?? 'c1', guildId: platform === 'discord' ? 'g1' : 'T1', time: s.time, timezone: s.timezone, createdBy: 'u1', now: clock,
  });
}

function items(reply: Reply): ReplyItem[] {
  return reply.sections.flatMap((s) => s.items);
}

/** A logger at info level writing JSON lines to memory. */
function capturedLog(): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    log: createLogger({ level: 'info', destination }),
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

function hhmm(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

describe('zonedTime', () => {
  test('09:00 on a normal day and the day before, of and after each 2024 DST change is 09:00 local', () => {
    const cases: Array<[string, string, string]> = [
      ['UTC', '2024-06-22', '2024-06-22T09:00:00Z'],
      ['UTC', '2024-03-10', '2024-03-10T09:00:00Z'],
      ['Asia/Jerusalem', '2024-06-22', '2024-06-22T06:00:00Z'], // summer, +03:00
      ['Asia/Jerusalem', '2024-01-15', '2024-01-15T07:00:00Z'], // winter, +02:00
      // Spring forward 2024-03-29 02:00 → 03:00.
      ['Asia/Jerusalem', '2024-03-28', '2024-03-28T07:00:00Z'],
      ['Asia/Jerusalem', '2024-03-29', '2024-03-29T06:00:00Z'],
      ['Asia/Jerusalem', '2024-03-30', '2024-03-30T06:00:00Z'],
      // Fall back 2024-10-27 02:00 → 01:00.
      ['Asia/Jerusalem', '2024-10-26', '2024-10-26T06:00:00Z'],
      ['Asia/Jerusalem', '2024-10-27', '2024-10-27T07:00:00Z'],
      ['Asia/Jerusalem', '2024-10-28', '2024-10-28T07:00:00Z'],
      ['America/New_York', '2024-06-22', '2024-06-22T13:00:00Z'],
      // Spring forward 2024-03-10, fall back 2024-11-03.
      ['America/New_York', '2024-03-09', '2024-03-09T14:00:00Z'],
      ['America/New_York', '2024-03-10', '2024-03-10T13:00:00Z'],
      ['America/New_York', '2024-03-11', '2024-03-11T13:00:00Z'],
      ['America/New_York', '2024-11-02', '2024-11-02T13:00:00Z'],
      ['America/New_York', '2024-11-03', '2024-11-03T14:00:00Z'],
      ['America/New_York', '2024-11-04', '2024-11-04T14:00:00Z'],
    ];
    for (const [zone, date, expected] of cases) {
      const due = dueInstant(date, '09:00', zone);
      assert.equal(new Date(due).toISOString(), new Date(expected).toISOString(), `09:00 ${zone} on ${date}`);
      assert.equal(hhmm(due, zone), '09:00', `${zone} ${date} reads 09:00 locally`);
      assert.equal(localDate(due, zone), date);
    }
  });

  test('a time the clocks skip is due at the first minute after the jump', () => {
    // Jerusalem 2024-03-29: 01:59 +02:00 is followed by 03:00 +03:00 (2024-03-29T00:00Z).
    assert.equal(new Date(dueInstant('2024-03-29', '02:30', 'Asia/Jerusalem')).toISOString(), '2024-03-29T00:00:00.000Z');
    assert.equal(hhmm(dueInstant('2024-03-29', '02:30', 'Asia/Jerusalem'), 'Asia/Jerusalem'), '03:00');
    assert.equal(new Date(dueInstant('2024-03-29', '02:00', 'Asia/Jerusalem')).toISOString(), '2024-03-29T00:00:00.000Z');
    assert.equal(new Date(dueInstant('2024-03-29', '02:59', 'Asia/Jerusalem')).toISOString(), '2024-03-29T00:00:00.000Z');
    // The minutes either side of the gap are untouched.
    assert.equal(new Date(dueInstant('2024-03-29', '01:59', 'Asia/Jerusalem')).toISOString(), '2024-03-28T23:59:00.000Z');
    assert.equal(new Date(dueInstant('2024-03-29', '03:00', 'Asia/Jerusalem')).toISOString(), '2024-03-29T00:00:00.000Z');
    assert.equal(new Date(dueInstant('2024-03-29', '03:01', 'Asia/Jerusalem')).toISOString(), '2024-03-29T00:01:00.000Z');
    // New York 2024-03-10: 01:59 EST is followed by 03:00 EDT (07:00Z).
    assert.equal(new Date(dueInstant('2024-03-10', '02:30', 'America/New_York')).toISOString(), '2024-03-10T07:00:00.000Z');
    assert.equal(hhmm(dueInstant('2024-03-10', '02:30', 'America/New_York'), 'America/New_York'), '03:00');
  });

  test('a time that happens twice is due once, at the first', () => {
    // Jerusalem 2024-10-27: 01:30 happens at 22:30Z (+03:00) and again at 23:30Z (+02:00).
    assert.equal(hhmm(at('2024-10-26T22:30:00Z'), 'Asia/Jerusalem'), '01:30');
    assert.equal(hhmm(at('2024-10-26T23:30:00Z'), 'Asia/Jerusalem'), '01:30');
    assert.equal(new Date(dueInstant('2024-10-27', '01:30', 'Asia/Jerusalem')).toISOString(), '2024-10-26T22:30:00.000Z');
    // New York 2024-11-03: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    assert.equal(hhmm(at('2024-11-03T06:30:00Z'), 'America/New_York'), '01:30');
    assert.equal(new Date(dueInstant('2024-11-03', '01:30', 'America/New_York')).toISOString(), '2024-11-03T05:30:00.000Z');
  });

  test('localDate near midnight', () => {
    assert.equal(localDate(at('2024-06-21T20:59:59Z'), 'Asia/Jerusalem'), '2024-06-21'); // 23:59:59 +03:00
    assert.equal(localDate(at('2024-06-21T21:00:00Z'), 'Asia/Jerusalem'), '2024-06-22'); // 00:00 +03:00
    assert.equal(localDate(at('2024-01-14T21:59:00Z'), 'Asia/Jerusalem'), '2024-01-14'); // 23:59 +02:00
    assert.equal(localDate(at('2024-01-14T22:00:00Z'), 'Asia/Jerusalem'), '2024-01-15');
    assert.equal(localDate(at('2024-06-22T03:59:00Z'), 'America/New_York'), '2024-06-21'); // 23:59 EDT
    assert.equal(localDate(at('2024-06-22T04:00:00Z'), 'America/New_York'), '2024-06-22');
    assert.equal(localDate(at('2024-11-03T04:59:00Z'), 'America/New_York'), '2024-11-03'); // 00:59 EDT, fall-back day
    assert.equal(localDate(at('2024-06-21T23:59:59Z'), 'UTC'), '2024-06-21');
    assert.equal(localDate(at('2024-06-22T00:00:00Z'), 'UTC'), '2024-06-22');
  });

  test('parseTime and parseSubscribeArgs read times and zones, with defaults, and name the right form when wrong', () => {
    assert.equal(parseTime('08:30'), '08:30');
    assert.equal(parseTime('8:30'), '08:30');
    assert.equal(parseTime('8am'), '08:00');
    assert.equal(parseTime('12am'), '00:00');
    assert.equal(parseTime('11:45pm'), '23:45');
    assert.equal(parseTime('25:00'), null);
    assert.equal(parseTime('9:60'), null);
    assert.equal(parseTime('13pm'), null);
    assert.equal(canonicalTimeZone('asia/jerusalem'), 'Asia/Jerusalem');
    assert.equal(canonicalTimeZone('utc'), 'UTC');
    assert.equal(canonicalTimeZone('Mars/Olympus'), null);

    assert.deepEqual(parseSubscribeArgs(''), { time: '09:00', timezone: 'UTC' });
    assert.deepEqual(parseSubscribeArgs('08:30'), { time: '08:30', timezone: 'UTC' });
    assert.deepEqual(parseSubscribeArgs('8:30'), { time: '08:30', timezone: 'UTC' });
    assert.deepEqual(parseSubscribeArgs('8am'), { time: '08:00', timezone: 'UTC' });
    assert.deepEqual(parseSubscribeArgs('Asia/Jerusalem'), { time: '09:00', timezone: 'Asia/Jerusalem' });
    assert.deepEqual(parseSubscribeArgs('asia/jerusalem'), { time: '09:00', timezone: 'Asia/Jerusalem' });
    assert.deepEqual(parseSubscribeArgs('8:30 asia/jerusalem'), { time: '08:30', timezone: 'Asia/Jerusalem' });
    assert.deepEqual(parseSubscribeArgs('america/new_york 18:30'), { time: '18:30', timezone: 'America/New_York' });
    assert.deepEqual(parseSubscribeArgs('time 07:15 timezone UTC'), { time: '07:15', timezone: 'UTC' });

    const badTime = parseSubscribeArgs('25:00');
    assert.ok('problem' in badTime);
    assert.match(badTime.problem, /"25:00" is not a time/);
    assert.match(badTime.problem, /HH:MM/);
    const badZone = parseSubscribeArgs('08:30 Mars/Olympus');
    assert.ok('problem' in badZone);
    assert.match(badZone.problem, /"Mars\/Olympus" is not a time zone/);
    assert.match(badZone.problem, /IANA name/);
    assert.doesNotMatch(badZone.problem, /HH:MM/);
  });
});

describe('migrations', () => {
  test('a new file gets schema version 1 with its tables; opening it again applies nothing', () => {
    const path = freshDbPath();
    assert.equal(existsSync(path), false);
    const db = open(path);
    assert.ok(existsSync(path));
    assert.equal(schemaVersion(db), 1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    for (const table of ['subscriptions', 'posts', 'schema_migrations']) assert.ok(tables.includes(table), `table ${table}`);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const recorded = db.prepare('SELECT version, name, applied_at FROM schema_migrations').all();
    assert.equal(recorded.length, 1);
    assert.deepEqual(migrate(db), []);
    subscribeChannel(db, { time: '09:00', timezone: 'UTC' });
    db.close();

    const again = open(path);
    assert.equal(schemaVersion(again), 1);
    assert.deepEqual(again.prepare('SELECT version, name, applied_at FROM schema_migrations').all(), recorded, 'nothing applied a second time');
    assert.deepEqual(migrate(again), []);
    assert.equal(new Subscriptions(again).active().length, 1, 'the data is still there');
  });

  test('two openDatabase calls on the same fresh path both succeed and share the file', () => {
    const path = freshDbPath();
    const a = open(path);
    const b = open(path);
    assert.equal(schemaVersion(a), 1);
    assert.equal(schemaVersion(b), 1);
    assert.equal((b.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, 1);
    subscribeChannel(a, { time: '09:00', timezone: 'UTC' });
    assert.equal(new Subscriptions(b).active().length, 1);
  });

  test('several threads opening one new file at the same moment all succeed; the schema is made once', async () => {
    const path = freshDbPath();
    const gate = new SharedArrayBuffer(8); // [0]: workers ready, [1]: go
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      (async () => {
        (await import(workerData.tsx)).register();
        const store = await import(workerData.db);
        const gate = new Int32Array(workerData.gate);
        Atomics.add(gate, 0, 1);
        parentPort.postMessage({ ready: true });
        Atomics.wait(gate, 1, 0);
        const db = store.openDatabase(workerData.path);
        const version = store.schemaVersion(db);
        db.close();
        parentPort.postMessage({ ok: true, version });
      })().catch((err) => parentPort.postMessage({ ok: false, error: String((err && err.stack) || err) }));
    `;
    const workerData = { path, gate, tsx: import.meta.resolve('tsx/esm/api'), db: new URL('../src/store/db.ts', import.meta.url).href };
    const workers = Array.from({ length: 4 }, () => new Worker(code, { eval: true, workerData }));
    const next = (w: Worker): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
    try {
      const ready = await Promise.all(workers.map(next));
      for (const r of ready) assert.equal(r.ready, true, String(r.error));
      const done = Promise.all(workers.map(next));
      const flags = new Int32Array(gate);
      Atomics.store(flags, 1, 1);
      Atomics.notify(flags, 1);
      for (const r of await done) assert.deepEqual(r, { ok: true, version: 1 }, String(r.error));
      const db = open(path);
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n, 1);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });
});

describe('scheduler', () => {
  test('posts once at 09:00 Jerusalem time on its local date, then the next day for the next date', async () => {
    const db = open(freshDbPath());
    clock = at('2024-06-22T03:00:00Z');
    const sub = subscribeChannel(db, { time: '09:00', timezone: 'Asia/Jerusalem' });
    const sender = new FakeSender('discord');
    const s = schedulerOn(db, [sender], { owner: 'p1' });

    clock = at('2024-06-22T05:59:00Z'); // 08:59 local
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 0);
    assert.equal(s.ledger.get(sub.id, '2024-06-22'), null);

    clock = at('2024-06-22T06:00:00Z'); // 09:00 local
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'sent' }]);
    assert.equal(sender.calls.length, 1);
    const first = sender.calls[0]!;
    assert.equal(first.key, postKey(sub, '2024-06-22'));
    assert.equal(first.channelId, 'c1');
    assert.equal(first.reply.title, 'On this day: June 22');
    assert.equal(first.reply.summary, '1 event on June 22, oldest first.');
    const expected = kb.events.onMonthDay('06-22');
    assert.ok(expected.length > 0);
    assert.deepEqual(items(first.reply).map((i) => i.text), expected.map((e) => e.text));
    for (const [i, item] of items(first.reply).entries()) {
      assert.match(item.label ?? '', /^22 June 2023$/);
      assert.deepEqual(item.citation, kb.citation(expected[i]!.article, expected[i]!.paragraph));
      assert.ok(item.citation?.title);
    }
    const row = s.ledger.get(sub.id, '2024-06-22')!;
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.equal(row.claimed_by, 'p1');
    assert.equal(row.message_id, 'msg-1');
    assert.equal(row.sent_at, clock);

    for (const t of ['2024-06-22T06:00:00Z', '2024-06-22T06:01:00Z', '2024-06-22T12:00:00Z', '2024-06-22T20:59:00Z']) {
      clock = at(t);
      assert.deepEqual(await s.tick(), [], `nothing more at ${t}`);
    }
    assert.equal(sender.calls.length, 1);

    clock = at('2024-06-22T21:00:00Z'); // 00:00 on 06-23 locally
    assert.deepEqual(await s.tick(), []);
    clock = at('2024-06-23T05:59:00Z');
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 1);
    clock = at('2024-06-23T06:00:00Z');
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-23', outcome: 'sent' }]);
    assert.equal(sender.calls.length, 2);
    const second = sender.calls[1]!;
    assert.equal(second.key, postKey(sub, '2024-06-23'));
    // 06-23 has an event of its own (2025): not a "nearest" post.
    assert.equal(second.reply.title, 'On this day: June 23');
    assert.equal(second.reply.summary, '1 event on June 23, oldest first.');
    assert.deepEqual(items(second.reply).map((i) => i.label), ['23 June 2025']);

    // 06-24 has none: the nearest day within three, labelled.
    clock = at('2024-06-24T06:00:00Z');
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-24', outcome: 'sent' }]);
    const third = sender.calls[2]!;
    assert.equal(third.reply.title, 'On this day: June 24');
    assert.match(third.reply.summary ?? '', /Nothing in the articles happened on June 24\. Nearest: June 23 \(1 day before\)/);
    assert.equal(third.reply.sections[0]!.heading, 'Nearest day: June 23');
    assert.deepEqual(items(third.reply).map((i) => i.label), ['23 June 2025']);
    assert.equal(sender.calls.length, 3);
  });

  test('a local date with no events within 3 days is not posted; its ledger row is skipped', async () => {
    for (let d = 12; d <= 18; d++) assert.deepEqual(kb.events.onMonthDay(`01-${d}`), [], `no events on 01-${d}`);
    const db = open(freshDbPath());
    clock = at('2024-01-15T06:00:00Z');
    const sub = subscribeChannel(db, { time: '09:00', timezone: 'Asia/Jerusalem' });
    const sender = new FakeSender('discord');
    const s = schedulerOn(db, [sender]);
    clock = at('2024-01-15T06:59:00Z');
    assert.deepEqual(await s.tick(), []);
    clock = at('2024-01-15T07:00:00Z'); // 09:00 +02:00
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-01-15', outcome: 'skipped' }]);
    assert.equal(s.ledger.get(sub.id, '2024-01-15')?.status, 'skipped');
    clock = at('2024-01-15T15:00:00Z');
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 0);
    assert.equal(s.ledger.sentCount(sub.id), 0);
  });

  test("the post's items are oldest first, each with its date label and citation", async () => {
    const db = open(freshDbPath());
    clock = at('2024-06-22T08:00:00Z');
    subscribeChannel(db, { platform: 'slack', time: '09:00', timezone: 'UTC' });
    const sender = new FakeSender('slack');
    const s = schedulerOn(db, [sender], { kb: town });
    clock = at('2024-06-22T09:00:00Z');
    await s.tick();
    assert.equal(sender.calls.length, 1);
    const posted = items(sender.calls[0]!.reply);
    assert.deepEqual(posted.map((i) => i.label), ['22 June 2019', '22 June 2021', '22 June 2023']);
    assert.deepEqual(posted.map((i) => i.citation?.published), ['2019-07-01', '2021-07-01', '2023-07-01']);
    for (const item of posted) {
      assert.match(item.citation?.title ?? '', /^Springfield \d$/);
      assert.equal(item.citation?.source, 'Test Wire');
    }
    assert.equal(sender.calls[0]!.reply.summary, '3 events on June 22, oldest first.');
  });

  test('on DST days: a skipped 02:30 posts at 03:00, a doubled 01:30 posts once', async () => {
    const db = open(freshDbPath());
    clock = at('2024-03-09T12:00:00Z');
    const ny = subscribeChannel(db, { channelId: 'ny', time: '02:30', timezone: 'America/New_York' });
    const sender = new FakeSender('discord');
    const s = schedulerOn(db, [sender], { kb: town });
    clock = at('2024-03-10T06:59:00Z'); // 01:59 EST
    assert.deepEqual(await s.tick(), []);
    clock = at('2024-03-10T07:00:00Z'); // 03:00 EDT
    assert.deepEqual(await s.tick(), [{ subscription: ny.id, localDate: '2024-03-10', outcome: 'sent' }]);
    assert.equal(sender.calls[0]!.reply.title, 'On this day: March 10');
    clock = at('2024-03-10T07:30:00Z');
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 1);

    new Subscriptions(db).remove('discord', 'ny');
    clock = at('2024-10-26T12:00:00Z');
    const jer = subscribeChannel(db, { channelId: 'jer', time: '01:30', timezone: 'Asia/Jerusalem' });
    clock = at('2024-10-26T22:29:00Z');
    assert.deepEqual(await s.tick(), []);
    clock = at('2024-10-26T22:30:00Z'); // the first 01:30 (+03:00)
    assert.deepEqual(await s.tick(), [{ subscription: jer.id, localDate: '2024-10-27', outcome: 'sent' }]);
    clock = at('2024-10-26T23:30:00Z'); // the second 01:30 (+02:00)
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 2);
    assert.equal(sender.calls[1]!.reply.title, 'On this day: October 27');
  });
});

describe('restarts', () => {
  test('a new scheduler started later the same local day posts what is still due', async () => {
    const path = freshDbPath();
    const oldDb = open(path);
    clock = at('2024-06-22T04:00:00Z'); // 07:00 in Jerusalem
    const sub = subscribeChannel(oldDb, { time: '09:00', timezone: 'Asia/Jerusalem' });
    const oldSender = new FakeSender('discord');
    const old = schedulerOn(oldDb, [oldSender], { owner: 'old' });
    assert.deepEqual(await old.tick(), []); // before the time; then the process stops
    oldDb.close();

    clock = at('2024-06-22T12:00:00Z'); // 15:00 local, long after 09:00
    const newDb = open(path);
    const sender = new FakeSender('discord');
    const s = schedulerOn(newDb, [sender], { owner: 'new' });
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'sent' }]);
    assert.equal(sender.calls.length, 1);
    assert.equal(oldSender.calls.length, 0);
    assert.equal(s.ledger.get(sub.id, '2024-06-22')?.claimed_by, 'new');
  });

  test('after a post was sent, a new scheduler on the same file posts nothing again', async () => {
    const path = freshDbPath();
    const firstDb = open(path);
    clock = at('2024-06-22T05:00:00Z');
    const sub = subscribeChannel(firstDb, { time: '09:00', timezone: 'Asia/Jerusalem' });
    const firstSender = new FakeSender('discord');
    clock = at('2024-06-22T06:00:00Z');
    await schedulerOn(firstDb, [firstSender], { owner: 'first' }).tick();
    assert.equal(firstSender.calls.length, 1);
    firstDb.close();

    const sender = new FakeSender('discord');
    const s = schedulerOn(open(path), [sender], { owner: 'second' });
    for (const t of ['2024-06-22T06:01:00Z', '2024-06-22T14:00:00Z', '2024-06-23T05:59:00Z']) {
      clock = at(t);
      assert.deepEqual(await s.tick(), []);
    }
    assert.equal(sender.calls.length, 0);
    assert.equal(s.ledger.sentCount(sub.id), 1);
  });

  for (const idempotent of [true, false]) {
    const platform: Platform = idempotent ? 'discord' : 'slack';
    test(`a crash during a send on ${platform} (idempotent: ${idempotent}): ${idempotent ? 'resent with the same key after the lease' : 'marked unknown, never resent'}`, async () => {
      const path = freshDbPath();
      const dbA = open(path);
      clock = at('2024-06-22T05:00:00Z');
      const sub = subscribeChannel(dbA, { platform, time: '09:00', timezone: 'Asia/Jerusalem' });
      const senderA = new FakeSender(platform, idempotent).will('crash');
      const a = schedulerOn(dbA, [senderA], { owner: 'A', leaseMs: 120_000 });
      clock = at('2024-06-22T06:00:00Z');
      void a.tick(); // never settles: A "dies" mid-send
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(senderA.calls.length, 1);
      const claimed = a.ledger.get(sub.id, '2024-06-22')!;
      assert.equal(claimed.status, 'sending');
      assert.equal(claimed.claimed_by, 'A');
      dbA.close();

      const { log, lines } = capturedLog();
      const senderB = new FakeSender(platform, idempotent);
      const b = schedulerOn(open(path), [senderB], { owner: 'B', leaseMs: 120_000, log });
      clock = at('2024-06-22T06:01:59Z'); // within the lease
      assert.deepEqual(await b.tick(), []);
      assert.equal(senderB.calls.length, 0);
      assert.equal(b.ledger.get(sub.id, '2024-06-22')?.status, 'sending');

      clock = at('2024-06-22T06:02:00Z'); // the lease is over
      const reports = await b.tick();
      const interrupted = (): number => lines().filter((l) => l.msg === 'a post was interrupted mid-send; not resent').length;
      if (idempotent) {
        assert.deepEqual(reports, [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'sent' }]);
        assert.equal(senderB.calls.length, 1);
        assert.equal(senderB.calls[0]!.key, senderA.calls[0]!.key, 'the same nonce, so Discord does not post it twice');
        const row = b.ledger.get(sub.id, '2024-06-22')!;
        assert.equal(row.status, 'sent');
        assert.equal(row.attempts, 2);
        assert.equal(row.claimed_by, 'B');
      } else {
        assert.equal(senderB.calls.length, 0);
        const row = b.ledger.get(sub.id, '2024-06-22')!;
        assert.equal(row.status, 'unknown');
        assert.match(row.last_error ?? '', /not resent/);
        assert.equal(interrupted(), 1, 'the interruption is logged when it is found');
      }
      for (const t of ['2024-06-22T06:10:00Z', '2024-06-22T12:00:00Z', '2024-06-22T20:00:00Z']) {
        clock = at(t);
        assert.deepEqual(await b.tick(), []);
      }
      assert.equal(senderA.calls.length + senderB.calls.length, idempotent ? 2 : 1);
      if (!idempotent) assert.equal(interrupted(), 1, 'logged once, not again on every tick');
    });
  }
});

test('two schedulers on one file, racing at every due time, send each (subscription, date) exactly once', async () => {
  const path = freshDbPath();
  const dbA = open(path);
  const dbB = open(path);
  clock = at('2024-06-21T00:00:00Z');
  const zones = ['Asia/Jerusalem', 'America/New_York', 'UTC'];
  const times = ['00:00', '06:15', '09:00', '13:30', '23:45'];
  const subs = Array.from({ length: 15 }, (_, i) => subscribeChannel(dbA, { channelId: `c${i}`, time: times[i % 5]!, timezone: zones[i % 3]! }));
  const delivered: SendCall[] = [];
  const senderA = new FakeSender('discord', true, delivered);
  const senderB = new FakeSender('discord', true, delivered);
  const a = schedulerOn(dbA, [senderA], { owner: 'A' });
  const b = schedulerOn(dbB, [senderB], { owner: 'B' });

  const dates = ['2024-06-22', '2024-06-23'];
  const instants = [...new Set(subs.flatMap((s) => dates.flatMap((d) => {
    const due = dueInstant(d, s.time, s.timezone);
    return [due, due + 60_000];
  })))].sort((x, y) => x - y);
  for (const t of instants) {
    clock = t;
    for (let round = 0; round < 3; round++) await Promise.all([a.tick(), b.tick()]);
  }

  const byKey = new Map<string, number>();
  for (const call of delivered) byKey.set(call.key, (byKey.get(call.key) ?? 0) + 1);
  for (const [key, n] of byKey) assert.equal(n, 1, `${key} sent ${n} times`);
  for (const s of subs) for (const d of dates) assert.equal(byKey.get(postKey(s, d)), 1, `${postKey(s, d)} sent`);
  const sentRows = (dbB.prepare("SELECT COUNT(*) AS n FROM posts WHERE status = 'sent'").get() as { n: number }).n;
  assert.equal(sentRows, delivered.length);
  assert.equal(senderA.calls.length + senderB.calls.length, delivered.length, 'no send was even attempted twice');
  assert.ok(senderA.delivered.length > 0 && senderB.delivered.length > 0, 'both schedulers took part');
});

describe('failures', () => {
  test('a send that fails twice then succeeds: retried only after each backoff, 3 attempts, one post', async () => {
    const db = open(freshDbPath());
    clock = at('2024-06-22T05:00:00Z');
    const sub = subscribeChannel(db, { time: '09:00', timezone: 'Asia/Jerusalem' });
    const sender = new FakeSender('discord').will('transient', 'transient');
    const backoffMs = (attempt: number): number => attempt * 5 * 60_000; // 5 min, then 10 min
    const s = schedulerOn(db, [sender], { backoffMs });
    const due = at('2024-06-22T06:00:00Z');

    clock = due;
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'retry' }]);
    let row = s.ledger.get(sub.id, '2024-06-22')!;
    assert.equal(row.status, 'retry');
    assert.equal(row.attempts, 1);
    assert.equal(row.next_attempt_at, due + 5 * 60_000);
    assert.match(row.last_error ?? '', /503/);

    clock = due + 5 * 60_000 - 1000; // just before the backoff ends
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 1);

    clock = due + 5 * 60_000;
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'retry' }]);
    row = s.ledger.get(sub.id, '2024-06-22')!;
    assert.equal(row.attempts, 2);
    assert.equal(row.next_attempt_at, due + 15 * 60_000);

    clock = due + 15 * 60_000 - 1000;
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 2);

    clock = due + 15 * 60_000;
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'sent' }]);
    row = s.ledger.get(sub.id, '2024-06-22')!;
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, null);
    assert.deepEqual(sender.calls.map((c) => c.at), [due, due + 5 * 60_000, due + 15 * 60_000]);
    assert.ok(sender.calls.every((c) => c.key === postKey(sub, '2024-06-22')));
    assert.equal(sender.delivered.length, 1);

    clock = due + 60 * 60_000;
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 3);
  });

  test('a retry that would fall after the end of the local day is abandoned, not retried tomorrow', async () => {
    const db = open(freshDbPath());
    clock = at('2024-06-22T12:00:00Z');
    const sub = subscribeChannel(db, { time: '23:50', timezone: 'Asia/Jerusalem' });
    const sender = new FakeSender('discord').will('transient', 'transient');
    const s = schedulerOn(db, [sender], { backoffMs: (attempt) => attempt * 5 * 60_000 });

    clock = at('2024-06-22T20:50:00Z'); // 23:50 local: the retry at 23:55 is still today
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'retry' }]);
    clock = at('2024-06-22T20:55:00Z'); // 23:55: the next wait (10 min) would end on 06-23
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'abandoned' }]);
    const row = s.ledger.get(sub.id, '2024-06-22')!;
    assert.equal(row.status, 'abandoned');
    assert.equal(row.attempts, 2);
    assert.match(row.last_error ?? '', /end of the day/);
    assert.equal(new Subscriptions(db).get('discord', 'c1')?.active, true, 'only that day is given up');

    for (const t of ['2024-06-22T21:05:00Z', '2024-06-23T06:00:00Z', '2024-06-23T20:49:00Z']) {
      clock = at(t);
      assert.deepEqual(await s.tick(), [], `nothing at ${t}`);
    }
    assert.equal(sender.calls.length, 2);

    clock = at('2024-06-23T20:50:00Z'); // 23:50 on 06-23: that day's own post
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-23', outcome: 'sent' }]);
    assert.equal(sender.calls.length, 3);
    assert.equal(sender.calls[2]!.key, postKey(sub, '2024-06-23'));
    assert.equal(sender.calls[2]!.reply.title, 'On this day: June 23');
    assert.equal(s.ledger.get(sub.id, '2024-06-22')?.status, 'abandoned');
    assert.deepEqual(sender.delivered.map((c) => c.key), [postKey(sub, '2024-06-23')]);
  });

  test('a deleted channel disables the subscription, abandons the post, logs it, and is not tried again', async () => {
    const db = open(freshDbPath());
    clock = at('2024-06-22T05:00:00Z');
    const sub = subscribeChannel(db, { platform: 'slack', channelId: 'C-gone', time: '09:00', timezone: 'Asia/Jerusalem' });
    const sender = new FakeSender('slack').will('permanent');
    const { log, lines } = capturedLog();
    const s = schedulerOn(db, [sender], { log });

    clock = at('2024-06-22T06:00:00Z');
    assert.deepEqual(await s.tick(), [{ subscription: sub.id, localDate: '2024-06-22', outcome: 'abandoned' }]);
    const now = new Subscriptions(db).get('slack', 'C-gone')!;
    assert.equal(now.active, false);
    assert.equal(now.disabledReason, 'Unknown Channel');
    const row = s.ledger.get(sub.id, '2024-06-22')!;
    assert.equal(row.status, 'abandoned');
    assert.equal(row.last_error, 'Unknown Channel');
    const logged = lines().filter((l) => l.msg === 'daily posts disabled: the channel is gone or closed to the bot');
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.level, 40);
    assert.equal(logged[0]!.reason, 'Unknown Channel');
    assert.equal(logged[0]!.channel, 'C-gone');

    for (const t of ['2024-06-22T06:05:00Z', '2024-06-22T12:00:00Z', '2024-06-23T06:00:00Z', '2024-06-24T06:00:00Z']) {
      clock = at(t);
      assert.deepEqual(await s.tick(), []);
    }
    assert.equal(sender.calls.length, 1);
    assert.equal(s.ledger.get(sub.id, '2024-06-23'), null);
    const reply = status({ subscriptions: new Subscriptions(db), ledger: new Ledger(db), kb, platform: 'slack', channelId: 'C-gone', guildId: 'T1', userId: 'U1', now: clock });
    assert.match(reply.summary ?? '', /Disabled because Unknown Channel/);
  });
});

describe('manage', () => {
  function ctxFor(db: Db, over: Partial<ManageContext> = {}): ManageContext {
    return { subscriptions: new Subscriptions(db), ledger: new Ledger(db), kb, platform: 'slack', channelId: 'C1', guildId: 'T1', userId: 'U1', now: clock, ...over };
  }

  test('subscribe, subscribe again, status, a post, status, unsubscribe', async () => {
    const db = open(freshDbPath());
    clock = at('2024-06-22T05:00:00Z'); // 05:00 UTC, 08:00 in Jerusalem

    const first = subscribe(ctxFor(db), '');
    assert.equal(first.kind, 'answer');
    assert.match(first.summary ?? '', /every day at 09:00 UTC\b/);
    assert.match(first.summary ?? '', /Next: 2024-06-22 at 09:00 UTC \(in 4 h 0 min\)/);
    assert.equal(first.sections[0]!.heading, 'On this day: June 22');
    assert.equal(first.sections[0]!.body, '1 event on June 22, oldest first.');
    assert.deepEqual(first.sections[0]!.items.map((i) => i.text), kb.events.onMonthDay('06-22').map((e) => e.text));
    const stored = new Subscriptions(db).get('slack', 'C1')!;
    assert.deepEqual([stored.time, stored.timezone, stored.active], ['09:00', 'UTC', true]);

    const moved = subscribe(ctxFor(db), '8:30 asia/jerusalem');
    assert.match(moved.summary ?? '', /every day at 08:30 Asia\/Jerusalem/);
    assert.match(moved.summary ?? '', /Next: 2024-06-22 at 08:30 Asia\/Jerusalem \(in 30 min\)/);
    const updated = new Subscriptions(db).get('slack', 'C1')!;
    assert.equal(updated.id, stored.id, 'the same subscription, updated');
    assert.deepEqual([updated.time, updated.timezone], ['08:30', 'Asia/Jerusalem']);
    assert.equal(new Subscriptions(db).active().length, 1);

    // 07:00 has passed today in Jerusalem but nothing was posted today: due now, for today.
    const early = subscribe(ctxFor(db), '7am Asia/Jerusalem');
    assert.match(early.summary ?? '', /Next: 2024-06-22 at 07:00 Asia\/Jerusalem \(due now\)/);
    assert.equal(early.sections[0]!.heading, 'On this day: June 22');

    let st = status(ctxFor(db));
    assert.equal(st.kind, 'answer');
    assert.equal(st.title, 'Daily post: on');
    assert.match(st.summary ?? '', /Every day at 07:00 Asia\/Jerusalem\. Next: 2024-06-22 at 07:00 Asia\/Jerusalem \(due now\)/);
    assert.match(st.summary ?? '', /Posts made so far: 0\./);

    const sender = new FakeSender('slack');
    const s = schedulerOn(db, [sender]);
    clock = at('2024-06-22T05:01:00Z'); // the next minute's tick posts it
    assert.equal((await s.tick())[0]?.outcome, 'sent');
    assert.equal(sender.delivered.length, 1);
    assert.equal(sender.delivered[0]!.key, postKey(stored, '2024-06-22'));
    st = status(ctxFor(db));
    assert.match(st.summary ?? '', /Next: 2024-06-23 at 07:00 Asia\/Jerusalem \(in 22 h 59 min\)/);
    assert.match(st.summary ?? '', /Posts made so far: 1\./);

    // Moving the time later on a day already posted: no second post today, so the next is tomorrow's.
    clock = at('2024-06-22T06:00:00Z'); // 09:00 local
    const later = subscribe(ctxFor(db), '10:00 Asia/Jerusalem');
    assert.match(later.summary ?? '', /Next: 2024-06-23 at 10:00 Asia\/Jerusalem/);
    assert.equal(later.sections[0]!.heading, 'On this day: June 23');
    assert.match(status(ctxFor(db)).summary ?? '', /Next: 2024-06-23 at 10:00 Asia\/Jerusalem/);
    clock = at('2024-06-22T07:00:00Z'); // 10:00 local
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 1);
    clock = at('2024-06-23T07:00:00Z');
    assert.equal((await s.tick())[0]?.localDate, '2024-06-23');
    assert.match(status(ctxFor(db)).summary ?? '', /Posts made so far: 2\./);

    const gone = unsubscribe(ctxFor(db));
    assert.equal(gone.title, 'Unsubscribed');
    assert.equal(new Subscriptions(db).active('slack').length, 0);
    const after = status(ctxFor(db));
    assert.equal(after.kind, 'not-found');
    assert.match(after.summary ?? '', /not subscribed/);
    const again = unsubscribe(ctxFor(db));
    assert.equal(again.kind, 'not-found');
    assert.equal(again.title, 'Not subscribed');
    assert.equal((await s.tick()).length, 0, 'no post while unsubscribed');
    // Subscribing again the same day does not post that day a second time.
    subscribe(ctxFor(db), '10:00 Asia/Jerusalem');
    assert.deepEqual(await s.tick(), []);
    assert.equal(sender.calls.length, 2);
  });

  test('a Discord DM is refused; bad arguments name the problem and store nothing; an empty day says no post', () => {
    const db = open(freshDbPath());
    clock = at('2024-01-15T05:00:00Z');
    const dm = subscribe(ctxFor(db, { platform: 'discord', guildId: null, channelId: 'D1' }), '09:00 UTC');
    assert.equal(dm.kind, 'error');
    assert.match(dm.title, /direct message/i);
    assert.equal(new Subscriptions(db).get('discord', 'D1'), null);

    const badTime = subscribe(ctxFor(db), '25:00');
    assert.equal(badTime.kind, 'error');
    assert.match(badTime.summary ?? '', /"25:00" is not a time\. Use HH:MM/);
    const badZone = subscribe(ctxFor(db), 'Mars/Olympus');
    assert.equal(badZone.kind, 'error');
    assert.match(badZone.summary ?? '', /IANA name/);
    assert.equal(new Subscriptions(db).get('slack', 'C1'), null);

    const guild = subscribe(ctxFor(db, { platform: 'discord', guildId: 'G1', channelId: 'G1-general' }), '');
    assert.equal(guild.kind, 'answer');
    assert.match(guild.sections[0]!.body ?? '', /No post would be made that day/);
    assert.ok(new Subscriptions(db).get('discord', 'G1-general')?.active);
  });
});

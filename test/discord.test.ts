/**
 * Dossier on Discord, end to end: the real discord.js Client with the real handlers, talking over real
 * sockets to a local stand-in for Discord (test/helpers/fakeDiscord.ts): REST on 127.0.0.1 and a gateway
 * that speaks the protocol. Interactions and messages go in as Discord would send them; the assertions
 * are on what the bot sent back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { FakeDiscord, type RecordedRequest } from './helpers/fakeDiscord.ts';
import { DiscordAuthError, DiscordBot } from '../src/discord/bot.ts';
import { PageStore } from '../src/chat/pageStore.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import { createLogger } from '../src/log.ts';
import { LIMITS } from '../src/discord/render.ts';
import { runScript, SEED_CORPUS, startScript } from './helpers/spawn.ts';
import { tempDatabase } from './helpers/database.ts';

const TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2Nw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789';
const APP_ID = '101234567890123456';
const BOT_ID = '101234567890123456';
const GUILD = '800000000000000001';
const CHANNEL = '800000000000000011';
const DM_CHANNEL = '800000000000000099';
const USER = '300000000000000001';
const OTHER_USER = '300000000000000002';

const quiet = createLogger({ level: 'silent' });
const { kb } = openKnowledgeBase({ corpusDir: SEED_CORPUS, cacheDir: false });

interface Body {
  type?: number;
  data?: { content?: string; embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>; components?: Array<{ components: Array<{ custom_id?: string; label?: string; disabled?: boolean; options?: unknown[] }> }>; flags?: number; allowed_mentions?: { parse?: string[] }; choices?: Array<{ name: string; value: string }> };
  embeds?: Array<{ title?: string; description?: string }>;
  allowed_mentions?: { parse?: string[] };
  components?: unknown[];
}

function body(r: RecordedRequest): Body {
  return r.body as Body;
}

function embedText(b: Body): string {
  const embeds = b.data?.embeds ?? b.embeds ?? [];
  return embeds.map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
}

function assertWithinLimits(b: Body): void {
  for (const e of b.data?.embeds ?? b.embeds ?? []) {
    assert.ok((e.title ?? '').length <= LIMITS.title);
    assert.ok((e.description ?? '').length <= LIMITS.description);
    assert.ok((e.title ?? '').length + (e.description ?? '').length <= LIMITS.total);
  }
}

function slash(name: string, options: Array<{ name: string; value: string; focused?: boolean }> = []): object {
  return { id: '900000000000000001', name, type: 1, options: options.map((o) => ({ type: 3, ...o })) };
}

describe('Discord, through a local stand-in for Discord', () => {
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let clock = Date.now();
  const pages = new PageStore({ ttlMs: 60_000, now: () => clock });

  before(async () => {
    fake = await FakeDiscord.start({
      guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'research' }] }],
      botUser: { id: BOT_ID, username: 'Dossier' },
      applicationId: APP_ID,
      validToken: TOKEN,
    });
    bot = new DiscordBot({ token: TOKEN, apiUrl: `${fake.restUrl}/api`, kb, log: quiet, pages, now: () => new Date('2023-06-22T12:00:00Z') });
    await bot.start();
  });

  after(async () => {
    await bot?.stop();
    await fake?.stop();
  });

  async function command(name: string, options: Array<{ name: string; value: string; focused?: boolean }> = [], user = USER, type: 2 | 4 = 2): Promise<Body> {
    const { id } = fake.sendInteraction({ type, guildId: GUILD, channelId: CHANNEL, userId: user, data: slash(name, options) });
    const r = await fake.waitForRequest((x) => x.method === 'POST' && x.path.startsWith(`/interactions/${id}/`));
    const b = body(r);
    assertWithinLimits(b);
    return b;
  }

  async function subcommand(name: string, sub: string, options: Array<{ name: string; value: string }> = [], extra: { permissions?: string; channelId?: string } = {}): Promise<Body> {
    const data = { id: '900000000000000002', name, type: 1, options: [{ type: 1, name: sub, options: options.map((o) => ({ type: 3, ...o })) }] };
    const { id } = fake.sendInteraction({ type: 2, guildId: GUILD, channelId: extra.channelId ?? CHANNEL, userId: USER, data, ...(extra.permissions ? { permissions: extra.permissions } : {}) });
    const b = body(await fake.waitForRequest((x) => x.method === 'POST' && x.path.startsWith(`/interactions/${id}/`)));
    assertWithinLimits(b);
    return b;
  }

  test('/who answers with the entity, its role and citations, and pings nobody', async () => {
    const b = await command('who', [{ name: 'name', value: 'gamliel' }]);
    assert.equal(b.type, 4);
    assert.equal(b.data?.embeds?.[0]?.title, 'Gila Gamliel');
    const text = embedText(b);
    assert.match(text, /Intelligence Minister/);
    assert.match(text, /Al-Monitor · 2023-09-06 · ¶\d+/);
    assert.deepEqual(b.data?.allowed_mentions?.parse, []);
    assert.equal((b.data?.flags ?? 0) & 64, 0, 'an answer is public');
  });

  test('/quote gives verbatim quotations with their citations; a topic narrows them', async () => {
    const b = await command('quote', [{ name: 'name', value: 'Bennett' }, { name: 'topic', value: 'iran' }]);
    const text = embedText(b);
    assert.match(text, /Naftali Bennett/);
    assert.match(text, /The Israeli people and the Iranian people share so much/);
    assert.match(text, /All Israel News/);
  });

  test('/timeline, /search, /onthisday, /about and /help each answer', async () => {
    assert.match(embedText(await command('timeline', [{ name: 'when', value: '2022' }])), /In 2022, Bennett sent greetings/);
    const search = embedText(await command('search', [{ name: 'text', value: 'political prisoners' }]));
    assert.match(search, /\*\*political\*\* \*\*prisoners\*\*/);
    const preview = await subcommand('onthisday', 'today', [{ name: 'day', value: '06-22' }]);
    assert.match(embedText(preview), /On June 22, the Israeli minister met/);
    assert.equal((preview.data?.flags ?? 0) & 64, 64, 'a preview only the asker sees');
    assert.match(embedText(await subcommand('onthisday', 'today')), /June 22/, 'today is the bot clock\'s day');
    assert.match(embedText(await command('about')), /5 articles from 4 outlets/);
    const help = embedText(await command('help'));
    for (const name of ['who', 'quote', 'timeline', 'search', 'onthisday', 'about', 'help']) assert.match(help, new RegExp(`${name}`));
  });

  test('no match and bad input are ephemeral', async () => {
    const none = await command('who', [{ name: 'name', value: 'Zelensky' }]);
    assert.equal((none.data?.flags ?? 0) & 64, 64);
    assert.match(embedText(none), /No person, organisation or place called "Zelensky"/);
    const bad = await command('timeline', [{ name: 'when', value: '2021-13' }]);
    assert.equal((bad.data?.flags ?? 0) & 64, 64);
  });

  test('autocomplete offers matching names, at most 25', async () => {
    const b = await command('who', [{ name: 'name', value: 'gam', focused: true }], USER, 4);
    assert.equal(b.type, 8);
    const choices = b.data?.choices ?? [];
    assert.ok(choices.length >= 1 && choices.length <= 25);
    assert.ok(choices.some((c) => c.value === 'Gila Gamliel'));
    const all = await command('quote', [{ name: 'name', value: '', focused: true }], USER, 4);
    assert.equal(all.data?.choices?.length, 25);
  });

  test('a long answer has pages: Next works for the asker only, and stops after a while with a note', async () => {
    const first = await command('timeline', [{ name: 'when', value: '2021..2023' }]);
    const buttons = first.data?.components?.[0]?.components ?? [];
    assert.deepEqual(buttons.map((x) => x.label), ['Previous', 'Next']);
    assert.equal(buttons[0]?.disabled, true);
    assert.match(first.data?.embeds?.[0]?.footer?.text ?? '', /Page 1 of \d/);
    const next = buttons[1]!.custom_id!;
    const press = async (user: string): Promise<Body> => {
      const { id } = fake.sendInteraction({ type: 3, guildId: GUILD, channelId: CHANNEL, userId: user, data: { custom_id: next, component_type: 2 }, message: { id: '700000000000000001', channel_id: CHANNEL, content: '', embeds: [], components: [], author: { id: BOT_ID, username: 'Dossier' }, flags: 0 } });
      return body(await fake.waitForRequest((x) => x.method === 'POST' && x.path.startsWith(`/interactions/${id}/`)));
    };
    const page2 = await press(USER);
    assert.equal(page2.type, 7, 'the message is updated in place');
    assert.match(page2.data?.embeds?.[0]?.footer?.text ?? '', /Page 2 of/);
    const stranger = await press(OTHER_USER);
    assert.equal(stranger.type, 4);
    assert.equal((stranger.data?.flags ?? 0) & 64, 64);
    assert.match(embedText(stranger), /Only the person who asked/);
    clock += 61_000;
    const late = await press(USER);
    assert.match(embedText(late), /expired/);
  });

  test('several matching names give a menu; picking one answers in place', async () => {
    const b = await command('who', [{ name: 'name', value: 'Prime Minister' }]);
    const menu = b.data?.components?.[0]?.components?.[0];
    assert.ok(menu?.custom_id?.startsWith('dossier:pick:who:'));
    assert.ok((menu?.options?.length ?? 0) >= 5);
    const { id } = fake.sendInteraction({ type: 3, guildId: GUILD, channelId: CHANNEL, userId: USER, data: { custom_id: menu!.custom_id!, component_type: 3, values: ['Stephen Harper'] }, message: { id: '700000000000000002', channel_id: CHANNEL, content: '', embeds: [], components: [], author: { id: BOT_ID, username: 'Dossier' }, flags: 0 } });
    const picked = body(await fake.waitForRequest((x) => x.method === 'POST' && x.path.startsWith(`/interactions/${id}/`)));
    assert.equal(picked.type, 7);
    assert.equal(picked.data?.embeds?.[0]?.title, 'Stephen Harper');
  });

  test('a direct message gets the same answer as the command; free text is searched with a hint', async () => {
    fake.sendMessage({ channelId: DM_CHANNEL, content: 'who is gamliel', authorId: USER });
    const dm = body(await fake.waitForRequest((x) => x.method === 'POST' && x.path === `/channels/${DM_CHANNEL}/messages`));
    assert.equal(dm.embeds?.[0]?.title, 'Gila Gamliel');
    assert.deepEqual(dm.allowed_mentions?.parse, []);
    const before = fake.requests.length;
    fake.sendMessage({ channelId: DM_CHANNEL, content: 'political prisoners massacred', authorId: USER });
    const search = body(await fake.waitForRequest((x, ) => fake.requests.indexOf(x) >= before && x.method === 'POST' && x.path === `/channels/${DM_CHANNEL}/messages`));
    assert.match(embedText(search), /massacred/);
  });

  test('in a server, a message that mentions the bot is answered, and one that does not is ignored', async () => {
    const before = fake.requests.length;
    fake.sendMessage({ guildId: GUILD, channelId: CHANNEL, content: 'what did bennett say about iran', authorId: USER });
    fake.sendMessage({ guildId: GUILD, channelId: CHANNEL, content: `<@${BOT_ID}> what did bennett say about iran`, authorId: USER, mentionsBot: true });
    const reply = body(await fake.waitForRequest((x) => fake.requests.indexOf(x) >= before && x.method === 'POST' && x.path === `/channels/${CHANNEL}/messages`));
    assert.match(embedText(reply), /Naftali Bennett/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fake.requests.filter((x) => fake.requests.indexOf(x) >= before && x.path === `/channels/${CHANNEL}/messages`).length, 1, 'only the mention is answered');
  });

  test('after the gateway drops the connection the bot comes back and still answers', async () => {
    fake.dropConnections();
    await fake.waitForSessions(2, 15_000);
    const b = await command('who', [{ name: 'name', value: 'ra\'isi' }]);
    assert.equal(b.data?.embeds?.[0]?.title, "Ebrahim Ra'isi");
  });
});

test('a bad token is one clear error, not a retry storm', async () => {
  const fake = await FakeDiscord.start({ validToken: TOKEN });
  try {
    const bot = new DiscordBot({ token: TOKEN.replace(/.$/, 'x'), apiUrl: `${fake.restUrl}/api`, kb, log: quiet });
    const started = Date.now();
    await assert.rejects(bot.start(), DiscordAuthError);
    assert.ok(Date.now() - started < 5000);
    assert.ok(fake.requests.length <= 3, `${fake.requests.length} requests`);
  } finally {
    await fake.stop();
  }
});

test('two shards each answer their own guilds', async () => {
  // Guild ids chosen so that (id >> 22) % 2 is 0 for the first and 1 for the second.
  const g0 = String(0n << 22n | 5n);
  const g1 = String(1n << 22n | 5n);
  const fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 2, validToken: TOKEN, guilds: [{ id: g0, name: 'Zero', channels: [{ id: '800000000000000021', name: 'zero' }] }, { id: g1, name: 'One', channels: [{ id: '800000000000000022', name: 'one' }] }] });
  const bot = new DiscordBot({ token: TOKEN, apiUrl: `${fake.restUrl}/api`, kb, log: quiet, shards: [0, 1], shardCount: 2 });
  try {
    await bot.start();
    assert.deepEqual(fake.identifies.map((i) => i.shard).sort(), [[0, 2], [1, 2]]);
    for (const [guildId, channelId] of [[g0, '800000000000000021'], [g1, '800000000000000022']] as const) {
      const { id } = fake.sendInteraction({ type: 2, guildId, channelId, userId: USER, data: slash('who', [{ name: 'name', value: 'gamliel' }]) });
      const r = await fake.waitForRequest((x) => x.path.startsWith(`/interactions/${id}/`));
      assert.equal(body(r).data?.embeds?.[0]?.title, 'Gila Gamliel');
    }
    assert.deepEqual([...bot.client.guilds.cache.values()].map((g) => [g.id, g.shardId]).sort((a, b) => Number(a[1]) - Number(b[1])), [[g0, 0], [g1, 1]]);
  } finally {
    await bot.stop();
    await fake.stop();
  }
});

describe('the processes: deploy-commands and npm start with a Discord token', () => {
  let fake: FakeDiscord;
  before(async () => {
    fake = await FakeDiscord.start({ validToken: TOKEN, applicationId: APP_ID, guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'research' }] }] });
  });
  after(async () => fake?.stop());

  test('deploy-commands registers the seven commands to the guild and says so', async () => {
    const ran = await runScript('scripts/deploy-commands.ts', [], { env: { DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP_ID, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: `${fake.restUrl}/api` } });
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /Registered 7 commands for server/);
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path === `/applications/${APP_ID}/guilds/${GUILD}/commands`);
    const names = (put?.body as Array<{ name: string; options?: Array<{ max_length?: number; autocomplete?: boolean }> }>).map((c) => c.name);
    assert.deepEqual(names, ['who', 'quote', 'timeline', 'search', 'onthisday', 'about', 'help']);
    const bad = await runScript('scripts/deploy-commands.ts', [], { env: { DISCORD_TOKEN: TOKEN.replace(/.$/, 'y'), DISCORD_APP_ID: APP_ID, DISCORD_API_URL: `${fake.restUrl}/api` } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /refused the bot token/);
    assert.ok(!bad.stderr.includes(TOKEN.slice(0, 20)), 'the token is never printed');
  });

  test('npm start runs the bot when DISCORD_TOKEN is set, answers, never logs the token, and stops on SIGTERM', async () => {
    const bot = startScript('src/main.ts', { env: { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: `${fake.restUrl}/api`, LOG_LEVEL: 'debug' } });
    let code: number | null;
    try {
      await bot.waitFor(/Dossier is on Discord/);
      assert.match(bot.output(), /Dossier is on Discord/);
      const { id } = fake.sendInteraction({ type: 2, guildId: GUILD, channelId: CHANNEL, userId: USER, data: slash('who', [{ name: 'name', value: 'Netanyahoo' }]) });
      const r = await fake.waitForRequest((x) => x.path.startsWith(`/interactions/${id}/`));
      assert.equal(body(r).data?.embeds?.[0]?.title, 'Benjamin Netanyahu');
    } finally {
      code = await bot.stop();
    }
    assert.equal(code, 0);
    const out = bot.output();
    assert.ok(!out.includes(TOKEN) && !out.includes(TOKEN.split('.')[2]!), 'the token never appears in the output or the log');
  });
});

test('renderPage defuses mentions and escapes Markdown from article text', async () => {
  const { renderPage } = await import('../src/discord/render.ts');
  const message = renderPage({ page: 1, pages: 1, reply: { kind: 'answer', title: '@everyone look', sections: [{ items: [{ text: 'Hi @here <@123> <@&456> **bold** _x_', verbatim: true }] }] } });
  const e = message.embeds[0]!;
  assert.ok(!/@everyone|@here|<@123>|<@&456>/.test(`${e.title}${e.description}`), `${e.title} ${e.description}`);
  assert.match(e.description ?? '', /\\\*\\\*bold\\\*\\\*/);
  assert.deepEqual(message.allowedMentions, { parse: [], repliedUser: false });
  void Writable;
});

test('while the knowledge base is still being built, a command is deferred at once and answered when it is ready', async () => {
  const fake = await FakeDiscord.start({ validToken: TOKEN, guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'research' }] }] });
  let release: (k: typeof kb) => void = () => {};
  const later = new Promise<typeof kb>((resolve) => (release = resolve));
  const bot = new DiscordBot({ token: TOKEN, apiUrl: `${fake.restUrl}/api`, kb: later, log: quiet });
  try {
    await bot.start();
    const { id } = fake.sendInteraction({ type: 2, guildId: GUILD, channelId: CHANNEL, userId: USER, data: slash('who', [{ name: 'name', value: 'gamliel' }]) });
    const deferred = await fake.waitForRequest((x) => x.path.startsWith(`/interactions/${id}/`));
    assert.equal(body(deferred).type, 5, 'deferred first');
    release(kb);
    const edit = await fake.waitForRequest((x) => x.method === 'PATCH' && x.path.endsWith('/messages/@original'));
    assert.equal(body(edit).embeds?.[0]?.title, 'Gila Gamliel');
  } finally {
    await bot.stop();
    await fake.stop();
  }
});

test('npm run start:sharded runs one process per shard, and each answers its own guild', async () => {
  const g0 = String(0n << 22n | 7n);
  const g1 = String(1n << 22n | 7n);
  const fake = await FakeDiscord.start({ shards: 2, maxConcurrency: 2, validToken: TOKEN, guilds: [{ id: g0, name: 'Zero', channels: [{ id: '800000000000000031', name: 'zero' }] }, { id: g1, name: 'One', channels: [{ id: '800000000000000032', name: 'one' }] }] });
  const sharded = startScript('src/discord/sharded.ts', { env: { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: `${fake.restUrl}/api`, DISCORD_SHARDS: '2' } });
  try {
    await fake.waitForSessions(2, 60_000);
    assert.deepEqual(fake.identifies.map((i) => i.shard).sort((a, b) => (a?.[0] ?? 0) - (b?.[0] ?? 0)), [[0, 2], [1, 2]]);
    await sharded.waitFor(/with 2 shards/);
    for (const [guildId, channelId] of [[g0, '800000000000000031'], [g1, '800000000000000032']] as const) {
      const { id, shardId } = fake.sendInteraction({ type: 2, guildId, channelId, userId: USER, data: slash('who', [{ name: 'name', value: 'gamliel' }]) });
      const r = await fake.waitForRequest((x) => x.path.startsWith(`/interactions/${id}/`), 15_000);
      assert.equal(body(r).data?.embeds?.[0]?.title, 'Gila Gamliel', `shard ${shardId}`);
    }
  } finally {
    await sharded.stop();
    await fake.stop();
  }
});

test('daily posts on Discord: subscribe (Manage Channels only), the post arrives at its local time once, unsubscribe stops it', async () => {
  const { DailyScheduler } = await import('../src/daily/scheduler.ts');
  const { DiscordDailySender } = await import('../src/discord/bot.ts');
  // 2024-06-22 08:59 in Jerusalem (UTC+3).
  let clock = Date.UTC(2024, 5, 22, 5, 59);
  const db = tempDatabase();
  const scheduler = new DailyScheduler({ db, kb, senders: [], log: quiet, now: () => clock });
  const fake = await FakeDiscord.start({ validToken: TOKEN, guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: CHANNEL, name: 'research' }] }] });
  const bot = new DiscordBot({ token: TOKEN, apiUrl: `${fake.restUrl}/api`, kb, log: quiet, now: () => new Date(clock), daily: { subscriptions: scheduler.subscriptions, ledger: scheduler.ledger } });
  const run = async (sub: string, options: Array<{ name: string; value: string }>, permissions?: string): Promise<Body> => {
    const data = { id: '900000000000000003', name: 'onthisday', type: 1, options: [{ type: 1, name: sub, options: options.map((o) => ({ type: 3, ...o })) }] };
    const { id } = fake.sendInteraction({ type: 2, guildId: GUILD, channelId: CHANNEL, userId: USER, data, ...(permissions ? { permissions } : {}) });
    return body(await fake.waitForRequest((x) => x.method === 'POST' && x.path.startsWith(`/interactions/${id}/`)));
  };
  const posts = (): RecordedRequest[] => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL}/messages`);
  try {
    await bot.start();
    scheduler.addSender(new DiscordDailySender(bot.client));
    const refused = await run('subscribe', [{ name: 'time', value: '09:00' }, { name: 'timezone', value: 'Asia/Jerusalem' }], '0');
    assert.equal((refused.data?.flags ?? 0) & 64, 64);
    assert.match(embedText(refused), /Manage Channels/);
    const badZone = await run('subscribe', [{ name: 'timezone', value: 'Mars/Olympus' }], '16');
    assert.match(embedText(badZone), /not a time zone I know.*IANA/s);
    const ok = await run('subscribe', [{ name: 'time', value: '09:00' }, { name: 'timezone', value: 'Asia/Jerusalem' }], '16');
    assert.equal((ok.data?.flags ?? 0) & 64, 0, 'the channel sees that it subscribed');
    assert.match(embedText(ok), /every day at 09:00 Asia\/Jerusalem/);
    assert.match(embedText(ok), /On June 22, the Israeli minister met/, 'with a preview of the next post');
    const state = await run('status', []);
    assert.match(embedText(state), /Next: 2024-06-22 at 09:00 Asia\/Jerusalem \(in 1 min\)/);

    await scheduler.tick();
    assert.equal(posts().length, 0, 'not before its time');
    clock += 60_000;
    await scheduler.tick();
    await scheduler.tick();
    assert.equal(posts().length, 1, 'once');
    const post = posts()[0]!.body as { embeds?: Array<{ title?: string; description?: string }>; nonce?: string; enforce_nonce?: boolean; allowed_mentions?: { parse?: string[] } };
    assert.equal(post.embeds?.[0]?.title, 'On this day: June 22');
    assert.match(post.embeds?.[0]?.description ?? '', /22 June 2023.*On June 22, the Israeli minister met/s);
    assert.equal(post.enforce_nonce, true);
    assert.ok(post.nonce);
    assert.deepEqual(post.allowed_mentions?.parse, []);

    const off = await run('unsubscribe', [], '16');
    assert.match(embedText(off), /no longer gets/);
    clock += 24 * 3600_000;
    await scheduler.tick();
    assert.equal(posts().length, 1, 'no more posts after unsubscribing');
  } finally {
    await bot.stop();
    await fake.stop();
    db.close();
  }
});

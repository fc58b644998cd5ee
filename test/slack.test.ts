/**
 * Dossier on Slack, end to end: the real Bolt app in HTTP mode on 127.0.0.1, receiving what Slack would
 * post (signed slash commands, a url_verification challenge, message.im and app_mention events, a page
 * button), and answering through a local stand-in for Slack's Web API and response_url.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { SlackBot } from '../src/slack/app.ts';
import { SLACK_LIMITS, type SlackBlock } from '../src/slack/render.ts';
import { PageStore } from '../src/chat/pageStore.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import { createLogger } from '../src/log.ts';
import { FakeSlack, form, postSigned, type SlackCall } from './helpers/fakeSlack.ts';
import { SEED_CORPUS, startScript } from './helpers/spawn.ts';
import { tempDatabase } from './helpers/database.ts';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'a');
const BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const { kb } = openKnowledgeBase({ corpusDir: SEED_CORPUS, cacheDir: false });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Message {
  response_type?: string;
  text?: string;
  blocks?: SlackBlock[];
  replace_original?: boolean;
}

function blockText(blocks: SlackBlock[] = []): string {
  return blocks.map((b) => {
    if (b.type === 'header' || b.type === 'section') return b.text.text;
    if (b.type === 'context') return b.elements.map((e) => e.text).join(' ');
    if (b.type === 'actions') return b.elements.map((e) => e.text.text).join(' ');
    return '';
  }).join('\n');
}

function assertWithinLimits(m: Message): void {
  const blocks = m.blocks ?? [];
  assert.ok(blocks.length <= SLACK_LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'section') assert.ok(b.text.text.length <= SLACK_LIMITS.sectionText);
    if (b.type === 'header') assert.ok(b.text.text.length <= SLACK_LIMITS.headerText);
  }
}

describe('Slack, through a local stand-in for Slack', () => {
  let slack: FakeSlack;
  let bot: SlackBot;
  let url = '';
  let clock = Date.now();
  let n = 0;

  before(async () => {
    slack = await FakeSlack.start();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/slack/events`;
    bot = new SlackBot({
      config: { botToken: BOT_TOKEN, appToken: null, signingSecret: SECRET, mode: 'http', port, apiUrl: slack.apiUrl },
      kb, log: createLogger({ level: 'silent' }), now: () => new Date('2023-06-22T12:00:00Z'),
      pages: new PageStore({ ttlMs: 60_000, now: () => clock }),
    });
    await bot.start();
  });

  after(async () => {
    await bot?.stop();
    await slack?.stop();
  });

  async function slash(command: string, text: string, user = 'U0001'): Promise<Message> {
    n++;
    const res = await postSigned(url, SECRET, form({
      token: 'legacy', team_id: 'T0001', team_domain: 'newsroom', channel_id: 'C0001', channel_name: 'research', user_id: user, user_name: 'reporter',
      command, text, api_app_id: 'A0001', response_url: slack.responseUrl(`r${n}`), trigger_id: `t${n}`,
    }), 'application/x-www-form-urlencoded');
    assert.equal(res.status, 200, res.text);
    const m = res.json as Message;
    assertWithinLimits(m);
    return m;
  }

  test('/who answers in the channel with a header, the role and a citation context line', async () => {
    const m = await slash('/who', 'gamliel');
    assert.equal(m.response_type, 'in_channel');
    assert.equal(m.blocks?.[0]?.type, 'header');
    const text = blockText(m.blocks);
    assert.match(text, /^Gila Gamliel/);
    assert.match(text, /Intelligence Minister/);
    assert.ok(m.blocks?.some((b) => b.type === 'context' && /Al-Monitor · 2023-09-06 · ¶\d+/.test(b.elements[0]?.text ?? '')));
  });

  test('/quote, /timeline, /search, /onthisday and /dossier each answer', async () => {
    assert.match(blockText((await slash('/quote', 'bennett about iran')).blocks), /The Israeli people and the Iranian people share so much/);
    assert.match(blockText((await slash('/timeline', 'July 2021')).blocks), /10 July 2021 – 12 July 2021/);
    assert.match(blockText((await slash('/search', 'political prisoners')).blocks), /\*political\* \*prisoners\*/);
    assert.match(blockText((await slash('/onthisday', '')).blocks), /On June 22, the Israeli minister met/);
    assert.match(blockText((await slash('/dossier', '')).blocks), /quote NAME/);
    assert.match(blockText((await slash('/dossier', 'about')).blocks), /5 articles from 4 outlets/);
  });

  test('no match is ephemeral and names the problem', async () => {
    const m = await slash('/who', 'Zelensky');
    assert.equal(m.response_type, 'ephemeral');
    assert.match(blockText(m.blocks), /No person, organisation or place called "Zelensky"/);
  });

  test('user text cannot become a channel ping or a link', async () => {
    const m = await slash('/who', '<!channel> <@U0002> <https://evil.example|click>');
    const text = JSON.stringify(m);
    assert.ok(!/<!channel>|<@U0002>|<https:\/\/evil/.test(text), text);
    assert.match(text, /&lt;!channel&gt;/);
  });

  test('a wrong signature and a stale timestamp are rejected with 401 and no answer', async () => {
    const body = form({ command: '/who', text: 'gamliel', user_id: 'U0001', channel_id: 'C0001', team_id: 'T0001', response_url: slack.responseUrl('x') });
    const wrong = await postSigned(url, SECRET, body, 'application/x-www-form-urlencoded', { signature: 'v0=deadbeef' });
    assert.equal(wrong.status, 401);
    const stale = await postSigned(url, SECRET, body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 60 * 10 });
    assert.equal(stale.status, 401);
    assert.ok(!/Gamliel/.test(wrong.text + stale.text));
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(!slack.calls.some((c) => c.path === '/response/x'));
  });

  test('the url_verification challenge is answered', async () => {
    const res = await postSigned(url, SECRET, JSON.stringify({ token: 'legacy', challenge: 'c-123', type: 'url_verification' }), 'application/json');
    assert.equal(res.status, 200);
    assert.match(res.text, /c-123/);
  });

  async function event(event: Record<string, string>): Promise<void> {
    n++;
    const res = await postSigned(url, SECRET, JSON.stringify({
      token: 'legacy', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: `Ev${n}`, event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT0001', is_bot: true }], event: { ...event, ts: `${1700001000 + n}.000200`, event_ts: `${1700001000 + n}.000200` },
    }), 'application/json');
    assert.equal(res.status, 200);
  }

  test('a direct message and a mention get the plain-language answer through chat.postMessage', async () => {
    const before = slack.calls.length;
    await event({ type: 'message', channel_type: 'im', channel: 'D0001', user: 'U0001', text: 'who is gamliel' });
    const dm = await slack.waitFor((c) => slack.calls.indexOf(c) >= before && c.path === '/api/chat.postMessage' && c.body.channel === 'D0001');
    assert.match(blockText(dm.body.blocks as unknown as SlackBlock[]), /^Gila Gamliel/);
    await event({ type: 'app_mention', channel: 'C0001', user: 'U0001', text: '<@UBOT0001> what did bennett say about iran' });
    const mention = await slack.waitFor((c) => slack.calls.indexOf(c) >= before && c.path === '/api/chat.postMessage' && c.body.channel === 'C0001');
    assert.match(blockText(mention.body.blocks as unknown as SlackBlock[]), /Naftali Bennett/);
    assert.ok(mention.body.thread_ts, 'a mention is answered in its thread');
  });

  test('page buttons: Next replaces the message through response_url; only the asker may turn; they expire', async () => {
    const first = await slash('/timeline', '2021..2023');
    const actions = first.blocks?.find((b) => b.type === 'actions');
    assert.ok(actions && actions.type === 'actions');
    const next = actions.elements.find((e) => e.text.text === 'Next')!;
    const press = async (user: string, id: string): Promise<SlackCall> => {
      const payload = {
        type: 'block_actions', user: { id: user, username: 'reporter', team_id: 'T0001' }, api_app_id: 'A0001', token: 'legacy', trigger_id: 't',
        team: { id: 'T0001', domain: 'newsroom' }, channel: { id: 'C0001', name: 'research' }, container: { type: 'message', message_ts: '1700000500.000100', channel_id: 'C0001', is_ephemeral: false },
        message: { type: 'message', ts: '1700000500.000100', text: first.text, blocks: first.blocks }, response_url: slack.responseUrl(id),
        actions: [{ type: 'button', action_id: next.action_id, block_id: 'dossier_pages', value: next.value, action_ts: '1700000600.000100', text: { type: 'plain_text', text: 'Next' } }],
      };
      const res = await postSigned(url, SECRET, form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');
      assert.equal(res.status, 200);
      return slack.waitFor((c) => c.path === `/response/${id}`);
    };
    const page2 = (await press('U0001', 'p2')).body as unknown as Message;
    assert.equal(page2.replace_original, true);
    assert.match(blockText(page2.blocks), /Page 2 of \d/);
    const stranger = (await press('U0002', 'p3')).body as unknown as Message;
    assert.equal(stranger.response_type, 'ephemeral');
    assert.match(blockText(stranger.blocks), /Only the person who asked/);
    clock += 61_000;
    assert.match(blockText(((await press('U0001', 'p4')).body as unknown as Message).blocks), /expired/);
  });

  test('pages of a DM answer are turned with chat.update', async () => {
    const before = slack.calls.length;
    await event({ type: 'message', channel_type: 'im', channel: 'D0002', user: 'U0001', text: 'timeline 2021..2023' });
    const posted = await slack.waitFor((c) => slack.calls.indexOf(c) >= before && c.path === '/api/chat.postMessage' && c.body.channel === 'D0002');
    const blocks = posted.body.blocks as unknown as SlackBlock[];
    const actions = blocks.find((b) => b.type === 'actions');
    assert.ok(actions && actions.type === 'actions');
    const next = actions.elements.find((e) => e.text.text === 'Next')!;
    const payload = {
      type: 'block_actions', user: { id: 'U0001' }, api_app_id: 'A0001', token: 'legacy', trigger_id: 't', team: { id: 'T0001' }, channel: { id: 'D0002' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0002' }, message: { ts: '1700000000.000100', blocks },
      response_url: slack.responseUrl('dm'), actions: [{ type: 'button', action_id: next.action_id, block_id: 'dossier_pages', value: next.value, action_ts: '1' }],
    };
    await postSigned(url, SECRET, form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');
    const update = await slack.waitFor((c) => c.path === '/api/chat.update' && c.body.channel === 'D0002');
    assert.match(blockText(update.body.blocks as unknown as SlackBlock[]), /Page 2 of/);
  });
});

test('Socket Mode: the app connects through apps.connections.open and answers a slash command over the socket', async () => {
  const slack = await FakeSlack.start();
  const bot = new SlackBot({
    config: { botToken: BOT_TOKEN, appToken: 'xapp-1-A0001-1234-abcdef', signingSecret: null, mode: 'socket', port: 0, apiUrl: slack.apiUrl },
    kb, log: createLogger({ level: 'silent' }),
  });
  try {
    await bot.start();
    assert.ok(slack.calls.some((c) => c.path === '/api/apps.connections.open'));
    slack.socketSend({
      envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true,
      payload: { token: 'legacy', team_id: 'T0001', channel_id: 'C0001', user_id: 'U0001', command: '/who', text: 'gamliel', api_app_id: 'A0001', response_url: slack.responseUrl('sock'), trigger_id: 't' },
    });
    const reply = await slack.waitForSocketReply((m) => m.envelope_id === 'env-1');
    const payload = reply.payload as unknown as Message;
    assert.equal(payload.response_type, 'in_channel');
    assert.match(blockText(payload.blocks), /^Gila Gamliel/);
  } finally {
    await bot.stop();
    await slack.stop();
  }
});

test('npm start runs the Slack app in HTTP mode when its tokens are set, and never logs a secret', async () => {
  const slack = await FakeSlack.start();
  const port = await freePort();
  const app = startScript('src/main.ts', { env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: String(port), SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'debug' } });
  let code: number | null;
  try {
    await app.waitFor(/Dossier is on Slack/);
    assert.match(app.output(), /Dossier is on Slack \(HTTP on port \d+\)/);
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, form({ command: '/quote', text: 'Illouz', user_id: 'U0001', channel_id: 'C0001', team_id: 'T0001', response_url: slack.responseUrl('p') }), 'application/x-www-form-urlencoded');
    assert.match(blockText((res.json as Message).blocks), /Dan Illouz/);
  } finally {
    code = await app.stop();
  }
  assert.equal(code, 0);
  await slack.stop();
  const out = app.output();
  assert.ok(!out.includes(BOT_TOKEN) && !out.includes(SECRET), 'no secret in the output or the log');
});

test('daily posts on Slack: subscribe needs the app in the channel, the post arrives once at its time, unsubscribe stops it', async () => {
  const { DailyScheduler } = await import('../src/daily/scheduler.ts');
  const { SlackDailySender } = await import('../src/slack/app.ts');
  // 2024-06-22 08:59 in New York (UTC-4).
  let clock = Date.UTC(2024, 5, 22, 12, 59);
  const db = tempDatabase();
  const slack = await FakeSlack.start();
  slack.notInChannel.add('CNOTIN');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const scheduler = new DailyScheduler({ db, kb, senders: [], log: createLogger({ level: 'silent' }), now: () => clock });
  const bot = new SlackBot({
    config: { botToken: BOT_TOKEN, appToken: null, signingSecret: SECRET, mode: 'http', port, apiUrl: slack.apiUrl },
    kb, log: createLogger({ level: 'silent' }), now: () => new Date(clock), daily: { subscriptions: scheduler.subscriptions, ledger: scheduler.ledger },
  });
  let n = 0;
  const run = async (channel: string, text: string): Promise<Message> => {
    n++;
    const res = await postSigned(url, SECRET, form({ command: '/onthisday', text, user_id: 'U0001', channel_id: channel, team_id: 'T0001', response_url: slack.responseUrl(`d${n}`) }), 'application/x-www-form-urlencoded');
    assert.equal(res.status, 200);
    return (await slack.waitFor((c) => c.path === `/response/d${n}`)).body as unknown as Message;
  };
  const posts = (): SlackCall[] => slack.calls.filter((c) => c.path === '/api/chat.postMessage' && c.body.channel === 'C0009' && Array.isArray(c.body.blocks));
  try {
    await bot.start();
    scheduler.addSender(new SlackDailySender(bot.app.client));
    assert.match(blockText((await run('CNOTIN', 'subscribe')).blocks), /Invite the app first/);
    assert.equal(scheduler.subscriptions.get('slack', 'CNOTIN'), null, 'nothing saved');
    assert.match(blockText((await run('C0009', 'subscribe 25:00')).blocks), /not a time.*HH:MM/s);
    const ok = await run('C0009', 'subscribe 09:00 America/New_York');
    assert.equal(ok.response_type, 'ephemeral');
    assert.match(blockText(ok.blocks), /every day at 09:00 America\/New_York/);
    assert.ok(slack.calls.some((c) => c.path === '/api/chat.postMessage' && c.body.channel === 'C0009' && /subscribed this channel/.test(String(c.body.text))), 'the channel is told');
    assert.match(blockText((await run('C0009', 'status')).blocks), /Daily post: on/);

    await scheduler.tick();
    assert.equal(posts().length, 0);
    clock += 60_000;
    await scheduler.tick();
    await scheduler.tick();
    assert.equal(posts().length, 1);
    assert.match(blockText(posts()[0]!.body.blocks as unknown as SlackBlock[]), /^On this day: June 22[\s\S]*On June 22, the Israeli minister met/);

    assert.match(blockText((await run('C0009', 'unsubscribe')).blocks), /Unsubscribed/);
    clock += 24 * 3600_000;
    await scheduler.tick();
    assert.equal(posts().length, 1);
  } finally {
    await bot.stop();
    await slack.stop();
    db.close();
  }
});

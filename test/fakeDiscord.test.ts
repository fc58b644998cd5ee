/**
 * Smoke test of test/helpers/fakeDiscord.ts: the REAL discord.js Client logs in to the local fake, gets
 * interactions and messages over the gateway, answers them over REST, survives dropped connections, fails
 * fast on a bad token, and routes guilds to the right shard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Partials,
  TextInputBuilder,
  TextInputStyle,
  type ClientOptions,
  type Interaction,
  type Message,
} from 'discord.js';
import { FakeDiscord, jget, snowflake, snowflakeForShard, type RecordedRequest } from './helpers/fakeDiscord.ts';

const TOKEN = 'MTAxMDEwMTAxMDEwMTAxMDEw.fake.token';
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages];

function makeClient(fake: FakeDiscord, extra: Partial<ClientOptions> = {}): Client {
  return new Client({ intents: INTENTS, partials: [Partials.Channel], rest: { api: `${fake.restUrl}/api` }, ...extra });
}

async function until(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs `fn` on the next interaction the client emits; resolves with its result or rejects with its error. */
function onNextInteraction<T>(client: Client, fn: (i: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (i) => void fn(i).then(resolve, reject));
  });
}

async function login(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
}

const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));

describe('FakeDiscord + real discord.js Client (one shard)', () => {
  const guildId = snowflake();
  const channelId = snowflake();
  const dmChannelId = snowflake();
  const userId = snowflake();
  let fake: FakeDiscord;
  let client: Client;
  const since = (index: number) => (r: RecordedRequest) => r.index >= index;

  before(async () => {
    fake = await FakeDiscord.start({
      validToken: TOKEN,
      guilds: [{ id: guildId, name: 'Test Guild', channels: [{ id: channelId, name: 'general' }] }],
      heartbeatIntervalMs: 250,
    });
    client = makeClient(fake);
    await login(client, TOKEN);
  });

  after(async () => {
    await client?.destroy();
    await fake?.stop();
  });

  it('logs in with GET /gateway/bot, IDENTIFY, READY and GUILD_CREATE', () => {
    const first = fake.requests[0];
    assert.equal(first?.method, 'GET');
    assert.equal(first?.path, '/gateway/bot');
    assert.equal(first?.headers.authorization, `Bot ${TOKEN}`);
    assert.deepEqual(
      fake.requests.filter((r) => r.path !== '/gateway/bot'),
      [],
      'nothing but /gateway/bot is fetched at login',
    );
    assert.deepEqual(fake.connections[0], { v: '10', encoding: 'json' });
    assert.equal(fake.identifies.length, 1);
    assert.deepEqual(fake.identifies[0]?.shard, [0, 1]);
    assert.equal(fake.identifies[0]?.intents, 1 | (1 << 9) | (1 << 12));
    assert.equal(client.user?.id, fake.botUser.id);
    assert.equal(client.application?.id, fake.applicationId);
    const guild = client.guilds.cache.get(guildId);
    assert.equal(guild?.name, 'Test Guild');
    assert.equal(guild?.available, true);
    assert.equal(guild?.channels.cache.get(channelId)?.name, 'general');
    assert.equal(guild?.members.me?.id, fake.botUser.id);
  });

  it('acknowledges heartbeats', async () => {
    await until(() => fake.heartbeats >= 1 && client.ws.ping >= 0, 'a heartbeat ACK');
  });

  it('registers commands and routes a slash command; reply with an embed is the type 4 callback', async () => {
    const registered = await client.application!.commands.set([
      { name: 'who', description: 'Who said it', options: [{ type: 3, name: 'query', description: 'What to look for', required: true, autocomplete: true }] },
    ]);
    const who = registered.first();
    assert.equal(who?.name, 'who');
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`);
    assert.equal(jget(put.body, 0, 'name'), 'who');

    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      assert.equal(i.commandId, who?.id);
      assert.equal(i.options.getString('query'), 'budget');
      assert.equal(i.guildId, guildId);
      assert.equal(i.channelId, channelId);
      assert.equal(i.user.id, userId);
      await i.reply({ embeds: [new EmbedBuilder().setTitle('Answer').setDescription('Someone said it.')], allowedMentions: { parse: [] } });
    });
    const { id, token } = fake.sendInteraction({
      type: 2,
      guildId,
      channelId,
      userId,
      data: { name: 'who', options: [{ type: 3, name: 'query', value: 'budget' }] },
    });
    await handled;
    const cb = await fake.waitForCallback(id);
    assert.equal(cb.path, `/interactions/${id}/${token}/callback`);
    assert.equal(cb.status, 204);
    assert.equal(cb.headers.authorization, undefined, 'interaction callbacks are sent without the bot token');
    assert.equal(jget(cb.body, 'type'), 4);
    assert.equal(jget(cb.body, 'data', 'embeds', 0, 'title'), 'Answer');
    assert.deepEqual(jget(cb.body, 'data', 'allowed_mentions'), { parse: [] });
    assert.equal(jget(fake.originalMessage(id), 'embeds', 0, 'description'), 'Someone said it.');
  });

  it('deferReply then editReply PATCHes @original', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.deferReply();
      const edited = await i.editReply({ content: 'Found it.' });
      assert.equal(edited.content, 'Found it.');
    });
    const { id, token } = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who', options: [{ type: 3, name: 'query', value: 'x' }] } });
    await handled;
    const cb = await fake.waitForCallback(id);
    assert.equal(jget(cb.body, 'type'), 5);
    const patch = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`);
    assert.equal(jget(patch.body, 'content'), 'Found it.');
    assert.equal(jget(fake.originalMessage(id), 'flags'), 0, 'no longer "thinking"');
  });

  it('an ephemeral follow-up POSTs /webhooks/:app/:token?wait=true; files go as multipart with payload_json', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: 'See the file.', files: [{ attachment: Buffer.from('quote log'), name: 'quotes.txt' }] });
      const extra = await i.followUp({ content: 'Only you can see this.', flags: MessageFlags.Ephemeral });
      assert.equal(extra.content, 'Only you can see this.');
    });
    const { id, token } = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
    await handled;
    assert.equal(jget((await fake.waitForCallback(id)).body, 'data', 'flags'), MessageFlags.Ephemeral);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${token}/messages/@original`);
    assert.equal(jget(edit.body, 'content'), 'See the file.');
    assert.deepEqual(edit.files.map((f) => [f.name, f.size]), [['quotes.txt', 9]]);
    assert.equal(jget(fake.originalMessage(id), 'attachments', 0, 'filename'), 'quotes.txt');
    const follow = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${token}`);
    assert.equal(follow.query.wait, 'true');
    assert.equal(jget(follow.body, 'flags'), MessageFlags.Ephemeral);
  });

  it('showModal is a type 9 callback and the modal submit can be answered', async () => {
    const shown = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      const modal = new ModalBuilder()
        .setCustomId('ask')
        .setTitle('Ask')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(new TextInputBuilder().setCustomId('q').setLabel('Question').setStyle(TextInputStyle.Short)));
      await i.showModal(modal);
    });
    const cmd = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
    await shown;
    const cb = await fake.waitForCallback(cmd.id);
    assert.equal(jget(cb.body, 'type'), 9);
    assert.equal(jget(cb.body, 'data', 'custom_id'), 'ask');

    const submitted = onNextInteraction(client, async (i) => {
      assert.ok(i.isModalSubmit());
      assert.equal(i.fields.getTextInputValue('q'), 'who said budget');
      await i.reply({ content: 'Thanks' });
    });
    const submit = fake.sendInteraction({
      type: 5,
      guildId,
      channelId,
      data: { custom_id: 'ask', components: [{ type: 1, components: [{ type: 4, custom_id: 'q', value: 'who said budget' }] }] },
    });
    await submitted;
    assert.equal(jget((await fake.waitForCallback(submit.id)).body, 'type'), 4);
  });

  it('autocomplete answered with respond is a type 8 callback', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isAutocomplete());
      assert.equal(i.options.getFocused(), 'bud');
      await i.respond([{ name: 'budget', value: 'budget' }]);
    });
    const { id } = fake.sendInteraction({
      type: 4,
      guildId,
      channelId,
      data: { name: 'who', options: [{ type: 3, name: 'query', value: 'bud', focused: true }] },
    });
    await handled;
    const cb = await fake.waitForCallback(id);
    assert.equal(jget(cb.body, 'type'), 8);
    assert.deepEqual(jget(cb.body, 'data', 'choices', 0), { name: 'budget', value: 'budget' });
  });

  it('a button answered with update is a type 7 callback', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isButton());
      assert.equal(i.customId, 'page:2');
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('page:3').setLabel('Next').setStyle(ButtonStyle.Primary));
      await i.update({ content: 'Page 2', components: [row] });
    });
    const { id } = fake.sendInteraction({ type: 3, guildId, channelId, data: { custom_id: 'page:2' } });
    await handled;
    const cb = await fake.waitForCallback(id);
    assert.equal(jget(cb.body, 'type'), 7);
    assert.equal(jget(cb.body, 'data', 'content'), 'Page 2');
    assert.equal(jget(cb.body, 'data', 'components', 0, 'components', 0, 'custom_id'), 'page:3');
  });

  it('refuses what Discord refuses (oversized embed → 50035), and the interaction can still be answered', async () => {
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await assert.rejects(i.reply({ embeds: [{ description: 'x'.repeat(4097) }] }), (e: unknown) => e instanceof DiscordAPIError && e.code === 50035 && e.status === 400);
      await i.reply({ content: 'shorter' });
    });
    const { id } = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
    await handled;
    const calls = fake.requests.filter((r) => r.path.startsWith(`/interactions/${id}/`));
    assert.deepEqual(calls.map((r) => r.status), [400, 204]);
    await assert.rejects(client.application!.commands.create({ name: 'Who Is', description: 'bad name' }), (e: unknown) => e instanceof DiscordAPIError && e.code === 50035);
  });

  it('a DM MESSAGE_CREATE answered with message.reply POSTs /channels/:id/messages', async () => {
    const start = fake.requests.length;
    const seen: Message[] = [];
    let listener: (m: Message) => void = () => undefined;
    const handled = new Promise<void>((resolve, reject) => {
      listener = (m: Message): void => {
        seen.push(m);
        if (m.author.bot) return;
        m.reply({ content: 'Hi!', allowedMentions: { repliedUser: false } }).then(() => resolve(), reject);
      };
      client.on(Events.MessageCreate, listener);
    });
    const { id } = fake.sendMessage({ channelId: dmChannelId, content: 'hello bot', authorId: userId });
    await handled;
    const post = await fake.waitForRequest((r) => since(start)(r) && r.method === 'POST' && r.path === `/channels/${dmChannelId}/messages`);
    assert.equal(jget(post.body, 'content'), 'Hi!');
    assert.equal(jget(post.body, 'message_reference', 'message_id'), id);
    assert.equal(seen[0]?.channel.isDMBased(), true);
    assert.equal(seen[0]?.content, 'hello bot');
    // Discord echoes the bot's own message back over the gateway.
    await until(() => seen.some((m) => m.author.id === fake.botUser.id), 'the echo of the bot reply');
    client.off(Events.MessageCreate, listener);
  });

  it('guild messages carry content only when the bot is mentioned (no MESSAGE_CONTENT intent)', async () => {
    const got: Message[] = [];
    const listener = (m: Message): void => void got.push(m);
    client.on(Events.MessageCreate, listener);
    fake.sendMessage({ guildId, channelId, content: 'just chatting', authorId: userId });
    fake.sendMessage({ guildId, channelId, content: 'who said budget?', authorId: userId, mentionsBot: true });
    await until(() => got.length >= 2, 'two guild messages');
    client.off(Events.MessageCreate, listener);
    assert.equal(got[0]?.content, '');
    assert.equal(got[1]?.content, `<@${fake.botUser.id}> who said budget?`);
    assert.equal(got[1]?.mentions.has(client.user!), true);
  });

  it('resumes after the gateway drops the connection (4000 and abnormal 1006) and still answers', async () => {
    for (const code of [4000, 1006]) {
      const readyBefore = fake.sessionsReady;
      const resumesBefore = fake.resumes;
      fake.dropConnections(code);
      await fake.waitForSessions(readyBefore + 1);
      assert.equal(fake.resumes, resumesBefore + 1, `resumed after ${code}`);
      const handled = onNextInteraction(client, async (i) => {
        assert.ok(i.isChatInputCommand());
        await i.reply({ content: `still here after ${code}` });
      });
      const { id } = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
      await handled;
      assert.equal(jget((await fake.waitForCallback(id)).body, 'data', 'content'), `still here after ${code}`);
    }
    assert.equal(fake.identifies.length, 1, 'no re-identify');
  });

  it('re-identifies when the session cannot be resumed (close 1000)', async () => {
    const readyBefore = fake.sessionsReady;
    fake.dropConnections(1000);
    await fake.waitForSessions(readyBefore + 1, 10_000);
    assert.equal(fake.identifies.length, 2);
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply({ content: 'new session' });
    });
    const { id } = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
    await handled;
    assert.equal((await fake.waitForCallback(id)).status, 204);
  });

  it('an interaction sent while disconnected is replayed on resume', async () => {
    const readyBefore = fake.sessionsReady;
    const handled = onNextInteraction(client, async (i) => {
      assert.ok(i.isChatInputCommand());
      await i.reply({ content: 'replayed' });
    });
    fake.dropConnections(4000);
    const { id } = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
    await fake.waitForSessions(readyBefore + 1);
    await handled;
    assert.equal((await fake.waitForCallback(id)).status, 204);
  });
});

describe('FakeDiscord: bad tokens fail fast', () => {
  let fake: FakeDiscord;
  let lenient: FakeDiscord;
  const clients: Client[] = [];

  before(async () => {
    fake = await FakeDiscord.start({ validToken: TOKEN });
    lenient = await FakeDiscord.start({ validToken: TOKEN, acceptAnyRestToken: true });
  });

  after(async () => {
    for (const c of clients) await c.destroy();
    await fake?.stop();
    await lenient?.stop();
  });

  it('REST 401 on /gateway/bot makes login reject with TokenInvalid', async () => {
    const client = makeClient(fake);
    clients.push(client);
    const started = Date.now();
    await assert.rejects(client.login('wrong.token.value'), (e: unknown) => (e as { code?: string }).code === 'TokenInvalid');
    assert.ok(Date.now() - started < 3000, 'fails fast');
    assert.deepEqual(fake.requests.map((r) => [r.path, r.status]), [['/gateway/bot', 401]]);
    assert.equal(fake.identifies.length, 0);
  });

  it('gateway close 4004 makes login reject with "Authentication failed" and no retry', async () => {
    const client = makeClient(lenient);
    clients.push(client);
    const started = Date.now();
    await assert.rejects(client.login('wrong.token.value'), /Authentication failed/);
    assert.ok(Date.now() - started < 3000, 'fails fast');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(lenient.identifies.length, 1, 'not retried');
    assert.equal(lenient.identifies[0]?.token, 'wrong.token.value');
  });
});

describe('FakeDiscord: two shards', () => {
  const guild0 = snowflakeForShard(0, 2);
  const guild1 = snowflakeForShard(1, 2);
  const channel0 = snowflake();
  const channel1 = snowflake();
  let fake: FakeDiscord;
  let client: Client;

  before(async () => {
    fake = await FakeDiscord.start({
      validToken: TOKEN,
      shards: 2,
      maxConcurrency: 2,
      guilds: [
        { id: guild0, name: 'Shard zero', channels: [{ id: channel0, name: 'zero' }] },
        { id: guild1, name: 'Shard one', channels: [{ id: channel1, name: 'one' }] },
      ],
    });
    client = makeClient(fake, { shards: 'auto' });
    await login(client, TOKEN);
  });

  after(async () => {
    await client?.destroy();
    await fake?.stop();
  });

  it('identifies both shards and routes each guild to its shard', async () => {
    assert.deepEqual(fake.identifies.map((i) => i.shard).sort(), [[0, 2], [1, 2]]);
    assert.equal(client.guilds.cache.get(guild0)?.shardId, 0);
    assert.equal(client.guilds.cache.get(guild1)?.shardId, 1);
    for (const [guildId, channelId, expected] of [[guild0, channel0, 0], [guild1, channel1, 1]] as const) {
      const handled = onNextInteraction(client, async (i) => {
        assert.ok(i.isChatInputCommand());
        await i.reply({ content: `shard ${i.guild?.shardId}` });
        return i.guild?.shardId;
      });
      const sent = fake.sendInteraction({ type: 2, guildId, channelId, data: { name: 'who' } });
      assert.equal(sent.shardId, expected);
      assert.equal(await handled, expected);
      assert.equal(jget((await fake.waitForCallback(sent.id)).body, 'data', 'content'), `shard ${expected}`);
    }
  });
});

describe('FakeDiscord: hygiene', () => {
  it('the runs above emitted no process warnings (deprecations included)', () => {
    assert.deepEqual(warnings, []);
  });
});

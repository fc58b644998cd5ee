/**
 * A local stand-in for Discord (REST + gateway on one 127.0.0.1 port) for end-to-end tests that run the
 * REAL discord.js Client. Point the client at it with
 *
 *   new Client({ intents, rest: { api: `${fake.restUrl}/api` } })
 *
 * (@discordjs/rest then calls `${api}/v10/...`); the gateway URL is whatever `GET /gateway/bot` returns,
 * which is `fake.gatewayUrl`, and @discordjs/ws connects to `${url}?v=10&encoding=json`. Frames are plain
 * JSON text (zlib-sync is not installed, so discord.js asks for no compression).
 *
 * What a discord.js 14.28 login does against it: `GET /gateway/bot` (cached ~5 s by @discordjs/ws; a 401
 * here becomes `TokenInvalid`), open the socket, HELLO (op 10) → IDENTIFY (op 2) → READY (guilds as
 * unavailable stubs) → one GUILD_CREATE per guild of that shard; the client emits `clientReady` only once
 * every READY guild has arrived (otherwise it waits `waitGuildTimeout`, 15 s). `/users/@me` and
 * `/applications/@me` are NOT called at login: `client.user` and `client.application` come from READY.
 *
 * Like Discord, it refuses what Discord would refuse, so a test fails where production would:
 * interaction callbacks later than `interactionResponseTimeoutMs` (3 s) or acknowledged twice, follow-ups
 * before the first response, empty or oversized messages and embeds, bad component rows, bad autocomplete
 * choices, bad command names. Guild messages reach a session only with GUILD_MESSAGES, DMs only with
 * DIRECT_MESSAGES, and their content is blank without MESSAGE_CONTENT unless the bot is mentioned.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';

// ---------------------------------------------------------------------------------------------------------
// JSON helpers (exported so tests can read recorded bodies without `any`)

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a nested value: `jget(r.body, 'data', 'embeds', 0, 'title')`. */
export function jget(value: unknown, ...path: Array<string | number>): JsonValue | undefined {
  let node: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[key];
    } else {
      if (!isJsonObject(node)) return undefined;
      node = node[key];
    }
    if (node === undefined) return undefined;
  }
  return node as JsonValue;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const asArr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const toJson = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v ?? null)) as JsonValue;

// ---------------------------------------------------------------------------------------------------------
// Public types

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  /** Position in `requests` (0-based), handy for "only requests after this point". */
  index: number;
  method: string;
  /**
   * Without the `/api/v10` prefix and percent-decoded, e.g. `/interactions/123/tok/callback` or
   * `/webhooks/app/tok/messages/@original`; a path outside `/api/v10` is kept whole.
   */
  path: string;
  /** The path as sent (still percent-encoded: @discordjs/rest sends `%40original`). */
  rawPath: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  /** Parsed JSON; for multipart the parsed `payload_json` field; `undefined` when there was no body. */
  body: JsonValue | undefined;
  /** Files of a multipart body. */
  files: RecordedFile[];
  /** Status code the fake answered with. */
  status: number;
  /** What the fake answered (parsed JSON or undefined for 204). */
  response: JsonValue | undefined;
  at: number;
}

export interface FakeChannelSpec {
  id: string;
  name: string;
  /** 0 text (default), 2 voice, 4 category, 5 announcement, 15 forum. */
  type?: number;
}

export interface FakeGuildSpec {
  id: string;
  name: string;
  /**
   * Default: one text channel `general` with a generated id. Sending to a channel id the guild lacks
   * creates it on the fly (CHANNEL_CREATE first).
   */
  channels?: FakeChannelSpec[];
}

export interface FakeDiscordOptions {
  /** What /gateway/bot recommends (default 1). */
  shards?: number;
  /**
   * session_start_limit.max_concurrency (default 1, as for most bots). @discordjs/ws lets one IDENTIFY per
   * `shardId % maxConcurrency` bucket through every 5 s, so with 1 a second shard (or a re-identify within
   * 5 s) waits 5–6.5 s; set it to the shard count to make multi-shard tests fast.
   */
  maxConcurrency?: number;
  /** Default: one guild "Fake Guild" with a `general` text channel. Pass `[]` for none. */
  guilds?: FakeGuildSpec[];
  botUser?: { id: string; username: string };
  applicationId?: string;
  /** Default 'fake-token'. Other tokens: REST 401 {message:'401: Unauthorized', code:0}; IDENTIFY/RESUME close 4004. */
  validToken?: string;
  /** Accept any `Authorization: Bot …` on REST (the gateway still checks): to exercise the 4004 path. */
  acceptAnyRestToken?: boolean;
  /** HELLO heartbeat_interval (default 41250 like Discord; tests may use e.g. 500). */
  heartbeatIntervalMs?: number;
  /** Intent bits refused with close 4014 (e.g. 1 << 15 to act as if MESSAGE_CONTENT were not enabled). */
  disallowedIntents?: number;
  /** Callbacks later than this after delivery get 404 Unknown interaction (10062), like Discord's 3 s. */
  interactionResponseTimeoutMs?: number;
  /** Echo the bot's own REST-sent channel messages back as MESSAGE_CREATE, as Discord does (default true). */
  echoBotMessages?: boolean;
  /** Permissions of the bot's managed role (default: a new server's @everyone permissions). */
  botPermissions?: string;
  /** Called with one line per notable event, for debugging. */
  log?: (line: string) => void;
}

export interface IdentifyRecord {
  token: string;
  shard: [number, number] | undefined;
  intents: number;
  at: number;
}

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------------------
// Constants

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH = 1420070400000n;
const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;
export const Intents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
const MAX_INTENTS = (1 << 26) - 1;
const P = (bit: number): bigint => 1n << BigInt(bit);
/** Roughly what @everyone gets in a new server. */
export const DEFAULT_PERMISSIONS = (
  P(0) | P(6) | P(10) | P(11) | P(14) | P(15) | P(16) | P(18) | P(20) | P(21) | P(25) | P(26) | P(31) |
  P(35) | P(36) | P(37) | P(38) | P(39) | P(46) | P(49) | P(50)
).toString();
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const COMPONENTS_V2 = 1 << 15;
const CHANNEL_DM = 1;

// ---------------------------------------------------------------------------------------------------------
// Snowflakes

let increment = 0n;
/** A realistic snowflake (timestamp now). */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** The shard Discord routes a guild to: (guild_id >> 22) % shardCount. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A snowflake whose guild routing lands on `shardId` of `shardCount`. */
export function snowflakeForShard(shardId: number, shardCount: number): string {
  const count = BigInt(shardCount);
  let ts = BigInt(Date.now()) - DISCORD_EPOCH;
  ts = ts - (ts % count) + BigInt(shardId);
  increment = (increment + 1n) & 0xfffn;
  return ((ts << 22n) | (1n << 17n) | increment).toString();
}

// ---------------------------------------------------------------------------------------------------------
// Form errors in Discord's shape: {code:50035, message:'Invalid Form Body', errors:{a:{0:{b:{_errors:[…]}}}}}

class FormErrors {
  readonly root: Obj = {};
  count = 0;
  add(path: Array<string | number>, code: string, message: string): void {
    let node: Obj = this.root;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (isObj(next)) node = next;
      else {
        const created: Obj = {};
        node[k] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? node._errors : (node._errors = []);
    (list as unknown[]).push({ code, message });
    this.count++;
  }
  maxLength(path: Array<string | number>, value: unknown, max: number, min = 0): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') return this.add(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
    if ([...value].length > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    else if ([...value].length < min) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }
  response(): Reply {
    return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: this.root } };
  }
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const err = (status: number, code: number, message: string): Reply => ({ status, body: { message, code } });
const UNKNOWN_INTERACTION = err(404, 10062, 'Unknown interaction');
const UNKNOWN_WEBHOOK = err(404, 10015, 'Unknown Webhook');
const UNKNOWN_MESSAGE = err(404, 10008, 'Unknown Message');
const UNKNOWN_CHANNEL = err(404, 10003, 'Unknown Channel');
const MISSING_ACCESS = err(403, 50001, 'Missing Access');

// ---------------------------------------------------------------------------------------------------------
// Internal state

interface Conn {
  ws: WebSocket;
  session: Session | undefined;
  serverCloseCode: number | undefined;
  query: Record<string, string>;
}

interface Session {
  id: string;
  shard: [number, number];
  token: string;
  intents: number;
  seq: number;
  log: Array<{ s: number; text: string }>;
  conn: Conn | undefined;
  invalid: boolean;
  createdAt: number;
}

interface Guild {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string;
  joinedAt: string;
  channels: Obj[];
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  guildId: string | undefined;
  channelId: string;
  userId: string;
  commandName: string | undefined;
  createdAt: number;
  deliveredAt: number | undefined;
  acknowledged: boolean;
  responseType: number | undefined;
  originalMessageId: string | undefined;
  componentMessageId: string | undefined;
}

interface Route {
  method: string;
  parts: string[];
  auth: boolean;
  handler: (ctx: Ctx) => Reply | Promise<Reply>;
}

interface Ctx {
  params: Record<string, string>;
  query: Record<string, string>;
  body: JsonValue | undefined;
  files: RecordedFile[];
}

interface Waiter<T> {
  check: () => T | undefined;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

// ---------------------------------------------------------------------------------------------------------

export class FakeDiscord {
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly requests: RecordedRequest[] = [];
  readonly identifies: IdentifyRecord[] = [];
  /** Every gateway payload the clients sent, in order (heartbeats included). */
  readonly gatewayPayloads: Array<{ shard: [number, number] | undefined; op: number; d: JsonValue; at: number }> = [];
  /** Query strings of every gateway connection (v, encoding, compress). */
  readonly connections: Array<Record<string, string>> = [];
  readonly botUser: Obj;
  readonly applicationId: string;
  readonly validToken: string;
  readonly shardCount: number;
  /** Guild ids, in the order given. */
  readonly guildIds: string[];

  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly opts: Required<Omit<FakeDiscordOptions, 'guilds' | 'botUser' | 'applicationId' | 'log'>> & {
    log: ((line: string) => void) | undefined;
  };
  private readonly guilds = new Map<string, Guild>();
  private readonly users = new Map<string, Obj>();
  private readonly dmChannels = new Map<string, string>(); // channel id -> recipient id
  private readonly sessions = new Map<string, Session>();
  private readonly conns = new Set<Conn>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly messages = new Map<string, Obj>();
  private readonly commands = new Map<string, Map<string, Obj>>(); // 'global' | guild id -> id -> command
  private readonly routes: Route[] = [];
  private readonly waiters = new Set<Waiter<unknown>>();
  /** Callbacks for dispatches buffered while disconnected, run when they are replayed (session:seq). */
  private readonly pendingOnSent = new Map<string, () => void>();
  private readonly injected: Array<{ pred: (r: RecordedRequest) => boolean; response: InjectedResponse; times: number }> = [];
  private resumeCount = 0;
  private readyCount = 0;
  private heartbeatCount = 0;
  private stopped = false;
  readonly defaultUserId: string;

  private constructor(server: http.Server, wss: WebSocketServer, port: number, options: FakeDiscordOptions) {
    this.server = server;
    this.wss = wss;
    this.restUrl = `http://127.0.0.1:${port}`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.opts = {
      shards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      validToken: options.validToken ?? 'fake-token',
      acceptAnyRestToken: options.acceptAnyRestToken ?? false,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      disallowedIntents: options.disallowedIntents ?? 0,
      interactionResponseTimeoutMs: options.interactionResponseTimeoutMs ?? 3000,
      echoBotMessages: options.echoBotMessages ?? true,
      botPermissions: options.botPermissions ?? DEFAULT_PERMISSIONS,
      log: options.log,
    };
    this.validToken = this.opts.validToken;
    this.shardCount = this.opts.shards;
    this.applicationId = options.applicationId ?? options.botUser?.id ?? snowflake();
    const bot = options.botUser ?? { id: this.applicationId, username: 'FakeBot' };
    this.botUser = {
      id: bot.id,
      username: bot.username,
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      system: false,
      flags: 0,
      public_flags: 0,
      mfa_enabled: false,
      verified: true,
      email: null,
      locale: 'en-US',
      premium_type: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
    this.users.set(bot.id, this.botUser);
    this.defaultUserId = snowflake();
    this.user(this.defaultUserId, 'tester');
    const specs = options.guilds ?? [{ id: snowflake(), name: 'Fake Guild' }];
    for (const spec of specs) this.addGuild(spec);
    this.guildIds = specs.map((g) => g.id);
    this.setupRoutes();
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = http.createServer();
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const fake = new FakeDiscord(server, wss, port, options);
    server.on('request', (req, res) => {
      fake.handleHttp(req, res).catch(() => res.destroy());
    });
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => fake.handleSocket(ws, req));
    });
    return fake;
  }

  // -------------------------------------------------------------------------------------------------------
  // Public API

  get resumes(): number {
    return this.resumeCount;
  }

  /** IDENTIFYs answered with READY + GUILD_CREATEs, plus successful RESUMEs, since start. */
  get sessionsReady(): number {
    return this.readyCount;
  }

  /** Heartbeats (op 1) received and acknowledged. */
  get heartbeats(): number {
    return this.heartbeatCount;
  }

  /** Sessions with an open socket right now. */
  get liveSessions(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.conn && !s.invalid) n++;
    return n;
  }

  /**
   * Resolves when `count` sessions in total (cumulative since start) have been made ready: IDENTIFY answered
   * with READY + GUILD_CREATEs, or RESUME answered with RESUMED. For "wait for the reconnect" pass
   * `fake.sessionsReady + 1` taken before dropping. The client may still be processing the last packets.
   */
  waitForSessions(count = 1, timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => (this.readyCount >= count ? true : undefined), timeoutMs, `${count} ready sessions (have ${this.readyCount})`).then(() => undefined);
  }

  /** Waits for a recorded REST request matching `pred`, including ones already recorded (filter on `index`/`at` for newer ones). */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.find(pred), timeoutMs, 'a matching REST request');
  }

  /** Waits for the (first) callback POST of an interaction. */
  waitForCallback(interactionId: string, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${interactionId}/`), timeoutMs);
  }

  /** Makes the next `times` requests matching `pred` get `response` instead (e.g. a 429 or 50013). */
  injectError(pred: (r: RecordedRequest) => boolean, response: InjectedResponse, times = 1): void {
    this.injected.push({ pred, response, times });
  }

  /** The stored original response message of an interaction (after reply/defer/update), if any. */
  originalMessage(interactionId: string): JsonObject | undefined {
    const inter = this.interactions.get(interactionId);
    const msg = inter?.originalMessageId ? this.messages.get(inter.originalMessageId) : undefined;
    return msg ? (toJson(msg) as JsonObject) : undefined;
  }

  /** Any stored message by id (sent by the bot or injected by sendMessage/sendInteraction). */
  message(id: string): JsonObject | undefined {
    const msg = this.messages.get(id);
    return msg ? (toJson(msg) as JsonObject) : undefined;
  }

  /**
   * Sends INTERACTION_CREATE to the session owning the guild (shard = (guild_id >> 22) % shardCount; DMs →
   * shard 0). type 2 command, 3 component, 4 autocomplete, 5 modal submit. `data` is completed: commands
   * get `type: 1` and the id of a registered command of that name (or a new one); components get
   * `component_type: 2` and, without `message`, a bot message carrying the component.
   */
  sendInteraction(input: {
    type: 2 | 3 | 4 | 5;
    guildId?: string;
    channelId: string;
    userId?: string;
    username?: string;
    data: object;
    message?: object;
    locale?: string;
    /** The member's permissions string (guild only). */
    permissions?: string;
  }): { id: string; token: string; shardId: number } {
    const guild = input.guildId ? this.requireGuild(input.guildId) : undefined;
    const userId = input.userId ?? this.defaultUserId;
    const user = this.user(userId, input.username);
    const channel = guild ? this.requireGuildChannel(guild, input.channelId) : this.dmChannel(input.channelId, userId);
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}${randomBytes(48).toString('base64url')}`;
    const data: Obj = { ...(input.data as Obj) };
    if (input.type === 2 || input.type === 4) {
      data.type ??= 1;
      const name = asStr(data.name);
      if (data.id === undefined) {
        data.id = (name && this.findCommand(name, guild?.id)?.id) ?? snowflake();
      }
      if (guild && this.findCommand(name ?? '', guild.id)) data.guild_id ??= guild.id;
    }
    if (input.type === 3) data.component_type ??= 2;
    if (input.type === 3 || input.type === 5) data.custom_id ??= 'button';

    const payload: Obj = {
      id,
      application_id: this.applicationId,
      type: input.type,
      token,
      version: 1,
      data,
      channel_id: channel.id,
      channel: guild ? { ...channel, permissions: this.opts.botPermissions } : { ...channel, recipients: [user] },
      app_permissions: this.opts.botPermissions,
      locale: input.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: guild ? { '0': guild.id } : { '0': '0' },
      context: guild ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (guild) {
      payload.guild_id = guild.id;
      payload.guild = { id: guild.id, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = { ...this.memberFields(guild, []), user, permissions: input.permissions ?? DEFAULT_PERMISSIONS };
    } else {
      payload.user = user;
    }
    let componentMessageId: string | undefined;
    if (input.type === 3 || (input.type === 5 && input.message)) {
      const base = this.botMessage(channel.id as string, guild?.id, {
        content: '',
        components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Button', custom_id: data.custom_id }] }],
      });
      const message: Obj = { ...base, ...((input.message as Obj | undefined) ?? {}) };
      componentMessageId = asStr(message.id) ?? snowflake();
      message.id = componentMessageId;
      if (!this.messages.has(componentMessageId)) this.messages.set(componentMessageId, message);
      payload.message = message;
    }
    const state: InteractionState = {
      id,
      token,
      type: input.type,
      guildId: guild?.id,
      channelId: channel.id as string,
      userId,
      commandName: asStr(data.name),
      createdAt: Date.now(),
      deliveredAt: undefined,
      acknowledged: false,
      responseType: undefined,
      originalMessageId: undefined,
      componentMessageId,
    };
    this.interactions.set(id, state);
    this.interactionsByToken.set(token, state);
    const session = this.sessionFor(guild?.id);
    this.dispatch(session, 'INTERACTION_CREATE', payload, () => {
      state.deliveredAt ??= Date.now();
    });
    return { id, token, shardId: session.shard[0] };
  }

  /**
   * Sends MESSAGE_CREATE: a guild message (optionally mentioning the bot: `<@bot>` is prefixed when the
   * content lacks it) or, without guildId, a DM (channel type 1, no guild_id). `delivered` is false when the
   * session lacks the intent for it (GUILD_MESSAGES / DIRECT_MESSAGES), as Discord would not send it.
   */
  sendMessage(input: {
    guildId?: string;
    channelId: string;
    content: string;
    authorId?: string;
    username?: string;
    mentionsBot?: boolean;
    embeds?: object[];
    /** Makes it a reply (type 19) to that message. */
    replyTo?: string;
  }): { id: string; delivered: boolean; shardId: number } {
    const guild = input.guildId ? this.requireGuild(input.guildId) : undefined;
    const authorId = input.authorId ?? this.defaultUserId;
    const author = this.user(authorId, input.username);
    const channel = guild ? this.requireGuildChannel(guild, input.channelId) : this.dmChannel(input.channelId, authorId);
    const botId = this.botUser.id as string;
    let content = input.content;
    const mentionRe = new RegExp(`<@!?${botId}>`);
    if (input.mentionsBot && !mentionRe.test(content)) content = `<@${botId}> ${content}`;
    const mentionsBot = mentionRe.test(content);
    const id = snowflake();
    const message: Obj = {
      id,
      channel_id: channel.id,
      channel_type: channel.type,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentionsBot ? [guild ? { ...this.botUser, member: this.memberFields(guild, [guild.botRoleId]) } : this.botUser] : [],
      mention_roles: [],
      attachments: [],
      embeds: input.embeds ?? [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
      nonce: snowflake(),
    };
    if (guild) {
      message.guild_id = guild.id;
      message.member = this.memberFields(guild, []);
    }
    if (input.replyTo) {
      const ref = this.messages.get(input.replyTo);
      message.type = 19;
      message.message_reference = { type: 0, message_id: input.replyTo, channel_id: channel.id, ...(guild ? { guild_id: guild.id } : {}) };
      message.referenced_message = ref ?? null;
    }
    this.messages.set(id, message);
    const session = this.sessionFor(guild?.id);
    const delivered = this.deliverMessage(session, message, false);
    return { id, delivered, shardId: session.shard[0] };
  }

  /** Sends any dispatch to the session owning `guildId` (or shard 0). Returns the sequence number. */
  dispatchEvent(t: string, d: unknown, guildId?: string): number {
    return this.dispatch(this.sessionFor(guildId), t, d);
  }

  /**
   * Closes every gateway socket: with `code` (default 4000, "unknown error" → the client resumes), or for
   * 1006 by terminating the TCP connection without a close frame. 1000 makes the client re-identify.
   */
  dropConnections(code = 4000): void {
    for (const conn of [...this.conns]) {
      conn.serverCloseCode = code;
      if (code === 1006) conn.ws.terminate();
      else conn.ws.close(code, 'FakeDiscord dropped the connection');
    }
    this.logLine(`dropped connections with ${code}`);
  }

  /** Sends op 7 RECONNECT to every session (the client closes and resumes). */
  requestReconnect(): void {
    for (const conn of this.conns) this.send(conn, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  /**
   * Sends op 9 INVALID_SESSION to every live session: resumable → the client sends RESUME (on the same
   * socket, as @discordjs/ws does); not resumable → the session is dropped and the client re-identifies.
   */
  invalidateSessions(resumable = false): void {
    for (const conn of this.conns) {
      const session = conn.session;
      if (!session) continue;
      if (!resumable) session.invalid = true;
      conn.session = undefined;
      session.conn = undefined;
      this.send(conn, { op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of [...this.waiters]) {
      clearTimeout(w.timer);
      w.reject(new Error('FakeDiscord stopped'));
    }
    this.waiters.clear();
    for (const conn of this.conns) conn.ws.terminate();
    this.conns.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------
  // Waiting

  private waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    if (this.stopped) return Promise.reject(new Error('FakeDiscord stopped'));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        check,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter as Waiter<unknown>);
          reject(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter as Waiter<unknown>);
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) {
      const value = w.check();
      if (value !== undefined) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(value);
      }
    }
  }

  private logLine(line: string): void {
    this.opts.log?.(`[fake-discord] ${line}`);
  }

  // -------------------------------------------------------------------------------------------------------
  // Model

  private user(id: string, username?: string): Obj {
    let u = this.users.get(id);
    if (!u) {
      u = {
        id,
        username: username ?? `user${id.slice(-4)}`,
        discriminator: '0',
        global_name: username ?? null,
        avatar: null,
        public_flags: 0,
        avatar_decoration_data: null,
        collectibles: null,
        primary_guild: null,
      };
      this.users.set(id, u);
    } else if (username && u.username !== username) {
      u.username = username;
    }
    return u;
  }

  private addGuild(spec: FakeGuildSpec): void {
    const botRoleId = snowflake();
    const channels = (spec.channels ?? [{ id: snowflake(), name: 'general' }]).map((c, position) =>
      this.channelPayload(c, spec.id, position),
    );
    this.guilds.set(spec.id, {
      id: spec.id,
      name: spec.name,
      ownerId: this.defaultUserId,
      botRoleId,
      joinedAt: new Date().toISOString(),
      channels,
    });
  }

  private channelPayload(c: FakeChannelSpec, guildId: string, position: number): Obj {
    const type = c.type ?? 0;
    const base: Obj = { id: c.id, type, guild_id: guildId, name: c.name, position, permission_overwrites: [], parent_id: null, flags: 0 };
    if (type === 4) return base;
    const textish: Obj = { ...base, nsfw: false, last_message_id: null, rate_limit_per_user: 0 };
    if (type === 2 || type === 13) return { ...textish, bitrate: 64000, user_limit: 0, rtc_region: null, video_quality_mode: 1 };
    if (type === 15 || type === 16) {
      return { ...textish, topic: null, available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0, default_thread_rate_limit_per_user: 0 };
    }
    return { ...textish, topic: null, default_thread_rate_limit_per_user: 0 };
  }

  private requireGuild(id: string): Guild {
    const g = this.guilds.get(id);
    if (!g) throw new Error(`FakeDiscord: unknown guild ${id} (known: ${[...this.guilds.keys()].join(', ')})`);
    return g;
  }

  /**
   * The guild's channel; an id the guild does not have yet becomes a new text channel, announced with
   * CHANNEL_CREATE first (as if someone had just made it), so the client caches it like Discord's would.
   */
  private requireGuildChannel(guild: Guild, channelId: string): Obj {
    const c = guild.channels.find((ch) => ch.id === channelId);
    if (c) return c;
    for (const other of this.guilds.values()) {
      if (other.channels.some((ch) => ch.id === channelId)) throw new Error(`FakeDiscord: channel ${channelId} belongs to guild ${other.id}, not ${guild.id}`);
    }
    if (this.dmChannels.has(channelId)) throw new Error(`FakeDiscord: channel ${channelId} is a DM channel, not in guild ${guild.id}`);
    const created = this.channelPayload({ id: channelId, name: `channel-${channelId.slice(-4)}` }, guild.id, guild.channels.length);
    guild.channels.push(created);
    for (const session of this.sessions.values()) {
      if (!session.invalid && session.intents & Intents.Guilds && shardOf(guild.id, session.shard[1]) === session.shard[0]) {
        this.dispatch(session, 'CHANNEL_CREATE', created);
      }
    }
    this.logLine(`created channel ${channelId} in guild ${guild.id}`);
    return created;
  }

  private dmChannel(channelId: string, recipientId: string): Obj {
    for (const g of this.guilds.values()) {
      if (g.channels.some((c) => c.id === channelId)) throw new Error(`FakeDiscord: ${channelId} is a guild channel; pass guildId`);
    }
    const existing = this.dmChannels.get(channelId);
    if (existing && existing !== recipientId) throw new Error(`FakeDiscord: DM channel ${channelId} belongs to user ${existing}`);
    this.dmChannels.set(channelId, recipientId);
    return { id: channelId, type: CHANNEL_DM, last_message_id: null, flags: 0 };
  }

  private dmPayload(channelId: string): Obj | undefined {
    const recipient = this.dmChannels.get(channelId);
    if (!recipient) return undefined;
    return { id: channelId, type: CHANNEL_DM, last_message_id: null, flags: 0, recipients: [this.user(recipient)] };
  }

  private findChannel(id: string): { channel: Obj; guild: Guild | undefined } | undefined {
    for (const g of this.guilds.values()) {
      const c = g.channels.find((ch) => ch.id === id);
      if (c) return { channel: c, guild: g };
    }
    const dm = this.dmPayload(id);
    return dm ? { channel: dm, guild: undefined } : undefined;
  }

  private memberFields(guild: Guild, roles: string[]): Obj {
    return {
      roles,
      nick: null,
      avatar: null,
      banner: null,
      joined_at: guild.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      unusual_dm_activity_until: null,
    };
  }

  private guildPayload(guild: Guild, full: boolean): Obj {
    const textChannel = guild.channels.find((c) => c.type === 0);
    const roles = [
      {
        id: guild.id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: DEFAULT_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      {
        id: guild.botRoleId,
        name: this.botUser.username,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 1,
        permissions: this.opts.botPermissions,
        managed: true,
        mentionable: false,
        flags: 0,
        tags: { bot_id: this.botUser.id },
      },
    ];
    const base: Obj = {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles,
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: textChannel?.id ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      nsfw: false,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
      hub_type: null,
      latest_onboarding_question_id: null,
    };
    if (!full) return base;
    return {
      ...base,
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [{ ...this.memberFields(guild, [guild.botRoleId]), user: this.botUser }],
      channels: guild.channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      activity_instances: [],
      application_command_counts: {},
      lazy: true,
      version: Date.now(),
    };
  }

  private botMessage(channelId: string, guildId: string | undefined, fields: Obj): Obj {
    const id = snowflake();
    const msg: Obj = {
      id,
      channel_id: channelId,
      author: this.botUser,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
      ...fields,
    };
    if (guildId) msg.guild_id = guildId;
    return msg;
  }

  // -------------------------------------------------------------------------------------------------------
  // Gateway

  private sessionFor(guildId: string | undefined): Session {
    const candidates = [...this.sessions.values()]
      .filter((s) => !s.invalid && s.shard[0] === (guildId ? shardOf(guildId, s.shard[1]) : 0))
      .sort((a, b) => Number(Boolean(b.conn)) - Number(Boolean(a.conn)) || b.createdAt - a.createdAt);
    const session = candidates[0];
    if (!session) {
      throw new Error(
        `FakeDiscord: no gateway session for ${guildId ? `guild ${guildId}` : 'DMs (shard 0)'}; sessions: ${[...this.sessions.values()].map((s) => `[${s.shard.join(',')}]${s.invalid ? ' invalid' : ''}`).join(' ') || 'none'}`,
      );
    }
    return session;
  }

  private send(conn: Conn, payload: unknown): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(payload));
  }

  /** Sends (or, while disconnected, buffers for replay on RESUME) one dispatch. */
  private dispatch(session: Session, t: string, d: unknown, onSent?: () => void): number {
    const s = ++session.seq;
    const text = JSON.stringify({ op: Op.Dispatch, t, s, d });
    session.log.push({ s, text });
    if (session.log.length > 2000) session.log.splice(0, session.log.length - 2000);
    const conn = session.conn;
    if (conn && conn.ws.readyState === WebSocket.OPEN) {
      conn.ws.send(text);
      onSent?.();
    } else if (onSent) {
      this.pendingOnSent.set(`${session.id}:${s}`, onSent);
    }
    this.logLine(`→ [${session.shard.join(',')}] ${t} s=${s}${conn ? '' : ' (buffered)'}`);
    return s;
  }


  private deliverMessage(session: Session, message: Obj, fromBot: boolean): boolean {
    const isGuild = typeof message.guild_id === 'string';
    if (!(session.intents & (isGuild ? Intents.GuildMessages : Intents.DirectMessages))) {
      this.logLine(`MESSAGE_CREATE not delivered: session lacks ${isGuild ? 'GUILD_MESSAGES' : 'DIRECT_MESSAGES'}`);
      return false;
    }
    const botId = this.botUser.id as string;
    const mentioned = (asArr(message.mentions) ?? []).some((u) => isObj(u) && u.id === botId);
    const seesContent = fromBot || !isGuild || mentioned || Boolean(session.intents & Intents.MessageContent);
    const payload = seesContent ? message : { ...message, content: '', embeds: [], attachments: [], components: [], poll: undefined };
    this.dispatch(session, 'MESSAGE_CREATE', payload);
    return true;
  }

  private handleSocket(ws: WebSocket, req: http.IncomingMessage): void {
    const url = new URL(req.url ?? '/', this.restUrl);
    const query = Object.fromEntries(url.searchParams);
    this.connections.push(query);
    const conn: Conn = { ws, session: undefined, serverCloseCode: undefined, query };
    this.conns.add(conn);
    ws.on('error', () => undefined);
    ws.on('close', (code) => this.onSocketClose(conn, code));
    ws.on('message', (data, isBinary) => this.onSocketMessage(conn, data, isBinary));
    this.logLine(`gateway connection ${url.pathname}${url.search}`);
    if (query.v !== undefined && query.v !== '10') {
      ws.close(4012, 'Invalid API version');
      return;
    }
    if (query.encoding !== undefined && query.encoding !== 'json') {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    // `compress=zlib-stream` is ignored: frames stay plain JSON text, which @discordjs/ws also accepts.
    this.send(conn, { op: Op.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['["fake-discord",{"micros":0}]'] }, s: null, t: null });
  }

  private onSocketClose(conn: Conn, code: number): void {
    this.conns.delete(conn);
    const session = conn.session;
    if (session && session.conn === conn) {
      session.conn = undefined;
      // Discord invalidates a session the client closes with 1000/1001; 4xxx/abnormal closes stay resumable.
      const closedByServer = conn.serverCloseCode !== undefined;
      if ((!closedByServer && (code === 1000 || code === 1001)) || conn.serverCloseCode === 1000) session.invalid = true;
    }
    this.logLine(`gateway connection closed ${code}${session ? ` [${session.shard.join(',')}]` : ''}`);
  }

  private closeWith(conn: Conn, code: number, reason: string): void {
    conn.serverCloseCode = code;
    conn.ws.close(code, reason);
  }

  private onSocketMessage(conn: Conn, data: WebSocket.RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      payload = JSON.parse(text);
    } catch {
      return this.closeWith(conn, 4002, isBinary ? 'Error while decoding payload (ETF/binary not supported).' : 'Error while decoding payload.');
    }
    if (!isObj(payload) || typeof payload.op !== 'number') return this.closeWith(conn, 4002, 'Error while decoding payload.');
    const op = payload.op;
    const d = payload.d;
    this.gatewayPayloads.push({ shard: conn.session?.shard, op, d: toJson(op === Op.Identify || op === Op.Resume ? { ...(d as Obj), token: '<redacted>' } : d), at: Date.now() });
    switch (op) {
      case Op.Heartbeat:
        this.heartbeatCount++;
        this.send(conn, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        this.notify();
        return;
      case Op.Identify:
        return this.onIdentify(conn, isObj(d) ? d : {});
      case Op.Resume:
        return this.onResume(conn, isObj(d) ? d : {});
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
      case Op.RequestSoundboardSounds:
        if (!conn.session) return this.closeWith(conn, 4003, 'Not authenticated.');
        return;
      default:
        return this.closeWith(conn, 4001, 'Unknown opcode.');
    }
  }

  private tokenOk(token: unknown): token is string {
    return typeof token === 'string' && token.replace(/^Bot\s+/i, '') === this.opts.validToken;
  }

  private onIdentify(conn: Conn, d: Obj): void {
    if (conn.session) return this.closeWith(conn, 4005, 'Already authenticated.');
    const token = asStr(d.token) ?? '';
    const intents = d.intents;
    const rawShard = asArr(d.shard);
    this.identifies.push({
      token,
      shard: rawShard ? [Number(rawShard[0]), Number(rawShard[1])] : undefined,
      intents: typeof intents === 'number' ? intents : NaN,
      at: Date.now(),
    });
    this.notify();
    if (!this.tokenOk(token)) return this.closeWith(conn, 4004, 'Authentication failed.');
    const shard: [number, number] = rawShard ? [Number(rawShard[0]), Number(rawShard[1])] : [0, 1];
    if (!Number.isInteger(shard[0]) || !Number.isInteger(shard[1]) || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
      return this.closeWith(conn, 4010, 'Invalid shard.');
    }
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || intents > MAX_INTENTS) {
      return this.closeWith(conn, 4013, 'Invalid intent(s).');
    }
    if (intents & this.opts.disallowedIntents) return this.closeWith(conn, 4014, 'Disallowed intent(s).');
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard,
      token,
      intents,
      seq: 0,
      log: [],
      conn,
      invalid: false,
      createdAt: Date.now(),
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    const guilds = [...this.guilds.values()].filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.dispatch(session, 'READY', {
      v: 10,
      user: this.botUser,
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['us-east'],
      game_relationships: [],
      auth: {},
      session_type: 'normal',
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    if (intents & Intents.Guilds) {
      for (const g of guilds) this.dispatch(session, 'GUILD_CREATE', this.guildPayload(g, true));
    }
    this.readyCount++;
    this.logLine(`identified shard [${shard.join(',')}] intents=${intents} guilds=${guilds.length}`);
    this.notify();
  }

  private onResume(conn: Conn, d: Obj): void {
    if (conn.session) return this.closeWith(conn, 4005, 'Already authenticated.');
    if (!this.tokenOk(d.token)) return this.closeWith(conn, 4004, 'Authentication failed.');
    const session = this.sessions.get(asStr(d.session_id) ?? '');
    const seq = asNum(d.seq) ?? 0;
    if (!session || session.invalid || session.token !== d.token) {
      this.send(conn, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (seq > session.seq) return this.closeWith(conn, 4007, 'Invalid seq.');
    const old = session.conn;
    if (old && old !== conn) {
      old.session = undefined;
      old.ws.terminate();
    }
    session.conn = conn;
    conn.session = session;
    for (const entry of session.log) {
      if (entry.s <= seq) continue;
      conn.ws.send(entry.text);
      const onSent = this.pendingOnSent.get(`${session.id}:${entry.s}`);
      if (onSent) {
        this.pendingOnSent.delete(`${session.id}:${entry.s}`);
        onSent();
      }
    }
    this.dispatch(session, 'RESUMED', { _trace: ['["fake-discord",{"micros":0}]'] });
    this.resumeCount++;
    this.readyCount++;
    this.logLine(`resumed shard [${session.shard.join(',')}] from seq ${seq}`);
    this.notify();
  }

  // -------------------------------------------------------------------------------------------------------
  // REST

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.restUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const contentType = headers['content-type'] ?? '';
    let body: JsonValue | undefined;
    const files: RecordedFile[] = [];
    let badBody = false;
    try {
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        for (const [field, value] of form.entries()) {
          if (typeof value === 'string') {
            if (field === 'payload_json') body = JSON.parse(value) as JsonValue;
          } else {
            files.push({ field, name: value.name, contentType: value.type, size: value.size });
          }
        }
      } else if (raw.length > 0) {
        body = JSON.parse(raw.toString('utf8')) as JsonValue;
      }
    } catch {
      badBody = true;
    }
    const rawPath = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const path = rawPath
      .split('/')
      .map((seg) => {
        try {
          return decodeURIComponent(seg);
        } catch {
          return seg;
        }
      })
      .join('/');
    const record: RecordedRequest = {
      index: this.requests.length,
      method,
      path,
      rawPath,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      files,
      status: 0,
      response: undefined,
      at: Date.now(),
    };

    let reply: Reply;
    try {
      reply = badBody ? err(400, 50109, 'The request body contains invalid JSON.') : await this.route(record, url.pathname, headers);
    } catch (error) {
      reply = { status: 500, body: { message: `FakeDiscord error: ${(error as Error).message}`, code: 0 } };
    }
    record.status = reply.status;
    record.response = reply.body === undefined ? undefined : toJson(reply.body);
    this.requests.push(record);
    this.logLine(`${method} ${path} → ${reply.status}`);
    this.notify();
    const out = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      'content-length': Buffer.byteLength(out),
      ...(reply.headers ?? {}),
    });
    res.end(out);
  }

  private async route(record: RecordedRequest, fullPath: string, headers: Record<string, string | undefined>): Promise<Reply> {
    const injected = this.injected.find((i) => i.times > 0 && i.pred(record));
    if (injected) {
      injected.times--;
      return { status: injected.response.status, body: injected.response.body, headers: injected.response.headers };
    }
    if (!fullPath.startsWith(`${API_PREFIX}/`)) return err(404, 0, 'Unknown');
    const segments = record.path.split('/').filter(Boolean);
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const part = route.parts[i] as string;
        const seg = segments[i] as string;
        if (part.startsWith(':')) params[part.slice(1)] = seg;
        else if (part !== seg) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (route.method !== record.method) {
        methodMismatch = true;
        continue;
      }
      if (route.auth) {
        const auth = headers.authorization;
        const good = this.opts.acceptAnyRestToken ? Boolean(auth?.startsWith('Bot ')) : auth === `Bot ${this.opts.validToken}`;
        if (!good) return err(401, 0, '401: Unauthorized');
      }
      return route.handler({ params, query: record.query, body: record.body, files: record.files });
    }
    return methodMismatch ? err(405, 0, '405: Method Not Allowed') : err(404, 0, 'Unknown');
  }

  private on(method: string, pattern: string, auth: boolean, handler: (ctx: Ctx) => Reply | Promise<Reply>): void {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), auth, handler });
  }

  private setupRoutes(): void {
    const ok = (body: unknown, status = 200): Reply => ({ status, body });
    const noContent: Reply = { status: 204 };

    this.on('GET', '/gateway', false, () => ok({ url: this.gatewayUrl }));
    this.on('GET', '/gateway/bot', true, () =>
      ok({
        url: this.gatewayUrl,
        shards: this.opts.shards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: this.opts.maxConcurrency },
      }),
    );
    this.on('GET', '/users/@me', true, () => ok(this.botUser));
    this.on('GET', '/users/:user', true, ({ params }) => {
      const u = this.users.get(params.user ?? '');
      return u ? ok(u) : err(404, 10013, 'Unknown User');
    });
    this.on('POST', '/users/@me/channels', true, ({ body }) => {
      const recipient = asStr(jget(body, 'recipient_id'));
      if (!recipient) {
        const e = new FormErrors();
        e.add(['recipient_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        return e.response();
      }
      for (const [channelId, userId] of this.dmChannels) if (userId === recipient) return ok(this.dmPayload(channelId));
      const channelId = snowflake();
      this.dmChannels.set(channelId, recipient);
      return ok(this.dmPayload(channelId));
    });
    this.on('GET', '/applications/@me', true, () =>
      ok({
        id: this.applicationId,
        name: this.botUser.username,
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: randomBytes(32).toString('hex'),
        flags: 0,
        team: null,
        owner: this.user(this.defaultUserId),
        bot: this.botUser,
        approximate_guild_count: this.guilds.size,
        approximate_user_install_count: 0,
        redirect_uris: [],
        interactions_endpoint_url: null,
        role_connections_verification_url: null,
        tags: [],
        integration_types_config: { '0': {} },
        custom_install_url: null,
        hook: true,
        is_monetized: false,
        is_verified: false,
        is_discoverable: false,
        storefront_available: false,
      }),
    );

    // Application commands
    for (const scoped of [false, true]) {
      const base = scoped ? '/applications/:app/guilds/:guild/commands' : '/applications/:app/commands';
      const scope = (p: Record<string, string>): string | Reply => {
        if (p.app !== this.applicationId) return MISSING_ACCESS;
        if (scoped) return this.guilds.has(p.guild ?? '') ? (p.guild as string) : MISSING_ACCESS;
        return 'global';
      };
      this.on('GET', base, true, ({ params }) => {
        const s = scope(params);
        return typeof s === 'string' ? ok([...(this.commands.get(s)?.values() ?? [])]) : s;
      });
      this.on('PUT', base, true, ({ params, body }) => {
        const s = scope(params);
        if (typeof s !== 'string') return s;
        const list = asArr(body);
        if (!list) return err(400, 50035, 'Invalid Form Body');
        const e = new FormErrors();
        if (list.length > 100) e.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        list.forEach((c, i) => validateCommand(c, [i], e));
        if (e.count) return e.response();
        const old = this.commands.get(s) ?? new Map<string, Obj>();
        const next = new Map<string, Obj>();
        for (const c of list as Obj[]) {
          const prev = [...old.values()].find((o) => o.name === c.name && o.type === (c.type ?? 1));
          const cmd = this.normalizeCommand(c, prev?.id as string | undefined, scoped ? s : undefined);
          next.set(cmd.id as string, cmd);
        }
        this.commands.set(s, next);
        return ok([...next.values()]);
      });
      this.on('POST', base, true, ({ params, body }) => {
        const s = scope(params);
        if (typeof s !== 'string') return s;
        const e = new FormErrors();
        validateCommand(body, [], e);
        if (e.count) return e.response();
        const c = body as Obj;
        const map = this.commands.get(s) ?? new Map<string, Obj>();
        const prev = [...map.values()].find((o) => o.name === c.name && o.type === (c.type ?? 1));
        const cmd = this.normalizeCommand(c, prev?.id as string | undefined, scoped ? s : undefined);
        map.set(cmd.id as string, cmd);
        this.commands.set(s, map);
        return ok(cmd, prev ? 200 : 201);
      });
      this.on('GET', `${base}/:command`, true, ({ params }) => {
        const s = scope(params);
        if (typeof s !== 'string') return s;
        const cmd = this.commands.get(s)?.get(params.command ?? '');
        return cmd ? ok(cmd) : err(404, 10063, 'Unknown application command');
      });
      this.on('PATCH', `${base}/:command`, true, ({ params, body }) => {
        const s = scope(params);
        if (typeof s !== 'string') return s;
        const map = this.commands.get(s);
        const cmd = map?.get(params.command ?? '');
        if (!cmd || !map) return err(404, 10063, 'Unknown application command');
        const merged = { ...cmd, ...(isObj(body) ? body : {}) };
        const e = new FormErrors();
        validateCommand(merged, [], e);
        if (e.count) return e.response();
        const next = this.normalizeCommand(merged, cmd.id as string, scoped ? s : undefined);
        map.set(next.id as string, next);
        return ok(next);
      });
      this.on('DELETE', `${base}/:command`, true, ({ params }) => {
        const s = scope(params);
        if (typeof s !== 'string') return s;
        return this.commands.get(s)?.delete(params.command ?? '') ? noContent : err(404, 10063, 'Unknown application command');
      });
    }

    // Interactions
    this.on('POST', '/interactions/:id/:token/callback', false, (ctx) => this.interactionCallback(ctx));
    this.on('POST', '/webhooks/:app/:token', false, ({ params, query, body, files }) => {
      const inter = this.webhookInteraction(params);
      if (!inter || !inter.acknowledged) return UNKNOWN_WEBHOOK;
      const e = new FormErrors();
      validateMessage(body, [], e, { create: true, files: files.length });
      if (e.count) return e.response();
      if (isEmptyMessage(body, files.length)) return err(400, 50006, 'Cannot send an empty message');
      const msg = this.interactionMessage(inter, isObj(body) ? body : {}, files, false);
      return query.wait === 'true' ? ok(msg) : noContent;
    });
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      this.on(method, '/webhooks/:app/:token/messages/:message', false, ({ params, body, files }) => {
        const inter = this.webhookInteraction(params);
        if (!inter) return UNKNOWN_WEBHOOK;
        const id = params.message === '@original' ? inter.originalMessageId : params.message;
        const msg = id ? this.messages.get(id) : undefined;
        if (!msg || !id) return UNKNOWN_MESSAGE;
        if (method === 'GET') return ok(msg);
        if (method === 'DELETE') {
          this.messages.delete(id);
          return noContent;
        }
        const e = new FormErrors();
        validateMessage(body, [], e, { create: false, files: files.length, flags: asNum(msg.flags) });
        if (e.count) return e.response();
        return ok(this.editMessage(msg, isObj(body) ? body : {}, files));
      });
    }

    // Channels and messages
    this.on('GET', '/channels/:channel', true, ({ params }) => {
      const found = this.findChannel(params.channel ?? '');
      return found ? ok(found.channel) : UNKNOWN_CHANNEL;
    });
    this.on('POST', '/channels/:channel/typing', true, ({ params }) => (this.findChannel(params.channel ?? '') ? noContent : UNKNOWN_CHANNEL));
    this.on('GET', '/channels/:channel/messages', true, ({ params, query }) => {
      if (!this.findChannel(params.channel ?? '')) return UNKNOWN_CHANNEL;
      const limit = Math.min(Number(query.limit ?? 50) || 50, 100);
      const list = [...this.messages.values()].filter((m) => m.channel_id === params.channel).reverse().slice(0, limit);
      return ok(list);
    });
    this.on('POST', '/channels/:channel/messages', true, ({ params, body, files }) => {
      const found = this.findChannel(params.channel ?? '');
      if (!found) return UNKNOWN_CHANNEL;
      const e = new FormErrors();
      validateMessage(body, [], e, { create: true, files: files.length });
      if (e.count) return e.response();
      if (isEmptyMessage(body, files.length)) return err(400, 50006, 'Cannot send an empty message');
      const b = isObj(body) ? body : {};
      const ref = isObj(b.message_reference) ? b.message_reference : undefined;
      const refId = asStr(ref?.message_id);
      const referenced = refId ? this.messages.get(refId) : undefined;
      if (refId && !referenced && ref?.fail_if_not_exists !== false) {
        const fe = new FormErrors();
        fe.add(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message');
        return fe.response();
      }
      const msg = this.botMessage(found.channel.id as string, found.guild?.id, {});
      this.applyMessageBody(msg, b, files, true);
      if (refId && referenced) {
        msg.type = 19;
        msg.message_reference = { type: 0, message_id: refId, channel_id: found.channel.id, ...(found.guild ? { guild_id: found.guild.id } : {}) };
        msg.referenced_message = referenced;
      }
      if (asStr(b.nonce) !== undefined || asNum(b.nonce) !== undefined) msg.nonce = b.nonce;
      this.messages.set(msg.id as string, msg);
      if (this.opts.echoBotMessages) {
        try {
          this.deliverMessage(this.sessionFor(found.guild?.id), found.guild ? { ...msg, member: this.memberFields(found.guild, [found.guild.botRoleId]) } : msg, true);
        } catch {
          // no session to echo to
        }
      }
      return ok(msg);
    });
    this.on('GET', '/channels/:channel/messages/:message', true, ({ params }) => {
      const msg = this.messages.get(params.message ?? '');
      return msg && msg.channel_id === params.channel ? ok(msg) : UNKNOWN_MESSAGE;
    });
    this.on('PATCH', '/channels/:channel/messages/:message', true, ({ params, body, files }) => {
      const msg = this.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== params.channel) return UNKNOWN_MESSAGE;
      if (isObj(msg.author) && msg.author.id !== this.botUser.id) return err(403, 50005, 'Cannot edit a message authored by another user');
      const e = new FormErrors();
      validateMessage(body, [], e, { create: false, files: files.length, flags: asNum(msg.flags) });
      if (e.count) return e.response();
      return ok(this.editMessage(msg, isObj(body) ? body : {}, files));
    });
    this.on('DELETE', '/channels/:channel/messages/:message', true, ({ params }) => {
      const msg = this.messages.get(params.message ?? '');
      if (!msg || msg.channel_id !== params.channel) return UNKNOWN_MESSAGE;
      this.messages.delete(params.message ?? '');
      return noContent;
    });
    for (const method of ['PUT', 'DELETE'] as const) {
      this.on(method, '/channels/:channel/messages/:message/reactions/:emoji/@me', true, ({ params }) =>
        this.messages.has(params.message ?? '') ? noContent : UNKNOWN_MESSAGE,
      );
    }

    // Guilds
    this.on('GET', '/guilds/:guild', true, ({ params }) => {
      const g = this.guilds.get(params.guild ?? '');
      return g ? ok(this.guildPayload(g, false)) : MISSING_ACCESS;
    });
    this.on('GET', '/guilds/:guild/channels', true, ({ params }) => {
      const g = this.guilds.get(params.guild ?? '');
      return g ? ok(g.channels) : MISSING_ACCESS;
    });
    this.on('GET', '/guilds/:guild/roles', true, ({ params }) => {
      const g = this.guilds.get(params.guild ?? '');
      return g ? ok(this.guildPayload(g, false).roles) : MISSING_ACCESS;
    });
    this.on('GET', '/guilds/:guild/members/:user', true, ({ params }) => {
      const g = this.guilds.get(params.guild ?? '');
      if (!g) return MISSING_ACCESS;
      const isBot = params.user === this.botUser.id;
      const u = isBot ? this.botUser : this.users.get(params.user ?? '');
      return u ? ok({ ...this.memberFields(g, isBot ? [g.botRoleId] : []), user: u }) : err(404, 10007, 'Unknown Member');
    });
  }

  private findCommand(name: string, guildId: string | undefined): Obj | undefined {
    const scopes = guildId ? [guildId, 'global'] : ['global'];
    for (const s of scopes) {
      for (const c of this.commands.get(s)?.values() ?? []) if (c.name === name) return c;
    }
    return undefined;
  }

  private normalizeCommand(c: Obj, id: string | undefined, guildId: string | undefined): Obj {
    const cmd: Obj = {
      id: id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      default_member_permissions: c.default_member_permissions ?? null,
      type: c.type ?? 1,
      name: c.name,
      name_localizations: c.name_localizations ?? null,
      description: c.description ?? '',
      description_localizations: c.description_localizations ?? null,
      nsfw: c.nsfw ?? false,
      integration_types: c.integration_types ?? [0],
      contexts: c.contexts ?? null,
    };
    if (guildId) cmd.guild_id = guildId;
    else cmd.dm_permission = c.dm_permission ?? true;
    if (c.options !== undefined) cmd.options = c.options;
    if (c.handler !== undefined) cmd.handler = c.handler;
    return cmd;
  }

  private webhookInteraction(params: Record<string, string>): InteractionState | undefined {
    if (params.app !== this.applicationId) return undefined;
    return this.interactionsByToken.get(params.token ?? '');
  }

  private interactionCallback({ params, query, body, files }: Ctx): Reply {
    const inter = this.interactions.get(params.id ?? '');
    if (!inter || inter.token !== params.token) return UNKNOWN_INTERACTION;
    const since = inter.deliveredAt ?? inter.createdAt;
    if (!inter.acknowledged && Date.now() - since > this.opts.interactionResponseTimeoutMs) return UNKNOWN_INTERACTION;
    if (inter.acknowledged) return err(400, 40060, 'Interaction has already been acknowledged.');
    const b = isObj(body) ? body : {};
    const type = asNum(b.type);
    const data = isObj(b.data) ? b.data : undefined;
    const e = new FormErrors();
    const allowed: Record<number, number[]> = {
      2: [4, 5, 9, 12],
      3: [4, 5, 6, 7, 9, 12],
      4: [8],
      5: inter.componentMessageId ? [4, 5, 6, 7] : [4, 5],
    };
    if (type === undefined) e.add(['type'], 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (!(allowed[inter.type] ?? []).includes(type)) {
      e.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${type} is not valid for interaction type ${inter.type}.`);
    }
    if (e.count) return e.response();
    if (type === 4 || type === 7) {
      validateMessage(data, ['data'], e, { create: type === 4, files: files.length });
      if (e.count) return e.response();
      if (type === 4 && isEmptyMessage(data, files.length)) return err(400, 50006, 'Cannot send an empty message');
    } else if (type === 8) {
      validateChoices(data, e);
    } else if (type === 9) {
      validateModal(data, e);
    }
    if (e.count) return e.response();

    inter.acknowledged = true;
    inter.responseType = type;
    let message: Obj | undefined;
    if (type === 4) {
      message = this.interactionMessage(inter, data ?? {}, files, true);
    } else if (type === 5) {
      const flags = ((asNum(data?.flags) ?? 0) & EPHEMERAL) | LOADING;
      message = this.interactionMessage(inter, { content: '', flags }, [], true);
    } else if ((type === 6 || type === 7) && inter.componentMessageId) {
      message = this.messages.get(inter.componentMessageId);
      if (message) {
        inter.originalMessageId = inter.componentMessageId;
        if (type === 7) this.editMessage(message, data ?? {}, files);
      }
    }
    this.notify();
    if (query.with_response !== 'true') return { status: 204 };
    const result: Obj = {
      interaction: {
        id: inter.id,
        type: inter.type,
        response_message_id: message?.id,
        response_message_loading: type === 5,
        response_message_ephemeral: Boolean((asNum(message?.flags) ?? 0) & EPHEMERAL),
      },
    };
    if (type !== 6 && type !== 8 && type !== 12) result.resource = { type, ...(message ? { message } : {}) };
    return { status: 200, body: result };
  }

  /** Creates a message from an interaction response or follow-up. */
  private interactionMessage(inter: InteractionState, body: Obj, files: RecordedFile[], original: boolean): Obj {
    const msg = this.botMessage(inter.channelId, inter.guildId, {
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      type: original && inter.type === 2 ? 20 : 0,
      interaction_metadata: {
        id: inter.id,
        type: inter.type,
        user: this.user(inter.userId),
        authorizing_integration_owners: inter.guildId ? { '0': inter.guildId } : { '0': '0' },
        ...(inter.commandName ? { name: inter.commandName } : {}),
      },
    });
    this.applyMessageBody(msg, body, files, true);
    this.messages.set(msg.id as string, msg);
    if (original) inter.originalMessageId = msg.id as string;
    return msg;
  }

  private editMessage(msg: Obj, body: Obj, files: RecordedFile[]): Obj {
    this.applyMessageBody(msg, body, files, false);
    msg.edited_timestamp = new Date().toISOString();
    // An edit after a deferred reply replaces the "thinking…" state.
    msg.flags = (asNum(msg.flags) ?? 0) & ~LOADING;
    return msg;
  }

  private applyMessageBody(msg: Obj, body: Obj, files: RecordedFile[], create: boolean): void {
    if ('content' in body || create) msg.content = asStr(body.content) ?? '';
    if ('embeds' in body || create) msg.embeds = (asArr(body.embeds) ?? []).map((em) => (isObj(em) ? { type: 'rich', ...em } : em));
    if ('components' in body || create) msg.components = asArr(body.components) ?? [];
    if ('flags' in body || create) {
      const keep = (asNum(msg.flags) ?? 0) & (EPHEMERAL | LOADING);
      msg.flags = keep | ((asNum(body.flags) ?? 0) & (EPHEMERAL | (1 << 2) | (1 << 12) | COMPONENTS_V2));
    }
    if ('attachments' in body || files.length || create) {
      const described = asArr(body.attachments) ?? [];
      const kept = described.filter((a) => isObj(a) && (msg.attachments as unknown[] | undefined)?.some((o) => isObj(o) && o.id === a.id));
      const added = files.map((f, i) => {
        const id = snowflake();
        return {
          id,
          filename: f.name,
          size: f.size,
          content_type: f.contentType,
          url: `${this.restUrl}/attachments/${msg.channel_id}/${id}/${f.name}`,
          proxy_url: `${this.restUrl}/attachments/${msg.channel_id}/${id}/${f.name}`,
          ...(isObj(described[i]) && typeof described[i].description === 'string' ? { description: described[i].description } : {}),
        };
      });
      msg.attachments = [...kept, ...added];
    }
    msg.mentions = this.computeMentions(asStr(msg.content) ?? '', isObj(body.allowed_mentions) ? body.allowed_mentions : undefined);
  }

  private computeMentions(content: string, allowed: Obj | undefined): Obj[] {
    const parse = asArr(allowed?.parse);
    const users = asArr(allowed?.users);
    const out: Obj[] = [];
    for (const m of content.matchAll(/<@!?(\d{15,21})>/g)) {
      const id = m[1] as string;
      const ok = !allowed || (parse ?? []).includes('users') || (users ?? []).includes(id);
      const u = this.users.get(id);
      if (ok && u && !out.some((o) => o.id === id)) out.push(u);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Validation (the subset of Discord's checks a bot most plausibly trips over)

function isEmptyMessage(body: unknown, files: number): boolean {
  if (!isObj(body)) return files === 0;
  const content = asStr(body.content);
  return (
    (!content || content.trim() === '') &&
    !(asArr(body.embeds)?.length) &&
    !(asArr(body.components)?.length) &&
    !(asArr(body.sticker_ids)?.length) &&
    !(asArr(body.attachments)?.length) &&
    body.poll === undefined &&
    files === 0
  );
}

function validateMessage(body: unknown, at: Array<string | number>, e: FormErrors, o: { create: boolean; files: number; flags?: number | undefined }): void {
  if (body === undefined || body === null) return;
  if (!isObj(body)) return e.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  e.maxLength([...at, 'content'], body.content, 2000);
  const flags = (asNum(body.flags) ?? o.flags ?? 0) | 0;
  const embeds = asArr(body.embeds);
  if (body.embeds !== undefined && body.embeds !== null && !embeds) e.add([...at, 'embeds'], 'BASE_TYPE_LIST', 'Must be an array.');
  if (embeds) {
    if (embeds.length > 10) e.add([...at, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    let total = 0;
    embeds.forEach((embed, i) => {
      const p = [...at, 'embeds', i];
      if (!isObj(embed)) return e.add(p, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);
      e.maxLength([...p, 'title'], embed.title, 256);
      e.maxLength([...p, 'description'], embed.description, 4096);
      total += len(embed.title) + len(embed.description);
      if (embed.color !== undefined && embed.color !== null) {
        const c = asNum(embed.color);
        if (c === undefined || !Number.isInteger(c) || c < 0 || c > 0xffffff) e.add([...p, 'color'], 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
      }
      if (isObj(embed.footer)) {
        e.maxLength([...p, 'footer', 'text'], embed.footer.text, 2048);
        total += len(embed.footer.text);
      }
      if (isObj(embed.author)) {
        e.maxLength([...p, 'author', 'name'], embed.author.name, 256, 1);
        total += len(embed.author.name);
      }
      for (const key of ['url', 'image', 'thumbnail'] as const) {
        const v = key === 'url' ? embed.url : isObj(embed[key]) ? (embed[key] as Obj).url : undefined;
        if (typeof v === 'string' && !/^(https?|attachment):\/\//.test(v)) e.add([...p, key, ...(key === 'url' ? [] : ['url'])], 'URL_TYPE_INVALID_PROTOCOL', 'Not a well formed URL.');
      }
      const fields = asArr(embed.fields);
      if (fields) {
        if (fields.length > 25) e.add([...p, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        fields.forEach((f, j) => {
          if (!isObj(f)) return e.add([...p, 'fields', j], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
          if (f.name === undefined || f.name === '') e.add([...p, 'fields', j, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
          else e.maxLength([...p, 'fields', j, 'name'], f.name, 256, 1);
          if (f.value === undefined || f.value === '') e.add([...p, 'fields', j, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
          else e.maxLength([...p, 'fields', j, 'value'], f.value, 1024, 1);
          total += len(f.name) + len(f.value);
        });
      }
    });
    if (total > 6000) e.add([...at, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  const components = asArr(body.components);
  if (components && !(flags & COMPONENTS_V2)) validateRows(components, [...at, 'components'], e);
  const am = body.allowed_mentions;
  if (am !== undefined && am !== null) {
    if (!isObj(am)) e.add([...at, 'allowed_mentions'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    else {
      const parse = asArr(am.parse) ?? [];
      parse.forEach((v, i) => {
        if (v !== 'users' && v !== 'roles' && v !== 'everyone') e.add([...at, 'allowed_mentions', 'parse', i], 'BASE_TYPE_CHOICES', `Value must be one of {'users', 'roles', 'everyone'}.`);
      });
      for (const kind of ['users', 'roles'] as const) {
        const list = asArr(am[kind]);
        if (list?.length && parse.includes(kind)) {
          e.add([...at, 'allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
        }
        if (list && list.length > 100) e.add([...at, 'allowed_mentions', kind], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
      }
    }
  }
  if (o.files > 10) e.add([...at, 'files'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
}

function validateRows(rows: unknown[], at: Array<string | number>, e: FormErrors): void {
  if (rows.length > 5) e.add(at, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const customIds = new Set<string>();
  rows.forEach((row, i) => {
    const p = [...at, i];
    if (!isObj(row) || row.type !== 1) return e.add([...p, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
    const children = asArr(row.components) ?? [];
    if (children.length < 1 || children.length > 5) e.add([...p, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    const hasSelect = children.some((c) => isObj(c) && [3, 5, 6, 7, 8].includes(asNum(c.type) ?? 0));
    if (hasSelect && children.length > 1) e.add([...p, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    children.forEach((c, j) => {
      const q = [...p, 'components', j];
      if (!isObj(c)) return e.add(q, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      const type = asNum(c.type);
      if (type === 2) {
        const style = asNum(c.style);
        if (style === undefined || style < 1 || style > 6) e.add([...q, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6).');
        if (style === 5) {
          if (typeof c.url !== 'string') e.add([...q, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
        } else if (style !== 6 && typeof c.custom_id !== 'string') {
          e.add([...q, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required');
        }
        e.maxLength([...q, 'label'], c.label, 80);
        if (style !== 5 && style !== 6 && c.label === undefined && c.emoji === undefined) e.add(q, 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji is required');
      } else if (type !== undefined && [3, 5, 6, 7, 8].includes(type)) {
        if (typeof c.custom_id !== 'string') e.add([...q, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        e.maxLength([...q, 'placeholder'], c.placeholder, 150);
        if (type === 3) {
          const options = asArr(c.options) ?? [];
          if (options.length < 1 || options.length > 25) e.add([...q, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
          options.forEach((opt, k) => {
            if (!isObj(opt)) return;
            e.maxLength([...q, 'options', k, 'label'], opt.label, 100, 1);
            e.maxLength([...q, 'options', k, 'value'], opt.value, 100, 1);
            e.maxLength([...q, 'options', k, 'description'], opt.description, 100);
          });
        }
      } else {
        e.add([...q, 'type'], 'COMPONENT_TYPE_INVALID', `Component type ${String(c.type)} is not valid in an action row of a message.`);
      }
      if (typeof c.custom_id === 'string') {
        e.maxLength([...q, 'custom_id'], c.custom_id, 100, 1);
        if (customIds.has(c.custom_id)) e.add([...q, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        customIds.add(c.custom_id);
      }
    });
  });
}

function validateChoices(data: Obj | undefined, e: FormErrors): void {
  const choices = asArr(data?.choices);
  if (!choices) return e.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (choices.length > 25) e.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((c, i) => {
    if (!isObj(c)) return e.add(['data', 'choices', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    e.maxLength(['data', 'choices', i, 'name'], c.name ?? '', 100, 1);
    if (typeof c.value === 'string') e.maxLength(['data', 'choices', i, 'value'], c.value, 100);
    else if (typeof c.value !== 'number') e.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}

function validateModal(data: Obj | undefined, e: FormErrors): void {
  if (!data) return e.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
  e.maxLength(['data', 'title'], data.title ?? '', 45, 1);
  e.maxLength(['data', 'custom_id'], data.custom_id ?? '', 100, 1);
  const components = asArr(data.components) ?? [];
  if (components.length < 1 || components.length > 5) e.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommand(c: unknown, at: Array<string | number>, e: FormErrors): void {
  if (!isObj(c)) return e.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  const type = asNum(c.type) ?? 1;
  const name = asStr(c.name);
  if (!name) e.add([...at, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (type === 1 && (!COMMAND_NAME.test(name) || name !== name.toLowerCase())) {
    e.add([...at, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  } else e.maxLength([...at, 'name'], name, 32, 1);
  if (type === 1) e.maxLength([...at, 'description'], c.description ?? '', 100, 1);
  validateOptions(asArr(c.options), [...at, 'options'], e, 0);
}

function validateOptions(options: unknown[] | undefined, at: Array<string | number>, e: FormErrors, depth: number): void {
  if (!options) return;
  if (options.length > 25) e.add(at, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let seenOptional = false;
  const names = new Set<string>();
  options.forEach((o, i) => {
    const p = [...at, i];
    if (!isObj(o)) return e.add(p, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    const name = asStr(o.name) ?? '';
    if (!COMMAND_NAME.test(name) || name !== name.toLowerCase()) e.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    if (names.has(name)) e.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(name);
    e.maxLength([...p, 'description'], o.description ?? '', 100, 1);
    const type = asNum(o.type);
    if (type === 1 || type === 2) {
      if (depth >= 2 || (type === 2 && depth >= 1)) e.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command groups cannot be nested this deep');
      validateOptions(asArr(o.options), [...p, 'options'], e, depth + 1);
      return;
    }
    if (o.required === true && seenOptional) e.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    if (o.required !== true) seenOptional = true;
    const choices = asArr(o.choices);
    if (choices && choices.length > 25) e.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    if (choices && o.autocomplete === true) e.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
  });
}

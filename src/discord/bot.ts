/**
 * Dossier on Discord: the core's commands as slash commands (with autocomplete for names), Previous/Next
 * buttons for long answers, a menu to pick one of several names, and plain-language answers to direct
 * messages and to messages that @mention the bot. No privileged intent: message content arrives for DMs
 * and mentions without it.
 *
 * Every message goes out with `allowed_mentions` empty (set on the client and on each send). Errors and
 * "no match" answers are ephemeral. While the knowledge base is still being built, interactions are
 * deferred first and answered when it is ready, so none times out.
 */
import {
  Client, DiscordAPIError, DiscordjsErrorCodes, Events, GatewayIntentBits, MessageFlags, Partials, PermissionFlagsBits,
  type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction,
  type Message, type StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { commandTable } from '../../commands/registry.ts';
import { pickName } from '../../commands/resolveEntity.ts';
import { answerMessage } from '../chat/conversation.ts';
import { PageStore, pageNote } from '../chat/pageStore.ts';
import { dispatch, type Dispatched } from '../input/dispatch.ts';
import type { KnowledgeBase } from '../kb/knowledgeBase.ts';
import { paginate } from '../reply/paginate.ts';
import { clip, LIMITS, PAGE_BUTTON, PAGE_OPTIONS, PICK_MENU, renderNotice, renderPage, type DiscordMessage } from './render.ts';
import { argsFromOptions } from './slashCommands.ts';
import { PermanentSendError, type DailySender } from '../daily/scheduler.ts';
import type { Ledger } from '../daily/ledger.ts';
import { status, subscribe, unsubscribe, type ManageContext } from '../daily/manage.ts';
import type { Subscription, Subscriptions } from '../daily/subscriptions.ts';
import type { Reply } from '../reply/reply.ts';

export interface DiscordBotOptions {
  token: string;
  /** Base URL of the REST API (ends before `/v10`), or null for Discord's. */
  apiUrl?: string | null;
  /** The knowledge base, or a promise of it while it is built. */
  kb: KnowledgeBase | Promise<KnowledgeBase>;
  log: Logger;
  now?: () => Date;
  pages?: PageStore;
  /** Shards this client runs (default: what the ShardingManager says, else one). */
  shards?: number[];
  shardCount?: number;
  /** The daily posts' state, when this bot takes /onthisday subscribe. */
  daily?: { subscriptions: Subscriptions; ledger: Ledger };
}

/** The token was refused: a configuration problem, not something to retry. */
export class DiscordAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscordAuthError';
  }
}

const AUTOCOMPLETE_OPTIONS = new Set(['name']);

export class DiscordBot {
  readonly client: Client;
  private kb: KnowledgeBase | null;
  private readonly kbReady: Promise<KnowledgeBase>;
  private readonly pages: PageStore;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly options: DiscordBotOptions) {
    this.log = options.log.child({ platform: 'discord' });
    this.now = options.now ?? (() => new Date());
    this.pages = options.pages ?? new PageStore();
    this.kb = options.kb instanceof Promise ? null : options.kb;
    this.kbReady = Promise.resolve(options.kb).then((kb) => (this.kb = kb));
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      allowedMentions: { parse: [], repliedUser: false },
      ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
      ...(options.shards ? { shards: options.shards, shardCount: options.shardCount ?? options.shards.length } : {}),
    });
    this.client.on(Events.InteractionCreate, (i) => void this.onInteraction(i));
    this.client.on(Events.MessageCreate, (m) => void this.onMessage(m));
    this.client.on(Events.Error, (err) => this.log.error({ err }, 'client error'));
    this.client.on(Events.ShardReconnecting, (id) => this.log.warn({ shard: id }, 'reconnecting'));
    this.client.on(Events.ShardResume, (id) => this.log.info({ shard: id }, 'resumed'));
  }

  /** Logs in; rejects with DiscordAuthError when Discord refuses the token. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    try {
      await this.client.login(this.options.token);
    } catch (err) {
      await this.client.destroy().catch(() => {});
      const code = (err as { code?: string }).code;
      if (code === DiscordjsErrorCodes.TokenInvalid || /401|4004|Unauthorized|invalid token/i.test(String((err as Error).message))) {
        throw new DiscordAuthError('Discord refused the bot token (DISCORD_TOKEN): copy it again from the Developer Portal\'s Bot page.');
      }
      throw err;
    }
    await ready;
    this.log.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size }, 'connected to Discord');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  private context(kb: KnowledgeBase): { kb: KnowledgeBase; now: Date } {
    return { kb, now: this.now() };
  }

  private onFailure = (command: string, err: unknown): void => {
    this.log.error({ err, command }, 'command failed');
  };

  private async onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.slashCommand(interaction);
      else if (interaction.isButton() && interaction.customId.startsWith(`${PAGE_BUTTON}:`)) await this.turnPage(interaction);
      else if (interaction.isStringSelectMenu() && interaction.customId.startsWith(`${PICK_MENU}:`)) await this.pick(interaction);
    } catch (err) {
      this.log.error({ err, interaction: interaction.id }, 'interaction failed');
      if (interaction.isRepliable() && !interaction.replied) {
        const notice = renderNotice('Something went wrong', 'Dossier could not answer that. Try again, or try other words.');
        const send = interaction.deferred ? interaction.editReply(notice) : interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
        await Promise.resolve(send).catch(() => {});
      }
    }
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'timezone') {
      const typed = String(focused.value).toLowerCase();
      const zones = ['UTC', ...Intl.supportedValuesOf('timeZone')].filter((z) => z.toLowerCase().includes(typed)).slice(0, 25);
      await interaction.respond(zones.map((z) => ({ name: z, value: z })));
      return;
    }
    const kb = this.kb;
    if (!kb || !AUTOCOMPLETE_OPTIONS.has(focused.name)) {
      await interaction.respond([]);
      return;
    }
    const choices = kb.names.complete(String(focused.value).slice(0, 100), 25).map((e) => ({
      name: clip(e.description ? `${e.name} — ${e.description}` : e.name, LIMITS.optionText),
      value: clip(pickName(kb, e), LIMITS.optionText),
    }));
    await interaction.respond(choices);
  }

  /** The answer as a message: pages stored for the buttons when there are several. */
  private message(done: Dispatched, owner: string, command: string): DiscordMessage {
    const pages = paginate(done.reply, PAGE_OPTIONS);
    const pagerKey = pages.length > 1 || done.reply.kind === 'choice' ? this.pages.put(pages, owner) : undefined;
    return renderPage(pages[0]!, { pagerKey, command: pagerKey ? `${command}:${pagerKey}` : command });
  }

  private async slashCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = interaction.commandName;
    const sub = command === 'onthisday' ? interaction.options.getSubcommand(false) : null;
    if (sub && sub !== 'today') {
      await this.manageDaily(interaction, sub);
      return;
    }
    const args = argsFromOptions(command, (o) => interaction.options.getString(o));
    let kb = this.kb;
    if (!kb) {
      // Still building: acknowledge now (Discord allows 3 seconds), answer when ready.
      await interaction.deferReply();
      kb = await this.kbReady;
    }
    const done = dispatch(command, args, this.context(kb), commandTable, this.onFailure);
    const message = this.message(done, interaction.user.id, command);
    // "/onthisday today" is a preview for the asker only.
    const privateAnswer = done.outcome !== 'answer' || sub === 'today';
    if (interaction.deferred) {
      if (privateAnswer) {
        await interaction.deleteReply().catch(() => {});
        await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
      } else await interaction.editReply(message);
      return;
    }
    await interaction.reply(privateAnswer ? { ...message, flags: MessageFlags.Ephemeral } : message);
  }

  /** /onthisday subscribe, unsubscribe and status: Manage Channels to change, anyone to look. */
  private async manageDaily(interaction: ChatInputCommandInteraction, action: string): Promise<void> {
    const notice = async (title: string, text: string): Promise<void> => {
      await interaction.reply({ ...renderNotice(title, text), flags: MessageFlags.Ephemeral });
    };
    const daily = this.options.daily;
    if (!daily) return notice('Daily posts are off', 'This bot runs without a database for daily posts.');
    if (!interaction.inGuild()) return notice('Not in a direct message', 'Daily posts are for server channels: run this in the channel that should get them.');
    const changes = action === 'subscribe' || action === 'unsubscribe';
    if (changes && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) {
      return notice('Manage Channels needed', `Only members who may manage this channel can ${action} it. /onthisday status and /onthisday today work for everyone.`);
    }
    const kb = this.kb ?? (await this.kbReady);
    const ctx: ManageContext = {
      ...daily, kb, platform: 'discord', channelId: interaction.channelId, guildId: interaction.guildId, userId: interaction.user.id, now: this.now().getTime(),
    };
    const args = argsFromOptions('subscribe', (o) => interaction.options.getString(o));
    const reply: Reply = action === 'subscribe' ? subscribe(ctx, args) : action === 'unsubscribe' ? unsubscribe(ctx) : status(ctx);
    const message = renderPage({ page: 1, pages: 1, reply });
    const visible = changes && reply.kind === 'answer';
    await interaction.reply(visible ? message : { ...message, flags: MessageFlags.Ephemeral });
  }

  private async turnPage(interaction: ButtonInteraction): Promise<void> {
    const [, , key, n] = interaction.customId.split(':');
    const found = this.pages.get(key ?? '', Number(n), interaction.user.id);
    if (!found.ok) {
      await interaction.reply({ ...renderNotice('Pages', pageNote(found.reason, this.pages.ttlMinutes), 'not-found'), flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.update(renderPage(found.page, { pagerKey: key }));
  }

  private async pick(interaction: StringSelectMenuInteraction): Promise<void> {
    const [, , command, key] = interaction.customId.split(':');
    const owner = this.pages.get(key ?? '', 1, interaction.user.id);
    if (!owner.ok) {
      await interaction.reply({ ...renderNotice('Pick', pageNote(owner.reason, this.pages.ttlMinutes), 'not-found'), flags: MessageFlags.Ephemeral });
      return;
    }
    const kb = this.kb ?? (await this.kbReady);
    const done = dispatch(command ?? 'who', interaction.values[0] ?? '', this.context(kb), commandTable, this.onFailure);
    await interaction.update(this.message(done, interaction.user.id, command ?? 'who'));
  }

  private async onMessage(message: Message): Promise<void> {
    try {
      if (message.author.bot || message.system) return;
      const me = this.client.user;
      if (!me) return;
      const direct = message.guildId === null;
      const mentioned = message.mentions.users.has(me.id);
      if (!direct && !mentioned) return;
      const text = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), ' ').trim();
      const kb = this.kb ?? (await this.kbReady);
      const answer = text === ''
        ? { ...dispatch('help', '', this.context(kb), commandTable), commandName: 'help' }
        : answerMessage(text, this.context(kb), this.onFailure);
      await message.reply({ ...this.message(answer, message.author.id, answer.commandName || 'search'), failIfNotExists: false });
    } catch (err) {
      this.log.error({ err, message: message.id }, 'message answer failed');
    }
  }
}

/** Discord API errors that mean the channel is gone or closed to the bot: Unknown Channel, Unknown Guild, Missing Access, Missing Permissions. */
const GONE = new Set([10003, 10004, 50001, 50013]);

/** Sends the daily posts on Discord. Idempotent: Discord refuses a second message with the same enforced nonce. */
export class DiscordDailySender implements DailySender {
  readonly platform = 'discord' as const;
  readonly idempotent = true;

  constructor(private readonly client: Client) {}

  owns(subscription: Subscription): boolean {
    return subscription.guildId !== null && this.client.guilds.cache.has(subscription.guildId);
  }

  async send(subscription: Subscription, reply: Reply, key: string): Promise<{ messageId: string | null }> {
    try {
      const channel = await this.client.channels.fetch(subscription.channelId);
      if (!channel || !channel.isSendable()) throw new PermanentSendError('the channel no longer exists, or the bot cannot post there');
      const sent = await channel.send({ ...renderPage({ page: 1, pages: 1, reply }), nonce: key, enforceNonce: true });
      return { messageId: sent.id };
    } catch (err) {
      if (err instanceof DiscordAPIError && typeof err.code === 'number' && GONE.has(err.code)) throw new PermanentSendError(`Discord: ${err.message}`);
      throw err;
    }
  }
}

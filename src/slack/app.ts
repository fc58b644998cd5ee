/**
 * Dossier on Slack with Bolt: the slash commands /who, /quote, /timeline, /search, /onthisday and
 * /dossier (help and about), Block Kit answers with Previous/Next buttons that update the message in
 * place, and plain-language answers to direct messages (`message.im`) and to @mentions (`app_mention`).
 *
 * Socket Mode (an app-level token, no public URL) or HTTP mode (signing secret, PORT): Bolt verifies
 * every HTTP request's signature and timestamp. Each slash command is acknowledged at once with the
 * answer; while the knowledge base is still being built, it is acknowledged empty and answered through
 * `respond()` when ready.
 */
import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { commandTable } from '../../commands/registry.ts';
import { answerMessage } from '../chat/conversation.ts';
import { PageStore, pageNote } from '../chat/pageStore.ts';
import type { SlackConfig } from '../config/env.ts';
import { dispatch, type Dispatched } from '../input/dispatch.ts';
import type { KnowledgeBase } from '../kb/knowledgeBase.ts';
import { paginate } from '../reply/paginate.ts';
import { PAGE_ACTION, renderSlackNotice, renderSlackPage, SLACK_PAGE_OPTIONS, type SlackMessage } from './render.ts';
import { PermanentSendError, type DailySender } from '../daily/scheduler.ts';
import type { Ledger } from '../daily/ledger.ts';
import { status, subscribe, unsubscribe, type ManageContext } from '../daily/manage.ts';
import type { Subscription, Subscriptions } from '../daily/subscriptions.ts';
import type { Reply } from '../reply/reply.ts';

export interface SlackBotOptions {
  config: SlackConfig;
  kb: KnowledgeBase | Promise<KnowledgeBase>;
  log: Logger;
  now?: () => Date;
  pages?: PageStore;
  /** The daily posts' state, when this app takes /onthisday subscribe. */
  daily?: { subscriptions: Subscriptions; ledger: Ledger };
}

/** The slash commands, and the core command each runs ("/dossier" is help, or "/dossier about"). */
export const SLASH_COMMANDS = ['/who', '/quote', '/timeline', '/search', '/onthisday', '/dossier'] as const;

function commandFor(slash: string, text: string): { name: string; args: string } {
  const name = slash.replace(/^\//, '');
  if (name !== 'dossier') return { name, args: text };
  const [first = '', ...rest] = text.trim().split(/\s+/);
  if (/^about$/i.test(first)) return { name: 'about', args: '' };
  return { name: 'help', args: /^help$/i.test(first) ? rest.join(' ') : '' };
}

/** Bolt's log lines through pino (which redacts secrets), at warn and above. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: (...msg: unknown[]) => log.debug({ bolt: msg.map(String).join(' ') }),
    info: (...msg: unknown[]) => log.info({ bolt: msg.map(String).join(' ') }),
    warn: (...msg: unknown[]) => log.warn({ bolt: msg.map(String).join(' ') }),
    error: (...msg: unknown[]) => log.error({ bolt: msg.map(String).join(' ') }),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}

export class SlackBot {
  readonly app: App;
  private kb: KnowledgeBase | null;
  private readonly kbReady: Promise<KnowledgeBase>;
  private readonly pages: PageStore;
  /** Answers posted with chat.postMessage (DMs, mentions): their pages are turned with chat.update. */
  private readonly posted = new Map<string, { channel: string; ts: string }>();
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly options: SlackBotOptions) {
    const { config } = options;
    this.log = options.log.child({ platform: 'slack' });
    this.now = options.now ?? (() => new Date());
    this.pages = options.pages ?? new PageStore();
    this.kb = options.kb instanceof Promise ? null : options.kb;
    this.kbReady = Promise.resolve(options.kb).then((kb) => (this.kb = kb));
    const common = {
      token: config.botToken,
      logger: boltLogger(this.log),
      logLevel: LogLevel.WARN,
      ...(config.apiUrl ? { clientOptions: { slackApiUrl: config.apiUrl } } : {}),
    };
    // Socket Mode opens its connection through apps.connections.open, with its own Web API client: it
    // gets SLACK_API_URL too, through the receiver.
    this.app = config.mode === 'socket'
      ? new App({
          ...common,
          receiver: new SocketModeReceiver({
            appToken: config.appToken ?? '',
            logger: common.logger,
            ...(config.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } } : {}),
          }),
        })
      : new App({ ...common, signingSecret: config.signingSecret ?? '' });
    this.register();
  }

  async start(): Promise<void> {
    const { config } = this.options;
    if (config.mode === 'http') await this.app.start(config.port);
    else await this.app.start();
    this.log.info({ mode: config.mode, port: config.mode === 'http' ? config.port : undefined }, 'connected to Slack');
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }

  private onFailure = (command: string, err: unknown): void => {
    this.log.error({ err, command }, 'command failed');
  };

  private message(done: Dispatched, owner: string): { message: SlackMessage; key: string | undefined } {
    const pages = paginate(done.reply, SLACK_PAGE_OPTIONS);
    const key = pages.length > 1 ? this.pages.put(pages, owner) : undefined;
    return { message: renderSlackPage(pages[0]!, key), key };
  }

  private register(): void {
    const app = this.app;
    for (const slash of SLASH_COMMANDS) {
      app.command(slash, async ({ command, ack, respond, client }) => {
        const { name, args } = commandFor(command.command, command.text ?? '');
        const daily = name === 'onthisday' ? /^(subscribe|unsubscribe|status)\b\s*(.*)$/i.exec(args.trim()) : null;
        if (daily) {
          await ack();
          await respond({ response_type: 'ephemeral', ...(await this.manageDaily(client, daily[1]!.toLowerCase(), daily[2] ?? '', command.channel_id, command.team_id, command.user_id)) });
          return;
        }
        // "/onthisday", "/onthisday today [MM-DD]" and "/onthisday MM-DD": a preview for the asker only.
        const preview = name === 'onthisday';
        const previewArgs = preview ? args.replace(/^today\b\s*/i, '') : args;
        let kb = this.kb;
        const deferred = !kb;
        if (!kb) {
          await ack();
          kb = await this.kbReady;
        }
        const done = dispatch(name, previewArgs, { kb, now: this.now() }, commandTable, this.onFailure);
        const { message } = this.message(done, command.user_id);
        const response = { ...message, response_type: done.outcome === 'answer' && !preview ? ('in_channel' as const) : ('ephemeral' as const) };
        if (!deferred) {
          // Answered within the acknowledgement: one request, well inside Slack's 3 seconds.
          await ack(response);
        } else await respond(response);
      });
    }

    app.action(new RegExp(`^${PAGE_ACTION}_(prev|next)$`), async ({ ack, body, action, respond, client }) => {
      await ack();
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const [key = '', n = '1'] = value.split(':');
      const found = this.pages.get(key, Number(n), body.user.id);
      if (!found.ok) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlackNotice('Pages', pageNote(found.reason, this.pages.ttlMinutes), 'not-found') });
        return;
      }
      const message = renderSlackPage(found.page, key);
      const posted = this.posted.get(key);
      if (posted) await client.chat.update({ channel: posted.channel, ts: posted.ts, text: message.text, blocks: message.blocks });
      else await respond({ replace_original: true, ...message });
    });

    app.message(async ({ message, client }) => {
      if (message.channel_type !== 'im' || ('subtype' in message && message.subtype) || ('bot_id' in message && message.bot_id)) return;
      const text = 'text' in message && typeof message.text === 'string' ? message.text : '';
      const user = 'user' in message && typeof message.user === 'string' ? message.user : '';
      await this.answer(client, message.channel, text, user, undefined);
    });

    app.event('app_mention', async ({ event, client, context }) => {
      if (event.bot_id) return;
      const text = (event.text ?? '').replace(new RegExp(`<@${context.botUserId ?? 'U_NONE'}(\\|[^>]*)?>`, 'g'), ' ').trim();
      await this.answer(client, event.channel, text, event.user ?? '', event.thread_ts ?? event.ts);
    });

    app.error(async (err) => {
      this.log.error({ err: err.original ?? err, code: err.code }, 'slack handler failed');
    });
  }

  /**
   * /onthisday subscribe, unsubscribe, status. Subscribing posts a short public note in the channel first:
   * that both tells the channel and proves the app may post there (Slack says not_in_channel otherwise).
   */
  private async manageDaily(client: App['client'], action: string, args: string, channelId: string, teamId: string, userId: string): Promise<SlackMessage> {
    const daily = this.options.daily;
    if (!daily) return renderSlackNotice('Daily posts are off', 'This app runs without a database for daily posts.');
    const kb = this.kb ?? (await this.kbReady);
    const ctx: ManageContext = { ...daily, kb, platform: 'slack', channelId, guildId: teamId, userId, now: this.now().getTime() };
    if (action === 'subscribe') {
      try {
        await client.chat.postMessage({ channel: channelId, text: `<@${userId}> subscribed this channel to Dossier's daily "on this day" post.`, unfurl_links: false });
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error ?? '';
        if (/not_in_channel|channel_not_found|is_archived/.test(code)) {
          return renderSlackNotice('Invite the app first', 'Dossier is not in this channel, so it could not post here. Invite it with /invite @Dossier, then subscribe again.');
        }
        throw err;
      }
    }
    const reply: Reply = action === 'subscribe' ? subscribe(ctx, args) : action === 'unsubscribe' ? unsubscribe(ctx) : status(ctx);
    return renderSlackPage({ page: 1, pages: 1, reply });
  }

  private async answer(client: App['client'], channel: string, text: string, user: string, threadTs: string | undefined): Promise<void> {
    const kb = this.kb ?? (await this.kbReady);
    const ctx = { kb, now: this.now() };
    const done = text === '' ? dispatch('help', '', ctx, commandTable) : answerMessage(text, ctx, this.onFailure);
    const { message, key } = this.message(done, user);
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}), unfurl_links: false, unfurl_media: false });
    if (key && posted.ts && posted.channel) this.posted.set(key, { channel: posted.channel, ts: posted.ts });
  }
}

/** Slack errors that mean the channel is gone or closed to the app. */
const GONE = /channel_not_found|not_in_channel|is_archived|account_inactive|restricted_action|team_access_not_granted/;

/**
 * Sends the daily posts on Slack. Not idempotent (chat.postMessage has no key), so a send interrupted by
 * a crash is never repeated (the ledger marks it unknown).
 */
export class SlackDailySender implements DailySender {
  readonly platform = 'slack' as const;
  readonly idempotent = false;

  constructor(private readonly client: App['client']) {}

  owns(): boolean {
    return true;
  }

  async send(subscription: Subscription, reply: Reply, _key: string): Promise<{ messageId: string | null }> {
    const message = renderSlackPage({ page: 1, pages: 1, reply });
    try {
      const sent = await this.client.chat.postMessage({ channel: subscription.channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      return { messageId: sent.ts ?? null };
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error ?? '';
      if (GONE.test(code)) throw new PermanentSendError(`Slack: ${code}`);
      throw err;
    }
  }
}

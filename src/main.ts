/**
 * `npm start`: the bot. With DISCORD_TOKEN set it runs on Discord, with SLACK_BOT_TOKEN on Slack, with
 * both on both; with no platform tokens it runs the console over the corpus, so anyone can try Dossier in a minute. With
 * piped input the console answers line by line and exits at the end of the input. SIGINT and SIGTERM
 * shut the platforms down cleanly.
 */
import { commandTable } from '../commands/registry.ts';
import { route } from '../commands/router.ts';
import { runConsole } from './console/console.ts';
import { ConsoleSession } from './console/session.ts';
import { CONFIG_EXIT_CODE, loadConfigOrExit } from './config/env.ts';
import { DiscordAuthError, DiscordBot, DiscordDailySender } from './discord/bot.ts';
import { SlackBot, SlackDailySender } from './slack/app.ts';
import { DailyScheduler } from './daily/scheduler.ts';
import { databasePath, openDatabase } from './store/db.ts';
import { watchCorpus } from './kb/watch.ts';
import type { KnowledgeBase } from './kb/knowledgeBase.ts';
import { createLogger, type Logger } from './log.ts';
import { openForUser } from './startup.ts';

function consoleBanner(kb: KnowledgeBase): string {
  return [
    `Dossier: ${kb.articles.length} articles, ${kb.entities.length} names, ${kb.quotes.length} quotations, ${kb.events.all().length} dated events.`,
    'Ask "who is gamliel", "what did bennett say about iran", "timeline 2022", "on this day", or any words to search. "help" lists the commands; "quit" leaves.',
  ].join('\n');
}

async function runPlatforms(stoppers: Array<() => Promise<void>>, log: Logger): Promise<void> {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    void Promise.allSettled(stoppers.map((s) => s())).then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel });
  const started = await openForUser({ corpusDir: config.corpusDir, cacheDir: config.cacheDir });
  if (!started.ok) {
    process.stderr.write(`dossier: ${started.message}\n`);
    process.exit(2);
  }
  const { kb, fromCache, addedInPlace, ms, phases } = started.opened;
  log.info({ articles: kb.articles.length, fromCache, addedInPlace, ms: Math.round(ms), phases }, 'knowledge base opened');
  // The lookups built on first use are built now, in slices between whatever starts next; a failure there
  // costs only speed (each lookup is built again on first use).
  kb.warmUpGradually().catch((err: unknown) => log.warn({ err }, 'warm-up failed'));

  if (config.discord || config.slack) {
    const stoppers: Array<() => Promise<void>> = [];
    // The daily posts' state: subscriptions and the ledger, shared by both platforms.
    const db = openDatabase(databasePath(config.dataDir));
    const scheduler = new DailyScheduler({ db, kb, senders: [], log });
    const daily = { subscriptions: scheduler.subscriptions, ledger: scheduler.ledger };
    if (config.discord) {
      const bot = new DiscordBot({ token: config.discord.token, apiUrl: config.discord.apiUrl, kb, log, daily });
      try {
        await bot.start();
      } catch (err) {
        await Promise.allSettled(stoppers.map((s) => s()));
        if (err instanceof DiscordAuthError) {
          process.stderr.write(`dossier: ${err.message}\n`);
          process.exit(CONFIG_EXIT_CODE);
        }
        throw err;
      }
      stoppers.push(() => bot.stop());
      scheduler.addSender(new DiscordDailySender(bot.client));
      process.stderr.write(`Dossier is on Discord as ${bot.client.user?.tag ?? 'the bot'} (${bot.client.guilds.cache.size} servers).\n`);
    }
    if (config.slack) {
      const slack = new SlackBot({ config: config.slack, kb, log, daily });
      try {
        await slack.start();
      } catch (err) {
        await Promise.allSettled(stoppers.map((s) => s()));
        process.stderr.write(`dossier: could not start on Slack: ${(err as Error).message}\n`);
        process.exit(/invalid_auth|not_authed|token/i.test(String((err as Error).message)) ? CONFIG_EXIT_CODE : 1);
      }
      stoppers.push(() => slack.stop());
      scheduler.addSender(new SlackDailySender(slack.app.client));
      process.stderr.write(`Dossier is on Slack (${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${config.slack.port}`}).\n`);
    }
    scheduler.start();
    // New article files are indexed while the bot runs.
    const watcher = watchCorpus(config.corpusDir, kb, log);
    stoppers.push(async () => {
      watcher.close();
      scheduler.stop();
      db.close();
    });
    process.stderr.write('Ctrl-C stops it.\n');
    await runPlatforms(stoppers, log);
    return;
  }

  const session = new ConsoleSession({
    table: commandTable,
    route,
    context: () => ({ kb, now: new Date() }),
    onFailure: (command, err) => log.error({ err, command }, 'command failed'),
  });
  await runConsole({ input: process.stdin, output: process.stdout, session, banner: consoleBanner(kb) });
}

// A reader that stops early (`npm start | head`) closes the pipe: stop quietly instead of crashing with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`dossier: cannot write the answer: ${err.message}\n`);
  process.exit(3);
});

main().catch((err: unknown) => {
  process.stderr.write(`dossier: internal error: ${(err as Error).message}\n`);
  process.exit(3);
});

/**
 * One shard's process under `npm run start:sharded`: the ShardingManager starts this file once per shard
 * and discord.js reads which shard it is from the environment, so each process answers its own guilds.
 */
import { loadConfigOrExit, CONFIG_EXIT_CODE } from '../config/env.ts';
import { createLogger } from '../log.ts';
import { openForUser } from '../startup.ts';
import { DiscordAuthError, DiscordBot, DiscordDailySender } from './bot.ts';
import { DailyScheduler } from '../daily/scheduler.ts';
import { databasePath, openDatabase } from '../store/db.ts';
import { watchCorpus } from '../kb/watch.ts';

const config = loadConfigOrExit();
const log = createLogger({ level: config.logLevel }).child({ shards: process.env.SHARDS });
if (!config.discord) {
  process.stderr.write('dossier: DISCORD_TOKEN is not set.\n');
  process.exit(CONFIG_EXIT_CODE);
}
const started = await openForUser({ corpusDir: config.corpusDir, cacheDir: config.cacheDir });
if (!started.ok) {
  process.stderr.write(`dossier: ${started.message}\n`);
  process.exit(2);
}
// Every shard shares the one database file; each posts the daily posts of its own guilds.
const db = openDatabase(databasePath(config.dataDir));
const scheduler = new DailyScheduler({ db, kb: started.opened.kb, senders: [], log });
const bot = new DiscordBot({ token: config.discord.token, apiUrl: config.discord.apiUrl, kb: started.opened.kb, log, daily: { subscriptions: scheduler.subscriptions, ledger: scheduler.ledger } });
try {
  await bot.start();
} catch (err) {
  process.stderr.write(`dossier: ${(err as Error).message}\n`);
  process.exit(err instanceof DiscordAuthError ? CONFIG_EXIT_CODE : 1);
}
scheduler.addSender(new DiscordDailySender(bot.client));
started.opened.kb.warmUpGradually().catch((err: unknown) => log.warn({ err }, 'warm-up failed'));
scheduler.start();
const watcher = watchCorpus(config.corpusDir, started.opened.kb, log);
const stop = (): void => {
  watcher.close();
  scheduler.stop();
  void bot.stop().then(() => {
    db.close();
    process.exit(0);
  });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

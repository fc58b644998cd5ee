/**
 * `npm run start:sharded`: Dossier on Discord in several processes, one per shard, under discord.js's
 * ShardingManager. The shard count is DISCORD_SHARDS, or Discord's recommendation for the bot (asked
 * through DISCORD_API_URL when set: the manager's own helper only knows discord.com).
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { CONFIG_EXIT_CODE, loadConfigOrExit } from '../config/env.ts';
import { createLogger } from '../log.ts';

const config = loadConfigOrExit();
const log = createLogger({ level: config.logLevel });
const discord = config.discord;
if (!discord) {
  process.stderr.write('dossier: DISCORD_TOKEN is not set: sharding is for the Discord bot (see .env.example).\n');
  process.exit(CONFIG_EXIT_CODE);
}

async function recommendedShards(): Promise<number> {
  const rest = new REST({ version: '10', ...(discord!.apiUrl ? { api: discord!.apiUrl } : {}) }).setToken(discord!.token);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, gateway.shards);
  } catch (err) {
    if ((err as { status?: number }).status === 401) {
      process.stderr.write('dossier: Discord refused the bot token (DISCORD_TOKEN): copy it again from the Developer Portal\'s Bot page.\n');
      process.exit(CONFIG_EXIT_CODE);
    }
    throw err;
  }
}

const totalShards = discord.shards ?? (await recommendedShards());
const manager = new ShardingManager(fileURLToPath(new URL('./shard.ts', import.meta.url)), {
  token: discord.token,
  totalShards,
  mode: 'process',
  respawn: true,
  // The shards run TypeScript through tsx, found from this package (not from the working directory).
  execArgv: ['--import', import.meta.resolve('tsx')],
});
manager.on('shardCreate', (shard) => log.info({ shard: shard.id, of: totalShards }, 'shard started'));
process.stderr.write(`Starting ${totalShards} shard${totalShards === 1 ? '' : 's'}.\n`);
await manager.spawn({ amount: totalShards, timeout: 60_000 });
process.stderr.write(`Dossier is on Discord with ${totalShards} shard${totalShards === 1 ? '' : 's'}. Ctrl-C stops it.\n`);
const stop = (): void => {
  for (const shard of manager.shards.values()) shard.kill();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

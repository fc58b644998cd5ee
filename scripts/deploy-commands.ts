/** `npm run deploy-commands`: registers Dossier's slash commands (see src/discord/deploy.ts). */
import { loadConfigOrExit } from '../src/config/env.ts';
import { deployCommands, DeployError } from '../src/discord/deploy.ts';

const config = loadConfigOrExit();
if (!config.discord) {
  process.stderr.write('dossier: DISCORD_TOKEN is not set: put the bot token in .env (see .env.example).\n');
  process.exit(2);
}
try {
  const deployed = await deployCommands(config.discord);
  const where = deployed.scope === 'guild' ? `server ${config.discord.guildId} (available now)` : 'every server and DM (global: Discord may take up to an hour to show them)';
  process.stdout.write(`Registered ${deployed.names.length} commands for ${where}: ${deployed.names.map((n) => `/${n}`).join(', ')}\n`);
} catch (err) {
  process.stderr.write(`dossier: ${err instanceof DeployError ? err.message : `could not register the commands: ${(err as Error).message}`}\n`);
  process.exit(err instanceof DeployError && /refused|accept|not set/.test(err.message) ? 2 : 1);
}

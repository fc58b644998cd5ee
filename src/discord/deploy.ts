/**
 * Registers the slash commands with Discord: to one server when DISCORD_GUILD_ID is set (instant, for
 * development), globally otherwise (Discord takes up to an hour to show global changes).
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { DiscordConfig } from '../config/env.ts';
import { slashCommands } from './slashCommands.ts';

export interface Deployed {
  scope: 'guild' | 'global';
  names: string[];
}

export class DeployError extends Error {}

export async function deployCommands(config: DiscordConfig): Promise<Deployed> {
  if (!config.appId) throw new DeployError('DISCORD_APP_ID is not set: copy the application id from the Developer Portal\'s General Information page.');
  const rest = new REST({ version: '10', ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: 1, timeout: 15_000 }).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.appId, config.guildId) : Routes.applicationCommands(config.appId);
  try {
    const result = (await rest.put(route, { body: slashCommands() })) as RESTPutAPIApplicationCommandsResult;
    return { scope: config.guildId ? 'guild' : 'global', names: result.map((c) => c.name) };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401) throw new DeployError('Discord refused the bot token (DISCORD_TOKEN): copy it again from the Developer Portal\'s Bot page.');
    if (status === 403) throw new DeployError('Discord refused: the bot is not in that server (DISCORD_GUILD_ID), or the application id does not belong to this token. Invite the bot first.');
    if (status === 404 || status === 400) throw new DeployError(`Discord did not accept the application id (DISCORD_APP_ID)${config.guildId ? ' or server id (DISCORD_GUILD_ID)' : ''}: check them in the Developer Portal (${(err as Error).message}).`);
    throw new DeployError(`Could not reach Discord to register the commands: ${(err as Error).message}`);
  }
}

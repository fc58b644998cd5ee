/**
 * Configuration: `.env` (when present) under the process environment, validated with zod. A malformed
 * value gives one message naming the variable and saying what is expected; a secret's value is never
 * part of any message. The environment wins over `.env`, as with dotenv's defaults.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DiscordConfig {
  token: string;
  appId: string | null;
  guildId: string | null;
  /** Base URL of Discord's REST API (a rate-limit proxy, or the tests' stand-in), or null for Discord's own. */
  apiUrl: string | null;
  /** Shard count for `npm run start:sharded`, or null for Discord's recommendation. */
  shards: number | null;
}

export interface SlackConfig {
  botToken: string;
  appToken: string | null;
  signingSecret: string | null;
  /** Socket Mode when an app-level token is set (no public URL needed), else HTTP mode on `port`. */
  mode: 'socket' | 'http';
  port: number;
  /** Base URL of Slack's Web API (ends in `/api/`), or null for Slack's own. */
  apiUrl: string | null;
}

export interface Config {
  /** Folder of articles (DOSSIER_CORPUS, default `data/articles`), resolved against the working directory. */
  corpusDir: string;
  /** Where the built index is cached (DOSSIER_CACHE_DIR), or null for the cache's own default. */
  cacheDir: string | null;
  /** Where state lives (DATA_DIR, default `data`): the SQLite database `dossier.db` of the daily posts. */
  dataDir: string;
  logLevel: LogLevel;
  /** Set when DISCORD_TOKEN is set. */
  discord: DiscordConfig | null;
  /** Set when SLACK_BOT_TOKEN is set. */
  slack: SlackConfig | null;
}

/** Every variable Dossier reads, and whether its value is a secret (never printed). */
export const VARIABLES = {
  DOSSIER_CORPUS: { secret: false },
  DOSSIER_CACHE_DIR: { secret: false },
  DATA_DIR: { secret: false },
  LOG_LEVEL: { secret: false },
  DISCORD_TOKEN: { secret: true },
  DISCORD_APP_ID: { secret: false },
  DISCORD_GUILD_ID: { secret: false },
  DISCORD_API_URL: { secret: false },
  DISCORD_SHARDS: { secret: false },
  SLACK_BOT_TOKEN: { secret: true },
  SLACK_APP_TOKEN: { secret: true },
  SLACK_SIGNING_SECRET: { secret: true },
  SLACK_API_URL: { secret: false },
  PORT: { secret: false },
} as const;

export type VariableName = keyof typeof VARIABLES;

/** A bad configuration value: `message` names the variable and is safe to print. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;
const PATH_UNSAFE = /[\u0000-\u001F\u007F]/;

// Each rule's message says what is expected and never repeats the value.
const schema = z.object({
  DOSSIER_CORPUS: z.string().refine((v) => !PATH_UNSAFE.test(v), 'must be a folder path without control characters').default('data/articles'),
  DOSSIER_CACHE_DIR: z.string().refine((v) => !PATH_UNSAFE.test(v), 'must be a folder path without control characters').optional(),
  DATA_DIR: z.string().refine((v) => !PATH_UNSAFE.test(v), 'must be a folder path without control characters').default('data'),
  LOG_LEVEL: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('warn'),
  DISCORD_TOKEN: z
    .string()
    .refine((v) => !/^bot\s/i.test(v), 'must be the bare bot token, without the "Bot " prefix')
    .refine((v) => /^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/.test(v), 'is not a Discord bot token (three dot-separated parts, from the Developer Portal\'s Bot page)')
    .optional(),
  DISCORD_APP_ID: z.string().regex(SNOWFLAKE, 'must be the application id: 17 to 20 digits').optional(),
  DISCORD_GUILD_ID: z.string().regex(SNOWFLAKE, 'must be a server (guild) id: 17 to 20 digits').optional(),
  DISCORD_API_URL: z.string().refine((v) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v), 'must be an http(s) URL such as https://discord.com/api').optional(),
  DISCORD_SHARDS: z.string().regex(/^([1-9]\d{0,4}|auto)$/, 'must be a whole number of shards (1 or more) or "auto"').optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a Slack bot token starting with "xoxb-"').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-[A-Za-z0-9-]+$/, 'must be a Slack app-level token starting with "xapp-"').optional(),
  SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-f]{20,}$/i, 'must be the Slack signing secret (hexadecimal, from Basic Information)').optional(),
  SLACK_API_URL: z.string().refine((v) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v), 'must be an http(s) URL such as https://slack.com/api/').optional(),
  PORT: z.string().regex(/^\d{1,5}$/, 'must be a port number (1 to 65535)').refine((v) => Number(v) >= 1 && Number(v) <= 65535, 'must be a port number (1 to 65535)').optional(),
});

export interface LoadConfigOptions {
  /** The environment to read (default process.env). */
  env?: Record<string, string | undefined>;
  /** The `.env` file to read under it, or null for none (default `.env` in the working directory). */
  envFile?: string | null;
  /** Base for a relative DOSSIER_CORPUS (default the working directory). */
  cwd?: string;
}

function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(null, `the settings file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseDotenv(text);
}

/** Reads and checks the configuration; throws ConfigError with a printable message. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = options.envFile === undefined ? resolve(cwd, '.env') : options.envFile;
  const fromFile = envFile ? readEnvFile(envFile) : {};
  const env = options.env ?? process.env;

  const raw: Partial<Record<VariableName, string>> = {};
  const origin: Partial<Record<VariableName, string>> = {};
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    // An empty value (`DISCORD_TOKEN=` copied from .env.example) means "not set".
    const value = [env[name], fromFile[name]].map((v) => v?.trim()).find((v) => v !== undefined && v !== '');
    if (value === undefined) continue;
    raw[name] = value;
    origin[name] = env[name]?.trim() ? 'the environment' : envFile ?? '.env';
  }

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '') as VariableName;
    const shown = VARIABLES[name]?.secret ? '' : ` (${JSON.stringify(raw[name] ?? '').slice(0, 80)})`;
    throw new ConfigError(name, `${name}${shown} from ${origin[name] ?? 'the environment'} ${issue.message}`);
  }
  const v = parsed.data;
  if (v.SLACK_BOT_TOKEN && !v.SLACK_APP_TOKEN && !v.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_APP_TOKEN', `SLACK_BOT_TOKEN is set but Slack needs one more: SLACK_APP_TOKEN (xapp-…, for Socket Mode, no public URL) or SLACK_SIGNING_SECRET (for HTTP mode on PORT)`);
  }
  if ((v.SLACK_APP_TOKEN || v.SLACK_SIGNING_SECRET) && !v.SLACK_BOT_TOKEN) {
    throw new ConfigError('SLACK_BOT_TOKEN', `${v.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is set but SLACK_BOT_TOKEN (xoxb-…, from OAuth & Permissions) is missing`);
  }
  return {
    corpusDir: resolve(cwd, v.DOSSIER_CORPUS),
    cacheDir: v.DOSSIER_CACHE_DIR ? resolve(cwd, v.DOSSIER_CACHE_DIR) : null,
    dataDir: resolve(cwd, v.DATA_DIR),
    logLevel: v.LOG_LEVEL,
    discord: v.DISCORD_TOKEN
      ? {
          token: v.DISCORD_TOKEN, appId: v.DISCORD_APP_ID ?? null, guildId: v.DISCORD_GUILD_ID ?? null,
          apiUrl: v.DISCORD_API_URL ? v.DISCORD_API_URL.replace(/\/+$/, '') : null,
          shards: v.DISCORD_SHARDS && v.DISCORD_SHARDS !== 'auto' ? Number(v.DISCORD_SHARDS) : null,
        }
      : null,
    slack: v.SLACK_BOT_TOKEN
      ? {
          botToken: v.SLACK_BOT_TOKEN, appToken: v.SLACK_APP_TOKEN ?? null, signingSecret: v.SLACK_SIGNING_SECRET ?? null,
          mode: v.SLACK_APP_TOKEN ? 'socket' : 'http',
          port: v.PORT ? Number(v.PORT) : 3000,
          apiUrl: v.SLACK_API_URL ? `${v.SLACK_API_URL.replace(/\/+$/, '')}/` : null,
        }
      : null,
  };
}

/** Exit code for a bad configuration (the same as bad usage). */
export const CONFIG_EXIT_CODE = 2;

/** loadConfig for entry points: on a bad value, prints the message to stderr and exits with code 2. */
export function loadConfigOrExit(options: LoadConfigOptions = {}): Config {
  try {
    return loadConfig(options);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`dossier: configuration error: ${err.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
}

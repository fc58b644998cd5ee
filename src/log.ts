/**
 * The diagnostic log: pino, JSON lines on stderr (stdout belongs to replies and `--json`). Keys that
 * hold secrets are redacted wherever they sit in a logged object, and token-shaped strings are masked in
 * messages, so a token pasted into an error message does not reach the log either.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config/env.ts';

export type { Logger };

/** Key names whose values are secrets, at any of the first levels of a logged object. */
const SECRET_KEYS = [
  'token', 'botToken', 'appToken', 'accessToken', 'refreshToken', 'signingSecret', 'secret', 'password', 'authorization', 'cookie',
  'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET',
];

export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`, `*.headers.${k}`]);

const TOKEN_SHAPES: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]{6,}/g, // Slack bot and user tokens
  /\bxapp-[A-Za-z0-9-]{6,}/g, // Slack app-level tokens
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g, // Discord bot tokens
  /\bBot\s+[A-Za-z0-9._-]{30,}/g, // an Authorization header value
];

/** The text with anything shaped like a Slack or Discord token replaced by "[redacted]". */
export function maskTokens(text: string): string {
  return TOKEN_SHAPES.reduce((t, re) => t.replace(re, '[redacted]'), text);
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default stderr, written synchronously so nothing is lost at exit). */
  destination?: NodeJS.WritableStream | pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'dossier',
      level: options.level ?? 'warn',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        // Masks strings passed as the message or its format arguments; objects are covered by `redact`.
        logMethod(args, method) {
          const masked = args.map((a: unknown) => (typeof a === 'string' ? maskTokens(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: {
        err: (err: unknown) => {
          const s = pino.stdSerializers.err(err as Error);
          return { ...s, message: maskTokens(s.message), stack: maskTokens(s.stack) };
        },
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig, VARIABLES } from '../src/config/env.ts';
import { createLogger, maskTokens } from '../src/log.ts';
import { ROOT, tempDir } from './helpers/spawn.ts';

const DISCORD_TOKEN = 'MTAxMjM0NTY3ODkwMTIzNDU2Nw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789';
const SLACK_BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('defaults: the seed corpus, no cache override, warn, no platforms', () => {
  const config = loadConfig({ env: {}, envFile: null, cwd: '/srv/dossier' });
  assert.deepEqual(config, { corpusDir: '/srv/dossier/data/articles', cacheDir: null, dataDir: '/srv/dossier/data', logLevel: 'warn', discord: null, slack: null });
});

test('reads .env, and the environment wins over it', () => {
  const dir = tempDir();
  const envFile = join(dir, '.env');
  writeFileSync(envFile, `# comment\nDOSSIER_CORPUS=corpus\nLOG_LEVEL=debug\nDISCORD_TOKEN="${DISCORD_TOKEN}"\nDISCORD_APP_ID=123456789012345678\n`);
  const config = loadConfig({ env: { LOG_LEVEL: 'ERROR', DOSSIER_CACHE_DIR: '/tmp/c' }, cwd: dir });
  assert.equal(config.corpusDir, join(dir, 'corpus'));
  assert.equal(config.cacheDir, '/tmp/c');
  assert.equal(config.logLevel, 'error', 'environment over .env, case-insensitive');
  assert.deepEqual(config.discord, { token: DISCORD_TOKEN, appId: '123456789012345678', guildId: null, apiUrl: null, shards: null });
  assert.equal(config.slack, null);
});

test('an empty value means unset (a copied .env.example)', () => {
  const config = loadConfig({ env: { DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '  ', LOG_LEVEL: '' }, envFile: null });
  assert.equal(config.discord, null);
  assert.equal(config.slack, null);
  assert.equal(config.logLevel, 'warn');
});

test('Slack settings', () => {
  const config = loadConfig({ env: { SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0123-456-abcdef', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' }, envFile: null });
  assert.deepEqual(config.slack, { botToken: SLACK_BOT_TOKEN, appToken: 'xapp-1-A0123-456-abcdef', signingSecret: '0123456789abcdef0123456789abcdef', mode: 'socket', port: 3000, apiUrl: null });
  const http = loadConfig({ env: { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' }, envFile: null });
  assert.deepEqual([http.slack?.mode, http.slack?.port, http.slack?.apiUrl], ['http', 8080, 'http://127.0.0.1:9/api/']);
  assert.match(configError(() => loadConfig({ env: { SLACK_BOT_TOKEN }, envFile: null })).message, /SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
  assert.match(configError(() => loadConfig({ env: { SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' }, envFile: null })).message, /SLACK_BOT_TOKEN .* is missing/);
  assert.match(configError(() => loadConfig({ env: { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef', PORT: '99999' }, envFile: null })).message, /PORT \("99999"\) .* port number/);
});

test('each malformed value gives one message naming the variable', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL \("verbose"\) from the environment must be one of fatal, error, warn, info, debug, trace, silent/],
    ['DISCORD_TOKEN', 'Bot secret-value-1234567890', /DISCORD_TOKEN from the environment must be the bare bot token/],
    ['DISCORD_TOKEN', 'secret-value-1234567890', /DISCORD_TOKEN from the environment is not a Discord bot token/],
    ['DISCORD_APP_ID', 'my-app', /DISCORD_APP_ID \("my-app"\) .* 17 to 20 digits/],
    ['DISCORD_GUILD_ID', '12', /DISCORD_GUILD_ID \("12"\) .* 17 to 20 digits/],
    ['SLACK_BOT_TOKEN', 'xoxp-secret-value-1234567890', /SLACK_BOT_TOKEN from the environment must be a Slack bot token starting with "xoxb-"/],
    ['SLACK_APP_TOKEN', 'xoxb-secret-value-1234567890', /SLACK_APP_TOKEN from the environment must be a Slack app-level token/],
    ['SLACK_SIGNING_SECRET', 'secret-value!', /SLACK_SIGNING_SECRET from the environment must be the Slack signing secret/],
    ['DOSSIER_CORPUS', 'data\u0007articles', /DOSSIER_CORPUS .* must be a folder path without control characters/],
  ];
  for (const [name, value, expected] of cases) {
    const err = configError(() => loadConfig({ env: { [name]: value }, envFile: null }));
    assert.equal(err.variable, name);
    assert.match(err.message, expected);
    assert.equal(err.message.split('\n').length, 1);
    if (VARIABLES[name as keyof typeof VARIABLES].secret) assert.ok(!err.message.includes('secret-value'), `${name}'s value must not be printed: ${err.message}`);
  }
});

test('a message says when the bad value came from .env', () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=not-a-token-secret\n');
  const err = configError(() => loadConfig({ env: {}, cwd: dir }));
  assert.match(err.message, /^SLACK_BOT_TOKEN from .*\.env must be/);
  assert.ok(!err.message.includes('not-a-token-secret'));
});

test('.env.example lists every variable, each with a comment', () => {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  for (const name of Object.keys(VARIABLES)) {
    const at = lines.findIndex((l) => l.startsWith(`${name}=`));
    assert.ok(at > 0, `${name} is in .env.example`);
    assert.match(lines[at - 1]!, /^#/, `${name} has a comment above it`);
    if (VARIABLES[name as keyof typeof VARIABLES].secret) assert.equal(lines[at], `${name}=`, `${name} has no value in the example`);
  }
});

function captured(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test('the logger redacts token-like keys and masks token-shaped strings', () => {
  const out = captured();
  const log = createLogger({ level: 'info', destination: out.stream });
  log.info({ token: DISCORD_TOKEN, config: { discord: { token: DISCORD_TOKEN }, slack: { botToken: SLACK_BOT_TOKEN, signingSecret: 'abc' } }, headers: { authorization: `Bot ${DISCORD_TOKEN}` } }, 'started');
  log.error({ err: new Error(`login failed for ${DISCORD_TOKEN}`) }, `retrying with ${SLACK_BOT_TOKEN}`);
  log.debug({ token: 'x' }, 'below the level');
  const text = JSON.stringify(out.lines());
  assert.equal(out.lines().length, 2);
  assert.ok(!text.includes(DISCORD_TOKEN));
  assert.ok(!text.includes(SLACK_BOT_TOKEN));
  assert.ok(!text.includes('"abc"'));
  assert.ok(text.includes('[redacted]'));
  assert.equal(out.lines()[0]!.msg, 'started');
  assert.equal(maskTokens(`a ${SLACK_BOT_TOKEN} b`), 'a [redacted] b');
});

/**
 * `npm start` as a person uses it through a pipe: the real entry point (src/main.ts) as a process, with
 * piped stdin, a clean environment, a temporary working directory and a private cache folder. One reply
 * per input line, the right content, clear messages for bad input and bad corpora, exit codes, the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMonthDay } from '../commands/onthisday.ts';
import { cleanEnv, ROOT, runScript, SEED_CORPUS, tempDir, type Ran } from './helpers/spawn.ts';

const MAIN = 'src/main.ts';
const GAMLIEL_FILE = '004_7b4733be0471e72c.txt';

function assertNoStackTrace(ran: Ran): void {
  for (const [name, text] of [['stdout', ran.stdout], ['stderr', ran.stderr]] as const) {
    assert.doesNotMatch(text, /^\s+at /m, `no stack trace on ${name}:\n${text}`);
  }
}

/** Whitespace collapsed, so assertions do not depend on where lines wrap. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Asserts the titles appear as whole lines, in this order; returns the line index of each. */
function assertTitlesInOrder(stdout: string, titles: Array<string | RegExp>): number[] {
  const lines = stdout.split('\n');
  const at: number[] = [];
  let from = 0;
  for (const title of titles) {
    const i = lines.findIndex((l, n) => n >= from && (typeof title === 'string' ? l === title : title.test(l)));
    assert.ok(i >= 0, `a reply titled ${String(title)} after line ${from}:\n${stdout}`);
    at.push(i);
    from = i + 1;
  }
  return at;
}

function todayTitles(): string[] {
  return [`On this day: ${describeMonthDay(new Date().toISOString().slice(5, 10))}`];
}

test('piped lines: one reply each, right content, clear messages for bad ones, exit 0, no stack trace', async () => {
  const lines = [
    'who is gamliel',
    '/who Gila Gamliel',
    'what did bennett say about iran',
    'timeline 2022',
    'on this day',
    'political prisoners',
    'help',
    '',
    'x'.repeat(10_000),
    '\u001b[31mwho gamliel',
    '/nosuchcommand',
    '/who is gamliel',
    'who Prime Minister',
    '2',
    'quit',
    'about',
  ];
  const today = todayTitles();
  const ran = await runScript(MAIN, [], { input: `${lines.join('\n')}\n` });
  today.push(...todayTitles());
  assert.equal(ran.code, 0, ran.stderr);
  assertNoStackTrace(ran);
  assert.equal(ran.stderr, '', 'nothing on stderr for a clean corpus');
  assert.doesNotMatch(ran.stdout, /\u001b/, 'no escape sequence (piped output is plain, the typed ESC is not echoed)');
  assert.doesNotMatch(ran.stdout, /dossier> /, 'no prompt when piped');

  const onThisDay = new RegExp(`^(${today.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
  const at = assertTitlesInOrder(ran.stdout, [
    'Gila Gamliel',
    'Gila Gamliel',
    'Naftali Bennett, in their own words about "iran"',
    'Timeline: 2022',
    onThisDay,
    'Search: political prisoners',
    'Dossier: who said what, and when',
    'Bad input',
    'Bad input',
    'Bad input',
    'Unknown command',
    'Gila Gamliel',
    'Several matches for "Prime Minister"',
  ]);
  const out = ran.stdout.split('\n');
  const block = (n: number): string => flat(out.slice(at[n], at[n + 1] ?? out.length).join('\n'));

  // Exactly one reply per line: no title more often than the lines that ask for it.
  assert.equal(out.filter((l) => l === 'Gila Gamliel').length, 3);
  assert.equal(out.filter((l) => l === 'Bad input').length, 3);
  assert.equal(out.filter((l) => l === 'Timeline: 2022').length, 1);

  assert.match(block(0), /Person · Israel’s Intelligence Minister/);
  assert.match(block(0), /— Israeli intelligence minister meets Iranian diaspora in London, Al-Monitor, 2023-09-06, ¶\d/);
  assert.match(block(0), /4 quotations: type "quote Gila Gamliel"/);
  assert.match(block(2), /Naftali Bennett: “The Israeli people and the Iranian people share so much…We are both vibrant peoples/);
  assert.match(block(2), /All Israel News, ¶13/);
  assert.match(block(3), /2022 \(year\): In 2022, Bennett sent greetings to the Iranian people/);
  assert.match(block(3), /≈ September 2022 \(month\)/);
  assert.match(block(5), /the 30,000 political prisoners massacred in 1988/);
  for (const usage of ['who NAME', 'quote NAME [about TOPIC]', 'timeline WHEN|NAME', 'search TEXT', 'onthisday [MM-DD]', 'about', 'help [COMMAND]']) {
    assert.ok(block(6).includes(usage), usage);
  }
  assert.match(block(7), /The input is empty\./);
  assert.match(block(8), /The input is too long \(10,000 characters; at most 500\)\./);
  assert.match(block(9), /The input contains a control character \(U\+001B, escape\) at position 1\. Type plain text\./);
  assert.match(block(10), /There is no command "nosuchcommand"\. The commands are: who, quote, timeline, search, onthisday, about, help\./);
  assert.match(block(11), /Person · Israel’s Intelligence Minister/);

  // The choice lists the prime ministers; "2" picks the second one.
  const choice = out.slice(at[12]);
  const second = choice.map((l) => /^ {2}2\. (.+)$/.exec(l)?.[1]).find(Boolean);
  assert.ok(second, 'the choice has a second candidate');
  assert.ok(choice.some((l) => l === '  1. Naftali Bennett'));
  const picked = choice.findIndex((l) => l === second);
  assert.ok(picked > 0, `the reply to "2" is ${second}`);
  assert.match(choice[picked + 1]!, /^Person · .*Prime Minister/);

  // "quit" ends the session: the line after it is not answered.
  assert.ok(!out.includes('About these articles'));
});

test('a missing corpus folder: non-zero exit and a message naming the folder', async () => {
  const missing = join(tempDir(), 'no-such-articles');
  const ran = await runScript(MAIN, [], { input: 'who gamliel\n', env: { DOSSIER_CORPUS: missing } });
  assert.notEqual(ran.code, 0);
  assert.equal(ran.code, 2);
  assert.equal(ran.stdout, '');
  assert.ok(ran.stderr.includes(missing), ran.stderr);
  assert.match(ran.stderr, /does not exist/);
  assertNoStackTrace(ran);
});

test('bad files in the corpus: one warning each, and the good article still answers', async () => {
  const dir = tempDir('dossier-corpus-');
  copyFileSync(join(SEED_CORPUS, GAMLIEL_FILE), join(dir, GAMLIEL_FILE));
  copyFileSync(join(SEED_CORPUS, GAMLIEL_FILE), join(dir, 'zz-copy.txt'));
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 society in Tehran, a long article about it.\n', 'latin1'));
  const ran = await runScript(MAIN, [], { input: 'who gamliel\nabout\n', env: { DOSSIER_CORPUS: dir } });
  assert.equal(ran.code, 0, ran.stderr);
  assertNoStackTrace(ran);

  const warnings = ran.stderr.split('\n').filter((l) => l.startsWith('warning:'));
  assert.equal(warnings.length, 4, ran.stderr);
  const about = (file: string): string => warnings.find((w) => w.includes(file)) ?? assert.fail(`a warning names ${file}:\n${ran.stderr}`);
  assert.match(about('binary.txt'), /binary/);
  assert.match(about('empty.txt'), /empty/);
  assert.match(about('latin1.txt'), /UTF-8/);
  assert.match(about('zz-copy.txt'), new RegExp(`same article text as ${GAMLIEL_FILE}`));

  assert.match(ran.stdout, /^Gila Gamliel\nPerson · Israel’s Intelligence Minister/);
  assert.match(flat(ran.stdout), /1 article from 1 outlet, published 6 September 2023/);
});

test('a malformed setting stops with exit 2 and a message naming it', async () => {
  const ran = await runScript(MAIN, [], { input: 'who gamliel\n', env: { LOG_LEVEL: 'loud' } });
  assert.equal(ran.code, 2);
  assert.equal(ran.stdout, '');
  assert.match(ran.stderr, /LOG_LEVEL/);
  assert.match(ran.stderr, /must be one of fatal, error, warn, info, debug, trace, silent/);
  assertNoStackTrace(ran);
});

test('the second start reads the cache and answers the same', async () => {
  const cache = tempDir('dossier-cache-');
  const input = 'who gamliel\nquote Bennett\ntimeline 2022\n';
  const env = { DOSSIER_CACHE_DIR: cache, LOG_LEVEL: 'info' };
  const first = await runScript(MAIN, [], { input, env });
  assert.equal(first.code, 0, first.stderr);
  const files = readdirSync(cache).filter((f) => /^kb-[0-9a-f]+\.bin$/.test(f));
  assert.equal(files.length, 1, `a cache file in ${cache}: ${readdirSync(cache).join(', ')}`);

  const second = await runScript(MAIN, [], { input, env });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.match(first.stdout, /^Gila Gamliel$/m);
  const opened = (ran: Ran) =>
    ran.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; fromCache?: boolean })
      .find((l) => l.msg === 'knowledge base opened');
  assert.equal(opened(first)?.fromCache, false);
  assert.equal(opened(second)?.fromCache, true);
});

test('a reader that stops early (npm start | head) ends the console quietly, without a stack trace', async () => {
  const cwd = tempDir('dossier-cwd-');
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, MAIN)], { cwd, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  // Closed before the first answer is written: every write fails with EPIPE.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => {});
  child.stdin.end('help\n'.repeat(50));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

/**
 * The scriptable CLI (src/cli/main.ts) as a process: answers on stdout, messages on stderr, exit codes
 * 0/1/2 as README says, `--json` and `export --json` in the JSON contract's shapes, `--corpus`, `--date`,
 * and bad files skipped with a warning. Runs that do not care share one cache folder, so the seed corpus
 * is extracted once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, ROOT, runScript, SEED_CORPUS, tempDir, type Ran, type RunOptions } from './helpers/spawn.ts';

const CLI = 'src/cli/main.ts';
const SHARED_CACHE = tempDir('dossier-cli-cache-');

function cli(args: string[], options: RunOptions = {}): Promise<Ran> {
  return runScript(CLI, args, { ...options, env: { DOSSIER_CACHE_DIR: SHARED_CACHE, ...options.env } });
}

function assertNoStackTrace(ran: Ran): void {
  assert.doesNotMatch(ran.stdout, /^\s+at /m, ran.stdout);
  assert.doesNotMatch(ran.stderr, /^\s+at /m, ran.stderr);
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

test('who gamliel: the answer as text on stdout, exit 0', async () => {
  const ran = await cli(['who', 'gamliel']);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^Gila Gamliel\nPerson · Israel’s Intelligence Minister\n/);
  assert.match(ran.stdout, /Al-Monitor, 2023-09-06, ¶\d/);
  assert.doesNotMatch(ran.stdout, /[{}]/, 'text, not JSON');
  assert.equal(ran.stderr, '');
});

test('who gamliel --json: the reply data, with the contract’s entity fields', async () => {
  const ran = await cli(['who', 'gamliel', '--json']);
  assert.equal(ran.code, 0, ran.stderr);
  const data = JSON.parse(ran.stdout) as { entity: Record<string, unknown> };
  const e = data.entity;
  assert.equal(e.id, 'gila-gamliel');
  assert.equal(e.name, 'Gila Gamliel');
  assert.equal(e.type, 'person');
  assert.deepEqual(e.aliases, ['Gamliel']);
  assert.match(String(e.description), /Intelligence Minister/);
  assert.deepEqual(e.articles, ['004_7b4733be0471e72c']);
});

test('export --json: the whole knowledge base in the contract’s shapes', async () => {
  const ran = await cli(['export', '--json']);
  assert.equal(ran.code, 0, ran.stderr);
  const kb = JSON.parse(ran.stdout) as {
    articles: Array<Record<string, any>>;
    entities: Array<Record<string, any>>;
    quotes: Array<Record<string, any>>;
    events: Array<Record<string, any>>;
  };
  assert.deepEqual(Object.keys(kb).sort(), ['articles', 'entities', 'events', 'quotes']);

  assert.equal(kb.articles.length, 5);
  const seedFiles = readdirSync(SEED_CORPUS).sort();
  assert.deepEqual(kb.articles.map((a) => a.file).sort(), seedFiles);
  for (const a of kb.articles) {
    assert.equal(a.id, a.file.replace(/\.[^.]+$/, ''), 'id is the file name without its extension');
    assert.equal(typeof a.title, 'string');
    assert.ok(a.title.length > 0);
    assert.ok(a.published === null || PARTIAL_DATE.test(a.published), `published ${a.published}`);
    assert.ok(a.source === null || typeof a.source === 'string');
  }
  assert.equal(kb.articles.find((a) => a.id === '004_7b4733be0471e72c')?.source, 'Al-Monitor');

  const entityIds = new Set<string>();
  for (const e of kb.entities) {
    assert.equal(typeof e.id, 'string');
    assert.ok(!entityIds.has(e.id), `entity ids are unique: ${e.id}`);
    entityIds.add(e.id);
    assert.equal(typeof e.name, 'string');
    assert.ok(['person', 'organization', 'place', 'other'].includes(e.type), e.type);
    assert.ok(Array.isArray(e.aliases));
    assert.ok(e.description === null || typeof e.description === 'string');
    assert.ok(Array.isArray(e.articles) && e.articles.length > 0);
  }

  assert.ok(kb.quotes.length > 20);
  for (const q of kb.quotes) {
    assert.equal(typeof q.id, 'string');
    assert.equal(typeof q.text, 'string');
    assert.ok(kb.articles.some((a) => a.id === q.article), q.article);
    assert.ok(q.speaker === null || entityIds.has(q.speaker), `speaker ${q.speaker} is an entity id`);
    assert.ok(q.speakerName === null || typeof q.speakerName === 'string');
    assert.ok(['person', 'organization', 'anonymous', 'unknown'].includes(q.speakerKind), q.speakerKind);
    assert.ok(['direct', 'partial'].includes(q.kind), q.kind);
  }
  assert.ok(kb.quotes.some((q) => q.speakerKind === 'anonymous' && q.speaker === null));
  assert.ok(kb.quotes.some((q) => q.speaker === 'naftali-bennett'));

  assert.ok(kb.events.length > 20);
  for (const e of kb.events) {
    assert.equal(typeof e.id, 'string');
    assert.equal(typeof e.text, 'string');
    assert.match(e.date, PARTIAL_DATE);
    assert.ok(e.end === null || PARTIAL_DATE.test(e.end), `end ${e.end}`);
    assert.ok(['year', 'month', 'day'].includes(e.precision), e.precision);
    assert.equal(e.date.length, { year: 4, month: 7, day: 10 }[e.precision as 'year' | 'month' | 'day'], `${e.date} has ${e.precision} precision`);
    assert.equal(typeof e.approximate, 'boolean');
  }
});

test('export without --json is bad usage (exit 2)', async () => {
  const ran = await cli(['export']);
  assert.equal(ran.code, 2);
  assert.equal(ran.stdout, '');
  assert.match(ran.stderr, /export prints JSON: add --json/);
});

test('onthisday --date 2023-06-22: that day’s event', async () => {
  const ran = await cli(['onthisday', '--date', '2023-06-22']);
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^On this day: June 22\n/);
  assert.match(ran.stdout.replace(/\s+/g, ' '), /22 June 2023: On June 22, the Israeli minister met with British Minister of State/);
});

test('bad usage exits 2 with a clear message: impossible --date, unknown command, unknown option, no command', async () => {
  const [date, command, option, none] = await Promise.all([
    cli(['onthisday', '--date', '2023-02-30']),
    cli(['whois', 'gamliel']),
    cli(['who', 'gamliel', '--colour']),
    cli([]),
  ]);
  for (const ran of [date, command, option, none]) {
    assert.equal(ran.code, 2, ran.stderr);
    assert.equal(ran.stdout, '', 'nothing on stdout when the usage is wrong');
    assertNoStackTrace(ran);
  }
  assert.match(date.stderr, /--date must be a real day written YYYY-MM-DD, not "2023-02-30"/);
  assert.match(command.stderr, /unknown command "whois"/);
  assert.match(command.stderr, /Commands: who, quote, timeline, search, onthisday, about, help, export/);
  assert.match(option.stderr, /Unknown option '--colour'/);
  assert.match(none.stderr, /Usage: npm run cli -- COMMAND/);
});

test('who Zelensky: no match, exit 1', async () => {
  const ran = await cli(['who', 'Zelensky']);
  assert.equal(ran.code, 1);
  assert.equal(ran.stdout, '');
  assert.match(ran.stderr, /No person, organisation or place called "Zelensky"/);
});

test('who Zelensky --json: the empty data on stdout, the reason on stderr, exit 1', async () => {
  const ran = await cli(['who', 'Zelensky', '--json']);
  assert.equal(ran.code, 1);
  assert.equal((JSON.parse(ran.stdout) as { entity: unknown }).entity, null);
  assert.match(ran.stderr, /No person, organisation or place called "Zelensky"/);
});

test('an empty argument and a 10,000-character argument are bad input (exit 2), no stack trace', async () => {
  const [empty, long] = await Promise.all([cli(['who', '']), cli(['search', 'a'.repeat(10_000)])]);
  for (const ran of [empty, long]) {
    assert.equal(ran.code, 2, ran.stderr);
    assert.equal(ran.stdout, '');
    assertNoStackTrace(ran);
  }
  assert.match(empty.stderr, /Usage: who NAME/);
  assert.match(long.stderr, /The query is too long \(10,000 characters; at most 500\)/);
});

test('--corpus: answers from another folder; a missing folder is exit 2 naming it', async () => {
  const dir = tempDir('dossier-corpus-');
  writeFileSync(
    join(dir, 'lighthouse.md'),
    [
      '---',
      'title: "Harbour town opens lighthouse museum"',
      'published: "2024-05-12"',
      'source: "Coastal Gazette"',
      '---',
      'Harbour town opens lighthouse museum',
      '',
      'Mayor Eleanor Whitcombe opened the Saltmarsh Lighthouse Museum on Saturday in the harbour town of Porthcurran.',
      '',
      '"This lighthouse kept our fishermen safe for two centuries, and now it will teach our children," Whitcombe said.',
      '',
    ].join('\n'),
  );
  const missing = join(dir, 'not-here');
  const [who, quote, gone] = await Promise.all([
    cli(['who', 'whitcombe', '--corpus', dir]),
    cli(['quote', 'Whitcombe', '--corpus', dir, '--json']),
    cli(['who', 'gamliel', '--corpus', missing]),
  ]);
  assert.equal(who.code, 0, who.stderr);
  assert.match(who.stdout, /^Eleanor Whitcombe\nPerson · Mayor\n/);
  assert.match(who.stdout, /Harbour town opens lighthouse museum, Coastal Gazette, 2024-05-12, ¶1/);

  assert.equal(quote.code, 0, quote.stderr);
  const quotes = (JSON.parse(quote.stdout) as { quotes: Array<Record<string, unknown>> }).quotes;
  assert.deepEqual(
    quotes.map((q) => [q.article, q.speaker, q.text]),
    [['lighthouse', 'eleanor-whitcombe', 'This lighthouse kept our fishermen safe for two centuries, and now it will teach our children']],
  );

  assert.equal(gone.code, 2);
  assert.equal(gone.stdout, '');
  assert.ok(gone.stderr.includes(missing), gone.stderr);
  assert.match(gone.stderr, /does not exist/);
  assertNoStackTrace(gone);
});

test('a 50 MB file in the corpus is skipped with a warning; the rest loads', async () => {
  const dir = tempDir('dossier-corpus-');
  copyFileSync(join(SEED_CORPUS, '004_7b4733be0471e72c.txt'), join(dir, '004_7b4733be0471e72c.txt'));
  // Sparse: 50 MB on paper, nothing written.
  const fd = openSync(join(dir, 'dump.txt'), 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  const ran = await cli(['about', '--corpus', dir]);
  assert.equal(ran.code, 0, ran.stderr);
  const warnings = ran.stderr.split('\n').filter((l) => l.startsWith('warning:'));
  assert.equal(warnings.length, 1, ran.stderr);
  assert.match(warnings[0]!, /^warning: dump\.txt: skipped: the file is 50\.0 MB, over the 2 MB limit/);
  assert.match(ran.stdout.replace(/\s+/g, ' '), /1 article from 1 outlet/);
});

test('--no-cache writes no cache, neither to DOSSIER_CACHE_DIR nor to .cache in the working folder', async () => {
  const cwd = tempDir('dossier-cwd-');
  const cache = tempDir('dossier-cache-');
  const ran = await runScript(CLI, ['about', '--no-cache'], { cwd, env: { DOSSIER_CACHE_DIR: cache } });
  assert.equal(ran.code, 0, ran.stderr);
  assert.match(ran.stdout, /^About these articles\n/);
  assert.deepEqual(readdirSync(cache), []);
  assert.deepEqual(readdirSync(cwd), []);
});

test('a reader that stops early (cli ... | head) does not get a stack trace', async () => {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, CLI), 'export', '--json'], {
    cwd: tempDir('dossier-cwd-'),
    env: cleanEnv({ DOSSIER_CACHE_DIR: SHARED_CACHE }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Closed before anything is written: the write fails with EPIPE.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

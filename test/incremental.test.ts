/** Adding an article to a loaded knowledge base in place, and the corpus watcher that does it for a running bot. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import { readArticleFile } from '../src/corpus/load.ts';
import { analyzeArticle } from '../src/extract/pipeline.ts';
import { watchCorpus } from '../src/kb/watch.ts';
import { createLogger } from '../src/log.ts';
import { dispatch } from '../src/input/dispatch.ts';
import { commandTable } from '../commands/registry.ts';
import { tempDir } from './helpers/tempDir.ts';

const SEEDS = 'data/articles';

function corpusOf(files: string[]): string {
  const dir = tempDir('dossier-inc-');
  for (const f of files) copyFileSync(join(SEEDS, f), join(dir, f));
  return dir;
}

test('an article added in place answers like one built from scratch: entities join across articles, quotes, events and search', () => {
  const files = readdirSync(SEEDS).sort();
  const later = files.find((f) => f.startsWith('003'))!;
  const dir = corpusOf(files.filter((f) => f !== later));
  const { kb } = openKnowledgeBase({ corpusDir: dir, cacheDir: false });
  copyFileSync(join(SEEDS, later), join(dir, later));
  const read = readArticleFile(dir, later);
  assert.ok(kb.addArticle(read.article!, analyzeArticle(read.article!)));
  assert.equal(kb.addArticle(read.article!, analyzeArticle(read.article!)), false, 'the same article is not added twice');
  const full = openKnowledgeBase({ corpusDir: SEEDS, cacheDir: false }).kb;
  const ctx = { kb, now: new Date('2023-10-08T12:00:00Z') };
  // Ebrahim Ra'isi (002) and Ebrahim Raisi (003) are one entity.
  const raisi = dispatch('who', 'raisi', ctx, commandTable);
  assert.equal(raisi.reply.title, "Ebrahim Ra'isi");
  assert.match(JSON.stringify(raisi.reply), /Iran declares support to Hamas/);
  // Velayati's quotations (003 only) are there, with their speaker.
  assert.match(JSON.stringify(dispatch('quote', 'Velayati', ctx, commandTable).reply), /This successful operation/);
  assert.match(JSON.stringify(dispatch('onthisday', '10-07', ctx, commandTable).reply), /infiltrated Israel early on Saturday/);
  assert.match(JSON.stringify(dispatch('search', 'billboards Tehran', ctx, commandTable).reply), /billboards/);
  assert.equal(kb.quotes.length, full.quotes.length);
  assert.equal(kb.events.all().length, full.events.all().length);
  // Every calendar day lists the same events in the same (date) order as the full build.
  const days = new Set(full.events.all().filter((e) => e.precision === 'day').map((e) => e.date.slice(5)));
  assert.ok(days.size > 5);
  for (const day of days) assert.deepEqual(kb.events.onMonthDay(day).map((e) => e.id), full.events.onMonthDay(day).map((e) => e.id), day);
  assert.equal(kb.articles.length, 5);
});

test('the corpus watcher adds a new file to a running knowledge base', async () => {
  const dir = corpusOf(readdirSync(SEEDS).sort());
  const { kb } = openKnowledgeBase({ corpusDir: dir, cacheDir: false });
  let logged = '';
  const log = createLogger({ level: 'info', destination: new Writable({ write(chunk, _e, cb) { logged += String(chunk); cb(); } }) });
  const watcher = watchCorpus(dir, kb, log, 50);
  try {
    assert.equal(dispatch('who', 'Liora Castellan', { kb, now: new Date() }, commandTable).outcome, 'no-match');
    writeFileSync(join(dir, '900_new.txt'), [
      '---', 'title: "Port authority names new director"', 'published: "2024-05-02"', 'source: "Harbor Times"', '---',
      'Port authority names new director',
      'The Harbor Authority on Monday named Liora Castellan, a former shipping executive, as its new director.',
      '"We will open the port to everyone," Castellan said.', '',
    ].join('\n\n'));
    const deadline = Date.now() + 5000;
    while (kb.articles.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const who = dispatch('who', 'Liora Castellan', { kb, now: new Date() }, commandTable);
    assert.equal(who.reply.title, 'Liora Castellan');
    assert.match(JSON.stringify(dispatch('quote', 'Castellan', { kb, now: new Date() }, commandTable).reply), /We will open the port to everyone/);
    assert.match(logged, /article added/);
  } finally {
    watcher.close();
  }
});

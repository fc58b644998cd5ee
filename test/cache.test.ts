/**
 * The on-disk cache (src/kb/cache.ts) through loadKnowledgeBase, on copies of the seed corpus: a second
 * start reads it without extracting; an added file is taken in place and cached; a changed or removed
 * file, a damaged cache or another extraction version mean a rebuild, never an error; a file only
 * touched is not a change.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cacheFileFor, checkCache, readCachedBuild, restampCache } from '../src/kb/cache.ts';
import { listArticleFiles } from '../src/corpus/files.ts';
import { loadKnowledgeBase } from '../src/kb/open.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import { dispatch } from '../src/input/dispatch.ts';
import { commandTable } from '../commands/registry.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import { SEED_CORPUS, tempDir } from './helpers/spawn.ts';

function seedCopy(): string {
  const dir = tempDir('dossier-cache-corpus-');
  for (const f of readdirSync(SEED_CORPUS)) copyFileSync(join(SEED_CORPUS, f), join(dir, f));
  return dir;
}

/** Sets a file's modification time well in the past, so the cache trusts its stat (see RACY_MS). */
function age(path: string, secondsAgo = 3600): void {
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, t, t);
}

function ageAll(dir: string): void {
  for (const f of readdirSync(dir)) age(join(dir, f));
}

const NEW_ARTICLE = `---
title: "Harbour board names a new chair"
published: "2024-05-02"
source: "Test Wire"
---
Harbour board names a new chair

The Northport Harbour Board on Thursday named Marisol Quenneville, a former ferry captain, as its chair.

"We will open the old quay to the public," Quenneville said after the vote.
`;

function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function answer(kb: KnowledgeBase, line: string): string {
  const [name, ...rest] = line.split(' ');
  const d = dispatch(name!, rest.join(' '), { kb, now: new Date(Date.UTC(2024, 5, 1)) }, commandTable);
  return JSON.stringify({ outcome: d.outcome, reply: d.reply });
}

test('a second start reads the cache, answers the same, and a touched file is not a change', async () => {
  const corpusDir = seedCopy();
  const cacheDir = tempDir('dossier-cache-');
  ageAll(corpusDir);
  const first = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(first.fromCache, false);
  assert.deepEqual(readdirSync(cacheDir), [cacheFileFor(cacheDir, corpusDir).split('/').pop()]);

  const second = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(second.fromCache, true);
  assert.equal(second.addedInPlace, 0);
  // As JSON: a passage read from the cache keeps its text in the cache's bytes until asked (cache.ts).
  assert.deepEqual(asJson(second.kb.data), asJson(first.kb.data), 'the cached data is the built data');
  for (const q of ['who gamliel', 'quote Bennett', 'timeline 2022', 'search political prisoners']) assert.equal(answer(second.kb, q), answer(first.kb, q), q);

  // Same bytes, new modification time: hashed again, found unchanged.
  const file = readdirSync(corpusDir)[0]!;
  utimesSync(join(corpusDir, file), new Date(), new Date(Date.now() - 60_000));
  const touched = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(touched.fromCache, true);
  // ... and the manifest is stamped again, so the next start trusts the file by its time.
  assert.equal(await second.restamp, false, 'nothing to stamp again when every file was trusted');
  assert.equal(await touched.restamp, true);
  const listed = listArticleFiles(corpusDir);
  const after = checkCache(cacheDir, listed.dir, listed.files);
  assert.ok(after && !after.changed && after.added.length === 0);
  assert.equal(after.renewable, 0);
  assert.equal(after.header.files.find(([name]) => name === file)?.[2], after.stamps.find((s) => s.name === file)?.mtimeMs);
  const third = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(third.fromCache, true);
  assert.deepEqual(asJson(third.kb.data), asJson(first.kb.data));
  assert.equal(await third.restamp, false);
});

test('a new stamp never overwrites a cache another start wrote meanwhile', async () => {
  const corpusDir = seedCopy();
  const cacheDir = tempDir('dossier-cache-');
  ageAll(corpusDir);
  await loadKnowledgeBase({ corpusDir, cacheDir });
  const file = readdirSync(corpusDir)[0]!;
  utimesSync(join(corpusDir, file), new Date(), new Date(Date.now() - 60_000));
  let listed = listArticleFiles(corpusDir);
  const stale = checkCache(cacheDir, listed.dir, listed.files);
  assert.ok(stale && stale.renewable === 1);
  // Meanwhile another start takes a new article in place and writes the cache.
  writeFileSync(join(corpusDir, 'harbour.txt'), NEW_ARTICLE);
  age(join(corpusDir, 'harbour.txt'));
  const grown = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(grown.addedInPlace, 1);
  assert.equal(await restampCache(stale), false);
  listed = listArticleFiles(corpusDir);
  const now = checkCache(cacheDir, listed.dir, listed.files);
  assert.ok(now && !now.changed && now.added.length === 0, 'the cache still has the new article');
  assert.deepEqual(readdirSync(cacheDir), [cacheFileFor(cacheDir, corpusDir).split('/').pop()], 'no temporary file is left');
});

test('the cache reads the same through a buffer smaller than any of its lines', async () => {
  // Sections are read through one reused buffer (cache.ts): lines and texts that cross its end, and
  // lines longer than it, must come out whole.
  const corpusDir = seedCopy();
  const cacheDir = tempDir('dossier-cache-');
  ageAll(corpusDir);
  const built = await loadKnowledgeBase({ corpusDir, cacheDir });
  const listed = listArticleFiles(corpusDir);
  const check = checkCache(cacheDir, listed.dir, listed.files);
  assert.ok(check && !check.changed);
  for (const bytes of [1, 2, 3, 5, 7, 64, 1000, 4096]) {
    const read = readCachedBuild(check, bytes);
    assert.ok(read, `read through ${bytes} bytes`);
    assert.deepEqual(asJson(read.data), asJson(built.kb.data), `read through ${bytes} bytes`);
  }
});

test('a file added since the cache is taken in place and cached; a copy of an article is skipped', async () => {
  const corpusDir = seedCopy();
  const cacheDir = tempDir('dossier-cache-');
  ageAll(corpusDir);
  await loadKnowledgeBase({ corpusDir, cacheDir });

  writeFileSync(join(corpusDir, 'zz_harbour.txt'), NEW_ARTICLE);
  copyFileSync(join(corpusDir, readdirSync(corpusDir)[0]!), join(corpusDir, 'zz_copy.txt'));
  ageAll(corpusDir);
  const next = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(next.fromCache, true);
  assert.equal(next.addedInPlace, 1);
  assert.equal(next.kb.articles.length, 6);
  assert.ok(next.warnings.some((w) => w.file === 'zz_copy.txt' && /same article text/.test(w.message)), JSON.stringify(next.warnings));
  assert.match(answer(next.kb, 'quote Quenneville'), /open the old quay to the public/);
  assert.match(answer(next.kb, 'search old quay'), /Harbour board names a new chair/);

  const third = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(third.fromCache, true);
  assert.equal(third.addedInPlace, 0, 'the added file is in the cache now');
  assert.equal(third.kb.articles.length, 6);
  assert.ok(third.warnings.some((w) => w.file === 'zz_copy.txt'), 'the warning is kept');
  assert.match(answer(third.kb, 'quote Quenneville'), /open the old quay/);
});

test('a changed or removed file rebuilds, and the answers follow the files', async () => {
  const corpusDir = seedCopy();
  const cacheDir = tempDir('dossier-cache-');
  ageAll(corpusDir);
  await loadKnowledgeBase({ corpusDir, cacheDir });

  const file = join(corpusDir, readdirSync(corpusDir).sort()[0]!);
  writeFileSync(file, NEW_ARTICLE);
  age(file);
  const changed = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(changed.fromCache, false);
  assert.match(answer(changed.kb, 'quote Quenneville'), /old quay/);

  rmSync(file);
  const removed = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(removed.fromCache, false);
  assert.equal(removed.kb.articles.length, 4);
  assert.doesNotMatch(answer(removed.kb, 'quote Quenneville'), /old quay/);
});

test('a damaged or foreign cache file costs a rebuild, never an error', async () => {
  const corpusDir = seedCopy();
  const cacheDir = tempDir('dossier-cache-');
  ageAll(corpusDir);
  const built = await loadKnowledgeBase({ corpusDir, cacheDir });
  const cacheFile = cacheFileFor(cacheDir, corpusDir);
  const bytes = readFileSync(cacheFile);

  truncateSync(cacheFile, Math.floor(bytes.length / 2));
  const truncated = await loadKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(truncated.fromCache, false);
  assert.deepEqual(asJson(truncated.kb.data), asJson(built.kb.data));

  // The header intact, a section's bytes garbled.
  const garbled = Buffer.from(bytes);
  garbled.fill(0x7b, 64, 4096);
  writeFileSync(cacheFile, garbled);
  const damaged = openKnowledgeBase({ corpusDir, cacheDir });
  assert.equal(damaged.fromCache, false);
  assert.equal(damaged.kb.articles.length, 5);

  writeFileSync(cacheFile, 'not a cache at all');
  assert.equal((await loadKnowledgeBase({ corpusDir, cacheDir })).fromCache, false);
  assert.equal((await loadKnowledgeBase({ corpusDir, cacheDir })).fromCache, true, 'and the rebuild is cached again');
});

test('an unwritable cache folder only means no cache', async () => {
  const corpusDir = seedCopy();
  const blocker = join(tempDir('dossier-cache-'), 'a-file');
  writeFileSync(blocker, 'not a folder');
  const opened = await loadKnowledgeBase({ corpusDir, cacheDir: blocker });
  assert.equal(opened.fromCache, false);
  assert.equal(opened.kb.articles.length, 5);
});

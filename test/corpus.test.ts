import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { parseArticle } from '../src/corpus/parse.ts';
import { splitSentences } from '../src/corpus/sentences.ts';

const seeds = loadCorpus('data/articles');
const seed = (prefix: string) => {
  const a = seeds.articles.find((x) => x.id.startsWith(prefix));
  assert.ok(a, `seed ${prefix} loads`);
  return a;
};
const body = (prefix: string) => seed(prefix).paragraphs.map((p) => p.text).join('\n');

test('the five seeds load with their front matter and no warnings', () => {
  assert.equal(seeds.articles.length, 5);
  assert.deepEqual(seeds.warnings, []);
  assert.equal(seed('001').published, '2025-06-25');
  assert.equal(seed('001').source, 'JNS');
  assert.equal(seed('000').published, null);
  assert.equal(seed('000').url?.startsWith('https://allisrael.com/'), true);
});

test('page banners, UI labels, comments, link lists, photo credits and teasers are not article text', () => {
  assert.doesNotMatch(body('001'), /68°F|Did you find this article|Anonymous|Stephen Baron|DISCOVER MORE|BREAKING NEWS|PHOTO:|To leave a comment/);
  assert.doesNotMatch(body('002'), /Dark Mode|02 October 2024|by: Cyrus/);
  assert.doesNotMatch(body('004'), /Check Also|Endorse American Student Protests|Normally, I prefer/);
  assert.match(body('001'), /tonight we sowed the seeds for this/);
  assert.match(body('004'), /before the Islamic Revolution in 1979/);
});

test('stray tag words after a paragraph’s last sentence are removed, the sentence is kept', () => {
  const p = seed('002').paragraphs.find((x) => x.text.includes('overthrowing his regime'));
  assert.ok(p);
  assert.match(p.text, /overthrowing his regime\.$/);
  assert.ok(seed('002').paragraphs.every((x) => !/(Khamenei|levant)$/.test(x.text)));
  assert.equal(seed('002').author, 'Cyrus Yaqubi');
});

test('a paragraph the scraper broke inside a name is joined again', () => {
  assert.match(body('002'), /former congressmen such as Sen\. Joseph Lieberman And Sen\. Robert Torricelli/);
});

test('Cyrillic look-alike letters are folded in the display text, so "Hamas", "Israel" and "Raisi" match', () => {
  const text = body('003');
  assert.match(text, /Hamas launched an unexpected attack on Israel/);
  assert.match(text, /Iran’s President Ebrahim Raisi/);
  assert.doesNotMatch(text, /[\u0400-\u04FF]/);
});

test('publication date: front matter first, else the dateline, never a banner date', () => {
  const withDateline = parseArticle('JUL 5, 2025 JLM 68°F 07:22 AM\nMKs meet\n(June 25, 2025 / JNS) Knesset Member Dan Illouz hosted a meeting.\n', 'x.txt');
  assert.equal(withDateline.published, '2025-06-25');
  assert.equal(withDateline.publishedFrom, 'dateline');
  assert.equal(withDateline.source, 'JNS');
  assert.equal(withDateline.paragraphs[0]?.text, 'Knesset Member Dan Illouz hosted a meeting.');
  const bannerOnly = parseArticle('Dark Mode\nWednesday, 02 October 2024\nA big blow\nThe gathering was held last week.\n', 'y.txt');
  assert.equal(bannerOnly.published, null);
  assert.equal(bannerOnly.title, 'A big blow');
  const frontMatter = parseArticle('---\ntitle: T\npublished: 2021-07\n---\nT\n(June 25, 2025 / JNS) Text here.\n', 'z.txt');
  assert.equal(frontMatter.published, '2021-07');
});

test('sentences split at full stops but not after Sen., Dr., Mr., Aug. or U.S.', () => {
  const s = splitSentences('Sen. Ted Cruz met Dr. Emil Hartmann and Mr. Jones on Aug. 10 in the U.S. capital. Then they left. Did it work? Yes.');
  assert.deepEqual(s.map((x) => x.text), [
    'Sen. Ted Cruz met Dr. Emil Hartmann and Mr. Jones on Aug. 10 in the U.S. capital.', 'Then they left.', 'Did it work?', 'Yes.',
  ]);
});

test('files with no front matter and .md files load; the title is the first line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-corpus-'));
  try {
    writeFileSync(join(dir, 'plain.txt'), 'A plain headline\nThe body of the article says something.\n');
    writeFileSync(join(dir, 'note.md'), '---\ntitle: From Markdown\n---\nThe Markdown body.\n');
    const c = loadCorpus(dir);
    assert.deepEqual(c.articles.map((a) => a.title).sort(), ['A plain headline', 'From Markdown']);
    assert.deepEqual(c.warnings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad files are skipped with a warning naming the problem, and the rest loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-corpus-'));
  try {
    writeFileSync(join(dir, 'good.txt'), 'Headline\nA good article about the harbour.\n');
    writeFileSync(join(dir, 'copy.txt'), 'Headline\nA good article about the harbour.\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 au lait\nDes \xe9l\xe8ves.\n', 'latin1'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 50 * 1024 * 1024);
    writeFileSync(join(dir, 'badyaml.txt'), '---\ntitle: [unclosed\n---\nHeadline\nStill an article.\n');
    const c = loadCorpus(dir);
    // Files load in name order, so copy.txt comes first and good.txt is the duplicate.
    assert.deepEqual(c.articles.map((a) => a.file).sort(), ['badyaml.txt', 'copy.txt']);
    const byFile = new Map(c.warnings.map((w) => [w.file, w.message]));
    assert.match(byFile.get('good.txt') ?? '', /same article text as copy\.txt/);
    assert.match(byFile.get('binary.txt') ?? '', /binary/);
    assert.match(byFile.get('latin1.txt') ?? '', /not valid UTF-8/);
    assert.match(byFile.get('empty.txt') ?? '', /empty/);
    assert.match(byFile.get('huge.txt') ?? '', /50\.0 MB, over the 2 MB limit/);
    assert.match(byFile.get('badyaml.txt') ?? '', /front matter is not valid YAML/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a headline with a colon, unquoted, keeps the front matter: it is read line by line, with a warning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-corpus-'));
  try {
    writeFileSync(join(dir, 'colon.txt'), "---\ntitle: Transcript: Mayor Jenkins on the flood\npublished: 2024-03-14\nsource: 'Northern Echo'\n---\nThe mayor spoke on Tuesday.\n");
    const c = loadCorpus(dir);
    const a = c.articles[0];
    assert.deepEqual([a?.title, a?.published, a?.source], ['Transcript: Mayor Jenkins on the flood', '2024-03-14', 'Northern Echo']);
    assert.match(c.warnings[0]?.message ?? '', /not valid YAML .*read line by line/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing or empty corpus folder gives a clear warning and no articles', () => {
  const missing = loadCorpus('/nonexistent/dossier/corpus');
  assert.equal(missing.articles.length, 0);
  assert.match(missing.warnings[0]?.message ?? '', /does not exist/);
  const dir = mkdtempSync(join(tmpdir(), 'dossier-empty-'));
  try {
    const empty = loadCorpus(dir);
    assert.equal(empty.articles.length, 0);
    assert.match(empty.warnings[0]?.message ?? '', /no readable articles/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

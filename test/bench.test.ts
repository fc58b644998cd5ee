/**
 * The benchmark (scripts/bench.ts): a smoke run of the real script on 100 generated articles, checking
 * that its JSON has every figure with sane values and that the synthetic corpus yields what Dossier
 * extracts (entities, quotations, events); and the pieces it rests on (a deterministic generator,
 * percentiles).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorld, generateArticle, mulberry32 } from '../scripts/bench/generateCorpus.ts';
import { percentile, summarize } from '../scripts/bench/stats.ts';
import { ROOT, runScript, type Ran } from './helpers/spawn.ts';


function runBench(args: string[], env: Record<string, string>): Promise<Ran> {
  return runScript('scripts/bench.ts', args, { cwd: ROOT, env, timeoutMs: 150_000 });
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

describe('benchmark', () => {
  it('runs end to end on 100 articles and reports every figure', { timeout: 160_000 }, async () => {
    // A private temporary folder: the run must leave nothing behind in it.
    const tmp = mkdtempSync(join(tmpdir(), 'dossier-bench-test-'));
    try {
      const ran = await runBench(['--articles', '100', '--queries', '50', '--quality', '50', '--baseline-budget', '5', '--json'], { TMPDIR: tmp });
      assert.equal(ran.code, 0, ran.stderr);
      const r = JSON.parse(ran.stdout) as Record<string, any>;

      assert.equal(r.articles, 100);
      for (const key of ['coldBuildSeconds', 'articlesPerSecond', 'warmStartSeconds', 'cacheBytes', 'peakRssMB', 'addOneArticleSeconds', 'reopenAfterAddSeconds']) {
        assert.ok(isNumber(r[key]) && r[key] > 0, `${key} = ${r[key]}`);
      }
      assert.ok(r.warmStartSeconds < r.coldBuildSeconds, 'a warm start is faster than a cold build');
      assert.equal(r.reopenAfterAddInPlace, true, 'opening with one file more than the cache adds it in place');
      assert.ok(Math.abs(r.articlesPerSecond - 100 / r.coldBuildSeconds) < 1, 'articles per second is articles over cold build seconds');
      assert.ok(r.peakRssMB >= r.rssMB.warmStart && r.rssMB.warmStart > 10);

      // The synthetic corpus yields what Dossier extracts: about 12 paragraphs, several quotations and dates an article.
      assert.equal(r.counts.articles, 100);
      assert.ok(r.counts.passages >= 900 && r.counts.passages <= 1500, `passages ${r.counts.passages}`);
      assert.ok(r.counts.entities >= 150, `entities ${r.counts.entities}`);
      assert.ok(r.counts.quotes >= 300, `quotes ${r.counts.quotes}`);
      assert.ok(r.counts.events >= 200, `events ${r.counts.events}`);

      for (const kind of ['autocomplete', 'who', 'quote', 'timeline', 'onthisday', 'search']) {
        const q = r.queries[kind];
        assert.ok(q, `queries.${kind}`);
        assert.equal(q.count, 50, kind);
        assert.ok(isNumber(q.p50Ms) && isNumber(q.p99Ms) && q.p50Ms >= 0 && q.p50Ms <= q.p99Ms && q.p99Ms <= q.maxMs, `${kind}: ${JSON.stringify(q)}`);
        assert.ok(q.answered > 0.5, `${kind} answered ${q.answered}`);
      }
      const rate = (x: unknown): boolean => isNumber(x) && x >= 0 && x <= 1;
      assert.ok(rate(r.queries.search.hitRate), 'search hit rate');
      assert.ok(r.queries.search.hitRate >= 0.5, `Dossier finds a passage from its rarer words (${r.queries.search.hitRate})`);
      for (const kind of ['autocomplete', 'search']) {
        const b = r.baseline[kind];
        assert.ok(b.count >= 50 && b.p50Ms <= b.p99Ms && b.p50Ms > 0, `baseline.${kind}: ${JSON.stringify(b)}`);
        assert.ok(rate(b.hitRate), `baseline.${kind}.hitRate`);
        assert.ok(isNumber(r.speedRatio[kind]) && r.speedRatio[kind] > 0);
      }
      assert.ok(rate(r.quality.dossier.exact) && rate(r.quality.dossier.withTypo) && r.quality.queries === 50);

      // (tsx keeps its own compile cache there too.)
      assert.deepEqual(readdirSync(tmp).filter((f) => !/^tsx-/.test(f)), [], 'the temporary corpus and cache are removed');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('rejects a bad option with a usage message and exit code 2', async () => {
    const ran = await runBench(['--articles', 'many'], {});
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /--articles needs a positive whole number/);
    assert.match(ran.stderr, /usage: npm run bench/);
  });
});

describe('benchmark corpus generator', () => {
  it('gives the same article for the same seed and index, another for another seed', () => {
    const world = createWorld(7, 100);
    const a = generateArticle(world, 3);
    assert.deepEqual(generateArticle(createWorld(7, 100), 3), a);
    assert.notEqual(generateArticle(createWorld(8, 100), 3).text, a.text);
    assert.notEqual(generateArticle(world, 4).text, a.text);
  });

  it('writes front matter and about a dozen paragraphs with quotations and dates', () => {
    const world = createWorld(1, 100);
    let paragraphs = 0;
    for (let i = 0; i < 20; i++) {
      const { file, text } = generateArticle(world, i);
      assert.match(file, /^\d{6}_[0-9a-f]{8}\.txt$/);
      assert.match(text, /^---\ntitle: "[^"\n]+"\npublished: "20[0-2]\d-\d\d-\d\d"\nsource: "[^"]+"\nurl: "https:\/\/[^"]+"\n---\n/);
      const body = text.split('\n---\n')[1]!.trim().split('\n\n');
      paragraphs += body.length;
      assert.ok(body.every((p) => p.trim() !== '' && !p.includes('\n')), 'one paragraph a line, blank lines between');
      assert.match(text, /"[^"]+," [A-Z][\p{L}-]+ (said|told|added)|said [A-Z]|said: "/u);
    }
    assert.ok(paragraphs / 20 >= 9 && paragraphs / 20 <= 15);
  });

  it('mulberry32 is deterministic and uniform enough', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    assert.deepEqual(Array.from({ length: 10_000 }, () => b()), xs);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.02 && xs.every((x) => x >= 0 && x < 1));
  });
});

describe('benchmark statistics', () => {
  it('percentiles interpolate between ranks', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(sorted, 0), 1);
    assert.equal(percentile(sorted, 50), 5.5);
    assert.equal(percentile(sorted, 100), 10);
    assert.ok(Math.abs(percentile(sorted, 99) - 9.91) < 1e-9);
    const s = summarize([5, 1, 3]);
    assert.deepEqual([s.count, s.p50Ms, s.maxMs], [3, 3, 5]);
    assert.ok(s.p50Ms <= s.p90Ms && s.p90Ms <= s.p99Ms && s.p99Ms <= s.maxMs);
  });
});

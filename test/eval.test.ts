/**
 * The extraction floors of the core issue, measured against the hand-made gold annotations in test/gold/
 * (`npm run eval` prints the same figures in full).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildKnowledgeBaseData } from '../src/kb/build.ts';
import type { KnowledgeBaseData } from '../src/kb/records.ts';
import { loadGold, score } from '../scripts/evalMatch.ts';

const data = buildKnowledgeBaseData(loadCorpus('data/articles'));
const gold = loadGold('test/gold');
const result = score(data, gold);
const o = result.overall;

test('gold annotations cover all five seed articles', () => {
  assert.deepEqual(gold.map((g) => g.article), data.articles.map((a) => a.id));
  assert.ok(gold.reduce((n, g) => n + g.quotes.length, 0) >= 30);
  assert.ok(gold.reduce((n, g) => n + g.events.length, 0) >= 25);
});

test('quotations: found ≥ 0.95, speaker right ≥ 0.95, precision ≥ 0.95', () => {
  assert.ok(o.quotesFound.value >= 0.95, `found ${o.quotesFound.value}: ${result.articles.flatMap((a) => a.missedQuotes).join(' | ')}`);
  assert.ok(o.speakerRight.value >= 0.95, `speaker ${o.speakerRight.value}: ${result.articles.flatMap((a) => a.wrongSpeakers).join(' | ')}`);
  assert.ok(o.quotePrecision.value >= 0.95, `precision ${o.quotePrecision.value}: ${result.articles.flatMap((a) => a.extraQuotes).join(' | ')}`);
});

test('people and organisations: found ≥ 0.95, and no entity split in two', () => {
  assert.ok(o.entitiesFound.value >= 0.95, `found ${o.entitiesFound.value}: ${result.articles.flatMap((a) => a.missedEntities).join(', ')}`);
  assert.deepEqual(result.splits, []);
});

test('events: found ≥ 0.9 with precision ≥ 0.9, dates right ≥ 0.9', () => {
  assert.ok(o.eventsFound.value >= 0.9, `found ${o.eventsFound.value}: ${result.articles.flatMap((a) => a.missedEvents).join(' | ')}`);
  assert.ok(o.eventPrecision.value >= 0.9, `precision ${o.eventPrecision.value}: ${result.articles.flatMap((a) => a.extraEvents).join(' | ')}`);
  assert.ok(o.eventDateRight.value >= 0.9, `dates ${o.eventDateRight.value}`);
});

test('the scorer notices damage: a wrong speaker, a lost quote, a wrong date and a split entity all lower the figures', () => {
  const damaged: KnowledgeBaseData = structuredClone(data);
  const gamliel = damaged.entities.find((e) => e.id === 'gila-gamliel')!;
  // Every Gamliel quotation handed to the nearest other person, half the quotations lost, every date a year off.
  const other = damaged.entities.find((e) => e.type === 'person' && e.id !== gamliel.id && e.articles.includes('004_7b4733be0471e72c'))!;
  for (const q of damaged.quotes) if (q.speaker === gamliel.id) q.speaker = other.id;
  damaged.quotes = damaged.quotes.filter((_, i) => i % 2 === 0);
  for (const e of damaged.events) e.date = String(Number(e.date.slice(0, 4)) + 1) + e.date.slice(4);
  // "Gamliel" made an entity of its own.
  gamliel.aliases = [];
  damaged.entities.push({ ...gamliel, id: 'gamliel', name: 'Gamliel', aliases: [] });
  const worse = score(damaged, gold);
  assert.ok(worse.overall.speakerRight.value < 0.95);
  assert.ok(worse.overall.quotesFound.value < 0.95);
  assert.ok(worse.overall.eventDateRight.value < 0.5);
  assert.ok(worse.splits.some((s) => s.startsWith('Gila Gamliel')), worse.splits.join('; '));
});

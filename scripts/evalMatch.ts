/**
 * Scores extraction against the hand-made gold annotations in test/gold/: quotations (found, speaker
 * right, precision), people and organisations (found, precision, split), events (found, date right,
 * precision). Used by `npm run eval` (which prints the figures) and by test/eval.test.ts (which holds
 * the floors). The matching is deliberately forgiving about form (quote marks, look-alike letters, a
 * quotation cut at a different place) and strict about substance (the speaker, the date).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeBaseData, EntityRecord } from '../src/kb/records.ts';
import { nameKey } from '../src/text/nameKey.ts';
import { normalizeTerm, wordsWithOffsets } from '../src/text/normalizeForMatch.ts';
import { coarser, partsOf, precisionOf, toUtc, truncate } from '../src/text/isoDate.ts';

export interface GoldEntity { name: string; type: 'person' | 'organization' | 'place'; aliases: string[]; role: string | null }
export interface GoldQuote { text: string; speaker: string | null; speakerKind: string; kind: 'direct' | 'partial' }
export interface GoldEvent { sentence: string; expression: string; date: string; end: string | null; precision: string; approximate: boolean }
export interface GoldArticle { article: string; published: string | null; entities: GoldEntity[]; quotes: GoldQuote[]; events: GoldEvent[] }

export function loadGold(dir: string): GoldArticle[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldArticle);
}

/** Words of a text, normalised: the form every comparison uses. */
function words(text: string): string[] {
  return wordsWithOffsets(text).map((w) => normalizeTerm(w.word)).filter((w) => w !== '');
}

/** Same quotation: one's words contain the other's, or most of the shorter one's words are shared in order. */
function sameText(a: string, b: string): boolean {
  const wa = words(a).join(' ');
  const wb = words(b).join(' ');
  if (wa === '' || wb === '') return false;
  if (wa.includes(wb) || wb.includes(wa)) return true;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  // A gold quotation may be cut at 120 characters: compare the opening words.
  const head = short.split(' ').slice(0, 8).join(' ');
  return short.split(' ').length >= 8 && long.includes(head);
}

export interface Ratio { hit: number; total: number; value: number }
const ratio = (hit: number, total: number): Ratio => ({ hit, total, value: total === 0 ? 1 : hit / total });

export interface ArticleScore {
  article: string;
  quotesFound: Ratio;
  speakerRight: Ratio;
  quotePrecision: Ratio;
  entitiesFound: Ratio;
  entityPrecision: Ratio;
  entityTypeRight: Ratio;
  eventsFound: Ratio;
  eventDateRight: Ratio;
  eventPrecision: Ratio;
  missedQuotes: string[];
  wrongSpeakers: string[];
  extraQuotes: string[];
  missedEntities: string[];
  extraEntities: string[];
  missedEvents: string[];
  extraEvents: string[];
}

export interface Score {
  articles: ArticleScore[];
  overall: Omit<ArticleScore, 'article' | 'missedQuotes' | 'wrongSpeakers' | 'extraQuotes' | 'missedEntities' | 'extraEntities' | 'missedEvents' | 'extraEvents'>;
  /** Gold entities whose names land on more than one extracted entity (across the whole corpus). */
  splits: string[];
}

function entityKeys(e: { name: string; aliases: string[] }): Set<string> {
  return new Set([e.name, ...e.aliases].map(nameKey).filter((k) => k !== ''));
}

/** The extracted entities a gold entity's names land on. */
function matchingEntities(gold: GoldEntity, entities: readonly EntityRecord[], article: string): EntityRecord[] {
  const keys = entityKeys(gold);
  return entities.filter((e) => e.articles.includes(article) && [...entityKeys(e)].some((k) => keys.has(k)));
}

/** Dates agree: equal at the coarser precision; an approximate date may be a month off. */
function sameDate(gold: GoldEvent, date: string, end: string | null, approximate: boolean): boolean {
  const p = coarser(precisionOf(gold.date), precisionOf(date));
  const g = truncate(gold.date, p);
  const d = truncate(date, p);
  if (g === d) return (gold.end === null) === (end === null) || gold.end === null || end === null ? true : truncate(gold.end, p) === truncate(end, p);
  if (!(gold.approximate || approximate) || p === 'year') return false;
  const months = Math.abs((toUtc(partsOf(g)).getTime() - toUtc(partsOf(d)).getTime()) / (1000 * 60 * 60 * 24 * 30.5));
  return months <= 1.05;
}

export function score(data: KnowledgeBaseData, gold: GoldArticle[]): Score {
  const articles: ArticleScore[] = [];
  const entityById = new Map(data.entities.map((e) => [e.id, e]));
  for (const g of gold) {
    const id = g.article;
    // Quotations.
    const predicted = data.quotes.filter((q) => q.article === id);
    const used = new Set<number>();
    let found = 0;
    let speakerRight = 0;
    const missedQuotes: string[] = [];
    const wrongSpeakers: string[] = [];
    const goldByName = new Map(g.entities.map((e) => [nameKey(e.name), e]));
    for (const gq of g.quotes) {
      const i = predicted.findIndex((q, k) => !used.has(k) && sameText(gq.text, q.text));
      if (i < 0) {
        missedQuotes.push(`${gq.speaker ?? '?'}: ${gq.text.slice(0, 60)}`);
        continue;
      }
      used.add(i);
      found++;
      const q = predicted[i]!;
      const named = gq.speakerKind === 'person' || gq.speakerKind === 'organization';
      let right: boolean;
      if (!named) right = q.speaker === null;
      else {
        const speaker = q.speaker ? entityById.get(q.speaker) : undefined;
        const goldEntity = goldByName.get(nameKey(gq.speaker ?? ''));
        const keys = goldEntity ? entityKeys(goldEntity) : new Set([nameKey(gq.speaker ?? '')]);
        right = !!speaker && [...entityKeys(speaker)].some((k) => keys.has(k));
      }
      if (right) speakerRight++;
      else wrongSpeakers.push(`${gq.text.slice(0, 50)}: gold ${gq.speaker ?? gq.speakerKind}, got ${q.speakerName ?? q.speakerKind}`);
    }
    const extraQuotes = predicted.filter((_, k) => !used.has(k)).map((q) => `${q.speakerName ?? q.speakerKind}: ${q.text.slice(0, 60)}`);

    // People and organisations.
    const goldPO = g.entities.filter((e) => e.type === 'person' || e.type === 'organization');
    const matchedIds = new Set<string>();
    let entitiesFound = 0;
    let typeRight = 0;
    const missedEntities: string[] = [];
    for (const ge of goldPO) {
      const hits = matchingEntities(ge, data.entities, id);
      if (hits.length === 0) {
        missedEntities.push(ge.name);
        continue;
      }
      entitiesFound++;
      if (hits.some((h) => h.type === ge.type)) typeRight++;
      for (const h of hits) matchedIds.add(h.id);
    }
    const allGoldKeys = new Set(g.entities.flatMap((e) => [...entityKeys(e)]));
    const predictedPO = data.entities.filter((e) => e.articles.includes(id) && (e.type === 'person' || e.type === 'organization'));
    const extraEntities = predictedPO.filter((e) => !matchedIds.has(e.id) && ![...entityKeys(e)].some((k) => allGoldKeys.has(k))).map((e) => `${e.name} (${e.type})`);

    // Events.
    const predictedEvents = data.events.filter((e) => e.article === id);
    const usedEvents = new Set<number>();
    let eventsFound = 0;
    let dateRight = 0;
    const missedEvents: string[] = [];
    for (const ge of g.events) {
      const sentence = words(ge.sentence).join(' ');
      const candidates = predictedEvents.map((e, k) => ({ e, k })).filter(({ e, k }) => !usedEvents.has(k) && words(e.text).join(' ').includes(sentence));
      const best = candidates.find(({ e }) => sameDate(ge, e.date, e.end, e.approximate)) ?? candidates.find(({ e }) => e.expression && words(e.expression).join(' ').includes(words(ge.expression).join(' ')));
      if (!best) {
        missedEvents.push(`${ge.date} ${ge.expression}: ${ge.sentence.slice(0, 50)}`);
        continue;
      }
      usedEvents.add(best.k);
      eventsFound++;
      if (sameDate(ge, best.e.date, best.e.end, best.e.approximate)) dateRight++;
      else missedEvents.push(`wrong date ${best.e.date} for gold ${ge.date} (${ge.expression})`);
    }
    const extraEvents = predictedEvents.filter((_, k) => !usedEvents.has(k)).map((e) => `${e.date} [${e.expression}] ${e.text.slice(0, 50)}`);

    articles.push({
      article: id,
      quotesFound: ratio(found, g.quotes.length),
      speakerRight: ratio(speakerRight, found),
      quotePrecision: ratio(predicted.length - extraQuotes.length, predicted.length),
      entitiesFound: ratio(entitiesFound, goldPO.length),
      entityPrecision: ratio(predictedPO.length - extraEntities.length, predictedPO.length),
      entityTypeRight: ratio(typeRight, entitiesFound),
      eventsFound: ratio(eventsFound, g.events.length),
      eventDateRight: ratio(dateRight, eventsFound),
      eventPrecision: ratio(predictedEvents.length - extraEvents.length, predictedEvents.length),
      missedQuotes, wrongSpeakers, extraQuotes, missedEntities, extraEntities, missedEvents, extraEvents,
    });
  }
  const sum = (pick: (a: ArticleScore) => Ratio): Ratio => {
    const hit = articles.reduce((n, a) => n + pick(a).hit, 0);
    const total = articles.reduce((n, a) => n + pick(a).total, 0);
    return ratio(hit, total);
  };
  return {
    articles,
    overall: {
      quotesFound: sum((a) => a.quotesFound), speakerRight: sum((a) => a.speakerRight), quotePrecision: sum((a) => a.quotePrecision),
      entitiesFound: sum((a) => a.entitiesFound), entityPrecision: sum((a) => a.entityPrecision), entityTypeRight: sum((a) => a.entityTypeRight),
      eventsFound: sum((a) => a.eventsFound), eventDateRight: sum((a) => a.eventDateRight), eventPrecision: sum((a) => a.eventPrecision),
    },
    splits: findSplits(data, gold),
  };
}

/**
 * A gold entity is split when its names land on two extracted entities. Gold entities of different
 * articles that share a name are one referent, so they must land on one extracted entity too.
 */
function findSplits(data: KnowledgeBaseData, gold: GoldArticle[]): string[] {
  // Union gold entities (of person and organisation type) across articles by shared name keys.
  const groups: Array<{ keys: Set<string>; names: Set<string>; label: string; articles: Set<string> }> = [];
  for (const g of gold) {
    for (const e of g.entities) {
      if (e.type === 'place') continue;
      const keys = entityKeys(e);
      // Across articles, only the full names join ("Ebrahim Ra'isi" and "Ebrahim Raisi"): a short alias
      // such as "Foreign Ministry" names different ministries in different articles.
      const nameKeyOf = nameKey(e.name);
      const joined = groups.filter((grp) => grp.articles.has(g.article) ? [...keys].some((k) => grp.keys.has(k)) : grp.names.has(nameKeyOf));
      const merged = { keys: new Set([...keys, ...joined.flatMap((j) => [...j.keys])]), names: new Set([nameKeyOf, ...joined.flatMap((j) => [...j.names])]), label: joined[0]?.label ?? e.name, articles: new Set([g.article, ...joined.flatMap((j) => [...j.articles])]) };
      for (const j of joined) groups.splice(groups.indexOf(j), 1);
      groups.push(merged);
    }
  }
  const splits: string[] = [];
  for (const grp of groups) {
    const hits = data.entities.filter((e) => e.type !== 'place' && [...entityKeys(e)].some((k) => grp.keys.has(k)) && e.articles.some((a) => grp.articles.has(a)));
    if (hits.length > 1) splits.push(`${grp.label}: ${hits.map((h) => h.id).join(', ')}`);
  }
  return splits;
}

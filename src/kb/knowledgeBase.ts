/**
 * The queryable knowledge base: the records of KnowledgeBaseData plus the indexes every command reads.
 * Each lookup is a map access, a binary search or an inverted-index query, never a scan of the corpus,
 * so answers stay in milliseconds as the archive grows.
 */
import type { IsoDate } from '../corpus/article.ts';
import { splitSentences } from '../corpus/sentences.ts';
import { nameKey } from '../text/nameKey.ts';
import { normalizeTermCached, wordsWithOffsets } from '../text/normalizeForMatch.ts';
import type { Citation } from '../reply/reply.ts';
import { compareEvents, EventIndex } from './eventIndex.ts';
import { NameIndex } from './nameIndex.ts';
import { PassageIndex, type IndexedWord, type SerializedPassageIndex } from './passageIndex.ts';
import type { ArticleRecord, EntityRecord, EventRecord, KnowledgeBaseData, PassageRecord, QuoteRecord } from './records.ts';
import type { ArticleText } from '../corpus/article.ts';
import type { ArticleAnalysis } from '../extract/analysis.ts';
import { recordsForArticle } from './addArticle.ts';

/**
 * The most paragraphs a per-entity summary reads: an entity named in every article ("Iran") would
 * otherwise cost a pass over tens of thousands of paragraphs per question. The earliest paragraphs of
 * the earliest articles are a fair sample, and the answer says how many there are in all.
 */
export const SAMPLE_PARAGRAPHS = 400;
/** Most paragraphs read for an entity's key sentences. */
const KEY_SENTENCE_PARAGRAPHS = 100;
/** Most roles (best first) a key sentence is ranked by. */
const KEY_SENTENCE_ROLES = 20;

/** The most earliest articles and co-mentioned entities kept per entity. */
const PROFILE_LIMIT = 10;
/** The most events kept per entity for its timeline (what one answer lists). */
const PROFILE_EVENTS = 100;

interface EntityMemo {
  earliest?: ArticleMentions[];
  company?: CoMention[];
  timeline?: { total: number; distinct: number; first: readonly EventRecord[] };
  /** Key sentences by how many were asked for. */
  sentences?: Map<number, KeySentence[]>;
}
/** Entities with at least this many mentions get their profile computed in warmUp. */
const WARM_ENTITY_MENTIONS = 200;
/** Speakers with at least this many quotations get their quotations' places computed in warmUp. */
const WARM_SPEAKER_QUOTES = 200;

/** Where a list of quotations is in the search index, for quotesPossiblyWith. */
interface QuotePlaces {
  /** The passages of the quotations' paragraphs, once each, ascending (ordinals in the search index). */
  docs: readonly number[];
  /**
   * Quotation i's paragraphs as places in `docs`: at[from[i]] to at[from[i + 1] - 1] (-1: a paragraph with
   * no passage, which none should be). Typed arrays rather than a list per quotation: a prolific speaker's
   * thousands are read at every question about a topic.
   */
  from: Int32Array;
  at: Int32Array;
}

export interface ArticleMentions {
  article: string;
  /** Paragraphs of the article that name the entity, in order. */
  paragraphs: number[];
}

export interface CoMention {
  entity: EntityRecord;
  /** Paragraphs both are mentioned in. */
  together: number;
}

export interface KeySentence {
  text: string;
  article: string;
  paragraph: number;
}

export class KnowledgeBase {
  readonly names: NameIndex;
  readonly passages: PassageIndex;
  readonly events: EventIndex;
  private readonly articleById = new Map<string, ArticleRecord>();
  private readonly entityById = new Map<string, EntityRecord>();
  /** Article id → position of its first paragraph in data.passages (an article's paragraphs are consecutive). */
  private readonly firstPassage = new Map<string, number>();
  private readonly quotesBySpeaker = new Map<string, QuoteRecord[]>();
  private readonly eventsByEntity = new Map<string, EventRecord[]>();
  /** "article#paragraph" → entity ids mentioned there. */
  private byParagraph: Map<string, Set<string>> | null = null;
  /**
   * Per entity, what `who` and `timeline` show that takes a pass over its mentions (earliest articles,
   * company, key sentences, dated events):
   * computed once, as a place named in most of a large archive costs milliseconds a pass, and
   * forgotten when an article is added.
   */
  private readonly perEntity = new Map<string, EntityMemo>();

  /** Built on first use (co-mentions): a warm start should not pay for it. */
  private get entitiesByParagraph(): Map<string, Set<string>> {
    if (!this.byParagraph) {
      this.byParagraph = new Map();
      for (const e of this.data.entities) {
        for (const m of e.mentions) {
          const key = `${m.article}#${m.paragraph}`;
          const set = this.byParagraph.get(key);
          if (set) set.add(e.id);
          else this.byParagraph.set(key, new Set([e.id]));
        }
      }
    }
    return this.byParagraph;
  }

  /** `passageIndex`: the serialized search index from the cache, when it was built for this data. */
  constructor(readonly data: KnowledgeBaseData, prebuilt: { passageIndex?: SerializedPassageIndex } = {}) {
    for (const a of data.articles) this.articleById.set(a.id, a);
    for (const e of data.entities) this.entityById.set(e.id, e);
    data.passages.forEach((p, i) => {
      if (p.paragraph === 1) this.firstPassage.set(p.article, i);
    });
    for (const q of data.quotes) {
      if (!q.speaker) continue;
      const list = this.quotesBySpeaker.get(q.speaker) ?? [];
      list.push(q);
      this.quotesBySpeaker.set(q.speaker, list);
    }
    for (const list of this.quotesBySpeaker.values()) list.sort((a, b) => this.compareByArticle(a, b));
    for (const ev of data.events) {
      for (const id of ev.entities) {
        const list = this.eventsByEntity.get(id) ?? [];
        list.push(ev);
        this.eventsByEntity.set(id, list);
      }
    }
    for (const list of this.eventsByEntity.values()) list.sort(compareEvents);
    this.names = new NameIndex(data.entities);
    this.passages = new PassageIndex(data.passages, prebuilt.passageIndex);
    this.events = new EventIndex(data.events);
  }

  /**
   * Adds one new article (already parsed and analysed) in place, without a rebuild: its entities join
   * the ones they name, and its quotations, events and paragraphs become searchable at once. An article
   * id already present is refused (a changed file needs a rebuild).
   */
  addArticle(article: ArticleText, analysis: ArticleAnalysis): boolean {
    if (this.articleById.has(article.id)) return false;
    this.articleRanks = null;
    const record: ArticleRecord = {
      id: article.id, file: article.file, title: article.title, published: article.published, source: article.source, url: article.url,
      author: article.author, paragraphCount: article.paragraphs.length,
    };
    const added = recordsForArticle(this, article, analysis);
    this.data.articles.push(record);
    this.articleById.set(record.id, record);
    this.data.entities.push(...added.entities);
    for (const e of added.entities) this.entityById.set(e.id, e);
    this.byParagraph = null;
    this.perEntity.clear();
    this.quotePlaces = new WeakMap();
    this.data.quotes.push(...added.quotes);
    for (const q of added.quotes) {
      if (!q.speaker) continue;
      const list = this.quotesBySpeaker.get(q.speaker) ?? [];
      list.push(q);
      list.sort((a, b) => this.compareByArticle(a, b));
      this.quotesBySpeaker.set(q.speaker, list);
    }
    this.quotesByParagraph = null;
    this.data.events.push(...added.events);
    for (const ev of added.events) {
      for (const id of ev.entities) {
        const list = this.eventsByEntity.get(id) ?? [];
        list.push(ev);
        list.sort(compareEvents);
        this.eventsByEntity.set(id, list);
      }
    }
    this.events.add(added.events);
    this.firstPassage.set(record.id, this.data.passages.length);
    this.data.passages.push(...added.passages);
    this.passages.add(added.passages);
    this.names.add([...added.entities, ...added.updated]);
    return true;
  }

  /** Builds the lookups that are otherwise built on first use, so that no user waits for them. */
  warmUp(): void {
    for (const _ of this.warmUpSteps());
  }

  /**
   * warmUp in slices of about `sliceMs`, letting the event loop run between them: at 100,000 articles the
   * whole warm-up is about a second, which a question arriving just after start should not wait for. (A
   * question asked meanwhile builds what it needs itself, as before any warm-up.)
   */
  async warmUpGradually(sliceMs = 20): Promise<void> {
    let sliceStart = performance.now();
    for (const _ of this.warmUpSteps()) {
      if (performance.now() - sliceStart < sliceMs) continue;
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }

  /** The warm-up, one step at a time. */
  private *warmUpSteps(): Generator<void> {
    void this.entitiesByParagraph;
    yield;
    this.articleRank('');
    yield;
    this.quotesInParagraph('', 0);
    yield;
    this.names.warmUp();
    this.events.warmUp();
    yield* this.passages.warmUpSteps();
    // The most mentioned entities are the ones asked about most: their passes are done now, not by a user.
    for (const e of this.data.entities) {
      if (e.mentions.length < WARM_ENTITY_MENTIONS) continue;
      this.earliestMentions(e);
      this.coMentioned(e);
      this.entityTimeline(e);
      this.keySentences(e);
      yield;
    }
    for (const list of this.quotesBySpeaker.values()) {
      if (list.length < WARM_SPEAKER_QUOTES) continue;
      this.placesOf(list);
      yield;
    }
  }

  get articles(): readonly ArticleRecord[] {
    return this.data.articles;
  }

  get entities(): readonly EntityRecord[] {
    return this.data.entities;
  }

  get quotes(): readonly QuoteRecord[] {
    return this.data.quotes;
  }

  article(id: string): ArticleRecord | undefined {
    return this.articleById.get(id);
  }

  entity(id: string): EntityRecord | undefined {
    return this.entityById.get(id);
  }

  passage(article: string, paragraph: number): PassageRecord | undefined {
    const at = this.passageOrdinal(article, paragraph);
    return at < 0 ? undefined : this.data.passages[at];
  }

  /** The ordinal of a paragraph's passage in `data.passages` (and the search index), or -1. */
  private passageOrdinal(article: string, paragraph: number): number {
    const first = this.firstPassage.get(article);
    if (first === undefined) return -1;
    const p = this.data.passages[first + paragraph - 1];
    return p && p.article === article && p.paragraph === paragraph ? first + paragraph - 1 : -1;
  }

  /**
   * Of some quotations, those that may have each of `words` (a word starting with its prefix that it
   * matches), found through the search index: a quotation's words are words of its paragraphs, so one in no
   * paragraph with such a word cannot have them. A superset (the caller still checks the quotation's own
   * words): it lets a topic filter read a speaker's few candidates rather than thousands of quotations. A
   * word the index cannot tell (it could be a stopword) filters nothing.
   */
  quotesPossiblyWith(quotes: readonly QuoteRecord[], words: readonly IndexedWord[]): readonly QuoteRecord[] {
    if (quotes.length === 0 || words.length === 0) return quotes;
    let out = quotes;
    let places = this.placesOf(quotes);
    for (let w = 0; w < words.length && out.length > 0; w++) {
      const found = this.passages.withWordAmong(words[w]!, places.docs);
      if (!found) continue;
      // Per word, not per paragraph: a quotation over two paragraphs may have one word in each.
      const { docs, from, at } = places;
      const kept: number[] = [];
      for (let i = 0; i < out.length; i++) {
        for (let j = from[i]!; j < from[i + 1]!; j++) {
          if (at[j]! < 0 || found[at[j]!] === 1) {
            kept.push(i);
            break;
          }
        }
      }
      const before = out;
      out = kept.map((i) => before[i]!);
      if (w + 1 < words.length) places = placesFrom(kept.map((i) => Array.from(at.subarray(from[i]!, from[i + 1]!), (k) => (k < 0 ? -1 : docs[k]!))));
    }
    return out;
  }

  /**
   * A speaker's quotation list's places, kept until an article is added (their lists are the same arrays
   * until then): reading thousands of scattered records for them took milliseconds a question.
   */
  private quotePlaces = new WeakMap<readonly QuoteRecord[], QuotePlaces>();

  private placesOf(quotes: readonly QuoteRecord[]): QuotePlaces {
    let places = this.quotePlaces.get(quotes);
    if (!places) {
      places = placesFrom(quotes.map((q) => paragraphsOf(q).map((p) => this.passageOrdinal(q.article, p))));
      this.quotePlaces.set(quotes, places);
    }
    return places;
  }

  /** Where a record comes from, for every answer. */
  citation(articleId: string, paragraph: number): Citation {
    const a = this.articleById.get(articleId);
    return {
      articleId,
      title: a?.title ?? articleId,
      source: a?.source ?? null,
      published: a?.published ?? null,
      url: a?.url ?? null,
      paragraph,
    };
  }

  /** Each article's place in publication date order (unknown dates last, then by id): built on first use. */
  private articleRanks: Map<string, number> | null = null;

  /** An article's place in publication date order (articles not in the knowledge base last). */
  articleRank(id: string): number {
    if (!this.articleRanks) {
      const order = [...this.data.articles].sort((a, b) => {
        const da = a.published ?? '9999';
        const db = b.published ?? '9999';
        return da !== db ? (da < db ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
      this.articleRanks = new Map(order.map((a, i) => [a.id, i]));
    }
    return this.articleRanks.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Publication date order (unknown dates last), then article id and paragraph. */
  compareByArticle(a: { article: string; paragraph: number }, b: { article: string; paragraph: number }): number {
    if (a.article !== b.article) {
      const ra = this.articleRank(a.article);
      const rb = this.articleRank(b.article);
      if (ra !== rb) return ra - rb;
      return a.article < b.article ? -1 : 1;
    }
    return a.paragraph - b.paragraph;
  }

  /** Whether another entity has exactly this one's name (then its id is what tells them apart). */
  sharesName(entity: EntityRecord): boolean {
    return this.names.exactly(nameKey(entity.name)).some((e) => e !== entity && e.name === entity.name);
  }

  quotesBy(entityId: string): readonly QuoteRecord[] {
    return this.quotesBySpeaker.get(entityId) ?? [];
  }

  /** Quotations by others whose words name the entity (any of its names), in date order. */
  quotesMentioning(entity: EntityRecord): QuoteRecord[] {
    const keys = [entity.name, ...entity.aliases].map((n) => ` ${wordsOf(n).join(' ')} `).filter((k) => k.trim() !== '');
    const cues = nameCues(entity);
    const out: QuoteRecord[] = [];
    for (const m of entity.mentions.slice(0, SAMPLE_PARAGRAPHS * 5)) {
      for (const q of this.quotesInParagraph(m.article, m.paragraph)) {
        if (q.speaker === entity.id || out.includes(q)) continue;
        const lower = q.text.toLowerCase();
        if (!cues.some((c) => lower.includes(c))) continue;
        const words = ` ${wordsOf(q.text).join(' ')} `;
        if (keys.some((k) => words.includes(k))) out.push(q);
      }
    }
    return out.sort((a, b) => this.compareByArticle(a, b));
  }

  private quotesByParagraph: Map<string, QuoteRecord[]> | null = null;

  private quotesInParagraph(article: string, paragraph: number): QuoteRecord[] {
    if (!this.quotesByParagraph) {
      this.quotesByParagraph = new Map();
      for (const q of this.data.quotes) {
        for (const p of paragraphsOf(q)) {
          const key = `${q.article}#${p}`;
          const list = this.quotesByParagraph.get(key) ?? [];
          list.push(q);
          this.quotesByParagraph.set(key, list);
        }
      }
    }
    return this.quotesByParagraph.get(`${article}#${paragraph}`) ?? [];
  }

  eventsFor(entityId: string): readonly EventRecord[] {
    return this.eventsByEntity.get(entityId) ?? [];
  }

  /**
   * The entity's dated events for a timeline: how many there are, how many once repeats (the same
   * sentence giving the same date twice) are left out, and the first PROFILE_EVENTS of those, in date order.
   */
  entityTimeline(entity: EntityRecord): { total: number; distinct: number; first: readonly EventRecord[] } {
    const memo = this.entityMemo(entity);
    if (!memo.timeline) {
      const events = this.eventsFor(entity.id);
      const first: EventRecord[] = [];
      let distinct = 0;
      for (const e of events) {
        if (this.events.isRepeat(e)) continue;
        distinct++;
        if (first.length < PROFILE_EVENTS) first.push(e);
      }
      memo.timeline = { total: events.length, distinct, first };
    }
    return memo.timeline;
  }

  private entityMemo(entity: EntityRecord): EntityMemo {
    let memo = this.perEntity.get(entity.id);
    if (!memo) this.perEntity.set(entity.id, (memo = {}));
    return memo;
  }

  /** Entities mentioned in the same paragraphs, most often first (at most PROFILE_LIMIT). */
  coMentioned(entity: EntityRecord, limit = 8): CoMention[] {
    const memo = this.entityMemo(entity);
    memo.company ??= this.countCoMentions(entity);
    return memo.company.slice(0, limit);
  }

  /**
   * The PROFILE_LIMIT earliest articles (publication order) naming the entity, each with the paragraphs
   * that do: picked in one pass without sorting them all (a place can be named in most of the corpus).
   */
  earliestMentions(entity: EntityRecord, limit = PROFILE_LIMIT): ArticleMentions[] {
    const memo = this.entityMemo(entity);
    if (!memo.earliest) {
      const best: Array<{ id: string; rank: number }> = [];
      for (const id of entity.articles) {
        const rank = this.articleRank(id);
        if (best.length >= PROFILE_LIMIT && rank >= best[best.length - 1]!.rank) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.rank > rank) at--;
        best.splice(at, 0, { id, rank });
        if (best.length > PROFILE_LIMIT) best.pop();
      }
      const paragraphs = new Map<string, number[]>(best.map((b) => [b.id, []]));
      for (const m of entity.mentions) paragraphs.get(m.article)?.push(m.paragraph);
      memo.earliest = best.map((b) => ({ article: b.id, paragraphs: paragraphs.get(b.id)! }));
    }
    return memo.earliest.slice(0, limit);
  }

  private countCoMentions(entity: EntityRecord): CoMention[] {
    const limit = PROFILE_LIMIT;
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    for (const m of entity.mentions) {
      const key = `${m.article}#${m.paragraph}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > SAMPLE_PARAGRAPHS) break;
      for (const id of this.entitiesByParagraph.get(key) ?? []) if (id !== entity.id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts.entries()]
      .map(([id, together]) => ({ entity: this.entityById.get(id)!, together }))
      .sort((a, b) => b.together - a.together || b.entity.mentions.length - a.entity.mentions.length || a.entity.name.localeCompare(b.entity.name))
      .slice(0, limit);
  }

  /**
   * The sentences that name the entity, one per paragraph, earliest article first; sentences that carry
   * its role ("Israel's Intelligence Minister Gila Gamliel met…") and its full name come first.
   */
  keySentences(entity: EntityRecord, limit = 3): KeySentence[] {
    const memo = this.entityMemo(entity);
    memo.sentences ??= new Map();
    let found = memo.sentences.get(limit);
    if (!found) memo.sentences.set(limit, (found = this.findKeySentences(entity, limit)));
    return found.map((s) => ({ ...s }));
  }

  private findKeySentences(entity: EntityRecord, limit: number): KeySentence[] {
    const names = [entity.name, ...entity.aliases].map((n) => wordsOf(n).join(' ')).filter((n) => n !== '');
    // The best-ranked roles only: an organisation named in thousands of articles gathers thousands of descriptions.
    const roles = entity.roles.slice(0, KEY_SENTENCE_ROLES).map((r) => wordsOf(r).join(' ')).filter((r) => r !== '');
    const cues = nameCues(entity);
    const seen = new Set<string>();
    const found: Array<KeySentence & { rank: number }> = [];
    for (const m of entity.mentions) {
      const key = `${m.article}#${m.paragraph}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Enough candidates to pick the best few from: as many best-ranked as asked for, or a fair sample;
      // and never more than KEY_SENTENCE_PARAGRAPHS paragraphs (a name found mostly by another of its
      // names, in thousands of paragraphs, would otherwise have all of them read).
      if (found.filter((f) => f.rank === 0).length >= limit || (seen.size > 24 && found.length >= limit) || seen.size > KEY_SENTENCE_PARAGRAPHS) break;
      const passage = this.passage(m.article, m.paragraph);
      if (!passage) continue;
      for (const s of splitSentences(passage.text)) {
        // A cheap look for the name's last word before the normalised comparison.
        const lower = s.text.toLowerCase();
        if (!cues.some((c) => lower.includes(c))) continue;
        const words = ` ${wordsOf(s.text).join(' ')} `;
        if (!names.some((n) => words.includes(` ${n} `))) continue;
        const rank = (roles.some((r) => words.includes(` ${r} `)) ? 0 : 2) + (words.includes(` ${wordsOf(entity.name).join(' ')} `) ? 0 : 1);
        found.push({ text: s.text, article: m.article, paragraph: m.paragraph, rank });
        break;
      }
    }
    return found
      .sort((a, b) => a.rank - b.rank || this.compareByArticle(a, b))
      .slice(0, limit)
      .map(({ rank: _rank, ...s }) => s);
  }

  /** The corpus's date range (publication dates), or null when none is known. */
  publishedRange(): [IsoDate, IsoDate] | null {
    const dates = this.data.articles.map((a) => a.published).filter((d): d is string => d !== null).sort();
    return dates.length ? [dates[0]!, dates[dates.length - 1]!] : null;
  }
}

/**
 * Lower-case openings of each name's last word ("gaml" for Gila Gamliel): a cheap substring test that
 * must pass before a text is normalised and compared word by word.
 */
function nameCues(entity: EntityRecord): string[] {
  return [...new Set([entity.name, ...entity.aliases].map((n) => n.toLowerCase().split(/\s+/).pop()!.replace(/['’]s$/, '').slice(0, 4)))];
}

function wordsOf(text: string): string[] {
  return wordsWithOffsets(text).map((w) => normalizeTermCached(w.word)).filter((w) => w !== '');
}

/** Every paragraph a quotation covers: its `paragraphs`, or its `paragraph` when that list is empty. */
function paragraphsOf(q: QuoteRecord): readonly number[] {
  return q.paragraphs.length ? q.paragraphs : [q.paragraph];
}

/** QuotePlaces from each quotation's paragraphs as passage ordinals (-1 for none). */
function placesFrom(ordinals: ReadonlyArray<readonly number[]>): QuotePlaces {
  const docs = [...new Set(ordinals.flat())].filter((at) => at >= 0).sort((a, b) => a - b);
  const place = new Map(docs.map((doc, i) => [doc, i]));
  const from = new Int32Array(ordinals.length + 1);
  const at = new Int32Array(ordinals.reduce((n, list) => n + list.length, 0));
  ordinals.forEach((list, i) => {
    from[i + 1] = from[i]! + list.length;
    list.forEach((ordinal, k) => (at[from[i]! + k] = place.get(ordinal) ?? -1));
  });
  return { docs, from, at };
}

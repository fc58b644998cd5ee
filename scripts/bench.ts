/**
 * The benchmark (issue 6): how long Dossier takes to build and open its knowledge base, how much memory
 * it holds, and how fast and how well it answers, on a synthetic news corpus of any size, next to
 * fuse.js as a baseline.
 *
 *   npm run bench -- [--articles N] [--queries Q] [--seed S] [--json] [--sizes 1000,10000,100000]
 *                    [--keep DIR] [--baseline-budget SECONDS] [--baseline-min N] [--quality K] [--heap-mb MB]
 *
 * 1. Generates N articles (scripts/bench/generateCorpus.ts) into a temporary folder.
 * 2. Cold build: opens the corpus with an empty cache, in a child process (scripts/bench/open.ts), so its
 *    time and peak RSS are its own; then a warm start from the cache in another fresh process. The cache's
 *    size on disk is recorded.
 * 3. Adds one article and opens again in a fresh process (the cache no longer matches the corpus).
 * 4. Opens the knowledge base from the cache in this process and times Q queries of each kind, after a
 *    warm-up, through the command layer (`dispatch`): autocomplete (`kb.names.complete`), who, quote,
 *    timeline, onthisday, search.
 * 5. Baseline: fuse.js over every passage (search) and over every entity name and alias (autocomplete),
 *    timed on the same queries for as long as --baseline-budget allows (at least 100 of each).
 * 6. Search quality: queries made of three of a passage's rarer words (half with a one-letter typo); the
 *    hit rate is how often that passage is among the top 3 results, for Dossier and for fuse.js.
 * 7. Prints a table, or with --json one object (the figures below). --sizes runs each size in a fresh
 *    process and prints how each figure grows.
 *
 * Temporary folders are removed at the end unless --keep DIR is given (the corpus and cache stay there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { commandTable } from '../commands/registry.ts';
import { dispatch } from '../src/input/dispatch.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';
import { loadKnowledgeBase } from '../src/kb/open.ts';
import { watchCorpus } from '../src/kb/watch.ts';
import pino from 'pino';
import type { EntityRecord, PassageRecord } from '../src/kb/records.ts';
import { generateCorpus, mixSeed, Rng, writeExtraArticle, Zipf } from './bench/generateCorpus.ts';
import {
  formatBytes, formatCount, formatMs, formatRate, formatRatio, formatSeconds, round, summarize, table, type Summary,
} from './bench/stats.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
const TSX = import.meta.resolve('tsx');
const OPEN_SCRIPT = join(HERE, 'bench', 'open.ts');
const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------------------
// Options

interface Options {
  articles: number;
  queries: number;
  seed: number;
  json: boolean;
  sizes: number[] | null;
  keep: string | null;
  baselineBudgetSeconds: number;
  quality: number;
  heapMb: number | null;
  singleThread: boolean;
  /** null: defaultBaselineMin(articles). */
  baselineMin: number | null;
}

const USAGE = `usage: npm run bench -- [--articles N] [--queries Q] [--seed S] [--json] [--sizes A,B,C]
                        [--keep DIR] [--baseline-budget SECONDS] [--baseline-min N] [--quality K] [--heap-mb MB]
                        [--single-thread]
  --articles N           articles to generate (default 10000)
  --queries Q            timed queries of each kind (default 1000)
  --seed S               corpus and query seed (default 1)
  --json                 print one JSON object instead of tables
  --sizes A,B,C          run each size in a fresh process and show how the figures grow
  --keep DIR             generate into DIR and leave the corpus (N + 11 articles: those added at the end) and cache there
  --baseline-budget S    seconds fuse.js may take per query kind once it has run --baseline-min queries (default 60)
  --baseline-min N       queries fuse.js runs of each kind whatever the budget (default 100 up to 1,000 articles,
                         20 up to 10,000, 3 beyond: a fuse.js search takes about 5 s at 10,000 and a minute at 100,000)
  --quality K            search-quality queries (default min(Q, 300))
  --heap-mb MB           --max-old-space-size for the child processes (for very large corpora)
  --single-thread        time openKnowledgeBase (one thread) instead of loadKnowledgeBase (every core)`;

class UsageError extends Error {}

/** Untimed queries of each kind before the timed ones, so the code their paths take is compiled (JIT). */
const WARM_UP_QUERIES = 300;


/** How many queries of each kind fuse.js runs at least, whatever the time budget, for a corpus of n articles. */
export function defaultBaselineMin(n: number): number {
  return n <= 1000 ? 100 : n <= 10_000 ? 20 : 3;
}

function positiveInt(name: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} needs a positive whole number (got ${value ?? 'nothing'})`);
  return Number(value);
}

export function parseOptions(argv: readonly string[]): Options {
  const o: Options = { articles: 10_000, queries: 1000, seed: 1, json: false, sizes: null, keep: null, baselineBudgetSeconds: 60, quality: -1, heapMb: null, singleThread: false, baselineMin: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '--articles': o.articles = positiveInt(arg, value()); break;
      case '--queries': o.queries = positiveInt(arg, value()); break;
      case '--seed': o.seed = positiveInt(arg, value()); break;
      case '--json': o.json = true; break;
      case '--sizes': {
        const v = value();
        if (!v || !/^\d+(,\d+)*$/.test(v)) throw new UsageError(`--sizes needs sizes separated by commas, e.g. 1000,10000 (got ${v ?? 'nothing'})`);
        o.sizes = v.split(',').map((s) => positiveInt('--sizes', s));
        break;
      }
      case '--keep': {
        const v = value();
        if (!v) throw new UsageError('--keep needs a folder');
        o.keep = resolve(v);
        break;
      }
      case '--baseline-budget': o.baselineBudgetSeconds = positiveInt(arg, value()); break;
      case '--baseline-min': o.baselineMin = positiveInt(arg, value()); break;
      case '--quality': o.quality = positiveInt(arg, value()); break;
      case '--heap-mb': o.heapMb = positiveInt(arg, value()); break;
      case '--single-thread': o.singleThread = true; break;
      case '--help': case '-h': throw new UsageError('');
      default: throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (o.quality < 0) o.quality = Math.min(o.queries, 300);
  return o;
}

// ---------------------------------------------------------------------------------------------------------
// Progress on stderr (a live line on a terminal; a line per finished step otherwise)

const live = process.stderr.isTTY === true;

function note(line: string): void {
  if (live) process.stderr.write('\r\x1b[2K');
  process.stderr.write(`${line}\n`);
}

function bar(fraction: number, width = 24): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

function liveLine(text: string): void {
  if (live) process.stderr.write(`\r\x1b[2K${text.slice(0, (process.stderr.columns || 100) - 1)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Child processes

/** The child processes running now, stopped with this one on Ctrl-C or SIGTERM. */
const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess & { stdout: NodeJS.ReadableStream } {
  children.add(child);
  child.on('close', () => children.delete(child));
  return child as ChildProcess & { stdout: NodeJS.ReadableStream };
}

/** On Ctrl-C or SIGTERM: stop the children, run the clean-up, exit 128 + the signal's number. */
function onSignals(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    for (const child of children) child.kill('SIGTERM');
    cleanup();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

interface OpenReport {
  function: string;
  threads: number;
  importMs: number;
  openMs: number;
  fromCache: boolean;
  warnings: number;
  files: number;
  phases: Record<string, number>;
  addedInPlace: number;
  maxRssKB: number;
  rssMB: number;
  heapUsedMB: number;
  counts: { articles: number; entities: number; quotes: number; events: number; passages: number };
  /** Wall time of the whole child process, seen from here (Node start, imports, open, exit). */
  processMs: number;
}

function nodeArgs(heapMb: number | null): string[] {
  return ['--import', TSX, ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])];
}

/** Opens the corpus in a fresh process; on a terminal, shows its progress (file reads, extraction, phases, time). */
function openInChild(label: string, corpusDir: string, cacheDir: string, o: Options): Promise<OpenReport> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const args = [...nodeArgs(o.heapMb), OPEN_SCRIPT, '--corpus', corpusDir, '--cache', cacheDir, '--progress', ...(o.singleThread ? ['--single-thread'] : [])];
    // NODE_OPTIONS is not passed on: a heap size given to the benchmark process (for fuse.js's indexes of a
    // very large corpus) must not change how the measured process collects garbage. --heap-mb sets theirs.
    const child = track(spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: undefined },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    }));
    let stdout = '';
    let stderr = '';
    let done = 0;
    let total = 0;
    let phase = 'starting';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
    let pending = '';
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: string) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const m = JSON.parse(line) as { phase?: string; done?: number; total?: number };
          if (m.done !== undefined && m.total !== undefined) {
            done = m.done;
            total = m.total;
          }
          if (m.phase) phase = m.phase;
        } catch {
          // not ours
        }
      }
    });
    const draw = (): void => {
      const elapsed = formatSeconds((performance.now() - started) / 1000);
      let detail: string;
      if (phase === 'starting') detail = 'starting Node and importing';
      else if (total > 0 && done < total) detail = `${bar(done / total)} extracting ${formatCount(done)}/${formatCount(total)} articles`;
      else if (total > 0) detail = 'merging entities, indexing, writing the cache';
      else detail = 'checking the cache, reading it or stamping the files';
      liveLine(`${label}: ${detail} · ${elapsed}`);
    };
    const timer = live ? setInterval(draw, 250) : null;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      if (live) process.stderr.write('\r\x1b[2K');
      const processMs = performance.now() - started;
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`${label} failed (exit ${code}): ${stderr.trim().split('\n').slice(-8).join('\n')}`));
        return;
      }
      resolvePromise({ ...(JSON.parse(line) as Omit<OpenReport, 'processMs'>), processMs });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Text helpers for building queries

const STOP = new Set(
  ('a an and are as at be but by for from had has have he her his i in is it its of on or she that the their them they this to was were what ' +
    'when where which who will with about said says did do does not no we our you your would could should there than then also into after ' +
    'before over under while because without despite near many more most some such only other been being just like').split(' '),
);

function words(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length >= 4 && !STOP.has(w));
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typing slip inside a word (never its first letter): a wrong, missing, extra or swapped letter. */
export function typo(word: string, rng: Rng): string {
  if (word.length < 4) return word;
  const i = rng.int(1, word.length - 2);
  const other = (c: string): string => {
    let x = c;
    while (x === c) x = rng.pick([...LETTERS]);
    return x;
  };
  switch (rng.int(0, 3)) {
    case 0: return word.slice(0, i) + other(word[i]!) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    case 2: return word.slice(0, i) + other(word[i]!) + word.slice(i);
    default: return word[i] === word[i + 1] ? word.slice(0, i) + other(word[i]!) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

/** A typo in the longest word of a phrase. */
function typoInPhrase(phrase: string, rng: Rng): string {
  const parts = phrase.split(' ');
  let longest = 0;
  parts.forEach((p, i) => {
    if (p.length > parts[longest]!.length) longest = i;
  });
  parts[longest] = typo(parts[longest]!, rng);
  return parts.join(' ');
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// ---------------------------------------------------------------------------------------------------------
// Queries

export type Kind = 'autocomplete' | 'who' | 'quote' | 'timeline' | 'onthisday' | 'search';
const KINDS: Kind[] = ['autocomplete', 'who', 'quote', 'timeline', 'onthisday', 'search'];

export interface Query {
  kind: Kind;
  text: string;
  /** The entity the query was made from (autocomplete), for its hit rate. */
  target?: string;
}

interface QualityQuery {
  text: string;
  passage: string;
  typo: boolean;
}

/** Document frequency of words over an even sample of passages (enough to tell rare words from common ones). */
export function documentFrequency(passages: readonly PassageRecord[], sample = 30_000): Map<string, number> {
  const df = new Map<string, number>();
  const step = Math.max(1, Math.floor(passages.length / sample));
  for (let i = 0; i < passages.length; i += step) {
    for (const w of new Set(contentWords(passages[i]!.text))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return df;
}

export class QueryMaker {
  private readonly entities: readonly EntityRecord[];
  private readonly entityZipf: Zipf;
  private readonly speakers: EntityRecord[];
  /** The speaker of every attributed quotation: picking from it favours those quoted most. */
  private readonly quoteSpeakers: string[] = [];
  private readonly quotesBySpeaker = new Map<string, string[]>();

  constructor(private readonly kb: KnowledgeBase, private readonly rng: Rng) {
    // kb.entities is most-mentioned first: half the name queries are about the well-known (Zipf), half about anyone.
    this.entities = kb.entities.filter((e) => e.name.trim() !== '');
    this.entityZipf = new Zipf(Math.max(1, this.entities.length), 1.0, 1);
    for (const q of kb.quotes) {
      if (!q.speaker) continue;
      const list = this.quotesBySpeaker.get(q.speaker) ?? [];
      list.push(q.text);
      this.quotesBySpeaker.set(q.speaker, list);
      this.quoteSpeakers.push(q.speaker);
    }
    this.speakers = [...this.quotesBySpeaker.keys()].sort().map((id) => kb.entity(id)).filter((e): e is EntityRecord => e !== undefined);
  }

  entity(): EntityRecord {
    const i = this.rng.chance(0.5) ? this.entityZipf.sample(this.rng) : this.rng.int(0, this.entities.length - 1);
    return this.entities[i]!;
  }

  private surname(e: EntityRecord): string {
    if (e.type !== 'person') return e.aliases.find((a) => /^[A-Z]{2,}$/.test(a)) ?? e.name;
    return e.name.split(/\s+/).pop() ?? e.name;
  }

  private nameAsTyped(e: EntityRecord): string {
    const r = this.rng.next();
    if (r < 0.4) return e.name;
    if (r < 0.65) return this.surname(e);
    if (r < 0.8) return e.name.toLowerCase();
    return typoInPhrase(e.name, this.rng);
  }

  autocomplete(): Query {
    const e = this.entity();
    const name = this.rng.chance(0.8) || e.aliases.length === 0 ? e.name : this.rng.pick(e.aliases);
    const parts = name.split(/\s+/).filter((w) => w !== '');
    const word = this.rng.chance(0.5) ? parts[0]! : this.rng.pick(parts);
    const length = Math.min(word.length, this.rng.int(1, 6));
    let prefix = word.slice(0, length);
    if (length >= 4 && this.rng.chance(0.2)) prefix = typo(prefix, this.rng);
    return { kind: 'autocomplete', text: prefix, target: e.id };
  }

  who(): Query {
    return { kind: 'who', text: this.nameAsTyped(this.entity()) };
  }

  quote(): Query {
    if (this.speakers.length === 0) return { kind: 'quote', text: this.nameAsTyped(this.entity()) };
    // Half anyone quoted, half weighted by how often they are quoted.
    const e = (this.rng.chance(0.5) ? undefined : this.kb.entity(this.rng.pick(this.quoteSpeakers))) ?? this.rng.pick(this.speakers);
    let name = this.rng.chance(0.75) ? e.name : this.surname(e);
    if (this.rng.chance(0.1)) name = typoInPhrase(name, this.rng);
    if (this.rng.chance(0.25)) {
      const topics = contentWords(this.rng.pick(this.quotesBySpeaker.get(e.id) ?? [''])).filter((w) => w.length >= 5);
      if (topics.length) return { kind: 'quote', text: `${name} about ${this.rng.pick(topics)}` };
    }
    return { kind: 'quote', text: name };
  }

  timeline(): Query {
    const r = this.rng.next();
    const year = this.rng.int(2000, 2025);
    if (r < 0.25) return { kind: 'timeline', text: String(year) };
    if (r < 0.5) return { kind: 'timeline', text: `${this.rng.pick(MONTH_NAMES)} ${year}` };
    if (r < 0.7) return { kind: 'timeline', text: `${year}..${Math.min(2025, year + this.rng.int(0, 3))}` };
    return { kind: 'timeline', text: this.nameAsTyped(this.entity()) };
  }

  onthisday(): Query {
    const month = this.rng.int(1, 12);
    const day = this.rng.int(1, new Date(Date.UTC(2024, month, 0)).getUTCDate());
    return { kind: 'onthisday', text: `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  }

  private passage(): PassageRecord {
    const passages = this.kb.data.passages;
    return passages[this.rng.int(0, passages.length - 1)]!;
  }

  search(): Query {
    for (let attempt = 0; attempt < 20; attempt++) {
      const distinct = [...new Set(contentWords(this.passage().text))];
      if (distinct.length === 0) continue;
      const chosen = this.rng.shuffle(distinct).slice(0, this.rng.int(1, 3));
      if (this.rng.chance(1 / 3)) {
        const i = chosen.findIndex((w) => w.length >= 5);
        const at = i >= 0 ? i : 0;
        chosen[at] = typo(chosen[at]!, this.rng);
      }
      return { kind: 'search', text: chosen.join(' ') };
    }
    return { kind: 'search', text: 'report' };
  }

  make(kind: Kind): Query {
    return this[kind]();
  }

  /** Three of a passage's rarer words (half the time one of them mistyped), to find that passage again. */
  quality(df: Map<string, number>, withTypo: boolean): QualityQuery {
    for (let attempt = 0; ; attempt++) {
      const p = this.passage();
      const distinct = [...new Set(contentWords(p.text))];
      if (distinct.length < 6 && attempt < 50) continue;
      const rare = distinct.sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0) || (a < b ? -1 : 1)).slice(0, 6);
      const chosen = this.rng.shuffle(rare).slice(0, 3);
      if (withTypo) {
        const i = chosen.findIndex((w) => w.length >= 5);
        const at = i >= 0 ? i : 0;
        chosen[at] = typo(chosen[at]!, this.rng);
      }
      return { text: chosen.join(' '), passage: p.id, typo: withTypo };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Timing

interface KindResult extends Summary {
  /** Share of queries that got an answer (not "no match"), through the command layer. */
  answered: number;
  hitRate?: number;
  hitRateQueries?: number;
}

/**
 * Between two queries (never inside a timed one), lets the event loop run now and then: so Ctrl-C and
 * the clean-up of the temporary folder work during minutes of fuse.js, and the progress line moves.
 */
function pauser(label: string, total: number): (done: number) => Promise<void> {
  let last = performance.now();
  return async (done) => {
    if (performance.now() - last < 200) return;
    liveLine(`${label}: ${bar(done / total)} ${formatCount(done)}/${formatCount(total)}`);
    await new Promise((r) => setImmediate(r));
    last = performance.now();
  };
}

async function timeQueries(label: string, queries: readonly Query[], run: (q: Query) => { ok: boolean; hit?: boolean }): Promise<KindResult> {
  const times: number[] = [];
  let answered = 0;
  let hits = 0;
  let judged = 0;
  const pause = pauser(label, queries.length);
  for (const q of queries) {
    await pause(times.length);
    const t = performance.now();
    const r = run(q);
    times.push(performance.now() - t);
    if (r.ok) answered++;
    if (r.hit !== undefined) {
      judged++;
      if (r.hit) hits++;
    }
  }
  return { ...summarize(times), answered: round(answered / (queries.length || 1), 4), ...(judged ? { hitRate: round(hits / judged, 4), hitRateQueries: judged } : {}) };
}

interface Budgeted {
  times: number[];
  /** Per query run: hit or not, undefined when not judged. */
  hits: Array<boolean | undefined>;
}

/** Runs queries until all are done, or the budget is spent once at least `minimum` are (the baseline can be slow). */
async function timeWithBudget<Q>(label: string, queries: readonly Q[], minimum: number, budgetMs: number, run: (q: Q) => boolean | void): Promise<Budgeted> {
  const times: number[] = [];
  const hits: Array<boolean | undefined> = [];
  const started = performance.now();
  const pause = pauser(label, queries.length);
  for (const q of queries) {
    if (times.length >= minimum && performance.now() - started > budgetMs) break;
    await pause(times.length);
    const t = performance.now();
    const hit = run(q);
    times.push(performance.now() - t);
    hits.push(hit === undefined ? undefined : hit);
  }
  return { times, hits };
}

/** Share of true among the judged (non-undefined) results, or null when none was judged. */
function share(results: ReadonlyArray<boolean | undefined>): number | null {
  const judged = results.filter((x): x is boolean => x !== undefined);
  return judged.length ? round(judged.filter(Boolean).length / judged.length, 4) : null;
}

function dirBytes(dir: string): number {
  let total = 0;
  if (!existsSync(dir)) return 0;
  for (const f of readdirSync(dir)) {
    const s = statSync(join(dir, f));
    total += s.isDirectory() ? dirBytes(join(dir, f)) : s.size;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------
// One run

export interface BaselineKind extends Summary {
  hitRate: number | null;
  hitRateQueries: number;
}

export interface BenchResult {
  articles: number;
  seed: number;
  queriesPerKind: number;
  baselineBudgetSeconds: number;
  baselineMin: number;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGB: number };
  corpus: { bytes: number; generateSeconds: number; people: number; organisations: number; places: number; vocabulary: number };
  /** The function timed: loadKnowledgeBase (every core, what npm start uses) or openKnowledgeBase (--single-thread). */
  coldBuildFunction: string;
  threads: number;
  coldBuildSeconds: number;
  articlesPerSecond: number;
  /** The cold build's process from start to exit (Node start and imports included). */
  coldBuildProcessSeconds: number;
  coldBuildPhasesMs: Record<string, number>;
  warmStartSeconds: number;
  warmStartPhasesMs: Record<string, number>;
  warmStartProcessSeconds: number;
  warmStartInProcessSeconds: number;
  importSeconds: number;
  cacheBytes: number;
  /**
   * The largest peak RSS of the processes that held only Dossier (cold build, warm start, open again after
   * adding a file). The query process also holds fuse.js's indexes for the baseline: see rssMB.queryProcess.
   */
  peakRssMB: number;
  rssMB: { coldBuild: number; warmStart: number; queryProcess: number; addOne: number | null };
  /** The running knowledge base takes a new file in place (watchCorpus(...).scan(): list, read, analyse, kb.addArticle). */
  addOneArticleSeconds: number;
  /** The ten articles added in place after that one, one at a time (extraction code warm in this process). */
  addNextArticlesMs: Summary;
  /** A fresh process opening the corpus with one file more than its cache. */
  reopenAfterAddSeconds: number;
  /** Whether that open took the cache and added the file in place (rather than rebuilding). */
  reopenAfterAddInPlace: boolean;
  reopenAfterAddPhasesMs: Record<string, number>;
  reopenAfterAddProcessSeconds: number;
  counts: { articles: number; entities: number; quotes: number; events: number; passages: number };
  queries: Record<Kind, KindResult>;
  baseline: {
    library: string;
    searchOptions: Record<string, unknown>;
    autocompleteOptions: Record<string, unknown>;
    indexSeconds: { search: number; autocomplete: number };
    autocomplete: BaselineKind;
    search: BaselineKind;
    /** fuse.js with the options as first proposed (one Bitap pattern over the whole query, no token search). */
    searchBitap: BaselineKind;
  };
  speedRatio: { autocomplete: number; search: number };
  quality: {
    queries: number;
    dossier: { hitRate: number; exact: number; withTypo: number };
    /** Dossier's hit rate on the same quality queries fuse.js ran (the first `baseline.queries`): the fair comparison. */
    dossierOnBaselineQueries: number;
    baseline: { hitRate: number | null; exact: number | null; withTypo: number | null; queries: number };
    baselineBitap: { hitRate: number | null; queries: number };
  };
}

const FUSE_SEARCH_OPTIONS = {
  keys: ['text'],
  includeScore: true,
  threshold: 0.4,
  ignoreLocation: true,
  // fuse.js's documentation (Token Search, v7.2+) for multi-word queries over body text: each word is
  // matched on its own and ranked with BM25-style IDF; threshold 0.3-0.4 for tighter matching; a limit.
  useTokenSearch: true,
};
const FUSE_BITAP_OPTIONS = { keys: ['text'], includeScore: true, threshold: 0.4, ignoreLocation: true };
const FUSE_NAME_OPTIONS = { keys: ['name'], includeScore: true, threshold: 0.4, ignoreLocation: true };

async function runOnce(o: Options): Promise<BenchResult> {
  const n = o.articles;
  let root: string;
  if (o.keep) {
    mkdirSync(o.keep, { recursive: true });
    if (existsSync(join(o.keep, 'corpus')) && readdirSync(join(o.keep, 'corpus')).length > 0) throw new UsageError(`${o.keep}/corpus is not empty; give --keep a new folder`);
    root = o.keep;
  } else {
    root = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  }
  const corpusDir = join(root, 'corpus');
  const cacheDir = join(root, 'cache');
  const cleanup = (): void => {
    if (!o.keep) rmSync(root, { recursive: true, force: true });
  };
  const stopListening = onSignals(cleanup);
  try {
    return await measure(o, n, corpusDir, cacheDir);
  } finally {
    stopListening();
    cleanup();
  }
}

async function measure(o: Options, n: number, corpusDir: string, cacheDir: string): Promise<BenchResult> {
  // 1. The corpus.
  const gen = generateCorpus(corpusDir, n, o.seed, (done, total) => liveLine(`generating: ${bar(done / total)} ${formatCount(done)}/${formatCount(total)} articles`));
  note(`generated ${formatCount(n)} articles (${formatBytes(gen.bytes)}, ${formatCount(gen.people)} people, ${formatCount(gen.organisations)} organisations, ${formatCount(gen.vocabulary)} words) in ${formatSeconds(gen.seconds)}`);

  // 2. Cold build and warm start, each in a fresh process.
  mkdirSync(cacheDir, { recursive: true });
  const cold = await openInChild('cold build', corpusDir, cacheDir, o);
  if (cold.fromCache) throw new Error('the cold build came from a cache: the cache folder was not empty');
  const cacheBytes = dirBytes(cacheDir);
  note(`cold build: ${formatSeconds(cold.openMs / 1000)} (${formatCount(Math.round(n / (cold.openMs / 1000)))} articles/s), peak RSS ${formatCount(Math.round(cold.maxRssKB / 1024))} MB, cache ${formatBytes(cacheBytes)}`);
  const warm = await openInChild('warm start', corpusDir, cacheDir, o);
  note(`warm start (fresh process): ${formatSeconds(warm.openMs / 1000)}${warm.fromCache ? '' : ' (NOT from the cache)'}, peak RSS ${formatCount(Math.round(warm.maxRssKB / 1024))} MB`);

  // 3. Queries in this process, on the knowledge base opened from the cache.
  const t = performance.now();
  const opened = await loadKnowledgeBase({ corpusDir, cacheDir });
  const warmInProcess = (performance.now() - t) / 1000;
  if (!opened.fromCache) throw new Error('the benchmark process did not open the knowledge base from the cache');
  const kb = opened.kb;
  // As the bot does once it is ready (src/main.ts): the lookups built on first use are built now.
  kb.warmUp();
  const ctx = { kb, now: new Date(Date.UTC(2024, 5, 1)) };
  const rng = Rng.seeded(mixSeed(o.seed, 0x9e7));
  const maker = new QueryMaker(kb, rng);
  const warmRng = new QueryMaker(kb, Rng.seeded(mixSeed(o.seed, 0x3a)));

  const run = (q: Query): { ok: boolean; hit?: boolean } => {
    if (q.kind === 'autocomplete') {
      const found = kb.names.complete(q.text);
      return { ok: found.length > 0, hit: q.text.length >= 3 ? found.some((e) => e.id === q.target) : undefined };
    }
    const d = dispatch(q.kind, q.text, ctx, commandTable);
    if (d.outcome === 'failed') throw new Error(`${q.kind} "${q.text}" failed inside the command`);
    return { ok: d.outcome === 'answer' };
  };

  const queries = {} as Record<Kind, KindResult>;
  for (const kind of KINDS) {
    liveLine(`queries: ${kind}…`);
    for (let i = 0; i < Math.min(WARM_UP_QUERIES, o.queries); i++) run(warmRng.make(kind)); // warm-up, not timed
    const list = Array.from({ length: o.queries }, () => maker.make(kind));
    // No forced full collection here: on the 1.6 GB heap of 100,000 articles, the sweeping that follows
    // one lands on the next queries (p99s of 5–8 ms where they are otherwise under 1.5 ms).
    await new Promise((r) => setImmediate(r));
    queries[kind] = await timeQueries(`queries: ${kind}`, list, run);
  }

  // Search quality (Dossier).
  const df = documentFrequency(kb.data.passages);
  const qualityQueries = Array.from({ length: o.quality }, (_, i) => maker.quality(df, i % 2 === 1));
  const dossierHits = qualityQueries.map((q) => kb.passages.find(q.text, 3).some((h) => h.passage.id === q.passage));
  const rate = (hits: boolean[], pick: (i: number) => boolean): number => {
    const chosen = hits.filter((_, i) => pick(i));
    return round(chosen.filter(Boolean).length / (chosen.length || 1), 4);
  };
  queries.search.hitRate = rate(dossierHits, () => true);
  queries.search.hitRateQueries = qualityQueries.length;
  note(`queries: ${KINDS.map((k) => `${k} p50 ${formatMs(queries[k].p50Ms)}`).join(', ')}`);

  // 4. Baseline: fuse.js.
  const budgetMs = o.baselineBudgetSeconds * 1000;
  const baselineMin = o.baselineMin ?? defaultBaselineMin(n);
  const minimum = Math.min(baselineMin, o.queries);
  liveLine('baseline: indexing passages with fuse.js…');
  let ti = performance.now();
  const passages = kb.data.passages;
  const fuseSearch = new Fuse(passages, FUSE_SEARCH_OPTIONS);
  const fuseSearchIndex = (performance.now() - ti) / 1000;
  const fuseBitap = new Fuse(passages, FUSE_BITAP_OPTIONS);
  const names = kb.entities.flatMap((e) => [...new Set([e.name, ...e.aliases])].map((name) => ({ name, id: e.id })));
  ti = performance.now();
  const fuseNames = new Fuse(names, FUSE_NAME_OPTIONS);
  const fuseNamesIndex = (performance.now() - ti) / 1000;

  const warmSearch = Array.from({ length: 5 }, () => warmRng.search().text);
  for (const q of warmSearch) fuseSearch.search(q, { limit: 10 });
  for (let i = 0; i < 20; i++) fuseNames.search(warmRng.autocomplete().text, { limit: 25 });

  // The same queries Dossier answered, in the same order (regenerated from the same seed).
  const again = new QueryMaker(kb, Rng.seeded(mixSeed(o.seed, 0x9e7)));
  const sameQueries = {} as Record<Kind, Query[]>;
  for (const kind of KINDS) sameQueries[kind] = Array.from({ length: o.queries }, () => again.make(kind));

  const ac = await timeWithBudget('fuse.js autocomplete', sameQueries.autocomplete, minimum, budgetMs, (q) => {
    const found = fuseNames.search(q.text, { limit: 25 });
    if (q.text.length >= 3) return found.some((r) => r.item.id === q.target);
  });
  const se = await timeWithBudget('fuse.js search', sameQueries.search, minimum, budgetMs, (q) => void fuseSearch.search(q.text, { limit: 10 }));
  const fq = await timeWithBudget('fuse.js search quality', qualityQueries, Math.min(baselineMin, qualityQueries.length), budgetMs, (q) => fuseSearch.search(q.text, { limit: 3 }).some((r) => r.item.id === q.passage));
  const bitapBudget = Math.min(budgetMs, 30_000);
  // Bitap over a whole corpus is the slowest of all (about a minute a query at 100,000 articles): a tenth of --baseline-min.
  const bitapMinimum = Math.min(10, Math.ceil(baselineMin / 10), o.queries);
  const sb = await timeWithBudget('fuse.js Bitap search (for reference)', sameQueries.search, bitapMinimum, bitapBudget, (q) => void fuseBitap.search(q.text, { limit: 10 }));
  const bq = await timeWithBudget('fuse.js Bitap search quality', qualityQueries, Math.min(bitapMinimum, qualityQueries.length), bitapBudget, (q) => fuseBitap.search(q.text, { limit: 3 }).some((r) => r.item.id === q.passage));
  const fuseExact = fq.hits.filter((_, i) => !qualityQueries[i]!.typo);
  const fuseTypo = fq.hits.filter((_, i) => qualityQueries[i]!.typo);

  const baselineKind = (times: number[], hits: ReadonlyArray<boolean | undefined>): BaselineKind => ({
    ...summarize(times), hitRate: share(hits), hitRateQueries: hits.filter((h) => h !== undefined).length,
  });
  const baseline = {
    library: `fuse.js ${(Fuse as unknown as { version?: string }).version ?? ''}`.trim(),
    searchOptions: { ...FUSE_SEARCH_OPTIONS, limit: 10 },
    autocompleteOptions: { ...FUSE_NAME_OPTIONS, limit: 25 },
    indexSeconds: { search: round(fuseSearchIndex, 3), autocomplete: round(fuseNamesIndex, 3) },
    autocomplete: baselineKind(ac.times, ac.hits),
    search: baselineKind(se.times, fq.hits),
    searchBitap: baselineKind(sb.times, bq.hits),
  };
  note(`baseline (fuse.js): autocomplete p50 ${formatMs(baseline.autocomplete.p50Ms)} over ${ac.times.length}, search p50 ${formatMs(baseline.search.p50Ms)} over ${se.times.length}`);
  const queryRssMB = process.resourceUsage().maxRSS / 1024;

  // 5. One more article: the corpus opened again in a fresh process (the cache finds one file it has not
  // seen and takes it in place), then the same article taken in place by the running knowledge base, as a
  // bot's corpus watcher does (list the folder, read, analyse, kb.addArticle): the first one in this
  // process, then ten more one at a time.
  writeExtraArticle(corpusDir, gen.world, n);
  const addOne = await openInChild('add one article', corpusDir, cacheDir, o);
  const watcher = watchCorpus(corpusDir, kb, pino({ level: 'silent' }));
  const inPlace: number[] = [];
  for (let i = 0; i <= 10; i++) {
    if (i > 0) writeExtraArticle(corpusDir, gen.world, n + i);
    const ta = performance.now();
    const added = watcher.scan();
    inPlace.push(performance.now() - ta);
    if (added.length !== 1) throw new Error(`adding one article in place added ${added.length}`);
  }
  watcher.close();
  const inPlaceSeconds = inPlace[0]! / 1000;
  const inPlaceNext = summarize(inPlace.slice(1));
  note(`add one article: in place ${formatMs(inPlaceSeconds * 1000)} (the next ten: p50 ${formatMs(inPlaceNext.p50Ms)}); ${formatSeconds(addOne.openMs / 1000)} to open again${addOne.fromCache && addOne.addedInPlace === 1 ? ' (the cache and the new file)' : ' (rebuilt)'}`);

  const rss = {
    coldBuild: Math.round(cold.maxRssKB / 1024),
    warmStart: Math.round(warm.maxRssKB / 1024),
    queryProcess: Math.round(queryRssMB),
    addOne: Math.round(addOne.maxRssKB / 1024),
  };
  return {
    articles: n,
    seed: o.seed,
    queriesPerKind: o.queries,
    baselineBudgetSeconds: o.baselineBudgetSeconds,
    baselineMin,
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGB: round(totalmem() / 1024 ** 3, 1) },
    corpus: { bytes: gen.bytes, generateSeconds: round(gen.seconds, 2), people: gen.people, organisations: gen.organisations, places: gen.places, vocabulary: gen.vocabulary },
    coldBuildFunction: cold.function,
    threads: cold.threads,
    coldBuildSeconds: round(cold.openMs / 1000, 3),
    articlesPerSecond: round(n / (cold.openMs / 1000), 1),
    coldBuildProcessSeconds: round(cold.processMs / 1000, 3),
    coldBuildPhasesMs: cold.phases,
    warmStartSeconds: round(warm.openMs / 1000, 3),
    warmStartPhasesMs: warm.phases,
    warmStartProcessSeconds: round(warm.processMs / 1000, 3),
    warmStartInProcessSeconds: round(warmInProcess, 3),
    importSeconds: round(warm.importMs / 1000, 3),
    cacheBytes,
    peakRssMB: Math.max(rss.coldBuild, rss.warmStart, rss.addOne),
    rssMB: rss,
    addOneArticleSeconds: round(inPlaceSeconds, 4),
    addNextArticlesMs: inPlaceNext,
    reopenAfterAddSeconds: round(addOne.openMs / 1000, 3),
    reopenAfterAddInPlace: addOne.fromCache && addOne.addedInPlace === 1,
    reopenAfterAddPhasesMs: addOne.phases,
    reopenAfterAddProcessSeconds: round(addOne.processMs / 1000, 3),
    counts: cold.counts,
    queries,
    baseline,
    speedRatio: {
      autocomplete: round(baseline.autocomplete.p50Ms / queries.autocomplete.p50Ms, 2),
      search: round(baseline.search.p50Ms / queries.search.p50Ms, 2),
    },
    quality: {
      queries: qualityQueries.length,
      dossier: { hitRate: rate(dossierHits, () => true), exact: rate(dossierHits, (i) => !qualityQueries[i]!.typo), withTypo: rate(dossierHits, (i) => qualityQueries[i]!.typo) },
      dossierOnBaselineQueries: rate(dossierHits, (i) => i < fq.hits.length),
      baseline: { hitRate: share(fq.hits), exact: share(fuseExact), withTypo: share(fuseTypo), queries: fq.hits.length },
      baselineBitap: { hitRate: share(bq.hits), queries: bq.hits.length },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Printing

function printResult(r: BenchResult): string {
  const out: string[] = [];
  out.push(`Dossier benchmark: ${formatCount(r.articles)} synthetic articles (${formatBytes(r.corpus.bytes)}), seed ${r.seed}, ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}`);
  out.push('');
  const steps = (phases: Record<string, number>): string => Object.entries(phases).map(([k, v]) => `${k} ${formatMs(v)}`).join(', ');
  const phases = steps(r.coldBuildPhasesMs);
  out.push(
    table(['Build and start', 'value'], [
      [`cold build (${r.coldBuildFunction}, ${r.threads} thread${r.threads === 1 ? '' : 's'}, empty cache)`, formatSeconds(r.coldBuildSeconds)],
      ['  articles per second', formatCount(Math.round(r.articlesPerSecond))],
      ['  whole process (Node start, imports, build)', formatSeconds(r.coldBuildProcessSeconds)],
      ['warm start (fresh process, from the cache)', formatSeconds(r.warmStartSeconds)],
      ['  whole process', formatSeconds(r.warmStartProcessSeconds)],
      ['  module imports before the open', formatSeconds(r.importSeconds)],
      ['  in the benchmark process (JIT warm)', formatSeconds(r.warmStartInProcessSeconds)],
      ['add one article in place (running bot\'s watcher)', formatMs(r.addOneArticleSeconds * 1000)],
      ['  the next ten, one at a time: p50 / max', `${formatMs(r.addNextArticlesMs.p50Ms)} / ${formatMs(r.addNextArticlesMs.maxMs)}`],
      ['open again with one more file (fresh process)', `${formatSeconds(r.reopenAfterAddSeconds)}${r.reopenAfterAddInPlace ? ' (cache + the file in place)' : ' (full rebuild)'}`],
      ['cache on disk', formatBytes(r.cacheBytes)],
      ['peak RSS: cold build', `${formatCount(r.rssMB.coldBuild)} MB`],
      ['peak RSS: warm start', `${formatCount(r.rssMB.warmStart)} MB`],
      ['peak RSS: query process (KB + fuse.js indexes)', `${formatCount(r.rssMB.queryProcess)} MB`],
      ['peak RSS: add one article', `${formatCount(r.rssMB.addOne ?? NaN)} MB`],
      ['entities / quotes / events / passages', `${formatCount(r.counts.entities)} / ${formatCount(r.counts.quotes)} / ${formatCount(r.counts.events)} / ${formatCount(r.counts.passages)}`],
    ]),
  );
  out.push(`cold build steps: ${phases}`);
  out.push(`warm start steps: ${steps(r.warmStartPhasesMs)}`);
  out.push(`open again with one more file, steps: ${steps(r.reopenAfterAddPhasesMs)}`);
  out.push('');
  const b = r.baseline;
  const rows = KINDS.map((k) => {
    const q = r.queries[k];
    const base = k === 'autocomplete' ? b.autocomplete : k === 'search' ? b.search : null;
    const ratio = k === 'autocomplete' ? r.speedRatio.autocomplete : k === 'search' ? r.speedRatio.search : null;
    return [
      k, formatCount(q.count), formatMs(q.p50Ms), formatMs(q.p90Ms), formatMs(q.p99Ms), formatMs(q.maxMs), formatRate(q.answered),
      q.hitRate === undefined ? '—' : formatRate(q.hitRate),
      base ? formatCount(base.count) : '', base ? formatMs(base.p50Ms) : '', base ? formatMs(base.p99Ms) : '',
      base ? formatRate(base.hitRate) : '', ratio === null ? '' : formatRatio(ratio),
    ];
  });
  out.push(table(['Queries (after warm-up)', 'n', 'p50', 'p90', 'p99', 'max', 'answered', 'hit rate', 'fuse n', 'fuse p50', 'fuse p99', 'fuse hit', 'fuse/dossier p50'], rows));
  out.push('  answered: got an answer rather than "no match". hit rate: autocomplete, the entity the prefix (3+ letters) came from is');
  out.push('  among the suggestions; search, a passage found again in the top 3 from three of its rarer words (half with a typo).');
  out.push('');
  out.push(
    table(['Search quality (top 3)', 'queries', 'hit rate', 'exact words', 'one typo'], [
      ['Dossier (kb.passages.find)', formatCount(r.quality.queries), formatRate(r.quality.dossier.hitRate), formatRate(r.quality.dossier.exact), formatRate(r.quality.dossier.withTypo)],
      ['Dossier, on the queries fuse.js ran', formatCount(r.quality.baseline.queries), formatRate(r.quality.dossierOnBaselineQueries), '', ''],
      ['fuse.js, token search', formatCount(r.quality.baseline.queries), formatRate(r.quality.baseline.hitRate), formatRate(r.quality.baseline.exact), formatRate(r.quality.baseline.withTypo)],
      ['fuse.js, one Bitap pattern', formatCount(r.quality.baselineBitap.queries), formatRate(r.quality.baselineBitap.hitRate), '', ''],
    ]),
  );
  out.push('');
  out.push(`fuse.js search: ${JSON.stringify(b.searchOptions)}; index built in ${formatSeconds(b.indexSeconds.search)}.`);
  out.push(`fuse.js autocomplete over ${'entity names and aliases'}: ${JSON.stringify(b.autocompleteOptions)}; index built in ${formatSeconds(b.indexSeconds.autocomplete)}.`);
  out.push(`fuse.js with one Bitap pattern per query (no token search): search p50 ${formatMs(b.searchBitap.p50Ms)}, p99 ${formatMs(b.searchBitap.p99Ms)} over ${formatCount(b.searchBitap.count)} queries.`);
  out.push(`fuse.js ran ${formatCount(b.autocomplete.count)} of ${formatCount(r.queriesPerKind)} autocomplete and ${formatCount(b.search.count)} of ${formatCount(r.queriesPerKind)} search queries, and ${formatCount(r.quality.baseline.queries)} of ${formatCount(r.quality.queries)} quality queries (at least ${r.baselineMin} each, then until ${r.baselineBudgetSeconds} s).`);
  return out.join('\n');
}

type Figure = [string, (r: BenchResult) => number | null, (x: number | null) => string];

const FIGURES: Figure[] = [
  ['cold build', (r) => r.coldBuildSeconds, formatSeconds],
  ['articles per second', (r) => r.articlesPerSecond, (x) => formatCount(x === null ? null : Math.round(x))],
  ['warm start (fresh process)', (r) => r.warmStartSeconds, formatSeconds],
  ['warm start, whole process', (r) => r.warmStartProcessSeconds, formatSeconds],
  ['add one article in place', (r) => r.addOneArticleSeconds * 1000, formatMs],
  ['open again with one more file', (r) => r.reopenAfterAddSeconds, formatSeconds],
  ['cache on disk', (r) => r.cacheBytes, formatBytes],
  ['peak RSS, MB', (r) => r.peakRssMB, formatCount],
  ['warm start RSS, MB', (r) => r.rssMB.warmStart, formatCount],
  ['entities', (r) => r.counts.entities, formatCount],
  ['passages', (r) => r.counts.passages, formatCount],
  ...KINDS.flatMap((k): Figure[] => [
    [`${k} p50`, (r) => r.queries[k].p50Ms, formatMs],
    [`${k} p99`, (r) => r.queries[k].p99Ms, formatMs],
  ]),
  ['search hit rate', (r) => r.quality.dossier.hitRate, formatRate],
  ['fuse.js autocomplete p50', (r) => r.baseline.autocomplete.p50Ms, formatMs],
  ['fuse.js search p50', (r) => r.baseline.search.p50Ms, formatMs],
  ['fuse.js search hit rate', (r) => r.quality.baseline.hitRate, formatRate],
];

function printGrowth(results: BenchResult[]): string {
  const header = ['Figure', ...results.map((r) => `${formatCount(r.articles)} articles`), results.length > 1 ? `growth (×${formatCount(Math.round(results[results.length - 1]!.articles / results[0]!.articles))} articles)` : ''];
  const rows = FIGURES.map(([name, get, fmt]) => {
    const values = results.map(get);
    const first = values[0];
    const last = values[values.length - 1];
    const growth = results.length > 1 && first && last !== null && last !== undefined && first !== 0 ? formatRatio(last / first) : '';
    return [name, ...values.map(fmt), growth];
  });
  return table(header, rows);
}

/** Runs the benchmark for one size in a fresh process (`--json`), so each size's memory figures are its own. */
function runSizeInChild(o: Options, size: number): Promise<BenchResult> {
  const args = [
    ...nodeArgs(o.heapMb), SELF, '--articles', String(size), '--queries', String(o.queries), '--seed', String(o.seed), '--json',
    '--baseline-budget', String(o.baselineBudgetSeconds), '--quality', String(o.quality),
    ...(o.baselineMin ? ['--baseline-min', String(o.baselineMin)] : []),
    ...(o.keep ? ['--keep', join(o.keep, `size-${size}`)] : []), ...(o.heapMb ? ['--heap-mb', String(o.heapMb)] : []),
    ...(o.singleThread ? ['--single-thread'] : []),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }));
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the run with ${size} articles failed (exit ${code})`));
      else resolvePromise(JSON.parse(stdout) as BenchResult);
    });
  });
}

async function main(): Promise<number> {
  let o: Options;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) process.stderr.write(`bench: ${err.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return err.message ? 2 : 0;
    }
    throw err;
  }
  try {
    if (o.sizes) {
      onSignals(() => {}); // each size's process removes its own folders
      const results: BenchResult[] = [];
      for (const size of o.sizes) {
        note(`— ${formatCount(size)} articles —`);
        results.push(await runSizeInChild(o, size));
      }
      process.stdout.write(o.json ? `${JSON.stringify({ sizes: o.sizes, runs: results }, null, 2)}\n` : `${printGrowth(results)}\n`);
      return 0;
    }
    const result = await runOnce(o);
    process.stdout.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : `\n${printResult(result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`bench: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return 3;
  }
}

// Run as a script (not when a profiling script imports QueryMaker).
if (process.argv[1] && resolve(process.argv[1]) === SELF) process.exitCode = await main();

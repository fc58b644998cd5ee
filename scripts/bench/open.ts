/**
 * One knowledge-base open in a process of its own, so that its time and memory are not blurred by
 * anything the benchmark did before:
 *
 *   node --import tsx scripts/bench/open.ts --corpus DIR --cache DIR [--single-thread] [--progress]
 *
 * Opens with `loadKnowledgeBase` (what `npm start` and the bots use: extraction on every core), or with
 * `openKnowledgeBase` (one thread) given --single-thread. Prints one JSON object on stdout: how long the
 * open took (and the module imports before it), whether it came from the cache, the process's peak RSS,
 * and the knowledge base's counts.
 *
 * With --progress it also watches the open from outside, without touching src/: the extraction progress
 * callback, reads of article files on this thread (node:fs, patched before src/ is imported), cache file
 * reads and writes, and large JSON.parse/stringify calls are timed. Progress goes to file descriptor 3 as
 * it happens (the parent draws a progress bar from it), and the timeline is turned into phases
 * (fingerprint, extract, merge and index, serialise, write) where it has a recognisable shape; a phase
 * that cannot be told apart is left out.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve, sep } from 'node:path';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corpusDir = resolve(option('--corpus') ?? '');
const cacheDir = resolve(option('--cache') ?? '');
const watch = process.argv.includes('--progress');
const singleThread = process.argv.includes('--single-thread');

let t0 = 0;
const now = (): number => performance.now() - t0;
/** Time of each read of an article file on this thread. */
const readTimes: number[] = [];
const cacheReads: Array<[number, number]> = [];
const cacheWrites: Array<[number, number]> = [];
const parses: Array<[number, number]> = [];
const stringifies: Array<[number, number]> = [];
let progressEnd: number | null = null;
let lastEmit = -Infinity;

function emit(message: object): void {
  if (!watch) return;
  try {
    fs.writeSync(3, `${JSON.stringify(message)}\n`);
  } catch {
    // No progress pipe: nobody is watching.
  }
}

/** Parses and stringifies at least this long are the cache's, not incidental ones. */
const BIG = 100_000;

if (watch) {
  const inCorpus = (p: unknown): boolean => typeof p === 'string' && p.startsWith(corpusDir + sep);
  const inCache = (p: unknown): boolean => typeof p === 'string' && p.startsWith(cacheDir + sep);
  const readFileSync = fs.readFileSync as (...a: unknown[]) => unknown;
  const writeFileSync = fs.writeFileSync as (...a: unknown[]) => void;
  (fs as { readFileSync: unknown }).readFileSync = function (...args: unknown[]) {
    const start = now();
    const result = readFileSync.apply(fs, args);
    if (inCorpus(args[0])) {
      readTimes.push(now());
      if (now() - lastEmit > 100) {
        lastEmit = now();
        emit({ reads: readTimes.length });
      }
    } else if (inCache(args[0])) {
      cacheReads.push([start, now()]);
      emit({ phase: 'cache-read' });
    }
    return result;
  };
  (fs as { writeFileSync: unknown }).writeFileSync = function (...args: unknown[]) {
    if (!inCache(args[0])) return writeFileSync.apply(fs, args);
    emit({ phase: 'cache-write' });
    const start = now();
    writeFileSync.apply(fs, args);
    cacheWrites.push([start, now()]);
  };
  syncBuiltinESMExports();

  const parse = JSON.parse;
  JSON.parse = function (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) {
    const start = now();
    const result: unknown = parse(text, reviver);
    if (typeof text === 'string' && text.length > BIG) parses.push([start, now()]);
    return result;
  } as typeof JSON.parse;
  const stringify = JSON.stringify as (...a: unknown[]) => string | undefined;
  JSON.stringify = function (...args: unknown[]) {
    const start = now();
    const result = stringify.apply(JSON, args);
    if (result !== undefined && result.length > BIG) stringifies.push([start, now()]);
    return result;
  } as typeof JSON.stringify;
}

const importStarted = performance.now();
const mod = await import('../../src/kb/open.ts');
const importMs = performance.now() - importStarted;

const articleFiles = fs.readdirSync(corpusDir).filter((f) => /\.(txt|md|markdown)$/i.test(f) && !f.startsWith('.')).length;
emit({ phase: 'open', files: articleFiles });
const onProgress = (done: number, total: number): void => {
  if (done >= total) progressEnd = now();
  if (done >= total || now() - lastEmit > 100) {
    lastEmit = now();
    emit({ done, total });
  }
};
t0 = performance.now();
const opened = singleThread ? mod.openKnowledgeBase({ corpusDir, cacheDir }) : await mod.loadKnowledgeBase({ corpusDir, cacheDir, onProgress });
const openMs = performance.now() - t0;

const sum = (spans: Array<[number, number]>): number => spans.reduce((s, [a, b]) => s + (b - a), 0);

/** Phases from the timeline; only those it can tell apart. */
function phases(): Record<string, number> | null {
  if (!watch || articleFiles === 0) return null;
  const out: Record<string, number> = {};
  const fingerprintEnd = readTimes.length >= articleFiles ? readTimes[articleFiles - 1]! : null;
  if (fingerprintEnd !== null) out.fingerprintMs = fingerprintEnd;
  if (opened.fromCache) {
    const readCache = sum(cacheReads) + sum(parses);
    out.readCacheMs = readCache;
    out.indexAndRestMs = openMs - (fingerprintEnd ?? 0) - readCache;
  } else {
    const firstOut = Math.min(stringifies[0]?.[0] ?? Infinity, cacheWrites[0]?.[0] ?? Infinity);
    const serialise = sum(stringifies);
    const write = sum(cacheWrites);
    if (progressEnd !== null && fingerprintEnd !== null) {
      out.readAndExtractMs = progressEnd - fingerprintEnd;
      if (Number.isFinite(firstOut)) out.mergeAndIndexMs = firstOut - progressEnd;
    } else if (readTimes.length >= 2 * articleFiles && fingerprintEnd !== null) {
      const loadEnd = readTimes[2 * articleFiles - 1]!;
      out.readAndParseMs = loadEnd - fingerprintEnd;
      if (Number.isFinite(firstOut)) out.extractMergeAndIndexMs = firstOut - loadEnd;
    }
    out.serialiseCacheMs = serialise;
    out.writeCacheMs = write;
  }
  for (const k of Object.keys(out)) out[k] = Math.round(out[k]!);
  return out;
}

const usage = process.resourceUsage();
const memory = process.memoryUsage();
const { kb } = opened;
process.stdout.write(
  `${JSON.stringify({
    function: singleThread ? 'openKnowledgeBase' : 'loadKnowledgeBase',
    threads: singleThread ? 1 : availableParallelism(),
    importMs,
    openMs,
    fromCache: opened.fromCache,
    warnings: opened.warnings.length,
    files: articleFiles,
    phases: phases(),
    maxRssKB: usage.maxRSS,
    rssMB: memory.rss / 1024 / 1024,
    heapUsedMB: memory.heapUsed / 1024 / 1024,
    counts: {
      articles: kb.articles.length,
      entities: kb.entities.length,
      quotes: kb.quotes.length,
      events: kb.data.events.length,
      passages: kb.data.passages.length,
    },
  })}\n`,
);
// Extraction workers are terminated by loadKnowledgeBase; exit promptly anyway.
process.exit(0);

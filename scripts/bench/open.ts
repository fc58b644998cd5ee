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
 * With --progress, extraction progress goes to file descriptor 3 as it happens (the parent draws a
 * progress bar from it). The steps' times are the ones the open itself reports (`phases`).
 */
import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corpusDir = resolve(option('--corpus') ?? '');
const cacheDir = resolve(option('--cache') ?? '');
const watch = process.argv.includes('--progress');
const singleThread = process.argv.includes('--single-thread');

let lastEmit = -Infinity;

function emit(message: object): void {
  if (!watch) return;
  try {
    fs.writeSync(3, `${JSON.stringify(message)}\n`);
  } catch {
    // No progress pipe: nobody is watching.
  }
}

const importStarted = performance.now();
const mod = singleThread ? await import('../../src/kb/openSync.ts') : await import('../../src/kb/open.ts');
const importMs = performance.now() - importStarted;

const articleFiles = fs.readdirSync(corpusDir).filter((f) => /\.(txt|md|markdown)$/i.test(f) && !f.startsWith('.')).length;
emit({ phase: 'open', files: articleFiles });
const onProgress = (done: number, total: number): void => {
  if (done >= total || performance.now() - lastEmit > 100) {
    lastEmit = performance.now();
    emit({ done, total });
  }
};
const t0 = performance.now();
const opened = 'openKnowledgeBase' in mod ? mod.openKnowledgeBase({ corpusDir, cacheDir }) : await mod.loadKnowledgeBase({ corpusDir, cacheDir, onProgress });
const openMs = performance.now() - t0;

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
    phases: opened.phases,
    addedInPlace: opened.addedInPlace,
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

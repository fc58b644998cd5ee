/**
 * Watches the corpus folder while a bot runs: an article file that appears is read, analysed and added to
 * the loaded knowledge base in place (KnowledgeBase.addArticle), so it answers about it within a second
 * or two. A changed or removed file cannot be patched in place: it is logged, and the next start
 * rebuilds (the cache key covers every file's bytes).
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { ARTICLE_FILE, listArticleFiles, readArticleFile } from '../corpus/load.ts';
import { analyzeArticle } from '../extract/pipeline.ts';
import type { KnowledgeBase } from './knowledgeBase.ts';

export interface CorpusWatcher {
  close(): void;
  /** Checks the folder now (the watcher calls it after a burst of file events). */
  scan(): string[];
}

export function watchCorpus(dir: string, kb: KnowledgeBase, log: Logger, debounceMs = 300): CorpusWatcher {
  const known = new Set(kb.articles.map((a) => a.file));
  const scan = (): string[] => {
    const added: string[] = [];
    const { files } = listArticleFiles(dir);
    for (const file of files) {
      if (known.has(file)) continue;
      known.add(file);
      const read = readArticleFile(dir, file);
      for (const w of read.warnings) log.warn({ file: w.file }, w.message);
      if (!read.article) continue;
      const started = performance.now();
      if (kb.addArticle(read.article, analyzeArticle(read.article))) {
        added.push(file);
        log.info({ file, ms: Math.round(performance.now() - started) }, 'article added');
      }
    }
    return added;
  };
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, (_event, name) => {
      if (name && !ARTICLE_FILE.test(String(name))) return;
      if (name && known.has(String(name))) log.info({ file: String(name) }, 'an article changed or was removed; it is re-read at the next start');
      if (timer) clearTimeout(timer);
      timer = setTimeout(scan, debounceMs);
    });
    watcher.on('error', (err) => log.warn({ err }, 'stopped watching the corpus folder'));
  } catch (err) {
    log.warn({ err }, 'cannot watch the corpus folder; new articles are read at the next start');
  }
  return {
    scan,
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}


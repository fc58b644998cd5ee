/**
 * Watches the corpus folder while a bot runs: an article file that appears is read, analysed and added to
 * the loaded knowledge base in place (KnowledgeBase.addArticle), so it answers about it within a second
 * or two. A changed or removed file cannot be patched in place: it is logged, and the next start
 * rebuilds (the cache's manifest covers every file).
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { ARTICLE_FILE, listArticleFiles } from '../corpus/files.ts';
import { addFiles, fingerprintsOf } from './addFiles.ts';
import type { KnowledgeBase } from './knowledgeBase.ts';

export interface CorpusWatcher {
  close(): void;
  /** Checks the folder now (the watcher calls it after a burst of file events). */
  scan(): string[];
}

export function watchCorpus(dir: string, kb: KnowledgeBase, log: Logger, debounceMs = 300): CorpusWatcher {
  const known = new Set(kb.articles.map((a) => a.file));
  let seen: Map<string, string> | null = null;
  const scan = (): string[] => {
    const fresh = listArticleFiles(dir).files.filter((file) => !known.has(file));
    if (fresh.length === 0) return [];
    for (const file of fresh) known.add(file);
    seen ??= fingerprintsOf(kb);
    const { added, warnings } = addFiles(kb, dir, fresh, seen, (file, ms) => log.info({ file, ms: Math.round(ms) }, 'article added'));
    for (const w of warnings) log.warn({ file: w.file }, w.message);
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


/**
 * The built knowledge base cached on disk: one file per corpus folder (`.cache/kb-<folder hash>.bin`)
 * holding the data, the search index, and a manifest of the article files it was built from (name, size,
 * modification time and a hash of the bytes).
 *
 * Freshness is checked the way git checks its index: a file whose size and modification time match the
 * manifest is unchanged without being read; one whose time differs (or that changed too close to the
 * moment it was recorded to tell) is hashed and compared. A warm start therefore stats the folder
 * instead of reading it. Files added since are reported so the caller can add them in place; any other
 * change means a rebuild.
 *
 * The format is written by hand because one JSON document cannot hold a large corpus (V8 strings stop at
 * 512 MB, which 100,000 articles pass) and parsing one is the slowest part of a warm start. The file is a
 * series of sections and, at its end, a JSON header naming them: records as JSON lines of a few thousand
 * records each; the passages' text as UTF-8 bytes with their end offsets; the search index's postings as
 * raw 32-bit numbers read straight into a Uint32Array. It is written to a temporary file and renamed, so
 * a reader never sees half a file. A missing, corrupt or unwritable cache only costs a rebuild, never an
 * error.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CorpusWarning } from '../corpus/article.ts';
import { MAX_ARTICLE_BYTES } from '../corpus/files.ts';
import type { SerializedPassageIndex } from './passageIndex.ts';
import type { ArticleRecord, EntityRecord, EventRecord, KnowledgeBaseData, PassageRecord, QuoteRecord } from './records.ts';
import { KB_VERSION } from './version.ts';

export interface CachedBuild {
  data: KnowledgeBaseData;
  warnings: CorpusWarning[];
  /** The passage index (see PassageIndex.toSerialized). */
  passageIndex?: SerializedPassageIndex;
}

/** What the manifest records of one article file. */
export interface FileStamp {
  name: string;
  size: number;
  mtimeMs: number;
  /** sha256 of the bytes (shortened), or null for a file too large to be an article or that cannot be read. */
  hash: string | null;
}

/** How the corpus folder compares with the cache's manifest. */
export interface CacheCheck {
  file: string;
  header: Header;
  /** The folder's files now. */
  stamps: FileStamp[];
  /** Files the cache has not seen. */
  added: string[];
  /** Whether a file the cache was built from changed or went away (only a rebuild can follow). */
  changed: boolean;
}

type SectionName = 'articles' | 'entities' | 'quotes' | 'events' | 'passageEnds' | 'passageText' | 'indexMeta' | 'postings';

interface Header {
  version: number;
  corpusDir: string;
  corpusKey: string;
  /** When the files were stamped (ms since the epoch): a file modified around then is always hashed. */
  stampedAt: number;
  files: Array<[name: string, size: number, mtimeMs: number, hash: string | null]>;
  warnings: CorpusWarning[];
  sections: Partial<Record<SectionName, [offset: number, length: number]>>;
}

const MAGIC = 'DOSSIER1';
/** Records per JSON line: each line stays far below V8's string limit however large the corpus. */
const RECORDS_PER_LINE = 4000;
/** A file modified this close to its stamp may change again within the clock's resolution: hash it. */
const RACY_MS = 2000;
/** How many cache files to keep (other corpus folders). */
const KEEP = 4;

export function defaultCacheDir(cwd = process.cwd()): string {
  return resolve(cwd, '.cache');
}

/** The cache file of a corpus folder. */
export function cacheFileFor(cacheDir: string, corpusDir: string): string {
  return join(cacheDir, `kb-${createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16)}.bin`);
}

function hashFile(path: string, size: number): string | null {
  if (size > MAX_ARTICLE_BYTES) return null;
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 32);
  } catch {
    return null;
  }
}

/**
 * Stamps the files of a folder. A file whose size and time match `previous` (and were not racy then)
 * keeps its recorded hash without being read; the others are read and hashed.
 */
export function stampFiles(dir: string, files: readonly string[], previous?: { stamps: Map<string, FileStamp>; stampedAt: number }): FileStamp[] {
  const out: FileStamp[] = [];
  for (const name of files) {
    const path = join(dir, name);
    let size = -1;
    let mtimeMs = -1;
    try {
      const st = statSync(path);
      if (!st.isFile()) continue;
      size = st.size;
      mtimeMs = st.mtimeMs;
    } catch {
      out.push({ name, size, mtimeMs, hash: null });
      continue;
    }
    const before = previous?.stamps.get(name);
    const trusted = before !== undefined && before.size === size && before.mtimeMs === mtimeMs && Math.abs(previous!.stampedAt - mtimeMs) > RACY_MS;
    out.push({ name, size, mtimeMs, hash: trusted ? before.hash : hashFile(path, size) });
  }
  return out;
}

function readHeader(fd: number): Header | null {
  const size = fstatSync(fd).size;
  if (size < 12) return null;
  const tail = Buffer.alloc(12);
  readSync(fd, tail, 0, 12, size - 12);
  if (tail.toString('latin1', 4, 12) !== MAGIC) return null;
  const length = tail.readUInt32LE(0);
  if (length > size - 12) return null;
  const bytes = Buffer.alloc(length);
  readSync(fd, bytes, 0, length, size - 12 - length);
  const header = JSON.parse(bytes.toString('utf8')) as Header;
  return header && typeof header === 'object' && Array.isArray(header.files) ? header : null;
}

/** Compares the folder (its sorted article files) with the cache, or null when there is no usable cache for it. */
export function checkCache(cacheDir: string, corpusDir: string, files: readonly string[]): CacheCheck | null {
  const file = cacheFileFor(cacheDir, corpusDir);
  let header: Header | null;
  try {
    const fd = openSync(file, 'r');
    try {
      header = readHeader(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  if (!header || header.version !== KB_VERSION || header.corpusDir !== resolve(corpusDir)) return null;
  const before = new Map(header.files.map(([name, size, mtimeMs, hash]) => [name, { name, size, mtimeMs, hash }]));
  const stamps = stampFiles(corpusDir, files, { stamps: before, stampedAt: header.stampedAt });
  const now = new Set(stamps.map((s) => s.name));
  let changed = [...before.keys()].some((name) => !now.has(name));
  const added: string[] = [];
  for (const s of stamps) {
    const b = before.get(s.name);
    if (!b) added.push(s.name);
    else if (s.hash !== b.hash || (s.hash === null && (s.size !== b.size || s.mtimeMs !== b.mtimeMs))) changed = true;
  }
  return { file, header, stamps, added, changed };
}

function readSection(fd: number, header: Header, name: SectionName): Buffer {
  const at = header.sections[name];
  if (!at) throw new Error(`no ${name} section`);
  const buf = Buffer.allocUnsafe(at[1]);
  if (readSync(fd, buf, 0, at[1], at[0]) !== at[1]) throw new Error(`short ${name} section`);
  return buf;
}

function readNumbers(fd: number, header: Header, name: SectionName): Uint32Array {
  const at = header.sections[name];
  if (!at || at[1] % 4 !== 0) throw new Error(`bad ${name} section`);
  const numbers = new Uint32Array(at[1] / 4);
  if (readSync(fd, new Uint8Array(numbers.buffer), 0, at[1], at[0]) !== at[1]) throw new Error(`short ${name} section`);
  return numbers;
}

function readJsonLines<T>(fd: number, header: Header, name: SectionName): T[] {
  const buf = readSection(fd, header, name);
  const out: T[] = [];
  for (let start = 0; start < buf.length;) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    for (const item of JSON.parse(buf.toString('utf8', start, end)) as T[]) out.push(item);
    start = end + 1;
  }
  return out;
}

/** In the file, an entity's mentions and articles are article ordinals: half the bytes to parse. */
type StoredEntity = Omit<EntityRecord, 'mentions' | 'articles'> & { mentions: number[]; articles: number[] };

/** Reads the data a check found; null when the file is damaged. */
export function readCachedBuild(check: CacheCheck): CachedBuild | null {
  const { header } = check;
  try {
    const fd = openSync(check.file, 'r');
    try {
      const articles = readJsonLines<ArticleRecord>(fd, header, 'articles');
      const ids = articles.map((a) => a.id);
      const entities = readJsonLines<StoredEntity>(fd, header, 'entities').map((e): EntityRecord => {
        const mentions: EntityRecord['mentions'] = new Array(e.mentions.length / 2);
        for (let i = 0; i < e.mentions.length; i += 2) mentions[i / 2] = { article: ids[e.mentions[i]!]!, paragraph: e.mentions[i + 1]! };
        return { ...e, articles: e.articles.map((n) => ids[n]!), mentions };
      });
      const quotes = readJsonLines<QuoteRecord>(fd, header, 'quotes');
      const events = readJsonLines<EventRecord>(fd, header, 'events');
      const ends = readNumbers(fd, header, 'passageEnds');
      const text = readSection(fd, header, 'passageText');
      const passages: PassageRecord[] = new Array(ends.length);
      let n = 0;
      let from = 0;
      for (const a of articles) {
        for (let p = 1; p <= a.paragraphCount; p++, n++) {
          if (n >= ends.length) return null;
          const to = ends[n]!;
          passages[n] = { id: `${a.id}#p${p}`, article: a.id, paragraph: p, text: text.toString('utf8', from, to) };
          from = to;
        }
      }
      if (n !== ends.length) return null;
      let passageIndex: SerializedPassageIndex | undefined;
      if (header.sections.indexMeta && header.sections.postings) {
        passageIndex = { meta: readSection(fd, header, 'indexMeta').toString('utf8'), numbers: readNumbers(fd, header, 'postings') };
      }
      const data: KnowledgeBaseData = { version: header.version, corpusKey: header.corpusKey, articles, entities, quotes, events, passages };
      return { data, warnings: header.warnings, passageIndex };
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Buffered sequential writes with section bookkeeping. */
class SectionWriter {
  readonly sections: Header['sections'] = {};
  private position = 0;
  private used = 0;
  private readonly buffer = Buffer.allocUnsafe(1 << 22);
  private open: { name: SectionName; start: number } | null = null;

  constructor(private readonly fd: number) {}

  begin(name: SectionName): void {
    // Sections start on 8-byte boundaries (tidy for the numeric ones).
    const pad = (8 - ((this.position + this.used) % 8)) % 8;
    if (pad) this.bytes(new Uint8Array(pad));
    this.open = { name, start: this.position + this.used };
  }

  end(): void {
    if (!this.open) return;
    this.sections[this.open.name] = [this.open.start, this.position + this.used - this.open.start];
    this.open = null;
  }

  string(s: string): void {
    const length = Buffer.byteLength(s);
    if (this.used + length > this.buffer.length) this.flush();
    if (length > this.buffer.length) {
      this.position += writeSync(this.fd, s);
      return;
    }
    this.used += this.buffer.write(s, this.used);
  }

  bytes(bytes: Uint8Array): void {
    this.flush();
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done);
    this.position += bytes.length;
  }

  flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.position += this.used;
    this.used = 0;
  }
}

function writeJsonLines(w: SectionWriter, name: SectionName, records: readonly unknown[]): void {
  w.begin(name);
  for (let i = 0; i < records.length; i += RECORDS_PER_LINE) w.string(`${JSON.stringify(records.slice(i, i + RECORDS_PER_LINE))}\n`);
  w.end();
}

/** Writes the cache of a corpus folder atomically and prunes other folders' old caches. Returns false when it could not. */
export function writeCache(cacheDir: string, corpusDir: string, build: CachedBuild, stamps: readonly FileStamp[], stampedAt: number): boolean {
  const target = cacheFileFor(cacheDir, corpusDir);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      const w = new SectionWriter(fd);
      const { data } = build;
      writeJsonLines(w, 'articles', data.articles);
      const ordinal = new Map(data.articles.map((a, i) => [a.id, i]));
      const stored = data.entities.map((e): StoredEntity => {
        const mentions: number[] = new Array(e.mentions.length * 2);
        e.mentions.forEach((m, i) => {
          mentions[2 * i] = ordinal.get(m.article) ?? -1;
          mentions[2 * i + 1] = m.paragraph;
        });
        return { ...e, articles: e.articles.map((a) => ordinal.get(a) ?? -1), mentions };
      });
      writeJsonLines(w, 'entities', stored);
      writeJsonLines(w, 'quotes', data.quotes);
      writeJsonLines(w, 'events', data.events);
      // Passages are in article order, paragraphs 1..paragraphCount: only their text is stored.
      const ends = new Uint32Array(data.passages.length);
      w.begin('passageText');
      let at = 0;
      data.passages.forEach((p, i) => {
        at += Buffer.byteLength(p.text);
        ends[i] = at;
        w.string(p.text);
      });
      w.end();
      w.begin('passageEnds');
      w.bytes(new Uint8Array(ends.buffer));
      w.end();
      if (build.passageIndex) {
        w.begin('indexMeta');
        w.string(build.passageIndex.meta);
        w.end();
        const { numbers } = build.passageIndex;
        w.begin('postings');
        w.bytes(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength));
        w.end();
      }
      const header: Header = {
        version: KB_VERSION, corpusDir: resolve(corpusDir), corpusKey: data.corpusKey, stampedAt,
        files: stamps.map((s) => [s.name, s.size, s.mtimeMs, s.hash]), warnings: build.warnings, sections: w.sections,
      };
      w.flush();
      const json = Buffer.from(JSON.stringify(header));
      const tail = Buffer.alloc(12);
      tail.writeUInt32LE(json.length, 0);
      tail.write(MAGIC, 4, 'latin1');
      w.bytes(json);
      w.bytes(tail);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    prune(cacheDir);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing written
    }
    return false;
  }
}

/** Keeps the most recent cache files, and removes the files of the earlier one-JSON-per-corpus format. */
function prune(cacheDir: string): void {
  const names = readdirSync(cacheDir);
  for (const f of names) if (/^kb-[0-9a-f]+\.(json|index\.json|postings\.bin)$/.test(f)) unlinkSync(join(cacheDir, f));
  const old = names
    .filter((f) => /^kb-[0-9a-f]+\.bin$/.test(f))
    .map((f) => ({ f, t: statSync(join(cacheDir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(KEEP);
  for (const { f } of old) unlinkSync(join(cacheDir, f));
}

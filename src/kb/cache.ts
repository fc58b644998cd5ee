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
 * series of sections and, at its end, a JSON header naming them: records as JSON lines of a few hundred
 * records each (quotations and events as rows with their repeated strings in a table: see QUOTE_FIELDS);
 * the passages' text as UTF-8 bytes with their end offsets, decoded only when a passage is read; the
 * search index's postings as raw 32-bit numbers read straight into a Uint32Array. It is written to a
 * temporary file and renamed, so a reader never sees half a file. A missing, corrupt or unwritable cache
 * only costs a rebuild, never an error.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { copyFile, open, rename, rm } from 'node:fs/promises';
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
  /** When the folder was stamped for this check. */
  stampedAt: number;
  /**
   * Files that had to be hashed, because their time differs from the manifest's or was too close to its
   * stamp to trust (RACY_MS), were found unchanged, and a stamp made now would trust: see restampCache.
   */
  renewable: number;
  /** Where the manifest starts in the file, and its bytes (restampCache checks the file is still this one). */
  headerAt: number;
  headerBytes: Buffer;
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

/** Names the file format (the sections and how each is stored); a file of another format is not read. */
const MAGIC = 'DOSSIER2';
/** Records per JSON line: each line stays far below V8's string limit however large the corpus. */
const RECORDS_PER_LINE = 250;
/** A file modified this close to its stamp may change again within the clock's resolution: hash it. */
const RACY_MS = 2000;
/** Whether a file modified at `mtimeMs` was too close to a stamp made at `stampedAt` for its time to be trusted. */
function racy(mtimeMs: number, stampedAt: number): boolean {
  return Math.abs(stampedAt - mtimeMs) <= RACY_MS;
}

/** Whether a file is unchanged since a stamp made at `stampedAt` by its size and time alone, without reading it. */
function trustedSince(before: { size: number; mtimeMs: number }, size: number, mtimeMs: number, stampedAt: number): boolean {
  return before.size === size && before.mtimeMs === mtimeMs && !racy(mtimeMs, stampedAt);
}

/** The manifest's record of each file. */
function manifestFiles(stamps: readonly FileStamp[]): Header['files'] {
  return stamps.map((s) => [s.name, s.size, s.mtimeMs, s.hash]);
}

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
    const trusted = before !== undefined && trustedSince(before, size, mtimeMs, previous!.stampedAt);
    out.push({ name, size, mtimeMs, hash: trusted ? before.hash : hashFile(path, size) });
  }
  return out;
}

function readHeader(fd: number): { header: Header; at: number; bytes: Buffer } | null {
  const size = fstatSync(fd).size;
  if (size < 12) return null;
  const tail = Buffer.alloc(12);
  readSync(fd, tail, 0, 12, size - 12);
  if (tail.toString('latin1', 4, 12) !== MAGIC) return null;
  const length = tail.readUInt32LE(0);
  if (length > size - 12) return null;
  const bytes = Buffer.alloc(length);
  const at = size - 12 - length;
  readSync(fd, bytes, 0, length, at);
  const header = JSON.parse(bytes.toString('utf8')) as Header;
  return header && typeof header === 'object' && Array.isArray(header.files) ? { header, at, bytes } : null;
}

/** The manifest as it ends the file: its JSON, then its length and the format's name. */
function headerTail(header: Header): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const tail = Buffer.alloc(12);
  tail.writeUInt32LE(json.length, 0);
  tail.write(MAGIC, 4, 'latin1');
  return Buffer.concat([json, tail]);
}

/** Compares the folder (its sorted article files) with the cache, or null when there is no usable cache for it. */
export function checkCache(cacheDir: string, corpusDir: string, files: readonly string[]): CacheCheck | null {
  const file = cacheFileFor(cacheDir, corpusDir);
  let found: ReturnType<typeof readHeader>;
  try {
    const fd = openSync(file, 'r');
    try {
      found = readHeader(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  if (!found) return null;
  const { header } = found;
  if (header.version !== KB_VERSION || header.corpusDir !== resolve(corpusDir)) return null;
  const before = new Map(header.files.map(([name, size, mtimeMs, hash]) => [name, { name, size, mtimeMs, hash }]));
  const stampedAt = Date.now();
  const stamps = stampFiles(corpusDir, files, { stamps: before, stampedAt: header.stampedAt });
  const now = new Set(stamps.map((s) => s.name));
  let changed = [...before.keys()].some((name) => !now.has(name));
  const added: string[] = [];
  let renewable = 0;
  for (const s of stamps) {
    const b = before.get(s.name);
    if (!b) added.push(s.name);
    else if (s.hash !== b.hash || (s.hash === null && (s.size !== b.size || s.mtimeMs !== b.mtimeMs))) changed = true;
    else {
      // Hashed (its time was not to be trusted) and unchanged: a stamp made now may trust it next time.
      if (!trustedSince(b, s.size, s.mtimeMs, header.stampedAt) && s.hash !== null && !racy(s.mtimeMs, stampedAt)) renewable++;
    }
  }
  return { file, header, stamps, added, changed, stampedAt, renewable, headerAt: found.at, headerBytes: found.bytes };
}

/**
 * Gives the cache a new manifest after a start that had to hash files, touched since the stamp or
 * modified too close to it to trust their time, and found them unchanged (`renewable`): without it, such
 * files (a corpus copied in just before its first build, say) would be read and hashed at every start.
 * A copy of the file gets the new manifest in place of the old one and replaces the file; the copy and
 * the writes are off the main thread. Resolves to whether it did; any failure, or a file another start
 * replaced meanwhile, leaves the file as it was (still right, only slower to check).
 */
export async function restampCache(check: CacheCheck): Promise<boolean> {
  if (check.changed || check.added.length > 0 || check.renewable === 0) return false;
  const tmp = `${check.file}.${process.pid}.restamp.tmp`;
  try {
    await copyFile(check.file, tmp);
    const handle = await open(tmp, 'r+');
    try {
      const bytes = Buffer.alloc(check.headerBytes.length);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, check.headerAt);
      if (bytesRead !== bytes.length || !bytes.equals(check.headerBytes)) return false;
      const header: Header = { ...check.header, stampedAt: check.stampedAt, files: manifestFiles(check.stamps) };
      await handle.truncate(check.headerAt);
      const tail = headerTail(header);
      await handle.write(tail, 0, tail.length, check.headerAt);
    } finally {
      await handle.close();
    }
    await rename(tmp, check.file);
    return true;
  } catch {
    return false;
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/**
 * Reads sections front to back through one reused buffer. On this machine, touching fresh memory for
 * the first time costs more than reading the file into memory already touched (about 3 ms a megabyte
 * against a fraction of one: it is a page fault each 4 kB), so a warm start that read each section into
 * a buffer of its own spent a quarter of its time on buffers it then threw away.
 */
class SectionReader {
  private buffer: Buffer;
  /** The unread bytes are buffer[start, end); the file's next byte to read is at `position`. */
  private start = 0;
  private end = 0;
  private position = 0;
  private remaining = 0;

  constructor(private readonly fd: number, private readonly header: Header, bufferBytes: number) {
    this.buffer = Buffer.allocUnsafe(bufferBytes);
  }

  open(name: SectionName): void {
    const at = this.header.sections[name];
    if (!at) throw new Error(`no ${name} section`);
    [this.position, this.remaining] = at;
    this.start = this.end = 0;
  }

  /** Whether the section has bytes left. */
  more(): boolean {
    return this.start < this.end || this.remaining > 0;
  }

  /** Makes the next `n` bytes contiguous in the buffer (fewer only at the section's end); returns how many are. */
  private want(n: number): number {
    if (this.end - this.start >= n || this.remaining === 0) return this.end - this.start;
    if (n > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(n, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
    }
    this.end -= this.start;
    this.start = 0;
    while (this.remaining > 0 && this.end < this.buffer.length) {
      const read = readSync(this.fd, this.buffer, this.end, Math.min(this.buffer.length - this.end, this.remaining), this.position);
      if (read <= 0) throw new Error('short section');
      this.end += read;
      this.position += read;
      this.remaining -= read;
    }
    return this.end - this.start;
  }

  /** The next `bytes` bytes as UTF-8 text. */
  text(bytes: number): string {
    if (this.want(bytes) < bytes) throw new Error('short section');
    const s = this.buffer.toString('utf8', this.start, this.start + bytes);
    this.start += bytes;
    return s;
  }

  /** The rest of the section as UTF-8 text. */
  rest(): string {
    return this.text(this.end - this.start + this.remaining);
  }

  /** The next line, without its newline (the rest of the section when no newline is left). */
  line(): string {
    for (let from = this.start; ;) {
      const nl = this.buffer.indexOf(0x0a, from);
      if (nl >= 0 && nl < this.end) {
        const s = this.buffer.toString('utf8', this.start, nl);
        this.start = nl + 1;
        return s;
      }
      const had = this.end - this.start;
      if (this.remaining === 0) return this.text(had);
      // Look again only at the bytes that arrive (the buffer may move or grow meanwhile).
      this.want(had + 1);
      from = this.start + had;
    }
  }
}

/** A section read whole into memory of its own (for data kept as it is in the file). */
function readBytes(fd: number, header: Header, name: SectionName): Buffer {
  const at = header.sections[name];
  if (!at) throw new Error(`no ${name} section`);
  const bytes = Buffer.allocUnsafeSlow(at[1]);
  if (readSync(fd, bytes, 0, at[1], at[0]) !== at[1]) throw new Error(`short ${name} section`);
  return bytes;
}

function readNumbers(fd: number, header: Header, name: SectionName): Uint32Array {
  const bytes = readBytes(fd, header, name);
  if (bytes.length % 4 !== 0) throw new Error(`bad ${name} section`);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

function readJsonLines<T>(reader: SectionReader, name: SectionName): T[] {
  reader.open(name);
  const out: T[] = [];
  while (reader.more()) for (const item of JSON.parse(reader.line()) as T[]) out.push(item);
  return out;
}

/**
 * Quotations and events, the most numerous records, are stored as rows: each record an array of its
 * fields in a fixed order (no keys to parse), with the strings that repeat (article ids, speakers,
 * dates, kinds…) stored once in a table on the section's first line and referred to by position. A
 * warm start then makes a string a record for its id and text instead of one for every field.
 */
const QUOTE_FIELDS = ['id', 'article', 'paragraph', 'paragraphs', 'text', 'speaker', 'speakerName', 'speakerKind', 'kind'] as const satisfies ReadonlyArray<keyof QuoteRecord>;
const QUOTE_SHARED: ReadonlySet<string> = new Set<keyof QuoteRecord>(['article', 'speaker', 'speakerName', 'speakerKind', 'kind']);
const EVENT_FIELDS = ['id', 'article', 'paragraph', 'date', 'end', 'precision', 'approximate', 'text', 'expression', 'entities'] as const satisfies ReadonlyArray<keyof EventRecord>;
const EVENT_SHARED: ReadonlySet<string> = new Set<keyof EventRecord>(['article', 'date', 'end', 'precision', 'expression', 'entities']);

/** Reads rows written by writeRows; `make` turns a row into its record, `shared` resolving a stored string reference. */
function readRows<T>(reader: SectionReader, name: SectionName, make: (row: unknown[], shared: SharedStrings) => T): T[] {
  reader.open(name);
  const strings = JSON.parse(reader.line()) as string[];
  const shared: SharedStrings = {
    one(ref) {
      if (ref === -1) return null;
      const s = typeof ref === 'number' ? strings[ref] : undefined;
      if (s === undefined) throw new Error(`bad reference in ${name}`);
      return s;
    },
    all(refs) {
      if (!Array.isArray(refs)) throw new Error(`bad references in ${name}`);
      return refs.map((ref: unknown) => shared.one(ref) ?? '');
    },
  };
  const out: T[] = [];
  while (reader.more()) for (const row of JSON.parse(reader.line()) as unknown[][]) out.push(make(row, shared));
  return out;
}

interface SharedStrings {
  /** The string a reference names (-1 for null). */
  one(ref: unknown): string | null;
  all(refs: unknown): string[];
}

function quoteOf(row: unknown[], s: SharedStrings): QuoteRecord {
  return {
    id: row[0] as string, article: s.one(row[1])!, paragraph: row[2] as number, paragraphs: row[3] as number[], text: row[4] as string,
    speaker: s.one(row[5]), speakerName: s.one(row[6]), speakerKind: s.one(row[7]) as QuoteRecord['speakerKind'], kind: s.one(row[8]) as QuoteRecord['kind'],
  };
}

function eventOf(row: unknown[], s: SharedStrings): EventRecord {
  return {
    id: row[0] as string, article: s.one(row[1])!, paragraph: row[2] as number, date: s.one(row[3])!, end: s.one(row[4]),
    precision: s.one(row[5]) as EventRecord['precision'], approximate: row[6] as boolean, text: row[7] as string, expression: s.one(row[8])!,
    entities: s.all(row[9]),
  };
}

/**
 * A passage read from the cache. Its text stays in the cache's UTF-8 bytes (one buffer for all the
 * passages) until it is asked for, and its id is made when asked: a warm start makes one small object
 * a passage instead of three (object, id, text), which is most of the garbage collector's work there,
 * and an answer decodes only the few passages it reads.
 */
class StoredPassage implements PassageRecord {
  readonly #bytes: Buffer;
  readonly #from: number;
  readonly #to: number;

  constructor(bytes: Buffer, from: number, to: number, readonly article: string, readonly paragraph: number) {
    this.#bytes = bytes;
    this.#from = from;
    this.#to = to;
  }

  get id(): string {
    return `${this.article}#p${this.paragraph}`;
  }

  get text(): string {
    return this.#bytes.toString('utf8', this.#from, this.#to);
  }

  toJSON(): PassageRecord {
    return { id: this.id, article: this.article, paragraph: this.paragraph, text: this.text };
  }
}

/** In the file, an entity's mentions and articles are article ordinals: half the bytes to parse. */
type StoredEntity = Omit<EntityRecord, 'mentions' | 'articles'> & { mentions: number[]; articles: number[] };

/**
 * Reads the data a check found; null when the file is damaged. `bufferBytes` is where the sections are
 * read through (it grows for a longer line): tests make it tiny so that every line crosses its end.
 */
export function readCachedBuild(check: CacheCheck, bufferBytes = 1 << 21): CachedBuild | null {
  const { header } = check;
  try {
    const fd = openSync(check.file, 'r');
    try {
      const reader = new SectionReader(fd, header, bufferBytes);
      const articles = readJsonLines<ArticleRecord>(reader, 'articles');
      const ids = articles.map((a) => a.id);
      const entities = readJsonLines<StoredEntity>(reader, 'entities').map((e): EntityRecord => {
        const mentions: EntityRecord['mentions'] = new Array(e.mentions.length / 2);
        for (let i = 0; i < e.mentions.length; i += 2) mentions[i / 2] = { article: ids[e.mentions[i]!]!, paragraph: e.mentions[i + 1]! };
        return { ...e, articles: e.articles.map((n) => ids[n]!), mentions };
      });
      const quotes = readRows(reader, 'quotes', quoteOf);
      const events = readRows(reader, 'events', eventOf);
      const ends = readNumbers(fd, header, 'passageEnds');
      const text = readBytes(fd, header, 'passageText');
      const passages: PassageRecord[] = new Array(ends.length);
      let n = 0;
      let from = 0;
      for (const a of articles) {
        for (let p = 1; p <= a.paragraphCount; p++, n++) {
          if (n >= ends.length) return null;
          const to = ends[n]!;
          if (to < from || to > text.length) return null;
          passages[n] = new StoredPassage(text, from, to, a.id, p);
          from = to;
        }
      }
      if (n !== ends.length) return null;
      let passageIndex: SerializedPassageIndex | undefined;
      if (header.sections.indexMeta && header.sections.postings) {
        reader.open('indexMeta');
        passageIndex = { meta: reader.rest(), numbers: readNumbers(fd, header, 'postings') };
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

/** Writes records as rows (see QUOTE_FIELDS), the shared fields' strings as positions in the section's table of strings. */
function writeRows<T extends object>(w: SectionWriter, name: SectionName, records: readonly T[], fields: ReadonlyArray<keyof T & string>, shared: ReadonlySet<string>): void {
  const strings: string[] = [];
  const position = new Map<string, number>();
  const ref = (value: unknown): number => {
    if (value === null) return -1;
    if (typeof value !== 'string') throw new Error(`${name}: a shared field holds ${typeof value}`);
    let at = position.get(value);
    if (at === undefined) {
      at = strings.length;
      strings.push(value);
      position.set(value, at);
    }
    return at;
  };
  const row = (r: T): unknown[] => fields.map((f) => {
    const value: unknown = r[f];
    if (!shared.has(f)) return value;
    return Array.isArray(value) ? value.map(ref) : ref(value);
  });
  // The table comes first in the file, so the references are made once to fill it and once to write.
  for (const r of records) row(r);
  w.begin(name);
  w.string(`${JSON.stringify(strings)}\n`);
  for (let i = 0; i < records.length; i += RECORDS_PER_LINE) w.string(`${JSON.stringify(records.slice(i, i + RECORDS_PER_LINE).map(row))}\n`);
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
      writeRows(w, 'quotes', data.quotes, QUOTE_FIELDS, QUOTE_SHARED);
      writeRows(w, 'events', data.events, EVENT_FIELDS, EVENT_SHARED);
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
        files: manifestFiles(stamps), warnings: build.warnings, sections: w.sections,
      };
      w.flush();
      w.bytes(headerTail(header));
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

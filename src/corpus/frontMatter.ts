/**
 * YAML front matter at the top of an article file (`---` … `---`), parsed with the yaml package and checked
 * with zod. A broken block is reported, not fatal: the body still loads without the metadata.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { IsoDate } from './article.ts';

export interface FrontMatter {
  title?: string;
  published?: IsoDate;
  source?: string;
  url?: string;
  author?: string;
}

export interface SplitFrontMatter {
  meta: FrontMatter;
  body: string;
  /** Set when a front matter block was there but could not be used. */
  problem: string | null;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Normalises what YAML gives for a date (a string in several forms, a number year, or a Date) to `YYYY[-MM[-DD]]`. */
export function toIsoDate(value: unknown): IsoDate | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isInteger(value) && value > 999 && value < 10000) return String(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (ISO_DATE.test(s)) {
    const [y, m, d] = s.split('-').map(Number);
    if (m !== undefined && (m < 1 || m > 12)) return null;
    if (d !== undefined && (d < 1 || d > 31)) return null;
    return y !== undefined ? s : null;
  }
  const full = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(s);
  return full?.[1] ?? null;
}

const optionalText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .optional()
  .nullable();

const schema = z
  .object({
    title: optionalText,
    published: z.unknown().optional(),
    date: z.unknown().optional(),
    source: optionalText,
    outlet: optionalText,
    url: optionalText,
    author: optionalText,
  })
  .passthrough();

const FIELD_LINE = /^(title|published|date|source|outlet|url|author)[ \t]*:[ \t]*(.*)$/i;

/** `key: value` lines of the known fields, the value taken whole after the first colon, outer quotes removed. */
function fieldsByLine(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const f = FIELD_LINE.exec(line.trim());
    if (!f?.[1] || f[2] === undefined) continue;
    const value = f[2].trim();
    const quoted = /^(["'])([\s\S]*)\1$/.exec(value);
    out[f[1].toLowerCase()] = quoted?.[2] ?? value;
  }
  return out;
}

export function splitFrontMatter(text: string): SplitFrontMatter {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { meta: {}, body: text, problem: null };
  const body = text.slice(m[0].length);
  let raw: unknown;
  let yamlProblem: string | null = null;
  try {
    raw = parseYaml(m[1] ?? '');
  } catch (err) {
    // Scraped headlines carry colons ("title: Transcript: Mayor Jenkins on …"), which YAML reads as a
    // nested mapping. The fields are still there, one per line: read them that way, and say so.
    yamlProblem = `front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); read line by line`;
    raw = fieldsByLine(m[1] ?? '');
  }
  if (raw === null || raw === undefined) return { meta: {}, body, problem: null };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { meta: {}, body, problem: 'front matter is not a set of key: value fields' };
  const v = parsed.data;
  const meta: FrontMatter = {};
  if (v.title) meta.title = v.title;
  const source = v.source ?? v.outlet;
  if (source) meta.source = source;
  if (v.url) meta.url = v.url;
  if (v.author) meta.author = v.author;
  const dateValue = v.published ?? v.date;
  let problem: string | null = yamlProblem;
  if (dateValue !== undefined && dateValue !== null && dateValue !== '') {
    const iso = toIsoDate(dateValue);
    if (iso) meta.published = iso;
    else problem = `front matter "published" is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD: ${JSON.stringify(dateValue).slice(0, 40)}`;
  }
  return { meta, body, problem };
}

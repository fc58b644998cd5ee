/**
 * Small calendar helpers for the product's partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`). Written by hand
 * because they are a few lines each over `Date.UTC`; a date library would add nothing here.
 */
import type { IsoDate } from '../corpus/article.ts';
import type { Precision } from '../extract/analysis.ts';

export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatIso(parts: DateParts, precision: Precision): IsoDate {
  if (precision === 'year' || parts.month === undefined) return String(parts.year).padStart(4, '0');
  if (precision === 'month' || parts.day === undefined) return `${parts.year}-${pad(parts.month)}`;
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

export function precisionOf(date: IsoDate): Precision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

export function partsOf(date: IsoDate): DateParts {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y!, month: m, day: d };
}

/** Valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar day). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return false;
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (month < 1 || month > 12) return false;
  const d = new Date(Date.UTC(Number(m[1]), month - 1, day));
  return d.getUTCDate() === day;
}

/** A UTC Date for the first day the partial date covers. */
export function toUtc(parts: DateParts): Date {
  return new Date(Date.UTC(parts.year, (parts.month ?? 1) - 1, parts.day ?? 1));
}

export function fromUtc(date: Date): Required<DateParts> {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(parts: DateParts, days: number): Required<DateParts> {
  const d = toUtc(parts);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function addMonths(parts: DateParts, months: number): Required<DateParts> {
  const total = parts.year * 12 + ((parts.month ?? 1) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(parts.day ?? 1, last) };
}

const RANK: Record<Precision, number> = { year: 0, month: 1, day: 2 };

/** The coarser of two precisions. */
export function coarser(a: Precision, b: Precision): Precision {
  return RANK[a] <= RANK[b] ? a : b;
}

/** `date` cut to `precision` (never made finer). */
export function truncate(date: IsoDate, precision: Precision): IsoDate {
  return formatIso(partsOf(date), coarser(precisionOf(date), precision));
}

/** Compare partial dates by their first day; a coarser date sorts before a finer one on the same start. */
export function compareIso(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Datelines at the start of a news story: "(June 25, 2025 / JNS)", "JERUSALEM, June 25, 2025 (Reuters) —",
 * "LONDON (AP) —". They give the publication date (and outlet) when front matter does not, and they are not
 * part of the story's first sentence.
 */
import type { IsoDate } from './article.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_NAME = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const MDY = `${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4})`;
const DMY = `(\\d{1,2})\\s+${MONTH_NAME}\\s+(\\d{4})`;

export interface Dateline {
  /** The dateline text as written, to be taken out of the paragraph. */
  text: string;
  published: IsoDate | null;
  source: string | null;
}

function isoFrom(monthName: string, day: string, year: string): IsoDate | null {
  const month = MONTHS[monthName.toLowerCase().slice(0, 3)];
  const d = Number(day);
  if (!month || d < 1 || d > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dateFrom(text: string): IsoDate | null {
  const mdy = new RegExp(MDY, 'i').exec(text);
  if (mdy) return isoFrom(mdy[1] ?? '', mdy[2] ?? '', mdy[3] ?? '');
  const dmy = new RegExp(DMY, 'i').exec(text);
  if (dmy) return isoFrom(dmy[2] ?? '', dmy[1] ?? '', dmy[3] ?? '');
  return null;
}

/** Finds a dateline at the start of a paragraph, or null. */
export function findDateline(paragraph: string): Dateline | null {
  // "(June 25, 2025 / JNS)" or "(JNS, June 25, 2025)"
  const bracketed = new RegExp(`^\\((?:(${MDY}|${DMY})\\s*/\\s*([^)]{2,40})|([^),]{2,40}),\\s*(${MDY}|${DMY}))\\)\\s*`, 'i').exec(paragraph);
  if (bracketed) {
    const full = bracketed[0];
    const inner = full.slice(1, full.lastIndexOf(')'));
    const parts = inner.includes('/') ? inner.split('/') : inner.split(',');
    const source = (inner.includes('/') ? parts[parts.length - 1] : parts[0])?.trim() ?? null;
    return { text: full, published: dateFrom(inner), source };
  }
  // "JERUSALEM, June 25, 2025 (Reuters) —" / "LONDON (AP) -" / "TEHRAN, Iran —"
  const cityLine = new RegExp(
    `^([A-Z][A-Z .'-]{2,30}(?:,\\s*[A-Z][\\p{L} .]{1,20})?)(?:,\\s*(${MDY}|${DMY}))?\\s*(?:\\(([^)]{2,30})\\))?\\s*[—–-]{1,2}\\s+`,
    'u',
  ).exec(paragraph);
  if (cityLine && (cityLine[2] || cityLine[cityLine.length - 1])) {
    const source = cityLine[cityLine.length - 1]?.trim() ?? null;
    return { text: cityLine[0], published: cityLine[2] ? dateFrom(cityLine[2]) : null, source };
  }
  return null;
}

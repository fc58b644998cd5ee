/**
 * Dated statements: every sentence that says when something happened, with the date normalised to year,
 * month or day precision and resolved against the article's publication date.
 *
 * chrono-node finds and parses the calendar expressions ("June 22", "Aug. 10, 2023", "November 2019",
 * "on Wednesday", "a month ago", "July 10-12"). What it does not do, and this file adds:
 * - news-style resolution: a weekday or a month without a year is the most recent one on or before the
 *   publication date (a story in past tense), the next one in future tense; chrono picks the nearest;
 * - bare years ("in 1979", "unlike in 2019") and year ranges ("from 2019 to 2021"), which chrono skips;
 * - "a week later" counted from the previous dated event of the story, not from the publication date;
 * - durations ("for 33 years", "for 3 days"), times of day, "now" and "today", and numeric dates
 *   without a year ("9/11") are left out;
 * - precision never finer than what the text and the publication date support, and "approximate" for
 *   hedged or vague expressions ("nearly a year ago", "last week").
 * With no publication date, relative expressions stay unresolved: they are left out, never guessed.
 */
import * as chrono from 'chrono-node';
import type { Article, Paragraph, Sentence } from '../corpus/article.ts';
import type { LocalEvent, Precision } from './analysis.ts';
import {
  addDays, addMonths, coarser, formatIso, partsOf, precisionOf, toUtc, type DateParts,
} from '../text/isoDate.ts';

interface Reference {
  parts: DateParts;
  precision: Precision;
}

interface Found {
  start: number;
  end: number;
  date: DateParts;
  endDate: DateParts | null;
  precision: Precision;
  approximate: boolean;
}

const HEDGE = /\b(nearly|about|around|roughly|almost|approximately|some|circa|early|late|mid|more than|over|less than|at least|just over|just under)[\s-]*$/i;
const FUTURE = /\b(will|shall|would(?! have)|'ll|is to|are to|is due|are due|due to|scheduled|upcoming|next|plans? to|expected to|set to|going to)\b/i;
/** "remains in place until Wednesday": a present state that lasts until a day to come. */
const LASTS_UNTIL = /\b(remains?|stays?|continues?|runs?|lasts?|is|are)\b[^,;]*\buntil\s*$/i;
/** Verbs of a schedule in the present tense ("the conference ends Friday"). */
const SCHEDULE = /\b(ends|begins|starts|opens|closes|takes place|meets|convenes|expires|resumes|kicks off|is held|are held)\b/i;
/** "The election is in November", "The vote is on Saturday": the date right after "is". */
const IS_WHEN = /\b(is|are)\s+(?:in|on|at)?\s*$/i;
const PAST_VERB = /\b(was|were|had|did|[a-z]{3,}ed)\b/i;
/** Where a clause starts or ends: punctuation, or a word that joins clauses ("said on Monday that … will"). */
const CLAUSE_BREAK = /[,;:—–()]|\b(?:that|and|but|while|which|who|whereas|because|although|though|when)\b/gi;

/**
 * Whether the clause around a date expression speaks of the future: "Okafor said on Monday that construction
 * will begin in June" has Monday in a past clause and June in a future one. The tense of the whole sentence
 * would move Monday to the next one.
 */
function futureClause(sentence: string, start: number, end: number): boolean {
  let from = 0;
  let to = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= start) { to = at; break; } // chrono's match may end with the comma: "on Tuesday,"
  }
  const clause = sentence.slice(from, to);
  const lead = sentence.slice(from, start);
  if (FUTURE.test(clause) || LASTS_UNTIL.test(lead)) return true;
  // "The election is in November", "the conference ends Friday": a schedule in the present tense (but not
  // "is the highest since March", "is smaller than in January").
  return (SCHEDULE.test(lead) || IS_WHEN.test(lead)) && !PAST_VERB.test(clause) && !/\b(since|than)\b/i.test(lead);
}
const GENERIC_NOW = /^(right )?(now|today|tonight|currently|this (morning|afternoon|evening|week|month|year))$/i;
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, few: 3, several: 3, couple: 2,
};
const UNIT = '(day|week|month|year|decade)s?';
const COUNT = '(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)';
/** "after" and "before" are left out: "a day after Hamas launched…" counts from an event, not a date. */
const AGO = new RegExp(`\\b${COUNT}\\s+${UNIT}\\s+(ago|earlier|later)\\b`, 'i');
const LAST_UNIT = /\b(last|past|previous|next|coming)\s+(week|month|year)\b/i;
/** "earlier this month", "later this year": the publication's own week, month or year. */
const THIS_UNIT = /\b(earlier|later)\s+this\s+(week|month|year)$/i;
const YEAR_WORD = '(1[5-9]\\d\\d|20\\d\\d)';
/** Counted things after a number that only looks like a year ("2000 people"). */
const COUNTED = /^\s+(people|persons|civilians|soldiers|troops|rockets|missiles|homes|houses|dollars|euros|members|votes|times|km|kilometers|miles|meters|metres|tons|tonnes|prisoners|years|days)\b/i;
const YEAR_AFTER_PREPOSITION = new RegExp(
  `\\b(in|since|of|until|till|by|from|to|through|before|after|during|around|circa|early|late|mid|year|summer|winter|spring|autumn|fall|between|and|the)(?:\\s+|-)${YEAR_WORD}\\b(?!['’]?s\\b|,\\d|\\.\\d)`,
  'gi',
);
const YEAR_RANGE = new RegExp(`\\b(?:from|between)\\s+${YEAR_WORD}\\s+(?:to|and|until|till)\\s+${YEAR_WORD}\\b|\\b${YEAR_WORD}\\s*[-–]\\s*${YEAR_WORD}\\b`, 'gi');

function referenceOf(published: string | null): Reference | null {
  if (!published) return null;
  return { parts: partsOf(published), precision: precisionOf(published) };
}

function countOf(word: string): number {
  const w = word.toLowerCase().replace(/^a (few|couple of)$/, '$1').replace(/ of$/, '');
  return /^\d+$/.test(w) ? Number(w) : NUMBER_WORDS[w] ?? 1;
}

function shift(parts: DateParts, unit: string, amount: number): Required<DateParts> {
  const u = unit.toLowerCase();
  if (u.startsWith('day')) return addDays(parts, amount);
  if (u.startsWith('week')) return addDays(parts, amount * 7);
  if (u.startsWith('month')) return addMonths(parts, amount);
  if (u.startsWith('decade')) return addMonths(parts, amount * 120);
  return addMonths(parts, amount * 12);
}

const RANK: Record<Precision, number> = { year: 0, month: 1, day: 2 };

function finerThan(a: Precision, b: Precision): boolean {
  return RANK[a] > RANK[b];
}

function unitPrecision(unit: string, amount: number): Precision {
  const u = unit.toLowerCase();
  if (u.startsWith('day') || u.startsWith('week')) return 'day';
  if (u.startsWith('month') || (u.startsWith('year') && amount === 1)) return 'month';
  return 'year';
}

/** "a month ago", "two weeks later", "last week": counted from the publication date or the previous event. */
function relative(text: string, ref: Reference | null, previous: Found | null): Omit<Found, 'start' | 'end'> | null {
  const ago = AGO.exec(text);
  if (ago) {
    const amount = countOf(ago[1]!);
    const unit = ago[2]!;
    const forward = /later/i.test(ago[3]!);
    // "later"/"after" counts from the story's previous date; "ago" from the publication date.
    const base = forward ? previous && { parts: previous.date, precision: previous.precision } : ref;
    if (!base) return null;
    const precision = coarser(unitPrecision(unit, amount), base.precision);
    // Counting two weeks from "June 2021" cannot leave June: a shift finer than the base keeps the base.
    const date = finerThan(unitPrecision(unit, amount), base.precision) ? base.parts : shift(base.parts, unit, forward ? amount : -amount);
    const exactDays = /^day/i.test(unit) && !/few|several|couple/i.test(ago[1]!);
    return { date, endDate: null, precision, approximate: !exactDays || forward };
  }
  const last = LAST_UNIT.exec(text);
  if (last && ref) {
    // A calendar unit: "last year" is the year before, "next month" the month after; a week is approximate.
    const unit = last[2]!.toLowerCase();
    const step = /^(next|coming)$/i.test(last[1]!) ? 1 : -1;
    const unitPrec: Precision = unit === 'year' ? 'year' : unit === 'month' ? 'month' : 'day';
    const date = finerThan(unitPrec, ref.precision) ? ref.parts : shift(ref.parts, unit, step);
    return { date, endDate: null, precision: coarser(unitPrec, ref.precision), approximate: unit === 'week' };
  }
  const current = THIS_UNIT.exec(text);
  if (current && ref) {
    const unit = current[2]!.toLowerCase();
    const unitPrec: Precision = unit === 'year' ? 'year' : unit === 'month' ? 'month' : 'day';
    return { date: ref.parts, endDate: null, precision: coarser(unitPrec, ref.precision), approximate: unit === 'week' };
  }
  if (/^tomorrow$/i.test(text.trim()) && ref) {
    return { date: addDays(ref.parts, 1), endDate: null, precision: ref.precision, approximate: false };
  }
  if (/^yesterday$/i.test(text.trim()) && ref) {
    return { date: addDays(ref.parts, -1), endDate: null, precision: ref.precision, approximate: false };
  }
  return null;
}

/** A weekday: the most recent one on or before publication (past tense), or the next one (future tense). */
function weekday(target: number, ref: Reference | null, future: boolean): Omit<Found, 'start' | 'end'> | null {
  if (!ref) return null;
  if (ref.precision !== 'day') return { date: ref.parts, endDate: null, precision: ref.precision, approximate: true };
  const refDay = toUtc(ref.parts).getUTCDay();
  const back = (refDay - target + 7) % 7;
  const days = future ? ((target - refDay + 7) % 7 || 7) : -back;
  return { date: addDays(ref.parts, days), endDate: null, precision: 'day', approximate: false };
}

/** The year of a month (and day) written without one, as a news story means it. */
function yearFor(month: number, day: number | undefined, ref: Reference, future: boolean, saysLast: boolean): number {
  const refYear = ref.parts.year;
  if (ref.precision === 'year') return saysLast ? refYear - 1 : refYear;
  const refMonth = ref.parts.month ?? 1;
  const refDay = ref.precision === 'day' ? ref.parts.day ?? 1 : 31;
  if (saysLast) return month < refMonth ? refYear : refYear - 1;
  const after = month > refMonth || (month === refMonth && day !== undefined && day > refDay);
  if (future) return after || (month === refMonth && day === undefined) ? refYear : refYear + 1;
  return after ? refYear - 1 : refYear;
}

function fromChrono(result: chrono.ParsedResult, sentence: string, ref: Reference | null, previous: Found | null): Found | null {
  const before = sentence.slice(Math.max(0, result.index - 24), result.index);
  // "earlier this month": chrono reads "this month", which alone is now, not a date.
  const lead = /\b(earlier|later)\s+$/i.exec(before);
  const widened = lead && /^this\s+(week|month|year)$/i.test(result.text.trim());
  const text = widened ? `${lead[0]}${result.text}` : result.text;
  const start = widened ? result.index - lead[0].length : result.index;
  const end = start + text.length;
  if (GENERIC_NOW.test(text.trim()) || /^(the\s+)?weekend$/i.test(text.trim())) return null;
  const after = sentence.slice(end, end + 12);
  // "for 33 years", "for 3 days", "within two weeks": durations, not dates. "the day after" and "a week
  // before" count from an event the sentence names, which a calendar cannot resolve.
  const isRelative = result.tags().has('result/relativeDate') || result.tags().has('parser/ENCasualDateParser');
  if (isRelative && !/\b(ago|later|earlier|last|past|previous|yesterday|next|coming|tomorrow)\b/i.test(text)) return null;
  if (/\b(after|before)$/i.test(text.trim())) return null;
  // "expected to last three weeks", "could last a year": the verb, a duration.
  if (/^last\b/i.test(text) && /\b(to|will|would|could|can|may|might|should|must|did|does|not)\s+$/i.test(before)) return null;
  // Numeric dates without a year ("9/11") are names of events or ambiguous.
  if (/^\d{1,2}[/.]\d{1,2}$/.test(text.trim())) return null;
  if (/^[/-]\d/.test(after)) return null;
  const approximate = HEDGE.test(before);
  const future = futureClause(sentence, start, end);
  const start_ = result.start;

  const rel = relative(text, ref, previous);
  if (rel) return { start, end, ...rel, approximate: rel.approximate || approximate };
  if (!start_.isCertain('month') && !start_.isCertain('year')) {
    if (start_.isCertain('weekday') && !start_.isCertain('day')) {
      const w = weekday(start_.get('weekday') ?? 0, ref, future || /\bnext\s*$/i.test(before));
      return w && { start, end, ...w };
    }
    return null; // a time of day, or something chrono guessed from nothing
  }
  if (!start_.isCertain('month')) return null;
  const month = start_.get('month')!;
  const day = start_.isCertain('day') ? start_.get('day') ?? undefined : undefined;
  let year: number;
  // "in January last year", "in May next year": the month of the year the words name.
  const ofYear = /^\s+(last|next|this)\s+year\b/i.exec(sentence.slice(end));
  let until = end;
  if (start_.isCertain('year')) year = start_.get('year')!;
  else if (ref && ofYear) {
    year = ref.parts.year + (/^last$/i.test(ofYear[1]!) ? -1 : /^next$/i.test(ofYear[1]!) ? 1 : 0);
    until = end + ofYear[0].length;
  } else if (ref) year = yearFor(month, day, ref, future, /\b(last|past)\s*$/i.test(before));
  else return null; // "on June 22" with no publication date: unresolved
  const precision: Precision = day !== undefined ? 'day' : 'month';
  let endDate: DateParts | null = null;
  if (result.end?.isCertain('month') || result.end?.isCertain('day')) {
    const endMonth = result.end.get('month') ?? month;
    const endDay = result.end.isCertain('day') ? result.end.get('day') ?? undefined : undefined;
    let endYear = result.end.isCertain('year') ? result.end.get('year')! : year;
    if (endMonth < month && !result.end.isCertain('year')) endYear += 1;
    endDate = { year: endYear, month: endMonth, day: endDay };
  }
  return { start, end: until, date: { year, month, day }, endDate, precision, approximate };
}

function overlaps(found: Found[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && end > f.start);
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** "in early May", "by late June 2021": chrono reads "May" as the verb, so these are found here. */
const QUALIFIED_MONTH = /\b(early|mid|late)[- ](January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\s+(\d{4}))?\b/gi;

function qualifiedMonths(sentence: string, taken: Found[], ref: Reference | null): Found[] {
  const out: Found[] = [];
  QUALIFIED_MONTH.lastIndex = 0;
  for (let m = QUALIFIED_MONTH.exec(sentence); m; m = QUALIFIED_MONTH.exec(sentence)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    const month = MONTH_NAMES.indexOf(m[2]!.toLowerCase()) + 1;
    const year = m[3] ? Number(m[3]) : ref ? yearFor(month, undefined, ref, futureClause(sentence, start, end), false) : null;
    if (year === null) continue;
    out.push({ start, end, date: { year, month }, endDate: null, precision: 'month', approximate: true });
  }
  return out;
}

function bareYears(sentence: string, taken: Found[]): Found[] {
  const out: Found[] = [];
  YEAR_RANGE.lastIndex = 0;
  for (let m = YEAR_RANGE.exec(sentence); m; m = YEAR_RANGE.exec(sentence)) {
    const from = Number(m[1] ?? m[3]);
    const to = Number(m[2] ?? m[4]);
    if (to <= from || overlaps(taken, m.index, m.index + m[0].length)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, date: { year: from }, endDate: { year: to }, precision: 'year', approximate: false });
  }
  YEAR_AFTER_PREPOSITION.lastIndex = 0;
  for (let m = YEAR_AFTER_PREPOSITION.exec(sentence); m; m = YEAR_AFTER_PREPOSITION.exec(sentence)) {
    const yearStart = m.index + m[0].length - 4;
    const end = m.index + m[0].length;
    if (overlaps(taken, yearStart, end) || overlaps(out, yearStart, end)) continue;
    if (COUNTED.test(sentence.slice(end))) continue;
    const approximate = /^(around|circa|early|late|mid)/i.test(m[1]!) || HEDGE.test(sentence.slice(Math.max(0, m.index - 16), m.index + m[1]!.length));
    out.push({ start: m.index, end, date: { year: Number(m[2]) }, endDate: null, precision: 'year', approximate });
  }
  return out;
}

/** Widens an expression to the word that introduces it ("on Sunday", "last June", "in 1979"), for display. */
function expressionOf(sentence: string, f: Found): string {
  const lead = /\b(on|in|last|since|early|late|nearly|about|around)\s+$/i.exec(sentence.slice(Math.max(0, f.start - 10), f.start));
  const start = lead ? f.start - lead[0].length : f.start;
  return sentence.slice(start, f.end).trim().replace(/[,.;:]+$/, '');
}

function eventsOfSentence(paragraph: Paragraph, sentence: Sentence, ref: Reference | null, previous: Found | null): Array<{ found: Found; expression: string }> {
  const plain = paragraph.plain.slice(sentence.start, sentence.end);
  const found: Found[] = [];
  let last = previous;
  const results = chrono.parse(plain, ref ? toUtc(ref.parts) : new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  for (const result of results) {
    const f = fromChrono(result, plain, ref, last);
    if (f && !overlaps(found, f.start, f.end)) {
      found.push(f);
      last = f;
    }
  }
  found.push(...qualifiedMonths(plain, found, ref));
  found.push(...bareYears(plain, found));
  found.sort((a, b) => a.start - b.start);
  return found.map((f) => ({ found: f, expression: expressionOf(plain, f) }));
}

export function extractEvents(article: Article): LocalEvent[] {
  const ref = referenceOf(article.published);
  const events: LocalEvent[] = [];
  let previous: Found | null = null;
  for (const paragraph of article.paragraphs) {
    if (paragraph.heading) continue;
    for (const sentence of paragraph.sentences) {
      const seen = new Set<string>();
      for (const { found, expression } of eventsOfSentence(paragraph, sentence, ref, previous)) {
        const date = formatIso(found.date, found.precision);
        const end = found.endDate ? formatIso(found.endDate, found.precision) : null;
        const key = `${date}/${end}/${expression}`;
        if (seen.has(key) || (end !== null && end <= date)) continue;
        seen.add(key);
        previous = found;
        events.push({
          date, end: end === date ? null : end, precision: found.precision, approximate: found.approximate,
          text: sentence.text, expression, paragraph: paragraph.index, sentence: sentence.index,
        });
      }
    }
  }
  return events;
}


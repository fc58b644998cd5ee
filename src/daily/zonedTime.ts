/**
 * Local dates and times in IANA time zones, for the daily posts: which local date an instant falls on,
 * and the instant a local "HH:MM" happens on a local date, across daylight-saving changes (a time the
 * clocks skip posts at the first minute after the jump; a time that happens twice posts at the first).
 *
 * Written by hand over Intl (the platform's own time-zone database): croner computes the next run of a
 * pattern, but the exactly-once ledger needs the due instant of a given local date, which no small
 * library exposes.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone Intl knows ("Asia/Jerusalem", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The canonical spelling of a time zone typed in any case ("asia/jerusalem" → "Asia/Jerusalem"), or null. */
export function canonicalTimeZone(name: string): string | null {
  const exact = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === name.toLowerCase());
  if (exact) return exact;
  if (/^(utc|gmt|z)$/i.test(name)) return 'UTC';
  return isTimeZone(name) ? new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone : null;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallAt(instant: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(instant / 60000) * 60000;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  const w = wallAt(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** The next local date after `date` (YYYY-MM-DD). */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The instant a local time happens on a local date. When the clocks skip it (spring forward), the first
 * minute after the jump; when it happens twice (fall back), the first of the two.
 */
export function dueInstant(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const hour = 3600_000;
  // The zone's offsets around that day: at most two differ (before and after a change).
  const offsets = [...new Set([offsetAt(wall - 36 * hour, timeZone), offsetAt(wall, timeZone), offsetAt(wall + 36 * hour, timeZone)])];
  const matches = offsets
    .map((o) => wall - o)
    .filter((t) => {
      const w = wallAt(t, timeZone);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === wall;
    })
    .sort((a, b) => a - b);
  if (matches.length > 0) return matches[0]!;
  // Skipped: find the jump between the two readings by bisection, to the minute.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  const before = offsetAt(lo, timeZone);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** "HH:MM" with 00–23 and 00–59, or null. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?::|h|\.)?(\d{2})?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const meridiem = m[3]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}

/**
 * Page chrome: the parts of a scraped web page that are not the article (date and weather banners, UI labels,
 * link lists, reader comments, "Check Also" teasers, photo credits, stray tag words). General rules about the
 * shape of such lines, never the words of one site; each removal is recorded with the rule that made it.
 */
import type { RemovedChrome } from './article.ts';

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';

/** UI labels that a scraper picks up as lines of their own. */
const UI_LABELS = /^(dark mode|light mode|toggle (dark|light) mode|skip to (main )?content|menu|search|subscribe|sign in|log in|login|register|share|share this( article)?|print|email|advertisement|sponsored|listen to this article|font size|text size|close|home|back to top|follow us|newsletter)$/i;

/** A line at which the article is over: everything from it on is teasers, comments or link lists. */
const FOOTER_MARKERS = /^(comments?( \(\d+\))?|\d+ comments?|leave a (reply|comment)|post a comment|to leave a comment.*|check also|see also|read (also|more|next)|related( articles| posts| stories| news| content)?|more (from|on|in) .{1,40}|you (may|might) also like|recommended( for you)?|most (read|popular|viewed)|trending( now)?|discover more|did you find this article (interesting|helpful|useful)\??|was this article helpful\??|sign up for (our|the) .{1,40}|share this( article| story)?:?|tags?:.*|topics?:.*|filed under:?.*|about the author)$/i;

/** A reader comment's header: a name (often in brackets) then a time and a date. */
const COMMENT_HEADER = new RegExp(
  `^\\[?[\\p{L} .'-]{1,40}\\]?\\s+\\d{1,2}:\\d{2}(\\s*[ap]\\.?m\\.?)?\\s+(\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|${MONTH}\\.? \\d{1,2},? \\d{4})$`,
  'iu',
);

/** Photo and image credits: "PHOTO: …", "Photo credit: …", "(Photo: Reuters)", "Image via …". */
const PHOTO_CREDIT = /^\(?(photo|photograph|image|picture|illustration|credit|photo credit|file photo|video)s?( by| via| credit)?\s*[:|/-]/i;

/** A byline: "by: Cyrus Yaqubi", "By Jane Doe and John Roe". */
const BYLINE = /^by:?\s+(\p{Lu}[\p{L}.'-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'-]*){0,5})(?:\s+\p{Ll}[\p{L}-]*)?\s*$/u;

/** True for a line that is only dates, times, temperatures and place codes: a page banner. */
export function isBannerLine(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 14) return false;
  const dateish = new RegExp(
    `^(${MONTH}\\.?|${WEEKDAY},?|\\d{1,4}(st|nd|rd|th)?[,.]?|\\d{1,2}[:.]\\d{2}|[ap]\\.?m\\.?|\\d{1,3}°[cf]?|°[cf]|[A-Z]{2,4}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\||-|–|·|updated:?|published:?|posted:?|last updated:?|on)$`,
    'i',
  );
  const hits = words.filter((w) => dateish.test(w)).length;
  const hasDigit = /\d/.test(line);
  return hasDigit && hits / words.length >= 0.8;
}

export function isUiLabel(line: string): boolean {
  return UI_LABELS.test(line.trim());
}

export function isFooterMarker(line: string): boolean {
  return FOOTER_MARKERS.test(line.trim()) || COMMENT_HEADER.test(line.trim());
}

export function isPhotoCredit(line: string): boolean {
  return PHOTO_CREDIT.test(line.trim());
}

/** The author named by a byline line, or null when the line is not a byline. */
export function bylineAuthor(line: string): string | null {
  const m = BYLINE.exec(line.trim());
  return m ? (m[1] ?? null) : null;
}

/**
 * A list of links flattened into one line: long, no sentence punctuation, mostly capitalised words.
 * ("BREAKING NEWS Palestine = PLO … The Battle for Rafah Operation: Long Arm in Yemen …")
 */
export function isLinkList(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 12) return false;
  if (/[.!?]["'”’)]?(\s|$)/.test(line.replace(/\b(\p{Lu}\.)+/gu, ''))) return false;
  const capitalised = words.filter((w) => /^["'“‘(]?[\p{Lu}\d]/u.test(w)).length;
  return capitalised / words.length >= 0.6;
}

/**
 * Stray tag words after a paragraph's last sentence ("…overthrowing his regime. levant"): one or two words
 * with no punctuation after sentence-final punctuation. Returns the paragraph without them.
 */
export function stripTrailingTags(paragraph: string, removed: RemovedChrome[]): string {
  const m = /^(.*[.!?…]["'”’)]?)\s+([\p{L}'-]+(?:\s+[\p{L}'-]+)?)$/su.exec(paragraph);
  if (!m || !m[1] || !m[2]) return paragraph;
  removed.push({ text: m[2], reason: 'tag-word' });
  return m[1];
}

/** A title abbreviation at the very end of a line means the scraper broke a paragraph inside a name ("Sen." / "Joseph Lieberman"). */
export function endsInsideName(line: string): boolean {
  return /\b(Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Adm|Rev|Hon|Amb|St)\.$/.test(line.trim());
}

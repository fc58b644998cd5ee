/**
 * Renders a Reply as terminal text: title, summary, sections, items with labels, verbatim quotes in quote
 * marks, citations as "— Title, Outlet, 2023-09-06, ¶4", wrapped to a width. With `color` (a TTY), the
 * title, headings and search marks are bold and citations dim; without it the text is plain, with no
 * escape sequences and no Markdown.
 *
 * Article and user text can carry control characters (ESC sequences, CR, bidi overrides); they are
 * replaced with spaces before anything is laid out, so nothing printed can drive the terminal.
 */
import type { Citation, Reply, ReplyItem, ReplySection } from './reply.ts';

export interface TextRenderOptions {
  /** Columns to wrap at (default 80; at least 20). */
  width?: number;
  /** ANSI styles for a terminal (default false: plain text). */
  color?: boolean;
  /** Said after "Which one did you mean?" on a choice, e.g. "Type its number." */
  choiceHint?: string;
}

/**
 * C0 and C1 controls (ESC, BEL, CR, backspace...), DEL, the line and paragraph separators, and the bidi
 * embedding, override and isolate controls ("Trojan Source"). Each is one UTF-16 unit, so replacing it
 * with a space keeps every offset (search marks) valid.
 */
const TERMINAL_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** The text with every terminal control character replaced by a space; same length as the input. */
export function neutralizeControls(text: string): string {
  return text.replace(TERMINAL_UNSAFE, ' ');
}

/** As neutralizeControls, but a line feed survives as a hard line break for the wrapper. */
function neutralizeKeepingLineFeeds(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (ch) => (ch === '\n' ? ch : ' '));
}

/** Combining marks and zero-width characters take no column. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200B-\u200F\uFE00-\uFE0F]$/u;
/** East Asian wide and fullwidth characters and common emoji take two columns. */
const WIDE = /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]$/u;

function charWidth(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Columns a string occupies in a terminal (no escape sequences expected). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const NORMAL = '\u001b[22m';

type Style = 'plain' | 'bold' | 'dim';

/** A piece of text with one style; `marks` are ranges of `text` shown bold (search hits). */
interface StyledText {
  text: string;
  style?: Style;
  marks?: Array<[number, number]>;
}

/** One visible character with its style, the unit the wrapper works in. */
interface Cell {
  ch: string;
  style: Style;
}

function toCells(parts: StyledText[]): Cell[] {
  const cells: Cell[] = [];
  for (const part of parts) {
    const text = neutralizeKeepingLineFeeds(part.text);
    const base = part.style ?? 'plain';
    const marked = new Uint8Array(text.length);
    for (const [start, end] of part.marks ?? []) {
      for (let i = Math.max(0, start); i < Math.min(text.length, end); i++) marked[i] = 1;
    }
    // Iterate by code point so surrogate pairs stay together; a mark's style follows the first unit.
    let i = 0;
    for (const ch of text) {
      cells.push({ ch, style: marked[i] ? 'bold' : base });
      i += ch.length;
    }
  }
  return cells;
}

function isSpace(cell: Cell): boolean {
  return /\s/.test(cell.ch);
}

const LINE_BREAK = 'break';

/** Splits cells into words (runs of non-space) and line breaks, dropping the other whitespace. */
function toWords(cells: Cell[]): Array<Cell[] | typeof LINE_BREAK> {
  const words: Array<Cell[] | typeof LINE_BREAK> = [];
  let current: Cell[] = [];
  for (const cell of cells) {
    if (cell.ch === '\n') {
      if (current.length) words.push(current);
      current = [];
      words.push(LINE_BREAK);
    } else if (isSpace(cell)) {
      if (current.length) words.push(current);
      current = [];
    } else {
      current.push(cell);
    }
  }
  if (current.length) words.push(current);
  return words;
}

function cellsWidth(cells: Cell[]): number {
  let w = 0;
  for (const c of cells) w += charWidth(c.ch);
  return w;
}

function paint(cells: Cell[], color: boolean): string {
  if (!color) return cells.map((c) => c.ch).join('');
  let out = '';
  let current: Style = 'plain';
  for (const cell of cells) {
    if (cell.style !== current) {
      if (current !== 'plain') out += NORMAL;
      if (cell.style === 'bold') out += BOLD;
      if (cell.style === 'dim') out += DIM;
      current = cell.style;
    }
    out += cell.ch;
  }
  if (current !== 'plain') out += NORMAL;
  return out;
}

/**
 * Greedy word wrap. `first` prefixes the first line and `rest` the others (a hanging indent); a word
 * longer than a whole line (a URL) is cut where the line ends; a line feed starts a new line.
 */
function wrap(parts: StyledText[], width: number, color: boolean, first = '', rest = first): string[] {
  const words = toWords(toCells(parts));
  const lines: string[] = [];
  let line: Cell[] = [];
  let used = 0;
  const room = (): number => width - displayWidth(lines.length === 0 ? first : rest);
  const flush = (): void => {
    lines.push((lines.length === 0 ? first : rest) + paint(line, color));
    line = [];
    used = 0;
  };
  for (const token of words) {
    if (token === LINE_BREAK) {
      flush();
      continue;
    }
    let word = token;
    let w = cellsWidth(word);
    if (used > 0 && used + 1 + w > room()) flush();
    while (used === 0 && w > room()) {
      // Cut the word to fit the line; at least one character so the loop always advances.
      let take = 0;
      let taken = 0;
      while (take < word.length && taken + charWidth(word[take]!.ch) <= room()) taken += charWidth(word[take++]!.ch);
      take = Math.max(1, take);
      line = word.slice(0, take);
      flush();
      word = word.slice(take);
      w = cellsWidth(word);
    }
    if (word.length === 0) continue;
    if (used > 0) {
      // The space between two words of one style takes that style, so a bold phrase is one run.
      const before = line[line.length - 1]!.style;
      line.push({ ch: ' ', style: before === word[0]!.style ? before : 'plain' });
      used += 1;
    }
    line.push(...word);
    used += w;
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}

/** "— Title, Outlet, 2023-09-06, ¶4": the parts that are known, in that order. */
export function formatCitation(citation: Citation): string {
  const parts = [citation.title, citation.source, citation.published, `¶${citation.paragraph}`];
  return `— ${parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(', ')}`;
}

function renderItem(item: ReplyItem, width: number, color: boolean): string[] {
  const parts: StyledText[] = [];
  if (item.label) parts.push({ text: `${item.label}:`, style: 'bold' }, { text: ' ' });
  if (item.verbatim) {
    // Quote marks around the text; the marks' offsets still point into the text itself.
    parts.push({ text: `“${item.text}”`, marks: (item.marks ?? []).map(([s, e]) => [s + 1, e + 1]) });
  } else {
    parts.push({ text: item.text, marks: item.marks });
  }
  const lines = wrap(parts, width, color, '  • ', '    ');
  if (item.citation) lines.push(...wrap([{ text: formatCitation(item.citation), style: 'dim' }], width, color, '    ', '      '));
  return lines;
}

function renderSection(section: ReplySection, width: number, color: boolean): string[] {
  const lines: string[] = [];
  if (section.heading) lines.push(...wrap([{ text: section.heading, style: 'bold' }], width, color));
  if (section.body) lines.push(...wrap([{ text: section.body }], width, color));
  for (const item of section.items) lines.push(...renderItem(item, width, color));
  return lines;
}

function renderSuggestions(reply: Reply, width: number, color: boolean, hint: string | undefined): string[] {
  const suggestions = (reply.suggestions ?? []).filter((s) => s.trim() !== '');
  if (suggestions.length === 0) return [];
  if (reply.kind === 'choice') {
    return [
      ...wrap([{ text: hint ? `Which one did you mean? ${hint}` : 'Which one did you mean?' }], width, color),
      ...suggestions.flatMap((s, i) => wrap([{ text: s }], width, color, `  ${i + 1}. `, '     ')),
    ];
  }
  return wrap([{ text: `Did you mean: ${suggestions.join(', ')}?` }], width, color);
}

/** The reply as terminal text: blocks separated by blank lines, ending with a newline. */
export function renderText(reply: Reply, options: TextRenderOptions = {}): string {
  const width = Math.max(20, Math.floor(options.width ?? 80));
  const color = options.color ?? false;
  const blocks: string[][] = [];
  const head = wrap([{ text: reply.title, style: 'bold' }], width, color);
  if (reply.summary) head.push(...wrap([{ text: reply.summary }], width, color));
  blocks.push(head);
  for (const section of reply.sections) {
    const lines = renderSection(section, width, color);
    if (lines.some((l) => l.trim() !== '')) blocks.push(lines);
  }
  const suggestions = renderSuggestions(reply, width, color, options.choiceHint);
  if (suggestions.length) blocks.push(suggestions);
  if (reply.footer) blocks.push(wrap([{ text: reply.footer, style: 'dim' }], width, color));
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

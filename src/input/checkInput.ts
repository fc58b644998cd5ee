/**
 * Checks what a person typed before it reaches a command, the same way in every adapter (console, CLI,
 * later Discord and Slack): empty, too long, or carrying control characters gives a clear message
 * instead of a search for garbage.
 */
import type { Reply } from '../reply/reply.ts';

/** Longest query accepted: a name, a topic or a sentence to search for fits easily. */
export const MAX_INPUT_CHARS = 500;

/** C0 controls other than tab, DEL, C1 controls, and the bidi overrides that can disguise text. */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

export type InputCheck = { ok: true; text: string } | { ok: false; problem: string };

function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  const names: Record<number, string> = { 0x0a: 'line feed', 0x0d: 'carriage return', 0x1b: 'escape', 0x07: 'bell', 0x08: 'backspace', 0x00: 'NUL', 0x7f: 'delete' };
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return names[code] ? `${hex}, ${names[code]}` : hex;
}

/**
 * The input trimmed, with tabs and runs of spaces collapsed, or the problem with it. `what` names the
 * input in messages ("query", "name").
 */
export function checkInput(raw: string, what = 'query'): InputCheck {
  const control = CONTROL.exec(raw);
  if (control) {
    return { ok: false, problem: `The ${what} contains a control character (${describeChar(control[0])}) at position ${control.index + 1}. Type plain text.` };
  }
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return { ok: false, problem: `The ${what} is empty. Type a question such as "who is gamliel", or "help" for the commands.` };
  if (text.length > MAX_INPUT_CHARS) {
    return { ok: false, problem: `The ${what} is too long (${text.length.toLocaleString('en-US')} characters; at most ${MAX_INPUT_CHARS}). Ask about a name, a date or a few words.` };
  }
  return { ok: true, text };
}

/** A platform-neutral reply for bad input, rendered like any other answer. */
export function badInputReply(problem: string): Reply {
  return { kind: 'error', title: 'Bad input', summary: problem, sections: [] };
}

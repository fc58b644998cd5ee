/**
 * Plain language to a command, for the console and (later) direct messages: "/who Gila Gamliel",
 * "who is gamliel", "what did bennett say about iran", "timeline 2022", "what happened in July 2021",
 * "on this day". Returns null when the text is not recognisably a command (the caller searches it).
 */
import { findCommand } from './registry.ts';

export interface Routed {
  command: string;
  args: string;
}

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Routed]> = [
  [/^(?:on this day|this day in history|today in history|what happened (?:on )?(?:this day|today))(?:\s+(.*))?$/i, (m) => ({ command: 'onthisday', args: m[1] ?? '' })],
  [/^what happened on (.+)$/i, (m) => ({ command: 'onthisday', args: m[1]! })],
  [/^(?:who(?:'s| is| was| are| were)|tell me about|what is|what's)\s+(.+)$/i, (m) => ({ command: 'who', args: m[1]! })],
  [/^what (?:did|does|has|have) (.+?) (?:say|said|says|tell|told)(?:\s+(?:about|on|regarding)\s+(.+))?$/i, (m) => ({ command: 'quote', args: m[2] ? `${m[1]} about ${m[2]}` : m[1]! })],
  [/^(?:quotes?|quotations?) (?:from|by|of) (.+)$/i, (m) => ({ command: 'quote', args: m[1]! })],
  [/^(?:what happened|events?)\s+(?:in|during|between|from)\s+(.+)$/i, (m) => ({ command: 'timeline', args: m[1]! })],
  [/^(?:search|find|look up|lookup)\s+(?:for\s+)?(.+)$/i, (m) => ({ command: 'search', args: m[1]! })],
];

export function route(text: string): Routed | null {
  // Trailing "?!." go ("who is gamliel?"), but not a lone "?" (help).
  const t = text.trim().replace(/(?<=[^\s?!./])[?!.]+$/, '').trim();
  // The plain-language forms first, with or without a slash: "who is X", "/who is X", "quotes by X",
  // "today in history" start with a command's name or alias but are not that command with those words.
  const plain = t.replace(/^\//, '');
  for (const [pattern, make] of PATTERNS) {
    const m = pattern.exec(plain);
    if (m) return make(m);
  }
  // "/who X" or "who X": a command name first.
  const first = /^\/?(\S+)(?:\s+([\s\S]*))?$/.exec(t);
  if (first) {
    const command = findCommand(first[1]!);
    if (command) return { command: command.name, args: (first[2] ?? '').trim() };
  }
  if (/^(help|\?|commands)$/i.test(t)) return { command: 'help', args: '' };
  return null;
}

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
  const t = text.trim().replace(/[?!.]+$/, '').trim();
  // "/who X" or "who X": a command name first.
  const first = /^\/?(\S+)(?:\s+([\s\S]*))?$/.exec(t);
  if (first) {
    const command = findCommand(first[1]!);
    const rest = first[2] ?? '';
    // "who is X" is the plain-language form, handled below; "who X" is the command.
    if (command && !(command.name === 'who' && /^(is|was|are|were)\s/i.test(rest))) return { command: command.name, args: rest.trim() };
  }
  for (const [pattern, make] of PATTERNS) {
    const m = pattern.exec(t);
    if (m) return make(m);
  }
  if (/^(help|\?|commands)$/i.test(t)) return { command: 'help', args: '' };
  return null;
}

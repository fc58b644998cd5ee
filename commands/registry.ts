/**
 * Every command, in the order help lists them, and the other names people type for them. Adapters find
 * commands here and nowhere else.
 */
import type { Command } from './command.ts';
import { about } from './about.ts';
import { makeHelp } from './help.ts';
import { onthisday } from './onthisday.ts';
import { quote } from './quote.ts';
import { search } from './search.ts';
import { timeline } from './timeline.ts';
import { who } from './who.ts';

const help = makeHelp(() => commands);

export const commands: readonly Command[] = [who, quote, timeline, search, onthisday, about, help];

const ALIASES: Readonly<Record<string, string>> = {
  quotes: 'quote', said: 'quote', find: 'search', when: 'timeline', today: 'onthisday', otd: 'onthisday',
  'on-this-day': 'onthisday', info: 'about', stats: 'about', '?': 'help', commands: 'help',
};

/** The command for a name or alias (case-insensitive, a leading "/" ignored), or null. */
export function findCommand(name: string): Command | null {
  const key = name.toLowerCase().replace(/^\//, '');
  const canonical = ALIASES[key] ?? key;
  return commands.find((c) => c.name === canonical) ?? null;
}

export const commandTable = { commands, findCommand };

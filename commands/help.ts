/** `help [COMMAND]`: the commands with what they do and examples. */
import type { Command } from './command.ts';
import type { ReplySection } from '../src/reply/reply.ts';

/** Built from the registry's list, so a new command appears here by being registered. */
export function makeHelp(list: () => readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'The commands, with examples.',
    usage: 'help [COMMAND]',
    examples: ['help', 'help quote'],
    run(args) {
      const wanted = args.trim().toLowerCase().replace(/^\//, '');
      const commands = list().filter((c) => wanted === '' || c.name === wanted);
      if (commands.length === 0) {
        return { ok: false, reply: { kind: 'error', title: `No command "${wanted}"`, summary: `The commands are: ${list().map((c) => c.name).join(', ')}.`, sections: [] }, data: { commands: [] } };
      }
      // Examples in the body, not as items: help stays one page on every platform.
      const sections: ReplySection[] = commands.map((c) => ({
        heading: c.usage,
        body: `${c.summary}\nFor example: ${c.examples.join(' · ')}`,
        items: [],
      }));
      return {
        ok: true,
        reply: {
          kind: 'help',
          title: wanted ? `Help: ${wanted}` : 'Dossier: who said what, and when',
          summary: wanted ? undefined : 'Ask about the people, quotations and dates in the articles. Every answer cites its article and paragraph. Plain questions work too: "who is gamliel", "what did bennett say about iran", "timeline 2022", "on this day".',
          sections,
        },
        data: { commands: commands.map((c) => ({ name: c.name, usage: c.usage, summary: c.summary, examples: c.examples })) },
      };
    },
  };
}

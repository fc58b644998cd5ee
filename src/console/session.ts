/**
 * The console's conversation logic, without any I/O: one line in, one reply out. A line is checked,
 * routed ("/who X", "who is X", "timeline 2022"...), and anything the router does not recognise is a
 * search. After a "which one did you mean?" reply, typing a number picks that candidate.
 */
import type { CommandContext } from '../../commands/command.ts';
import { badInputReply, checkInput } from '../input/checkInput.ts';
import { dispatch, unknownCommandReply, type CommandTable, type FailureReporter, type Outcome } from '../input/dispatch.ts';
import type { Reply } from '../reply/reply.ts';

export type Router = (text: string) => { command: string; args: string } | null;

export type LineResult = { quit: true } | { quit: false; reply: Reply; outcome: Outcome };

const QUIT = /^\/?(quit|exit|bye|q)$/i;

export interface SessionOptions {
  table: CommandTable;
  route: Router;
  /** The context for each line (a fresh "now" per line). */
  context: () => CommandContext;
  onFailure?: FailureReporter;
}

export class ConsoleSession {
  /** The command and candidates of the last "choice" reply, for a numbered pick. */
  private pending: { command: string; candidates: string[] } | null = null;

  constructor(private readonly options: SessionOptions) {}

  answer(line: string): LineResult {
    const checked = checkInput(line, 'input');
    if (!checked.ok) return { quit: false, reply: badInputReply(checked.problem), outcome: 'bad-input' };
    const text = checked.text;
    if (QUIT.test(text)) return { quit: true };

    const pick = /^#?(\d{1,2})$/.exec(text);
    const pending = this.pending;
    if (pick && pending) {
      const n = Number(pick[1]);
      const candidate = pending.candidates[n - 1];
      if (candidate !== undefined) return this.run(pending.command, candidate);
    }
    return this.runRouted(text);
  }

  private runRouted(text: string): LineResult {
    const { table, route } = this.options;
    const routed = route(text);
    if (routed) return this.run(routed.command, routed.args);
    const slash = /^\/(\S+)/.exec(text);
    if (slash) {
      this.pending = null;
      return { quit: false, reply: unknownCommandReply(slash[1]!, table), outcome: 'bad-input' };
    }
    return this.run('search', text);
  }

  private run(command: string, args: string): LineResult {
    const done = dispatch(command, args, this.options.context(), this.options.table, this.options.onFailure);
    const candidates = done.reply.picks ?? done.reply.suggestions ?? [];
    this.pending = done.reply.kind === 'choice' && candidates.length > 0 ? { command: done.command?.name ?? command, candidates } : null;
    return { quit: false, reply: done.reply, outcome: done.outcome };
  }
}

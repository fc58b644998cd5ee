/**
 * From a command name and its arguments to a reply, the same way for every adapter: the arguments are
 * checked, an unknown command or a missing argument gets a usage message, and a command that throws
 * gets a short apology instead of a stack trace. Adapters render the reply; the CLI also maps the
 * outcome to an exit code.
 */
import type { Command, CommandContext, CommandResult } from '../../commands/command.ts';
import type { Reply } from '../reply/reply.ts';
import { badInputReply, checkInput } from './checkInput.ts';

/** How an answer went: `answer` (exit 0), `no-match` (exit 1), `bad-input` (exit 2), `failed` (the command threw: exit 3). */
export type Outcome = 'answer' | 'no-match' | 'bad-input' | 'failed';

export interface Dispatched {
  outcome: Outcome;
  reply: Reply;
  /** The command's result when it ran (its `data` is what `--json` prints). */
  result: CommandResult | null;
  command: Command | null;
}

export interface CommandTable {
  commands: readonly Command[];
  findCommand(name: string): Command | null | undefined;
}

/** True when the usage line names a required argument ("who NAME", not "onthisday [MM-DD]"). */
export function needsArguments(command: Command): boolean {
  const rest = command.usage.trim().split(/\s+/).slice(1);
  return rest.length > 0 && !rest[0]!.startsWith('[');
}

export function unknownCommandReply(name: string, table: CommandTable): Reply {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return {
    kind: 'error',
    title: 'Unknown command',
    summary: `There is no command "${shown}". The commands are: ${table.commands.map((c) => c.name).join(', ')}. Type "help" for examples.`,
    sections: [],
  };
}

export function usageReply(command: Command): Reply {
  const example = command.examples[0];
  return {
    kind: 'error',
    title: `${command.name} needs more`,
    summary: `Usage: ${command.usage}${example ? ` (for example: ${example})` : ''}`,
    sections: [],
  };
}

function errorReply(command: Command): Reply {
  return {
    kind: 'error',
    title: 'Something went wrong',
    summary: `The ${command.name} command failed on this input. Try other words, or "help".`,
    sections: [],
  };
}

/** Logs a command's failure somewhere other than the reply (the adapters pass their logger). */
export type FailureReporter = (command: string, err: unknown) => void;

export type Prepared = { ok: true; command: Command; args: string } | ({ ok: false } & Dispatched);

/** Finds the command and checks its arguments, before anything is loaded. */
export function prepare(name: string, args: string, table: CommandTable): Prepared {
  const command = table.findCommand(name.toLowerCase()) ?? null;
  if (!command) return { ok: false, outcome: 'bad-input', reply: unknownCommandReply(name, table), result: null, command: null };

  let text = '';
  // Blank arguments matter only to a command that needs some: then "empty" is the clearer message.
  if (args.trim() !== '' || (args !== '' && needsArguments(command))) {
    const checked = checkInput(args);
    if (!checked.ok) return { ok: false, outcome: 'bad-input', reply: badInputReply(checked.problem), result: null, command };
    text = checked.text;
  }
  if (text === '' && needsArguments(command)) return { ok: false, outcome: 'bad-input', reply: usageReply(command), result: null, command };
  return { ok: true, command, args: text };
}

/** Runs a prepared command; a command that throws becomes an apology (the failure goes to `onFailure`). */
export function runPrepared(command: Command, args: string, ctx: CommandContext, onFailure?: FailureReporter): Dispatched {
  let result: CommandResult;
  try {
    result = command.run(args, ctx);
  } catch (err) {
    onFailure?.(command.name, err);
    return { outcome: 'failed', reply: errorReply(command), result: null, command };
  }
  const outcome: Outcome = result.ok ? 'answer' : result.reply.kind === 'error' ? 'bad-input' : 'no-match';
  return { outcome, reply: result.reply, result, command };
}

export function dispatch(name: string, args: string, ctx: CommandContext, table: CommandTable, onFailure?: FailureReporter): Dispatched {
  const prepared = prepare(name, args, table);
  if (!prepared.ok) {
    const { ok: _ok, ...failed } = prepared;
    return failed;
  }
  return runPrepared(prepared.command, prepared.args, ctx, onFailure);
}

export const EXIT_CODES: Record<Outcome, number> = { answer: 0, 'no-match': 1, 'bad-input': 2, failed: 3 };

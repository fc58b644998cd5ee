/**
 * The interactive console: a prompt on a terminal, or line-by-line answers when stdin is piped (then no
 * banner and no prompt: one reply per input line, and the process ends at end of input with code 0).
 * `quit`, `exit` or Ctrl-D end it.
 */
import { createInterface } from 'node:readline';
import { renderText } from '../reply/renderText.ts';
import type { ConsoleSession } from './session.ts';

export interface ConsoleIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export interface ConsoleOptions extends ConsoleIO {
  session: ConsoleSession;
  /** Printed first on a terminal (not when piped). */
  banner?: string;
  /** Colour when the output is a terminal and NO_COLOR is not set (default). */
  color?: boolean;
}

/** Wrap width: the terminal's, capped for readability; 80 (or $COLUMNS) when the output is not a terminal. */
export function consoleWidth(output: ConsoleIO['output'], env: NodeJS.ProcessEnv = process.env): number {
  if (output.isTTY && output.columns) return Math.min(output.columns, 100);
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv >= 20 ? fromEnv : 80;
}

export function wantsColor(output: ConsoleIO['output'], env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(output.isTTY) && env.TERM !== 'dumb';
}

/** Runs until `quit`, Ctrl-D or the end of piped input. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, session } = options;
  const interactive = Boolean(input.isTTY && output.isTTY);
  const color = options.color ?? wantsColor(output);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity, historySize: interactive ? 100 : 0 });
  const write = (text: string): void => {
    output.write(text);
  };

  // Ctrl-C at the prompt ends the console like Ctrl-D (readline would otherwise just pause).
  rl.on('SIGINT', () => rl.close());

  if (interactive && options.banner) write(`${options.banner}\n`);
  const prompt = (): void => {
    if (interactive) {
      rl.setPrompt('dossier> ');
      rl.prompt();
    }
  };

  let answered = 0;
  let quit = false;
  prompt();
  for await (const line of rl) {
    const result = session.answer(line);
    if (result.quit) {
      quit = true;
      break;
    }
    const text = renderText(result.reply, { width: consoleWidth(output), color, choiceHint: 'Type its number.' });
    // A blank line between replies keeps piped output readable: one block per input line.
    write(`${answered > 0 && !interactive ? '\n' : ''}${text}${interactive ? '\n' : ''}`);
    answered += 1;
    prompt();
  }
  if (interactive && !quit) write('\n');
  rl.close();
}

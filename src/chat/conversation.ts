/**
 * Plain messages to the bot (a direct message, or a channel message that mentions it), the same way on
 * every chat platform: "who is gamliel", "what did bennett say about iran", "timeline 2022", "on this
 * day" run that command; anything else is a search, with a short hint on what else to ask.
 */
import type { CommandContext } from '../../commands/command.ts';
import { commandTable } from '../../commands/registry.ts';
import { route } from '../../commands/router.ts';
import { badInputReply, checkInput } from '../input/checkInput.ts';
import { dispatch, type Dispatched, type FailureReporter } from '../input/dispatch.ts';

export const MESSAGE_HINT = 'Tip: ask "who is NAME", "what did NAME say about TOPIC", "timeline 2022" or "on this day"; anything else is searched.';

export interface MessageAnswer extends Dispatched {
  /** The command that answered ("search" for free text). */
  commandName: string;
  /** True when the text was not a recognised question and was searched instead. */
  searched: boolean;
}

export function answerMessage(text: string, ctx: CommandContext, onFailure?: FailureReporter): MessageAnswer {
  const checked = checkInput(text, 'message');
  if (!checked.ok) return { outcome: 'bad-input', reply: badInputReply(checked.problem), result: null, command: null, commandName: '', searched: false };
  const routed = route(checked.text);
  const name = routed?.command ?? 'search';
  const args = routed ? routed.args : checked.text;
  const done = dispatch(name, args, ctx, commandTable, onFailure);
  if (!routed) {
    const footer = done.reply.footer ? `${done.reply.footer} ${MESSAGE_HINT}` : MESSAGE_HINT;
    return { ...done, reply: { ...done.reply, footer }, commandName: name, searched: true };
  }
  return { ...done, commandName: name, searched: false };
}

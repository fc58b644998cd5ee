/**
 * One command = one file in commands/ exporting a Command. The registry (commands/registry.ts) lists them;
 * adapters (console, CLI, later Discord and Slack) look commands up there and render the Reply.
 */
import type { Reply } from '../src/reply/reply.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';

export interface CommandContext {
  kb: KnowledgeBase;
  /** "Today" for onthisday (the CLI's --date sets it). */
  now: Date;
}

export interface CommandResult {
  reply: Reply;
  /** What `--json` prints: records in the shapes of src/kb/records.ts. */
  data: object;
  /** False when the input was bad or nothing matched (the CLI exits non-zero). */
  ok: boolean;
}

export interface Command {
  name: string;
  /** One line for help. */
  summary: string;
  /** e.g. "who NAME" */
  usage: string;
  examples: string[];
  run(args: string, ctx: CommandContext): CommandResult;
}

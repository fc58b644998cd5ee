/**
 * `npm start`: the bot. With no platform tokens set it runs the console over the corpus, so anyone can
 * try Dossier in a minute; with piped input it answers line by line and exits at the end of the input.
 */
import { commandTable } from '../commands/registry.ts';
import { route } from '../commands/router.ts';
import { runConsole } from './console/console.ts';
import { ConsoleSession } from './console/session.ts';
import { loadConfigOrExit } from './config/env.ts';
import { createLogger } from './log.ts';
import { openForUser } from './startup.ts';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.logLevel });
  if (config.discord || config.slack) {
    process.stderr.write('note: Discord and Slack adapters are not built yet; starting the console.\n');
  }
  const started = openForUser({ corpusDir: config.corpusDir, cacheDir: config.cacheDir });
  if (!started.ok) {
    process.stderr.write(`dossier: ${started.message}\n`);
    process.exit(2);
  }
  const { kb, fromCache, ms } = started.opened;
  log.info({ articles: kb.articles.length, fromCache, ms: Math.round(ms) }, 'knowledge base opened');
  const session = new ConsoleSession({
    table: commandTable,
    route,
    context: () => ({ kb, now: new Date() }),
    onFailure: (command, err) => log.error({ err, command }, 'command failed'),
  });
  const banner = [
    `Dossier: ${kb.articles.length} articles, ${kb.entities.length} names, ${kb.quotes.length} quotations, ${kb.events.all().length} dated events.`,
    'Ask "who is gamliel", "what did bennett say about iran", "timeline 2022", "on this day", or any words to search. "help" lists the commands; "quit" leaves.',
  ].join('\n');
  await runConsole({ input: process.stdin, output: process.stdout, session, banner });
}

main().catch((err: unknown) => {
  process.stderr.write(`dossier: internal error: ${(err as Error).message}\n`);
  process.exit(3);
});

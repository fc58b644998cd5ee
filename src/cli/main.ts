/**
 * The scriptable CLI: `npm run cli -- COMMAND ARGS [--json] [--corpus DIR] [--date YYYY-MM-DD]`, and
 * `export --json` for the whole knowledge base. Answers on stdout, messages on stderr; exit codes 0 (an
 * answer), 1 (no match), 2 (bad usage or input), 3 (internal error).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { commandTable } from '../../commands/registry.ts';
import { entityJson, eventJson, quoteJson } from '../../commands/format.ts';
import { loadConfig, ConfigError } from '../config/env.ts';
import { dispatch, EXIT_CODES } from '../input/dispatch.ts';
import { createLogger } from '../log.ts';
import { renderText } from '../reply/renderText.ts';
import { openForUser } from '../startup.ts';
import { isIsoDate } from '../text/isoDate.ts';
import type { KnowledgeBase } from '../kb/knowledgeBase.ts';

const USAGE = `Usage: npm run cli -- COMMAND ARGS [--json] [--corpus DIR] [--date YYYY-MM-DD] [--no-cache]
Commands: ${commandTable.commands.map((c) => c.name).join(', ')}, export (the whole knowledge base; needs --json)`;

function fail(message: string, code = 2): never {
  process.stderr.write(`dossier: ${message}\n`);
  process.exit(code);
}

function exportData(kb: KnowledgeBase): object {
  return {
    articles: kb.articles.map((a) => ({ id: a.id, file: a.file, title: a.title, published: a.published, source: a.source, url: a.url, author: a.author })),
    entities: kb.entities.map(entityJson),
    quotes: kb.quotes.map(quoteJson),
    events: kb.events.all().map(eventJson),
  };
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        date: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length === 0) fail(`no command given.\n${USAGE}`);
  const [name, ...rest] = positionals as [string, ...string[]];
  const args = rest.join(' ');

  let now = new Date();
  if (values.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || !isIsoDate(values.date)) fail(`--date must be a real day written YYYY-MM-DD, not "${values.date.slice(0, 40)}"`);
    now = new Date(`${values.date}T12:00:00Z`);
  }
  const isExport = name.toLowerCase() === 'export';
  if (isExport && !values.json) fail('export prints JSON: add --json');
  if (!isExport && !commandTable.findCommand(name)) {
    fail(`unknown command "${name.slice(0, 40)}". ${USAGE}`);
  }

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }
  const log = createLogger({ level: config.logLevel });
  const corpusDir = values.corpus !== undefined ? resolve(values.corpus) : config.corpusDir;
  const started = await openForUser({ corpusDir, cacheDir: values['no-cache'] ? false : config.cacheDir });
  if (!started.ok) fail(started.message);
  const { kb } = started.opened;
  log.debug({ fromCache: started.opened.fromCache, ms: Math.round(started.opened.ms) }, 'knowledge base opened');

  if (isExport) {
    process.stdout.write(`${JSON.stringify(exportData(kb), null, 2)}\n`);
    return;
  }
  const done = dispatch(name, args, { kb, now }, commandTable, (command, err) => log.error({ err, command }, 'command failed'));
  const text = (): string => renderText(done.reply, { width: Number(process.env.COLUMNS) || 80 });
  if (values.json && done.result) {
    process.stdout.write(`${JSON.stringify(done.result.data, null, 2)}\n`);
    // The data of a question with no answer is empty lists: the message says why, on stderr.
    if (done.outcome !== 'answer') process.stderr.write(text());
  } else (done.outcome === 'answer' ? process.stdout : process.stderr).write(text());
  process.exitCode = EXIT_CODES[done.outcome];
}

// A reader that stops early (`| head`) closes the pipe: stop quietly instead of crashing with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
  process.stderr.write(`dossier: cannot write the answer: ${err.message}\n`);
  process.exit(3);
});

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`dossier: internal error: ${(err as Error).message}\n`);
  process.exit(3);
});

/**
 * `npm run eval`: runs extraction on a corpus (default the seeds) and prints precision and recall against
 * the gold annotations in test/gold/, per article and overall, then what was missed or extra.
 * `--json` prints the whole score as JSON. Exit code 0 always: the floors live in test/eval.test.ts.
 */
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildKnowledgeBaseData } from '../src/kb/build.ts';
import { loadGold, score, type Ratio } from './evalMatch.ts';

const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'data/articles' }, gold: { type: 'string', default: 'test/gold' }, json: { type: 'boolean', default: false } } });
const data = buildKnowledgeBaseData(loadCorpus(values.corpus));
const result = score(data, loadGold(values.gold));

if (values.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const pct = (r: Ratio): string => `${(r.value * 100).toFixed(1).padStart(5)}% ${`${r.hit}/${r.total}`.padStart(6)}`;
  const columns: Array<[string, (s: typeof result.overall) => Ratio]> = [
    ['quotes found', (s) => s.quotesFound], ['speaker right', (s) => s.speakerRight], ['quote precision', (s) => s.quotePrecision],
    ['people+orgs found', (s) => s.entitiesFound], ['people+orgs precision', (s) => s.entityPrecision], ['entity type right', (s) => s.entityTypeRight],
    ['events found', (s) => s.eventsFound], ['event date right', (s) => s.eventDateRight], ['event precision', (s) => s.eventPrecision],
  ];
  const rows = [...result.articles.map((a) => ({ name: a.article.slice(0, 3), s: a })), { name: 'all', s: result.overall }];
  process.stdout.write(`${'metric'.padEnd(22)}${rows.map((r) => r.name.padStart(14)).join('')}\n`);
  for (const [label, pick] of columns) process.stdout.write(`${label.padEnd(22)}${rows.map((r) => pct(pick(r.s)).padStart(14)).join('')}\n`);
  process.stdout.write(`\nentities split in two: ${result.splits.length ? result.splits.join('; ') : 'none'}\n`);
  for (const a of result.articles) {
    const lines = [
      ...a.missedQuotes.map((x) => `missed quote     ${x}`), ...a.wrongSpeakers.map((x) => `wrong speaker    ${x}`), ...a.extraQuotes.map((x) => `extra quote      ${x}`),
      ...a.missedEntities.map((x) => `missed entity    ${x}`), ...a.extraEntities.map((x) => `extra entity     ${x}`),
      ...a.missedEvents.map((x) => `missed event     ${x}`), ...a.extraEvents.map((x) => `extra event      ${x}`),
    ];
    if (lines.length) process.stdout.write(`\n${a.article}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
}

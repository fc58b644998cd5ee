/** The warm-up after start: answers are the same with and without it, and done in slices it lets other work run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandTable } from '../commands/registry.ts';
import { dispatch } from '../src/input/dispatch.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import type { KnowledgeBase } from '../src/kb/knowledgeBase.ts';

const NOW = new Date('2023-06-22T12:00:00Z');
const QUESTIONS: Array<[string, string]> = [
  ['who', 'Gamliel'], ['who', 'Bennett'], ['quote', 'Bennett about Iran'], ['quote', 'Gamliel'],
  ['timeline', '2022'], ['timeline', 'Gamliel'], ['onthisday', '06-22'], ['search', 'political prisoners'],
];

const open = (): KnowledgeBase => openKnowledgeBase({ corpusDir: 'data/articles', cacheDir: false }).kb;
const answers = (kb: KnowledgeBase): string[] => QUESTIONS.map(([c, a]) => JSON.stringify(dispatch(c, a, { kb, now: NOW }, commandTable).reply));

test('answers are the same before and after the warm-up, and after one done in slices', async () => {
  const cold = answers(open());
  const warm = open();
  warm.warmUp();
  assert.deepEqual(answers(warm), cold);

  const gradual = open();
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await gradual.warmUpGradually(0);
  running = false;
  assert.ok(turns >= 3, `the event loop ran ${turns} times during the warm-up`);
  assert.deepEqual(answers(gradual), cold);
});

/** Typing-slip distances behind typo-tolerant search and name lookup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, typoDistance, typosWithin } from '../src/text/similarity.ts';

test('a swap of two neighbouring letters is one slip for typing, two for spelling variants', () => {
  assert.equal(typoDistance('monkesy', 'monkeys'), 1);
  assert.equal(editDistance('monkesy', 'monkeys'), 2);
  assert.equal(typoDistance('amnesty', 'amnesty'), 0);
  assert.equal(typoDistance('amnsty', 'amnesty'), 1);
  assert.equal(typoDistance('tehran', 'teheran'), 1);
  assert.equal(typoDistance('abc', 'xyz'), 3);
});

test('the slips between a typed name and the closest stretch of a longer name', () => {
  assert.equal(typosWithin('gamlial', 'gila gamliel'), 1);
  assert.equal(typosWithin('gmaliel', 'gila gamliel'), 1);
  assert.equal(typosWithin('netanyahoo', 'benjamin netanyahu'), 2);
  assert.equal(typosWithin('federal science cogmmittee', 'federal science committee'), 1);
  assert.equal(typosWithin('gila', 'gila gamliel'), 0);
  assert.equal(typosWithin('zelensky', 'gila gamliel') >= 5, true);
  // A long name after a short one: the scratch rows grow and stay right.
  assert.equal(typosWithin('bennet', `${'x'.repeat(200)} naftali bennett`), 0);
  assert.equal(typosWithin('bennet', 'bennett'), 0);
  assert.equal(typosWithin('', 'anything'), 0);
  // With a budget: exact within it, and budget + 1 for anything past it.
  assert.equal(typosWithin('gmaliel', 'gila gamliel', 2), 1);
  assert.equal(typosWithin('netanyahoo', 'benjamin netanyahu', 2), 2);
  assert.equal(typosWithin('zelensky', 'gila gamliel', 2), 3);
  assert.equal(typosWithin('federal science committee', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 10), 11);
});

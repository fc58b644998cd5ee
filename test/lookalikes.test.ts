import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldLookalikes } from '../src/text/lookalikes.ts';

test('folds Cyrillic look-alikes inside Latin words', () => {
  const input = 'Thе prеsidеnt of Iran dеclarеs support for Hamas and Israеl';
  assert.equal(foldLookalikes(input), 'The president of Iran declares support for Hamas and Israel');
  assert.equal(foldLookalikes(input).length, input.length);
});

test('folds a word made only of look-alikes when the text around it is Latin', () => {
  assert.equal(foldLookalikes('wе sее а big change in thе wаy'), 'we see a big change in the way');
});

test('leaves genuinely Cyrillic and Greek text alone', () => {
  assert.equal(foldLookalikes('Путин сказал'), 'Путин сказал');
  assert.equal(foldLookalikes('Κυριάκος Μητσοτάκης said'), 'Κυριάκος Μητσοτάκης said');
  assert.equal(foldLookalikes('The word мир means peace'), 'The word мир means peace');
});

/** The binary searches the indexes share: galloping from a starting point agrees with a plain binary search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gallop, partitionPoint } from '../src/kb/partitionPoint.ts';

test('gallop finds what partitionPoint finds, from any starting point', () => {
  const sorted = [1, 3, 3, 3, 8, 9, 20, 21, 22, 40, 41, 90];
  for (let from = 0; from <= sorted.length; from++) {
    for (let key = 0; key <= 100; key++) {
      const expected = partitionPoint(from, sorted.length, (i) => sorted[i]! < key);
      assert.equal(gallop(from, sorted.length, (i) => sorted[i]! < key), expected, `key ${key} from ${from}`);
    }
  }
});

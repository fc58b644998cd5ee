/** `quote NAME about TOPIC`'s topic check: a topic word in any form of it, and nothing that merely starts the same way. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasTopic, indexedWord, sameWord, topicWords } from '../src/text/topicMatch.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';

const on = (text: string, topic: string): boolean => hasTopic(text, topicWords(topic));

test('a topic word is found in its inflections and as its people, either way round', () => {
  assert.ok(on('The Israeli people and the Iranian people share so much.', 'Iran'));
  assert.ok(on('Iran has enriched uranium.', 'Iranians'));
  assert.ok(on('Israelis went to the polls.', 'Israel'));
  assert.ok(on('Iraqi forces moved north.', 'Iraq'));
  assert.ok(on('Gazans fled south.', 'Gaza'));
  assert.ok(on('New sanctions were imposed.', 'sanction'));
  assert.ok(on('They were sanctioned last year.', 'sanctions'));
  assert.ok(on('The protesters gathered.', 'protest'));
  assert.ok(on('The wars of the region.', 'war'));
  assert.ok(on('We are hoping for calm.', 'hope'));
  assert.ok(on('“Iran’s leaders,” he said.', 'IRAN'), 'case, curly quotes and a possessive');
});

test('a word that only starts like the topic word is not it', () => {
  assert.equal(on('A warning was issued.', 'war'), false);
  assert.equal(on('They deserve better.', 'desert'), false);
  assert.equal(on('We must protect them.', 'protest'), false);
  assert.equal(on('He was banished.', 'ban'), false);
  assert.equal(on('The finish line.', 'fin'), false);
});

test('every topic word must be there', () => {
  assert.ok(on('Iranian officials met in Vienna.', 'Iranian officials'));
  assert.equal(on('Iranian diplomats met in Vienna.', 'Iranian officials'), false);
  assert.ok(on('Anything at all.', 'of a'), 'words under three letters are not topic words');
});

test('every word a topic word matches starts with the prefix the search index narrows by', () => {
  const cases: Array<[string, string]> = [
    ['iranian', 'iran'], ['iranians', 'iran'], ['iran', 'iranians'], ['iraqi', 'iraq'], ['sanctioned', 'sanctions'],
    ['hoping', 'hope'], ['gazans', 'gaza'], ['gaza', 'gazans'], ['wars', 'war'], ['elected', 'election'],
  ];
  for (const [word, topic] of cases) {
    const [t] = topicWords(topic);
    assert.ok(t && sameWord(word, t), `${word} is a form of ${topic}`);
    assert.ok(word.startsWith(t.prefix), `${word} starts with ${topic}'s prefix "${t.prefix}"`);
  }
});

test('the search index narrows a speaker\'s quotations without losing one: one topic word or several, on the seed corpus', () => {
  const { kb } = openKnowledgeBase({ corpusDir: 'data/articles', cacheDir: false });
  // Topic words from the quotations themselves (so that many match), inflected and as people, and some
  // that are in no quotation; alone and in pairs.
  const words = [...new Set(kb.quotes.flatMap((q) => q.text.split(/[^\p{L}]+/u)).filter((w) => w.length > 3))].sort();
  const picked = words.filter((_, i) => i % 7 === 0).concat(['Iranian', 'sanctioned', 'wars', 'bananas', 'was', 'the']);
  const topics = picked.concat(picked.slice(0, 40).map((w, i) => `${w} ${picked[(i * 13 + 5) % picked.length]}`));
  let checked = 0;
  let narrowedAway = 0;
  for (const speaker of new Set(kb.quotes.map((q) => q.speaker))) {
    if (speaker === null) continue;
    const quotes = kb.quotesBy(speaker);
    for (const topic of topics) {
      const wanted = topicWords(topic);
      const expected = quotes.filter((q) => hasTopic(q.text, wanted));
      const narrowed = kb.quotesPossiblyWith(quotes, wanted.map(indexedWord));
      assert.deepEqual(narrowed.filter((q) => hasTopic(q.text, wanted)), expected, `${speaker} about ${topic}`);
      checked += expected.length;
      narrowedAway += quotes.length - narrowed.length;
    }
  }
  assert.ok(checked > 50, `quotations on topic: ${checked}`);
  assert.ok(narrowedAway > 1000, `quotations the index set aside: ${narrowedAway}`);
});

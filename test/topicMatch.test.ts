/** `quote NAME about TOPIC`'s topic check: a topic word in any form of it, and nothing that merely starts the same way. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasTopic, sameWord, topicWords } from '../src/text/topicMatch.ts';

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

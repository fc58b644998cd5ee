/**
 * Every command over the real seed corpus, called the way the adapters call them (dispatch with the
 * registry), checked for what a person would notice: the right entity, verbatim quotations with their
 * citations, events in date order with their precision, marked search words, clear errors. Also the
 * plain-language router, and the `--json` data shapes of README's JSON contract.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commandTable } from '../commands/registry.ts';
import { route } from '../commands/router.ts';
import { quoteItem } from '../commands/format.ts';
import { dispatch, type Dispatched } from '../src/input/dispatch.ts';
import { ConsoleSession } from '../src/console/session.ts';
import { openKnowledgeBase } from '../src/kb/openSync.ts';
import type { ReplyItem } from '../src/reply/reply.ts';

const { kb } = openKnowledgeBase({ corpusDir: 'data/articles', cacheDir: false });
const NOW = new Date('2023-06-22T12:00:00Z');

/** "who gamliel" → dispatch('who', 'gamliel'), as the CLI does. */
function ask(line: string, now = NOW): Dispatched {
  const [name, ...rest] = line.split(' ');
  return dispatch(name!, rest.join(' '), { kb, now }, commandTable, (command, err) => {
    throw new Error(`${command} threw: ${String(err)}`);
  });
}

/** The command's `--json` data, as a plain object. */
function data(d: Dispatched): Record<string, any> {
  assert.ok(d.result, 'the command ran');
  return JSON.parse(JSON.stringify(d.result.data)) as Record<string, any>;
}

function items(d: Dispatched): ReplyItem[] {
  return d.reply.sections.flatMap((s) => s.items);
}

function allText(d: Dispatched): string {
  const r = d.reply;
  return [r.title, r.summary, r.footer, ...r.sections.flatMap((s) => [s.heading, s.body, ...s.items.flatMap((i) => [i.label, i.text])]), ...(r.suggestions ?? [])]
    .filter(Boolean)
    .join('\n');
}

/** First day a partial date covers, for date-order checks. */
function start(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

function assertDateOrder(events: Array<{ date: string }>): void {
  for (let i = 1; i < events.length; i++) {
    assert.ok(start(events[i - 1]!.date) <= start(events[i]!.date), `${events[i - 1]!.date} comes before ${events[i]!.date}`);
  }
}

// ---- the JSON contract (README) ----

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function assertEntityShape(e: Record<string, any>): void {
  assert.equal(typeof e.id, 'string');
  assert.equal(typeof e.name, 'string');
  assert.ok(['person', 'organization', 'place', 'other'].includes(e.type), `type ${e.type}`);
  assert.ok(Array.isArray(e.aliases) && e.aliases.every((a: unknown) => typeof a === 'string'));
  assert.ok(e.description === null || typeof e.description === 'string');
  assert.ok(Array.isArray(e.articles) && e.articles.length > 0 && e.articles.every((a: unknown) => typeof a === 'string'));
}

function assertQuoteShape(q: Record<string, any>): void {
  for (const key of ['id', 'article', 'text']) assert.equal(typeof q[key], 'string', key);
  assert.ok(q.speaker === null || typeof q.speaker === 'string');
  assert.ok(q.speakerName === null || typeof q.speakerName === 'string');
  assert.ok(['person', 'organization', 'anonymous', 'unknown'].includes(q.speakerKind), `speakerKind ${q.speakerKind}`);
  assert.ok(['direct', 'partial'].includes(q.kind), `kind ${q.kind}`);
}

function assertEventShape(e: Record<string, any>): void {
  for (const key of ['id', 'article', 'text']) assert.equal(typeof e[key], 'string', key);
  assert.match(e.date, PARTIAL_DATE);
  assert.ok(e.end === null || PARTIAL_DATE.test(e.end), `end ${e.end}`);
  assert.ok(['year', 'month', 'day'].includes(e.precision), `precision ${e.precision}`);
  assert.equal(typeof e.approximate, 'boolean');
}

const GAMLIEL_ARTICLE = 'Israeli intelligence minister meets Iranian diaspora in London';
const DISSIDENTS_ARTICLE = 'Iranian dissidents make solidarity visit to Israel, emphasize ayatollah regime is a common enemy';

// ---- who ----

test('who gamliel: Gila Gamliel, a person, with her role, other names and cited sentences', () => {
  const d = ask('who gamliel');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.kind, 'answer');
  assert.equal(d.reply.title, 'Gila Gamliel');
  assert.match(d.reply.summary ?? '', /^Person · Israel.s Intelligence Minister$/);
  assert.ok(d.reply.sections.some((s) => s.heading === 'Also named' && s.body?.includes('Gamliel')));
  const cited = items(d).filter((i) => i.citation);
  assert.ok(cited.length >= 2);
  for (const i of cited) {
    assert.equal(i.citation!.title, GAMLIEL_ARTICLE);
    assert.equal(i.citation!.source, 'Al-Monitor');
    assert.equal(i.citation!.published, '2023-09-06');
  }
  assert.ok(d.reply.sections.some((s) => s.heading === 'Quoted' && /^4 quotations/.test(s.body ?? '')), 'her 4 quotations, not the anonymous source’s');
  const entity = data(d).entity;
  assert.equal(entity.id, 'gila-gamliel');
  assert.equal(entity.type, 'person');
});

test('misspelt and apostrophe names land on the right entity: Gamlial, ra\'isi, ra’isi, Netanyahoo', () => {
  const gamlial = ask('who Gamlial');
  assert.equal(gamlial.outcome, 'answer');
  assert.equal(gamlial.reply.title, 'Gila Gamliel');
  assert.match(gamlial.reply.footer ?? '', /Closest match for "Gamlial"/);
  assert.equal(ask('who Gmaliel').reply.title, 'Gila Gamliel', 'two letters swapped');

  for (const spelling of ["ra'isi", 'ra’isi', 'Raisi']) {
    const d = ask(`who ${spelling}`);
    assert.equal(d.outcome, 'answer', spelling);
    assert.equal(d.reply.title, "Ebrahim Ra'isi", spelling);
    assert.match(d.reply.summary ?? '', /^Person · Iran.s President$/);
    assert.ok(data(d).entity.aliases.includes('Ebrahim Raisi'));
    assert.ok(d.reply.sections.some((s) => s.heading === 'Also named' && s.body?.includes('Ebrahim Raisi')));
  }

  const bibi = ask('who Netanyahoo');
  assert.equal(bibi.outcome, 'answer');
  assert.equal(bibi.reply.title, 'Benjamin Netanyahu');
  assert.equal(bibi.reply.summary, 'Person · Prime Minister');
  const cited = items(bibi).filter((i) => i.citation);
  assert.ok(cited.length >= 1);
  assert.ok(cited.every((i) => i.citation!.title === DISSIDENTS_ARTICLE && i.citation!.source === 'All Israel News'));
  assert.equal(data(bibi).entity.id, 'benjamin-netanyahu');
});

test('who Prime Minister: a choice between several prime ministers', () => {
  const d = ask('who Prime Minister');
  assert.equal(d.reply.kind, 'choice');
  const suggestions = d.reply.suggestions ?? [];
  assert.ok(suggestions.length >= 3, suggestions.join(', '));
  for (const name of ['Naftali Bennett', 'Benjamin Netanyahu', 'Stephen Harper']) assert.ok(suggestions.includes(name), name);
  assert.match(d.reply.summary ?? '', /Naftali Bennett \(former Israeli Prime Minister\)/);
  assert.equal(data(d).entity, null);
  assert.equal(data(d).candidates.length, suggestions.length);
});

test('who president of Iran: a title followed by words that name no person is a role (Ra\'isi is "Iran’s President")', () => {
  for (const typed of ['president of Iran', 'the President of Iran']) {
    const d = ask(`who ${typed}`);
    const names = d.reply.kind === 'choice' ? d.reply.suggestions ?? [] : [data(d).entity?.name];
    assert.equal(names[0], "Ebrahim Ra'isi", `${typed}: ${names.join(', ')}`);
    assert.ok(names.every((n) => !/Organization|Republic|Council/.test(n ?? '')), `${typed}: no organisation "of Iran"`);
  }
  // A title before a person's name is still dropped.
  assert.equal(data(ask('who President Raisi')).entity.name, "Ebrahim Ra'isi");
  assert.equal(data(ask('who Minister Gamliel')).entity.name, 'Gila Gamliel');
});

test('who Zelensky: not found (no-match), no entity made up', () => {
  const d = ask('who Zelensky');
  assert.equal(d.outcome, 'no-match');
  assert.equal(d.reply.kind, 'not-found');
  assert.match(d.reply.title, /No person, organisation or place called "Zelensky"/);
  assert.equal(data(d).entity, null);
});

test('who with no name is a usage message, not a search for nothing', () => {
  const d = ask('who');
  assert.equal(d.outcome, 'bad-input');
  assert.match(d.reply.summary ?? '', /Usage: who NAME/);
});

// ---- quote ----

test('quote Bennett: his two quotations, verbatim, cited, in order', () => {
  const d = ask('quote Bennett');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'Naftali Bennett, in their own words');
  const raw = readFileSync('data/articles/000_14c79f4b99af8c32.txt', 'utf8');
  const list = items(d);
  assert.equal(list.length, 2);
  assert.match(list[0]!.text, /^The Israeli people and the Iranian people share so much/);
  assert.match(list[1]!.text, /^Together, we also face a common threat/);
  for (const i of list) {
    assert.equal(i.verbatim, true);
    assert.equal(i.label, 'Naftali Bennett');
    assert.ok(raw.includes(i.text), `"${i.text}" is in the article word for word`);
    assert.equal(i.citation!.title, DISSIDENTS_ARTICLE);
    assert.equal(i.citation!.source, 'All Israel News');
  }
  assert.ok(list[0]!.citation!.paragraph < list[1]!.citation!.paragraph, 'in the order they were said');
  const quotes = data(d).quotes;
  assert.deepEqual(quotes.map((q: any) => q.speaker), ['naftali-bennett', 'naftali-bennett']);
});

test('quote Gamliel about Iran keeps only the quotations about Iran', () => {
  const all = ask('quote Gamliel');
  assert.equal(items(all).length, 4);
  const d = ask('quote Gamliel about Iran');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'Gila Gamliel, in their own words about "Iran"');
  const list = items(d);
  assert.equal(list.length, 3);
  assert.ok(list.every((i) => /Iran/.test(i.text)));
  assert.ok(!list.some((i) => i.text.startsWith('Europe must deal with banning the IRGC')));
  assert.equal(data(d).topic, 'Iran');
  // The articles are in publication order; within one article, paragraph order.
  const paragraphs = list.map((i) => i.citation!.paragraph);
  assert.deepEqual(paragraphs, [...paragraphs].sort((a, b) => a - b));

  const nothing = ask('quote Gamliel about bananas');
  assert.equal(nothing.outcome, 'no-match');
  assert.match(nothing.reply.summary ?? '', /4 quotations of Gila Gamliel on other subjects/);
});

test('quote NAME TOPIC without "about": a misspelt or cut-short rest of the name is the name, not a topic', () => {
  for (const [typed, speaker] of [['Gila Gamlial', 'Gila Gamliel'], ['Naftali Benett', 'Naftali Bennett'], ['Gila Gamliel', 'Gila Gamliel']] as const) {
    const d = ask(`quote ${typed}`);
    assert.equal(d.outcome, 'answer', typed);
    assert.equal(d.reply.title, `${speaker}, in their own words`, typed);
    assert.equal(data(d).topic, '', typed);
  }
  const cut = ask('quote Reza Pahlav');
  assert.equal(data(cut).speaker.name, 'Reza Pahlavi');
  assert.equal(data(cut).topic, '');
  // A word that is not the rest of the name is still the topic.
  const topical = ask('quote bennett iranians');
  assert.equal(topical.reply.title, 'Naftali Bennett, in their own words about "iranians"');
  assert.equal(data(ask('quote Gamliel Iran')).topic, 'Iran');
});

test('quote NAME TOPIC without "about": a first word that only starts a name does not split off a topic', () => {
  // "Tehr" starts "Tehran": read as a place and a topic, "Tehr Bennett" found nobody (Tehran is not quoted).
  const d = ask('quote Tehr Bennett');
  assert.equal(d.outcome, 'answer');
  assert.equal(data(d).speaker.name, 'Naftali Bennett');
  assert.equal(data(d).topic, '');
  // Alone, the first letters of a name still find it.
  assert.equal(data(ask('quote Gamli')).speaker.name, 'Gila Gamliel');
});

test('quote Prime Minister about Iran: picking a candidate keeps the topic', () => {
  const d = ask('quote Prime Minister about Iran');
  assert.equal(d.reply.kind, 'choice');
  const at = (d.reply.suggestions ?? []).indexOf('Naftali Bennett');
  assert.ok(at >= 0, (d.reply.suggestions ?? []).join(', '));
  assert.equal(d.reply.picks?.[at], 'Naftali Bennett about Iran');
  assert.match(d.reply.footer ?? '', / about Iran"\.$/);
  // In the console, typing the candidate's number asks the same question of that person.
  const session = new ConsoleSession({ table: commandTable, route, context: () => ({ kb, now: NOW }) });
  assert.equal(session.answer('quote Prime Minister about Iran').quit, false);
  const picked = session.answer(String(at + 1));
  assert.ok(!picked.quit);
  assert.equal(picked.reply.title, 'Naftali Bennett, in their own words about "Iran"');
  assert.ok(picked.reply.sections.flatMap((s) => s.items).every((i) => /Iran/.test(i.text)));
  // Without a topic there is nothing to carry: the picks are the names.
  assert.equal(ask('quote Prime Minister').reply.picks, undefined);
});

test('someone who never speaks: "Quotations that mention …", never passed off as theirs', () => {
  // From the data: a person quoted nowhere but named inside someone else's quotation.
  const mentioned = kb.entities.find((e) => e.type === 'person' && kb.quotesBy(e.id).length === 0 && kb.quotesMentioning(e).length > 0);
  assert.ok(mentioned, 'the seeds have such a person');
  assert.equal(mentioned.name, 'Reza Pahlavi');
  const d = ask('quote Pahlavi');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'Quotations that mention Reza Pahlavi');
  assert.match(d.reply.summary ?? '', /Reza Pahlavi is not quoted in the articles; these are other people's words/);
  const list = items(d);
  assert.ok(list.length >= 1);
  for (const i of list) {
    assert.match(i.text, /Pahlavi/);
    assert.ok(!i.label!.includes('Pahlavi'), `label "${i.label}" does not make him the speaker`);
    assert.equal(i.label, 'Gila Gamliel');
  }
  assert.equal(data(d).relation, 'mentioned');
  assert.ok(data(d).quotes.every((q: any) => q.speaker !== mentioned.id));
});

test('an anonymous quotation stays anonymous: "a source close to Gamliel" is not Gamliel', () => {
  const q = kb.quotes.find((x) => x.text.startsWith('The minister considers these meetings'));
  assert.ok(q, 'article 004 has the source’s quotation');
  assert.equal(q.speaker, null);
  assert.equal(q.speakerKind, 'anonymous');
  const item = quoteItem(kb, q);
  assert.match(item.label ?? '', /\(anonymous\)/);
  assert.doesNotMatch(item.label ?? '', /Gamliel/);
  assert.ok(!items(ask('quote Gamliel')).some((i) => i.text === q.text));
  assert.ok(!kb.quotesBy('gila-gamliel').includes(q));
});

test('quote Zelensky: no such speaker', () => {
  const d = ask('quote Zelensky');
  assert.equal(d.outcome, 'no-match');
  assert.match(d.reply.title, /No speaker called "Zelensky"/);
});

// ---- timeline ----

test('timeline 2022: the year’s events in date order, precision in the labels', () => {
  const d = ask('timeline 2022');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'Timeline: 2022');
  const events = data(d).events;
  assert.equal(events.length, 2);
  assert.ok(events.every((e: any) => e.date.startsWith('2022')));
  assertDateOrder(events);
  const labels = items(d).map((i) => i.label);
  assert.deepEqual(labels, ['2022 (year)', '≈ September 2022 (month)']);
  assert.match(items(d)[0]!.text, /^In 2022, Bennett sent greetings/);
  assert.ok(items(d).every((i) => i.citation));
});

test('timeline July 2021 and timeline 2021-07 give the same month, with a day range labelled as such', () => {
  const named = ask('timeline July 2021');
  const iso = ask('timeline 2021-07');
  assert.equal(named.outcome, 'answer');
  assert.equal(named.reply.title, 'Timeline: July 2021');
  assert.equal(iso.reply.title, 'Timeline: July 2021');
  assert.deepEqual(data(named).events.map((e: any) => e.id), data(iso).events.map((e: any) => e.id));
  const events = data(named).events;
  assert.ok(events.length >= 3);
  assert.ok(events.every((e: any) => e.date.startsWith('2021-07')));
  assertDateOrder(events);
  const labels = items(named).map((i) => i.label);
  assert.ok(labels.includes('July 2021 (month)'));
  assert.ok(labels.includes('≈ July 2021 (month)'));
  assert.ok(labels.includes('10 July 2021 – 12 July 2021'), labels.join(' | '));
});

test('timeline 2021..2023: a range, by year, in date order; the count is what is listed', () => {
  const d = ask('timeline 2021..2023');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'Timeline: 2021 to 2023');
  const events = data(d).events;
  assert.ok(events.every((e: any) => e.date >= '2021' && e.date < '2024'));
  assertDateOrder(events);
  assert.deepEqual(d.reply.sections.map((s) => s.heading), ['2021', '2022', '2023']);
  for (const s of d.reply.sections) assert.ok(s.items.every((i) => i.label!.includes(s.heading!)));
  // "a month ago … two weeks later" in one sentence are two records but one line: the summary counts lines.
  const shown = items(d).length;
  assert.equal(d.reply.summary, `${shown} events, in date order.`);
  const june2021 = ask('timeline June 2021');
  assert.equal(items(june2021).length, 1);
  assert.equal(june2021.reply.summary, '1 event, in date order.');
});

test('timeline Gamliel: her dated events, in date order', () => {
  const d = ask('timeline Gamliel');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'Timeline: Gila Gamliel');
  const events = data(d).events;
  assert.ok(events.length >= 5);
  assertDateOrder(events);
  assert.ok(events.some((e: any) => e.date === '2023-06-22'));
  assert.ok(events.every((e: any) => e.entities.includes('gila-gamliel')));
  const labels = items(d).map((i) => i.label);
  assert.ok(labels.includes('22 June 2023'));
  assert.ok(labels.includes('June 2023 (month)'));
  assert.ok(labels.includes('≈ 29 June 2023'), 'a relative date is marked approximate');
});

test('timeline: a year with nothing is not found; a broken date is an error, not a name search', () => {
  const empty = ask('timeline 2030');
  assert.equal(empty.outcome, 'no-match');
  assert.equal(empty.reply.kind, 'not-found');
  assert.match(empty.reply.summary ?? '', /No event in the articles falls in 2030\. The articles' events run from 1979 to 25 June 2025\./);

  for (const bad of ['13-2021', '2021-13', '2021-02-30', 'Feb 30 2021']) {
    const d = ask(`timeline ${bad}`);
    assert.equal(d.outcome, 'bad-input', bad);
    assert.equal(d.reply.kind, 'error', bad);
    assert.equal(d.reply.title, 'Not a date I can read');
    assert.ok(d.reply.summary!.includes(`"${bad}" is not a date`));
    assert.match(d.reply.summary!, /Use a year \(2022\)/);
  }
});

// ---- search ----

test('search political prisoners: passages with exactly those words marked', () => {
  const d = ask('search political prisoners');
  assert.equal(d.outcome, 'answer');
  const list = items(d);
  assert.ok(list.length >= 2);
  for (const i of list) {
    assert.ok(i.marks && i.marks.length >= 2, 'both words are marked');
    const marked = i.marks.map(([s, e]) => i.text.slice(s, e).toLowerCase());
    assert.ok(marked.every((w) => w === 'political' || w === 'prisoners'), marked.join(', '));
    assert.ok(marked.includes('political') && marked.includes('prisoners'));
    assert.ok(i.citation);
  }
  const passages = data(d).passages;
  assert.equal(data(d).matchedAllWords, true);
  for (const p of passages) {
    const marked = p.marks.map(([s, e]: [number, number]) => p.text.slice(s, e).toLowerCase());
    assert.ok(marked.length > 0 && marked.every((w: string) => w === 'political' || w === 'prisoners'), marked.join(', '));
  }
  // The long second passage is cut around the words, and its marks moved with it.
  assert.ok(list.some((i) => i.text.startsWith('…')));
});

test('search of only common words is a clear error', () => {
  const d = ask('search the of and');
  assert.equal(d.outcome, 'bad-input');
  assert.equal(d.reply.kind, 'error');
  assert.equal(d.reply.title, 'Nothing to search for');
  assert.match(d.reply.summary ?? '', /only very common words/);
});

// ---- onthisday ----

test('onthisday 06-22: the June 22, 2023 meeting', () => {
  const d = ask('onthisday 06-22');
  assert.equal(d.outcome, 'answer');
  assert.equal(d.reply.title, 'On this day: June 22');
  const list = items(d);
  assert.equal(list.length, 1);
  assert.equal(list[0]!.label, '22 June 2023');
  assert.match(list[0]!.text, /^On June 22, the Israeli minister met with British Minister of State/);
  assert.equal(list[0]!.citation!.title, GAMLIEL_ARTICLE);
  assert.equal(data(d).nearest, false);
  assert.deepEqual(data(d).events.map((e: any) => e.date), ['2023-06-22']);
});

test('onthisday 06-24: nothing that day, so the nearest day within three, labelled with its offset', () => {
  const d = ask('onthisday 06-24');
  assert.equal(d.outcome, 'answer');
  const json = data(d);
  assert.equal(json.nearest, true);
  assert.equal(json.shownDay, '06-23');
  assert.equal(json.offset, -1);
  assert.ok(json.events.length >= 1 && json.events.every((e: any) => e.date.endsWith('-06-23')));
  assert.equal(d.reply.summary, 'Nothing in the articles happened on June 24. Nearest: June 23 (1 day before).');
  assert.equal(d.reply.sections[0]!.heading, 'Nearest day: June 23');

  const far = ask('onthisday 12-31');
  assert.equal(far.outcome, 'no-match');
  assert.match(far.reply.summary ?? '', /nor within 3 days/);
});

test('onthisday 02-30 is an error; with no day it uses "now"', () => {
  const bad = ask('onthisday 02-30');
  assert.equal(bad.outcome, 'bad-input');
  assert.match(bad.reply.summary ?? '', /"02-30" is not a month and day/);

  const today = ask('onthisday');
  assert.equal(today.reply.title, 'On this day: June 22');
  assert.deepEqual(data(today).events.map((e: any) => e.date), ['2023-06-22']);
  const october = ask('onthisday', new Date('2024-10-07T09:00:00Z'));
  assert.equal(october.reply.title, 'On this day: October 7');
  assert.ok(data(october).events.length >= 1 && data(october).events.every((e: any) => e.date === '2023-10-07'));
});

// ---- about, help ----

test('about: 5 articles from 4 outlets', () => {
  const d = ask('about');
  assert.equal(d.outcome, 'answer');
  assert.match(d.reply.summary ?? '', /^5 articles from 4 outlets, published July 2021 to 25 June 2025\./);
  assert.equal(items(d).length, 5);
  assert.equal(d.reply.footer, 'Outlets: Al-Monitor, All Israel News, JNS, levant');
  const json = data(d);
  assert.equal(json.articles.length, 5);
  assert.deepEqual(json.outlets, ['Al-Monitor', 'All Israel News', 'JNS', 'levant']);
  // Undated articles come last.
  assert.equal(items(d)[4]!.label, 'date unknown');
});

test('help lists all seven commands with examples; help quote just the one', () => {
  const d = ask('help');
  assert.equal(d.outcome, 'answer');
  const names = ['who', 'quote', 'timeline', 'search', 'onthisday', 'about', 'help'];
  assert.deepEqual(d.reply.sections.map((s) => s.heading!.split(' ')[0]), names);
  assert.ok(d.reply.sections.every((s) => /For example: \S/.test(s.body ?? '')), 'each command shows examples');
  assert.deepEqual(data(d).commands.map((c: any) => c.name), names);
  const one = ask('help quote');
  assert.deepEqual(one.reply.sections.map((s) => s.heading), ['quote NAME [about TOPIC]']);
  assert.equal(ask('nosuchcommand x').outcome, 'bad-input');
  assert.match(allText(ask('nosuchcommand x')), /There is no command "nosuchcommand"/);
});

// ---- the router ----

test('the router: commands with or without a slash, plain questions, and null for anything else', () => {
  assert.deepEqual(route('who is gamliel'), { command: 'who', args: 'gamliel' });
  assert.deepEqual(route('Who is Gamliel?'), { command: 'who', args: 'Gamliel' });
  assert.deepEqual(route('/who Gila Gamliel'), { command: 'who', args: 'Gila Gamliel' });
  assert.deepEqual(route('/who is gamliel'), { command: 'who', args: 'gamliel' });
  assert.deepEqual(route('what did bennett say about iran'), { command: 'quote', args: 'bennett about iran' });
  assert.deepEqual(route('what did Gamliel say?'), { command: 'quote', args: 'Gamliel' });
  assert.deepEqual(route('quotes by IRNA'), { command: 'quote', args: 'IRNA' });
  assert.deepEqual(route('timeline 2022'), { command: 'timeline', args: '2022' });
  assert.deepEqual(route('what happened in July 2021'), { command: 'timeline', args: 'July 2021' });
  assert.deepEqual(route('on this day'), { command: 'onthisday', args: '' });
  assert.deepEqual(route('today in history'), { command: 'onthisday', args: '' });
  assert.deepEqual(route('help'), { command: 'help', args: '' });
  assert.deepEqual(route('?'), { command: 'help', args: '' });
  assert.deepEqual(route('search for nuclear deal'), { command: 'search', args: 'nuclear deal' });
  assert.equal(route('the regime has produced nothing but poverty'), null);
  assert.equal(route('political prisoners'), null);
  assert.equal(route('/nosuchcommand'), null);
});

test('routed questions answer: "what did bennett say about iran" is Bennett on Iran', () => {
  const r = route('what did bennett say about iran');
  assert.ok(r);
  const d = dispatch(r.command, r.args, { kb, now: NOW }, commandTable);
  assert.equal(d.reply.title, 'Naftali Bennett, in their own words about "iran"');
  assert.equal(items(d).length, 2);
  const irna = route('quotes by IRNA')!;
  assert.equal(dispatch(irna.command, irna.args, { kb, now: NOW }, commandTable).reply.title, 'IRNA, in their own words');
});

// ---- --json shapes ----

test('--json data follows the contract: who, quote, timeline, search', () => {
  const who = data(ask('who gamliel'));
  assertEntityShape(who.entity);
  assert.equal(who.entity.name, 'Gila Gamliel');
  assert.deepEqual(who.entity.articles, ['004_7b4733be0471e72c']);

  const quotes = data(ask('quote Bennett')).quotes;
  assert.equal(quotes.length, 2);
  for (const q of quotes) {
    assertQuoteShape(q);
    assert.equal(q.article, '000_14c79f4b99af8c32');
    assert.equal(q.speakerKind, 'person');
    assert.equal(q.kind, 'direct');
  }
  const partial = data(ask('quote Raisi')).quotes;
  assert.ok(partial.length > 0 && partial.every((q: any) => q.kind === 'partial'));

  for (const line of ['timeline 2021..2023', 'timeline Gamliel', 'onthisday 06-22']) {
    const events = data(ask(line)).events;
    assert.ok(events.length > 0, line);
    for (const e of events) assertEventShape(e);
  }
  const range = data(ask('timeline July 2021')).events.find((e: any) => e.end !== null);
  assert.deepEqual([range.date, range.end, range.precision], ['2021-07-10', '2021-07-12', 'day']);

  const passages = data(ask('search political prisoners')).passages;
  for (const p of passages) {
    for (const key of ['id', 'article', 'text']) assert.equal(typeof p[key], 'string', key);
    assert.equal(typeof p.paragraph, 'number');
    assert.ok(Array.isArray(p.marks) && p.marks.every((m: unknown) => Array.isArray(m) && m.length === 2));
  }
});

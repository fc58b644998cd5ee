import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleOf } from './helpers/article.ts';
import { extractEvents } from '../src/extract/events.ts';
import { loadCorpus } from '../src/corpus/load.ts';

/** The events of one paragraph, as "date[..end] precision[~] expression". */
function eventsOf(text: string, published: string | null = '2023-09-06'): string[] {
  const article = articleOf([text], published ?? '2023-09-06');
  if (published === null) article.published = null;
  return extractEvents(article).map((e) => `${e.date}${e.end ? `..${e.end}` : ''} ${e.precision}${e.approximate ? '~' : ''} ${e.expression}`);
}

test('a weekday in past tense is the latest such day on or before publication (2023-09-06 was a Wednesday)', () => {
  assert.deepEqual(eventsOf('The minister met activists on Wednesday in London.'), ['2023-09-06 day on Wednesday']);
  assert.deepEqual(eventsOf('The minister met activists on Monday in London.'), ['2023-09-04 day on Monday']);
  assert.deepEqual(eventsOf('Militants infiltrated Israel early on Saturday.'), ['2023-09-02 day early on Saturday']);
});

test('a weekday in future tense is the next such day', () => {
  assert.deepEqual(eventsOf('The minister will meet activists on Friday.'), ['2023-09-08 day on Friday']);
});

test('the tense is the clause’s, not the sentence’s: a past clause and a future one each resolve their own way', () => {
  // Published Wednesday 2023-09-06.
  assert.deepEqual(eventsOf('The mayor said on Monday that construction will begin in November.'), ['2023-09-04 day on Monday', '2023-11 month in November']);
  assert.deepEqual(eventsOf('The board, which met on Tuesday, will vote on Friday.'), ['2023-09-05 day on Tuesday', '2023-09-08 day on Friday']);
  assert.deepEqual(eventsOf('The museum closed in January and will reopen in October.'), ['2023-01 month in January', '2023-10 month in October']);
  assert.deepEqual(eventsOf('The president said the talks would resume in October.'), ['2023-10 month in October']);
  assert.deepEqual(eventsOf('A flood warning remains in place until Friday.'), ['2023-09-08 day Friday']);
  assert.deepEqual(eventsOf('Troops shelled the town on Sunday, while talks were scheduled elsewhere.'), ['2023-09-03 day on Sunday']);
  // "last" as a verb is a duration, not a date.
  assert.deepEqual(eventsOf('The trial is expected to last three weeks.'), []);
});

test('calendar words: last, next and this year, month or week; a month "last year"; early, mid and late', () => {
  // Published Wednesday 2023-09-06.
  assert.deepEqual(eventsOf('Sales fell last year.'), ['2022 year last year']);
  assert.deepEqual(eventsOf('The plant closed in January last year.'), ['2022-01 month in January last year']);
  assert.deepEqual(eventsOf('Prices will rise next year, and talks resume next month.'), ['2024 year next year', '2023-10 month next month']);
  assert.deepEqual(eventsOf('The minister resigned earlier this month.'), ['2023-09 month earlier this month']);
  assert.deepEqual(eventsOf('Growth slowed earlier this year.'), ['2023 year earlier this year']);
  assert.deepEqual(eventsOf('The deal was signed in early May.'), ['2023-05 month~ in early May']);
  assert.deepEqual(eventsOf('Construction started in mid-2021.'), ['2021 year~ in mid-2021']);
  assert.deepEqual(eventsOf('Iran has changed since the 1979 revolution.'), ['1979 year since the 1979']);
  // A schedule in the present tense is to come; a stray "weekend" is no date.
  assert.deepEqual(eventsOf('The election is in November.'), ['2023-11 month in November']);
  assert.deepEqual(eventsOf('The vote is on Saturday.'), ['2023-09-09 day on Saturday']);
  assert.deepEqual(eventsOf('Inflation is at its lowest level since January, and the economy is smaller than in February.'), ['2023-01 month since January', '2023-02 month in February']);
  assert.deepEqual(eventsOf('They spent the Easter weekend in 2015 at home.'), ['2015 year in 2015']);
});

test('a month and day without a year take the publication year, or the year before when that would be in the future', () => {
  assert.deepEqual(eventsOf('On June 22, the minister met officials.'), ['2023-06-22 day On June 22']);
  assert.deepEqual(eventsOf('On Nov. 3, the minister met officials.'), ['2022-11-03 day On Nov. 3']);
  assert.deepEqual(eventsOf('On Aug. 10, Gamliel spoke at a meeting.'), ['2023-08-10 day On Aug. 10']);
});

test('"last June" and "In June" are months, resolved to the latest past one', () => {
  assert.deepEqual(eventsOf('Gamliel traveled to Rome last June.'), ['2023-06 month last June']);
  assert.deepEqual(eventsOf('Pahlavi visited Israel last April.'), ['2023-04 month last April']);
  assert.deepEqual(eventsOf('In June, the republic convened meetings.'), ['2023-06 month In June']);
  assert.deepEqual(eventsOf('In October, the republic convened meetings.'), ['2022-10 month In October']);
});

test('full dates, month-year and years are taken as written', () => {
  assert.deepEqual(eventsOf('The treaty was signed on Sept. 11, 2001, in Paris.'), ['2001-09-11 day on Sept. 11, 2001']);
  assert.deepEqual(eventsOf('Protests broke out in November 2019 in many cities.'), ['2019-11 month in November 2019']);
  assert.deepEqual(eventsOf('Ties were close before the revolution in 1979.'), ['1979 year in 1979']);
  assert.deepEqual(eventsOf('Since the Islamic Revolution of 1979, Iran has backed the cause.'), ['1979 year of 1979']);
  assert.deepEqual(eventsOf('In 2022, Bennett sent greetings.'), ['2022 year In 2022']);
});

test('ranges keep their end', () => {
  assert.deepEqual(eventsOf('The gathering was held on July 10-12 online.'), ['2023-07-10..2023-07-12 day on July 10-12']);
  assert.deepEqual(eventsOf('He served as envoy from 2015 to 2019.'), ['2015..2019 year from 2015 to 2019']);
});

test('vague relative dates are approximate, and "later" counts from the previous date in the story', () => {
  assert.deepEqual(eventsOf('Protests began in Tehran nearly a year ago.'), ['2022-09 month~ nearly a year ago']);
  assert.deepEqual(eventsOf('Elections were held a month ago.'), ['2023-08 month~ a month ago']);
  assert.deepEqual(eventsOf('Three days ago, the court ruled.'), ['2023-09-03 day Three days ago']);
  const story = articleOf(['On June 22, the minister met officials in London.', 'A week later in Italy, she met a senator.']);
  assert.deepEqual(extractEvents(story).map((e) => `${e.date} ${e.approximate}`), ['2023-06-22 false', '2023-06-29 true']);
});

test('with a month-precision publication date, shifts shorter than a month stay in that month', () => {
  assert.deepEqual(eventsOf('But last week, the opposition held a rally.', '2021-07'), ['2021-07 month~ last week']);
  assert.deepEqual(eventsOf('The gathering was held on July 10-12.', '2021-07'), ['2021-07-10..2021-07-12 day on July 10-12']);
});

test('durations, counts, times of day, "now" and dates without a year are not events', () => {
  assert.deepEqual(eventsOf('For 33 years the world had forgotten the prisoners.'), []);
  assert.deepEqual(eventsOf('The gathering was held for 3 days online.'), []);
  assert.deepEqual(eventsOf('Jews have lived there for 3,000 years.'), []);
  assert.deepEqual(eventsOf('The camp holds 2000 people and 1500 soldiers.'), []);
  assert.deepEqual(eventsOf('The meeting starts at 10:30 am sharp.'), []);
  assert.deepEqual(eventsOf('Now the regime is weaker than ever.'), []);
  assert.deepEqual(eventsOf('He was mayor at the time of the 9/11 attacks.'), []);
  assert.deepEqual(eventsOf('They prepare for "the day after" in Iran.'), []);
  assert.deepEqual(eventsOf('A day after the attack, the president called.'), []);
});

test('with no publication date, relative dates stay unresolved and absolute ones are kept', () => {
  assert.deepEqual(eventsOf('The minister met activists on Wednesday. Protests began last June.', null), []);
  assert.deepEqual(eventsOf('The sites of the October 7 attacks were moving.', null), []);
  assert.deepEqual(eventsOf('In July 2021, dissidents urged Bennett to act.', null), ['2021-07 month In July 2021']);
});

test('the seed articles give their dated events, resolved against their publication dates', () => {
  const corpus = loadCorpus('data/articles');
  const got = new Set(corpus.articles.flatMap((a) => extractEvents(a).map((e) => `${a.id.slice(0, 3)} ${e.date}${e.end ? `..${e.end}` : ''}`)));
  for (const want of [
    '000 1979', '000 2021-07', '000 2022',
    '001 2025-06-23', '001 2025-06-25',
    '002 2021-06', '002 2021-07', '002 2021-07-10..2021-07-12', '002 1988', '002 2019-11', '002 2019',
    '003 2023-10-07', '003 2023-10-08', '003 2023-06', '003 2020', '003 1979',
    '004 2023-09-06', '004 2023-04', '004 2023-06', '004 2023-06-22', '004 2023-06-29', '004 2023-08-10', '004 2022-09', '004 2023-03-08', '004 1979',
  ]) assert.ok(got.has(want), `missing ${want}`);
  assert.equal(got.size, 25, [...got].join(', '));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleOf, entitiesOf } from './helpers/article.ts';
import { buildKnowledgeBaseData } from '../src/kb/build.ts';
import type { Corpus } from '../src/corpus/article.ts';
import type { LocalEntity } from '../src/extract/analysis.ts';

function named(entities: LocalEntity[], name: string): LocalEntity | undefined {
  return entities.find((e) => e.name === name);
}

test('a surname alone joins the full name; titles and possessives are not part of the name', () => {
  const es = entitiesOf([
    'Germany’s Finance Minister Katrin Vogel met bankers in Frankfurt.',
    'Vogel’s plan was welcomed by Dr. Emil Hartmann. Sen. Vogel was not there; Katrin Vogel was.',
  ]);
  const vogel = named(es, 'Katrin Vogel');
  assert.ok(vogel, 'Katrin Vogel is found');
  assert.equal(vogel.type, 'person');
  assert.ok(vogel.mentions.length >= 4, 'the surname mentions join her');
  assert.ok(named(es, 'Emil Hartmann'), 'the title Dr. is not part of the name');
  assert.equal(es.filter((e) => /Vogel/.test(e.name)).length, 1, 'one entity for Vogel');
});

test('an acronym introduced in brackets is an alias of the organisation, either way round', () => {
  const a = entitiesOf(['The World Meteorological Organization (WMO) issued a warning. The WMO said more storms are coming.']);
  const wmo = named(a, 'World Meteorological Organization');
  assert.ok(wmo);
  assert.ok(wmo.aliases.includes('WMO'));
  assert.equal(a.filter((e) => e.name === 'WMO').length, 0);
  const b = entitiesOf(['The report by the IAEA (the International Atomic Energy Agency) was published.']);
  assert.ok(b.some((e) => e.name === 'International Atomic Energy Agency' && e.aliases.includes('IAEA')));
});

test('roles come from the text: title phrases, appositions and "said X, founder of"', () => {
  const es = entitiesOf([
    'Brazil’s Environment Minister Carla Mendes visited the dam.',
    'Joao Pereira, an engineer who designed the spillway, guided the visit.',
    '“It will hold,” said Beatriz Lima, founder of the River Watch Institute.',
  ]);
  assert.deepEqual(named(es, 'Carla Mendes')?.roles, ['Brazil’s Environment Minister']);
  assert.deepEqual(named(es, 'Joao Pereira')?.roles, ['an engineer who designed the spillway']);
  assert.deepEqual(named(es, 'Beatriz Lima')?.roles, ['founder of the River Watch Institute']);
  // A word after a preposition is a noun, not the verb that would end the apposition.
  const holm = entitiesOf(['“The rules are clear,” said Margrethe Holm, the commissioner in charge of competition.']);
  assert.deepEqual(named(holm, 'Margrethe Holm')?.roles, ['the commissioner in charge of competition']);
  // A description before the name, at the start of a sentence (after a fronted clause too), but not in a list.
  const apposed = entitiesOf([
    'The city’s attorney, Rebecca Lindqvist, said every procedure was followed.',
    'Asked about the vote, its chief executive, Sir James Bevington, declined to comment. Holm’s deputy, Markus Bauer, was cautious.',
    'Guests included Mike Pomfret, the former envoy to Oslo, Mr. Jan Jansson, the current mayor of Turku, and others.',
    'Local MP Rachael Maskelyne called for an inquiry.',
  ]);
  assert.deepEqual(named(apposed, 'Rebecca Lindqvist')?.roles, ['The city’s attorney']);
  assert.deepEqual(named(apposed, 'James Bevington')?.roles, ['Sir', 'its chief executive']);
  assert.deepEqual(named(apposed, 'Markus Bauer')?.roles, ['Holm’s deputy']);
  assert.deepEqual(named(apposed, 'Jan Jansson')?.roles, ['Mr.', 'the current mayor of Turku']);
  assert.deepEqual(named(apposed, 'Rachael Maskelyne')?.roles, ['Local MP']);
  assert.equal(named(es, 'River Watch Institute')?.type, 'organization');
});

test('a list of titled people gives each their own title, not the next person’s', () => {
  const es = entitiesOf(['Speakers included former Dutch Prime Minister Jan Peter Balkenende, former Danish Prime Minister Lars Rasmussen, and Sen. Maria Cantwell.']);
  assert.deepEqual(named(es, 'Jan Peter Balkenende')?.roles, ['former Dutch Prime Minister']);
  assert.deepEqual(named(es, 'Lars Rasmussen')?.roles, ['former Danish Prime Minister']);
  assert.equal(named(es, 'Maria Cantwell')?.type, 'person');
});

test('a leading head names a river, a mountain or a storm, not a person; a title after it does not', () => {
  const es = entitiesOf([
    'The River Ouse burst its banks after Storm Dennis swept across the country; Hurricane Ian followed.',
    'Climbers returned from Mount Kenya. Port Minister Leilani Saunders visited the Port Corporation.',
  ]);
  // Several particles inside a name, and the surname with its particle alone, are one person.
  const leyen = entitiesOf(['Commission President Ursula von der Leyen spoke on Sunday. Von der Leyen later left.']);
  assert.deepEqual(leyen.filter((e) => e.type === 'person').map((e) => [e.name, e.aliases]), [['Ursula von der Leyen', ['Von der Leyen']]]);
  // A first name before a surname that is also an organisation's head word ("Stone") is a person.
  const titled = entitiesOf(['Dr Amelia Stone runs the trust. Witness Denise Carter testified.']);
  assert.deepEqual([named(titled, 'Amelia Stone')?.type, named(titled, 'Amelia Stone')?.roles, named(titled, 'Denise Carter')?.roles], ['person', ['Dr'], ['Witness']]);
  assert.deepEqual(['River Ouse', 'Storm Dennis', 'Hurricane Ian', 'Mount Kenya', 'Leilani Saunders', 'Port Corporation'].map((n) => named(es, n)?.type),
    ['place', 'other', 'other', 'place', 'person', 'organization']);
});

test('places, organisations and events get their types; demonyms and sentence-initial words are not entities', () => {
  const es = entitiesOf([
    'Following the talks, Norwegian officials flew to Oslo. The Camp David Accords were recalled.',
    'Meanwhile the Red Cross sent aid to the Gaza Strip and Kenyan volunteers joined.',
  ]);
  assert.equal(named(es, 'Oslo')?.type, 'place');
  assert.equal(named(es, 'Gaza Strip')?.type, 'place');
  assert.equal(named(es, 'Red Cross')?.type ?? 'organization', 'organization');
  assert.equal(named(es, 'Camp David Accords')?.type, 'other');
  for (const bad of ['Following', 'Meanwhile', 'Norwegian', 'Kenyan']) assert.equal(named(es, bad), undefined, `${bad} is not an entity`);
});

function corpusOf(...articles: string[][]): Corpus {
  return { dir: '/tmp', articles: articles.map((p, i) => articleOf(p, `2024-0${i + 1}-10`)), warnings: [] };
}

test('across articles: spelling variants merge, people who share a surname do not', () => {
  const data = buildKnowledgeBaseData(corpusOf(
    ['President Volodymyr Zelenskyy spoke in Kyiv. Zelenskyy thanked Mark Rutte.'],
    ['President Volodymyr Zelenskiy met Andriy Yermak in Lviv. Ruslan Yermak was not present.'],
    ['Zelenskyy’s office declined to comment on the visit by Rutte.'],
  ));
  const zelensky = data.entities.filter((e) => /Zelensk/.test(e.name));
  assert.equal(zelensky.length, 1, 'one Zelenskyy');
  assert.equal(zelensky[0]?.articles.length, 3, 'the lone surname in the third article joins him');
  assert.ok(data.entities.some((e) => e.name === 'Andriy Yermak'));
  assert.ok(data.entities.some((e) => e.name === 'Ruslan Yermak'), 'another Yermak stays apart');
  const rutte = data.entities.filter((e) => /Rutte/.test(e.name));
  assert.equal(rutte.length, 1);
});

test('across articles: the same acronym joins two spellings of an organisation; generic names stay apart', () => {
  const data = buildKnowledgeBaseData(corpusOf(
    ['The Kurdistan Workers’ Party (PKK) announced a ceasefire. The Foreign Ministry of Turkey responded.'],
    ['The Kurdistan Workers Party (PKK) laid down arms. The Foreign Ministry in Baghdad welcomed it.'],
  ));
  const pkk = data.entities.filter((e) => e.aliases.includes('PKK') || e.name === 'PKK');
  assert.equal(pkk.length, 1);
  assert.equal(data.entities.filter((e) => e.name === 'Foreign Ministry').length, 1, 'only one article says just "Foreign Ministry"');
});

test('organisations named before a title, clubs named after their city, places after "in" and "at"', () => {
  const es = entitiesOf(['Apple CEO Tim Cook spoke in Cupertino.', 'Manchester United manager Erik ten Hag praised the crowd at Old Trafford.']);
  assert.equal(named(es, 'Apple')?.type, 'organization');
  assert.deepEqual(named(es, 'Tim Cook')?.roles, ['Apple CEO']);
  assert.equal(named(es, 'Manchester United')?.type, 'organization');
  assert.equal(named(es, 'Erik ten Hag')?.type, 'person');
  assert.equal(named(es, 'Cupertino')?.type, 'place');
  assert.equal(named(es, 'Old Trafford')?.type, 'place');
});

test('an organisation named again without its country is one entity; a byline\'s staff are the outlet', () => {
  const es = entitiesOf(['More than 30 members of the US Congress attended, including Kevin McCarthy, the Republican leader in Congress.']);
  const congress = es.filter((e) => /Congress/.test(e.name));
  assert.equal(congress.length, 1, congress.map((e) => e.name).join(', '));
  assert.deepEqual([congress[0]?.name, congress[0]?.aliases], ['US Congress', ['Congress']]);
  const staff = entitiesOf(['The All Israel News Staff is a team of journalists in Israel.']);
  assert.equal(named(staff, 'All Israel News')?.type, 'organization');
});

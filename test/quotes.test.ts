import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quotesOf } from './helpers/article.ts';

test('"…," X said — the speaker after the quotation', () => {
  const q = quotesOf(['“We will rebuild the harbour before winter,” Maria Lindqvist said.']);
  assert.equal(q.length, 1);
  assert.equal(q[0]?.speaker, 'Maria Lindqvist');
  assert.equal(q[0]?.text, 'We will rebuild the harbour before winter');
  assert.equal(q[0]?.kind, 'direct');
});

test('said X, the ROLE of ORG — inverted attribution with an apposition naming an organisation', () => {
  const q = quotesOf(['“The numbers do not lie,” said Oskar Brandt, the chief economist of the Nordic Trade Council.']);
  assert.equal(q[0]?.speaker, 'Oskar Brandt');
});

test('X said: "…" — the speaker before the quotation, with a title in front of the name', () => {
  const q = quotesOf(['Finnish Foreign Minister Elina Valtonen said: "Our borders stay open to trade."']);
  assert.equal(q[0]?.speaker, 'Elina Valtonen');
});

test('X told OUTLET — the outlet is not the speaker', () => {
  const q = quotesOf(['“We expect a deal by Friday,” Rafael Ortega told Reuters on Tuesday.']);
  assert.equal(q[0]?.speaker, 'Rafael Ortega');
});

test('he said / he added / he continued point back to the last speaker, not the last name', () => {
  const q = quotesOf([
    '“The bridge will open in May,” said Tomasz Nowak, the mayor of Gdynia.',
    '“It has taken far too long,” he added. “But we are there now,” he continued.',
    'Critics, including Anna Kowalska of the Civic Forum, were unconvinced.',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Tomasz Nowak', 'Tomasz Nowak', 'Tomasz Nowak']);
});

test('"he" after reported speech points to the person who spoke last, even without quotes', () => {
  const q = quotesOf([
    '“This is only the start,” said Lena Fischer, who chairs the committee.',
    'Professor Jonas Weber, director of the Institute for Coastal Research, said that the results were clear.',
    '“The sea level data leave no doubt,” he said.',
  ]);
  assert.equal(q[1]?.speaker, 'Jonas Weber');
});

test('an apposition that names someone else does not steal the quote', () => {
  const q = quotesOf(['Karim Haddad, a senior adviser to Prime Minister Najib Mikati, said, “The cabinet will meet tomorrow.”']);
  assert.equal(q[0]?.speaker, 'Karim Haddad');
});

test('a quotation split around its attribution gives two quotes by one speaker', () => {
  const q = quotesOf(['“We have the votes,” Senator Paula Greer said. “And we will use them next week.”']);
  assert.equal(q.length, 2);
  assert.deepEqual(q.map((x) => x.speaker), ['Paula Greer', 'Paula Greer']);
});

test('an unattributed quotation paragraph continues the previous speaker', () => {
  const q = quotesOf([
    '“Nobody expected the river to rise so fast,” said Hannah Olsen, the town’s fire chief.',
    '“We evacuated four hundred homes in a single night.”',
  ]);
  assert.equal(q.length, 2);
  assert.equal(q[1]?.speaker, 'Hannah Olsen');
});

test('a quotation running over two paragraphs (no closing mark on the first) keeps its speaker', () => {
  const q = quotesOf([
    'Mayor Ines Duarte said: “The plan has three parts. First, we rebuild the schools.',
    '“Second, we repair the roads before the rains come.”',
  ]);
  assert.equal(q.length, 2);
  assert.deepEqual(q.map((x) => x.speaker), ['Ines Duarte', 'Ines Duarte']);
});

test('a missing opening mark: the quotation runs from the start of the paragraph', () => {
  const q = quotesOf(['The talks covered energy and security,” the state news agency ANSA reported.']);
  assert.equal(q.length, 1);
  assert.match(q[0]?.text ?? '', /^The talks covered energy/);
});

test('mismatched marks (straight opening, curly closing; closing mark turned the wrong way)', () => {
  const a = quotesOf(['"We are ready for the season,” coach Luis Moreno said.']);
  assert.equal(a[0]?.speaker, 'Luis Moreno');
  assert.equal(a[0]?.text, 'We are ready for the season');
  const b = quotesOf(['Dmitri Orlov said, “The pipeline is finished. “']);
  assert.equal(b.length, 1);
  assert.equal(b[0]?.text, 'The pipeline is finished.');
});

test('nested single quotes stay inside the quotation', () => {
  const q = quotesOf(['“My grandmother called it ‘the long winter’ and never spoke of it again,” Sofia Marin said.']);
  assert.equal(q.length, 1);
  assert.match(q[0]?.text ?? '', /‘the long winter’/);
});

test('a partial quotation woven into a sentence is a partial quote of the sentence’s speaker', () => {
  const q = quotesOf(['Minister Aylin Demir described the agreement as a “historic turning point” for the region.']);
  assert.equal(q.length, 1);
  assert.equal(q[0]?.kind, 'partial');
  assert.equal(q[0]?.speaker, 'Aylin Demir');
});

test('scare quotes, titles, names of operations and slogans are not quotations', () => {
  const q = quotesOf([
    'The conference, titled “Water for All,” drew delegates from forty countries.',
    'The army launched the “Northern Shield” operation in the spring.',
    'Protesters branded the plan a “land grab” and chanted slogans.',
    'Officials are preparing for “the day after” the ceasefire.',
  ]);
  assert.deepEqual(q, []);
});

test('an anonymous source stays anonymous, even when a name stands right next to it', () => {
  const q = quotesOf([
    'Defence Minister Pieter Claes met his counterparts in Brussels on Monday.',
    '“The minister is confident about the new budget,” a source close to Claes told Le Soir.',
    '“We will not comment on the numbers,” a spokesperson for the ministry said.',
  ]);
  assert.equal(q.length, 2);
  assert.deepEqual(q.map((x) => [x.speaker, x.speakerKind]), [[null, 'anonymous'], [null, 'anonymous']]);
});

test('"the minister" refers to the one minister the article names', () => {
  const q = quotesOf([
    'Health Minister Rosa Quintero opened the new hospital wing on Friday.',
    '“This wing will serve ten thousand patients a year,” the minister said.',
  ]);
  assert.equal(q[0]?.speaker, 'Rosa Quintero');
});

test('an organisation can be the speaker', () => {
  const q = quotesOf(['“The company will appeal the ruling,” Vestas Group said in a statement.']);
  assert.equal(q[0]?.speaker, 'Vestas Group');
  assert.equal(q[0]?.speakerKind, 'organization');
});

test('British single quotation marks, and "she added:" on the next paragraph', () => {
  const q = quotesOf(["'We will not back down,' said Priti Shah, the home secretary.", "She added: 'The law is clear.'"]);
  assert.deepEqual(q.map((x) => [x.text, x.speaker]), [['We will not back down', 'Priti Shah'], ['The law is clear.', 'Priti Shah']]);
});

test('according to X, ROLE, "…"', () => {
  const q = quotesOf(['According to Hugo Lambert, the party’s treasurer, “the accounts are in order.”']);
  assert.equal(q[0]?.speaker, 'Hugo Lambert');
});

test('"she said" after a sentence about her in the same paragraph', () => {
  const q = quotesOf(['Nadia Rahimi, who leads the union, said the strike would go on. “We have nothing left to lose,” she said.']);
  assert.equal(q[0]?.speaker, 'Nadia Rahimi');
});

test('a statement speaks for its author; a clause ending in a colon introduces its subject', () => {
  assert.equal(quotesOf(['The statement from the Ministry of Health read: “All hospitals are on alert.”'])[0]?.speaker, 'Ministry of Health');
  const q = quotesOf(['“It is over,” Mr. Jones said. His wife, Mary Jones, disagreed: “It has just begun.”']);
  assert.deepEqual(q.map((x) => x.speaker), ['Jones', 'Mary Jones'], 'Mr. Jones is not Mary Jones');
});

test('business and sports news: company and club titles, surnames that are common words, name particles', () => {
  const tech = quotesOf([
    'Apple CEO Tim Cook unveiled the device in Cupertino on Tuesday.',
    '“This is the best phone we have ever made,” Cook said.',
    'Microsoft’s chief executive, Satya Nadella, said the company would respond. “We welcome the competition,” Nadella told The New York Times.',
  ]);
  assert.deepEqual(tech.map((x) => x.speaker), ['Tim Cook', 'Satya Nadella']);
  const football = quotesOf([
    'Manchester United manager Erik ten Hag praised his players after the win at Old Trafford.',
    '“The lads showed real character today,” said ten Hag.',
  ]);
  assert.equal(football[0]?.speaker, 'Erik ten Hag');
  const hospital = quotesOf(['“We need more doctors,” one nurse at St. Mary’s Hospital said.']);
  assert.deepEqual([hospital[0]?.speaker, hospital[0]?.speakerKind], [null, 'anonymous']);
});

test('words on a billboard, a banner or a sign are nobody\'s quotation', () => {
  assert.deepEqual(quotesOf(['The operation was marked with billboards across the capital, one of which reads, “The great liberation has begun.”']), []);
  assert.deepEqual(quotesOf(['Protesters carried a banner reading “Freedom now for every one of us.”']), []);
  assert.deepEqual(quotesOf(['A sign at the gate said: “No entry for visitors after dark.”']), []);
  // A person who reads out a statement is still its speaker.
  assert.equal(quotesOf(['“We will not give up,” the mayor, Anna Berg, said.'])[0]?.speaker, 'Anna Berg');
});

test('an apposition before or after the name, on either side of "said"', () => {
  for (const text of [
    '“We will not give up,” Anna Berg, the mayor, said.',
    '“We will not give up,” the mayor, Anna Berg, said.',
    '“We will not give up,” said the mayor, Anna Berg.',
    '“We will not give up,” said Anna Berg, the mayor of Tromsø.',
  ]) assert.equal(quotesOf([text])[0]?.speaker, 'Anna Berg', text);
  // A role with no name stays unnamed rather than borrowing a name from elsewhere.
  const q = quotesOf(['Anna Berg opened the session.', '“We will not give up,” said a city official, speaking on condition of anonymity.']);
  assert.deepEqual([q[0]?.speaker, q[0]?.speakerKind], [null, 'anonymous']);
});

test('a surname that is also a common word still names its person at the start of a sentence', () => {
  const q = quotesOf([
    'Union leader Tom Graves criticised the budget. Opposition leader Priya Nair called it reckless.',
    'Graves, meanwhile, warned of walkouts in January. “If they will not listen, we will strike,” he said.',
    'Nair spoke next. “Nobody voted for this,” she said.',
    'Gates said the plan was flawed. “We have seen it before,” she added.',
    'Lawyer Amelia Gates had advised the union for years.',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Tom Graves', 'Priya Nair', 'Amelia Gates']);
});

test('a clause ending in a colon introduces its own subject, never the previous speaker continued', () => {
  const q = quotesOf([
    '“I grew up here and I want the jobs,” said Maria Santos, a fishmonger. Her neighbour disagreed: “They are selling our waterfront.”',
    '“The vote was fair,” said Councillor Ben Ashworth. One resident was blunt: “It was rigged from the start.”',
  ]);
  assert.deepEqual(q.map((x) => [x.speaker, x.speakerKind]), [
    ['Maria Santos', 'person'], [null, 'anonymous'], ['Ben Ashworth', 'person'], [null, 'anonymous'],
  ]);
});

test('a fronted clause naming someone else does not take the speaker from the verb after it', () => {
  const q = quotesOf([
    'Finance Minister Sarah Brennan defended the budget. Opposition leader Priya Nair called it reckless.',
    'Asked about Nair’s remarks, Brennan replied: “She has no plan of her own.”',
    'Responding to Brennan, Nair said: “The minister has not read it.”',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Sarah Brennan', 'Priya Nair']);
  // The word before a title ("Climate" Minister) is not the subject of "said:"; a person "of" a place is.
  const titled = quotesOf([
    'Climate Minister Siobhan Dominguez said: “We have delegated the work.”',
    'Mayor Angelina Messier of Aarhus said: “What we built was a humble place.”',
  ]);
  assert.deepEqual(titled.map((x) => x.speaker), ['Siobhan Dominguez', 'Angelina Messier']);
});

test('"X’s deputy" is not X: the pronoun after it is the deputy, or nobody named', () => {
  const q = quotesOf([
    '“The rules are clear,” said Commissioner Margrethe Holm.',
    'Holm’s deputy, Markus Bauer, was more cautious. “It will take years,” he said.',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Margrethe Holm', 'Markus Bauer']);
  const unnamed = quotesOf([
    '“The rules are clear,” said Commissioner Margrethe Holm.',
    'Holm’s spokesman was more cautious. “It will take years,” he said.',
  ]);
  assert.deepEqual(unnamed.map((x) => x.speaker), ['Margrethe Holm', null]);
  // The possessor of words, not of a person, stays the one in focus.
  const own = quotesOf([
    'Commissioner Margrethe Holm spoke in Brussels.',
    'Holm’s remarks came a day after the vote. “It will take years,” she said.',
  ]);
  assert.deepEqual(own.map((x) => x.speaker), ['Margrethe Holm']);
});

test('"she" and "he" skip a person the article shows takes the other pronoun', () => {
  const q = quotesOf([
    'Mr. Aaron Pell met Ms. Dana Whitlock in Oslo on Monday. “We made no progress at all,” she said.',
    'Senator Michael Ortega questioned Ambassador Linda Sato for two hours. “I answered every question,” she said afterwards, while he told reporters: “The answers were evasive.”',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Dana Whitlock', 'Linda Sato', 'Michael Ortega']);
  // A title that says otherwise and nobody else to point to: nobody, rather than the wrong person.
  const none = quotesOf(['Mr. Aaron Pell left the room. “We are done here,” she said.']);
  assert.deepEqual(none.map((x) => [x.speaker, x.speakerKind]), [[null, 'unknown']]);
});

test('an unattributed quotation right after a sentence about someone is theirs, not the last speaker’s', () => {
  const q = quotesOf([
    '“It is over,” Aaron Pell said of the talks. Dana Whitlock disagreed. “It has only begun.”',
    'Senator Ortega’s office issued a statement. “The senator stands by his questions,” it read.',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Aaron Pell', 'Dana Whitlock', null]);
});

test('"…," according to X — and fragments after "accused" or a participle in apposition', () => {
  const q = quotesOf([
    '“Enough is enough,” according to a statement from the Royal College of Nursing.',
    'Opposition leader Priya Kaur accused the government of “reckless cuts”.',
    'Prime Minister David Ellery, speaking in Leeds, said he had “full confidence” in the plan.',
  ]);
  assert.deepEqual(q.map((x) => [x.text, x.speaker, x.kind]), [
    ['Enough is enough', 'Royal College of Nursing', 'direct'],
    ['reckless cuts', 'Priya Kaur', 'partial'],
    ['full confidence', 'David Ellery', 'partial'],
  ]);
});

test('"said X’s lawyer, NAME" is the lawyer’s; without a name, someone unnamed, never X', () => {
  const q = quotesOf([
    'The trial of former mayor Victor Kanemura opened on Tuesday.',
    '“My client is innocent,” said Kanemura’s lawyer, Hélène Dubreuil. “He will be acquitted.”',
    '“The charges are baseless,” Kanemura’s son told reporters.',
    'Kanemura’s wife, Sophie, wept. «Il n’a rien fait», she told journalists outside.',
  ]);
  assert.deepEqual(q.map((x) => [x.speaker, x.speakerKind, x.kind]), [
    ['Hélène Dubreuil', 'person', 'direct'], ['Hélène Dubreuil', 'person', 'direct'], [null, 'anonymous', 'direct'], ['Sophie', 'person', 'direct'],
  ]);
});

test('a speaker named by a word the article gives nothing else on keeps that name, and is nobody else', () => {
  const q = quotesOf([
    '“The port will reopen,” said Port Minister Ines Carvalho.',
    'The committee met again. Mitodor said: “Nobody should block the shore.”',
  ]);
  assert.deepEqual(q.map((x) => [x.speaker, x.speakerName, x.speakerKind]), [
    ['Ines Carvalho', 'Ines Carvalho', 'person'], [null, 'Mitodor', 'unknown'],
  ]);
});

test('the clause that introduces the next quotation, a later sentence, or an outlet is not this quotation’s speaker', () => {
  const q = quotesOf([
    'Mark Regan, an adviser to Prime Minister Benjamin Nathan, told MSNBC: “Israel has not taken responsibility.” He added: “But whoever did it, it was not an attack on the state.”',
    'Spokesman Matthew Millar said Washington was “deeply concerned.” Millar’s deputy, Vedant Patil, told reporters that sanctions “are on the table.”',
    'Ali Bagheri Kanu said Iran would “stand with Syria until the end,” according to IRNA.',
    'Saudi Crown Prince Mohammed bin Salim spoke by phone. “The kingdom stresses de-escalation,” SPA quoted the crown prince as saying.',
    'President Ebrahim Raisi spoke in New York. Raisi was quoted by Reuters as saying: “The United States must show good faith.”',
    'Jane Dow said that John Smyth had told her: “I will never resign.”',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), [
    'Mark Regan', 'Mark Regan', 'Matthew Millar', 'Vedant Patil', 'Ali Bagheri Kanu', 'Mohammed bin Salim', 'Ebrahim Raisi', 'John Smyth',
  ]);
});

test('unnamed people stay unnamed: "the official" after an unnamed official, "an adviser to X", "a nurse … she said"', () => {
  const q = quotesOf([
    'A senior Israeli official told Axios that the premier was “furious.”',
    '“This is a dangerous moment,” the official said.',
    'Hamas official Osama Hamdi spoke in Beirut. An adviser to Mahmoud Abbasi told the news agency that they would go to court. “The world cannot remain silent,” he said.',
    'A nurse at the hospital, who asked not to be named, described scenes of chaos. “We are running on empty,” she said.',
    '“We are investigating,” police said. Prime Minister Benjamin Nathan’s office said in a statement that Israel “will not withdraw.”',
    '“We will respond,” Nathan’s aides said. “The talks are over,” Nathan’s staff said.',
  ]);
  assert.deepEqual(q.map((x) => [x.speaker, x.speakerKind]), [
    [null, 'anonymous'], [null, 'anonymous'], [null, 'anonymous'], [null, 'anonymous'], [null, 'anonymous'], [null, 'unknown'],
    [null, 'unknown'], [null, 'unknown'],
  ]);
});

test('datelines, parentheses, demonyms, ages and "the company" point to the right speaker', () => {
  const q = quotesOf([
    'WASHINGTON — Sen. Karen Whitby on Wednesday defended her vote, saying it “does nothing for families.”',
    'Olena Kovalenko said she had nowhere to go. Her neighbor, Serhiy Bondar, was more defiant. (“They will not break us,” he said.)',
    'Boss Jon Dahl Tomasson praised his side. “Leeds are a top side,” the Dane added. “We will be back,” the 47-year-old said.',
    'Acme Corp reported a loss on Tuesday. “Trading was tough,” the company said.',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Karen Whitby', 'Serhiy Bondar', 'Jon Dahl Tomasson', 'Jon Dahl Tomasson', 'Acme Corp']);
  const dateline = quotesOf(['RAMALLAH, West Bank, Aug 11 (Reuters) - The ministry said it would not cooperate, accusing the body of “systematic bias.”']);
  assert.notEqual(dateline[0]?.speaker, 'West Bank');
});

test('a pronoun looks back past a person of the other gender, but not past the person just quoted', () => {
  const q = quotesOf([
    'Witness Denise Carter said she had known the defendant for years.',
    'Defense attorney Robert Tilman pressed her on the lighting.',
    '“You could not see his face, could you?” Tilman asked.',
    '“I could see him,” she replied.',
    '“We will appeal,” Nik Morrison said. “The ruling is wrong,” she added.',
  ]);
  assert.deepEqual(q.map((x) => x.speaker), ['Robert Tilman', 'Denise Carter', 'Nik Morrison', 'Nik Morrison']);
  // The article calls him "he": "she" is somebody else, whom it does not name.
  const other = quotesOf(['Prof Raj Mehta visited the ward. He described the situation as grim.', '“We are running on empty,” she said.']);
  assert.deepEqual(other.map((x) => x.speaker), [null]);
});

test('features: the person the writer meets, an unnamed person after a time, a possessive subject, a signature after a dash', () => {
  const q = quotesOf([
    'The Health Secretary, Steve Barclay, said the offer was “fair.”',
    'On the second day I met Tomasz Nowak, a porter. He is not on strike himself. “So I bring bacon rolls,” he said.',
    'Later that morning a consultant, who asked not to be named, stopped to shake hands. “Every one of us is behind you,” he told them.',
    'Joan Hartley won the vote. Her rival’s agent, Lorraine Pugh, said: “We ran a clean campaign.”',
    'Hartley’s first act, she said, would be to publish every contract. “If you have nothing to hide, you hide nothing,” she said.',
    'Senator Luke Whitaker’s wife, Dana, was more direct. “Luke is the future,” she said.',
    '- “My grandparents met in row F” — Maureen Tate, 71, Harwick',
    'The critic James Wood once complained that contemporary fiction suffers from “hysterical realism.”',
    'Education Secretary Gillian Keegan spoke on Thursday. “We have recruited more teachers than ever before,” her spokesman told this newspaper.',
  ]);
  assert.deepEqual(q.map((x) => [x.speaker, x.speakerKind]), [
    ['Steve Barclay', 'person'], ['Tomasz Nowak', 'person'], [null, 'anonymous'], ['Lorraine Pugh', 'person'], ['Joan Hartley', 'person'],
    ['Dana', 'person'], ['Maureen Tate', 'person'], ['James Wood', 'person'], [null, 'anonymous'],
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Citation, Reply, ReplyItem } from '../src/reply/reply.ts';
import { displayWidth, formatCitation, neutralizeControls, renderText } from '../src/reply/renderText.ts';
import { paginate } from '../src/reply/paginate.ts';

const ESC = '\u001b';
const citation: Citation = {
  articleId: '004_7b4733be0471e72c',
  title: 'Israeli intelligence minister meets Iranian diaspora in London',
  source: 'Al-Monitor',
  published: '2023-09-06',
  url: 'https://www.al-monitor.com/x',
  paragraph: 4,
};

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    kind: 'answer',
    title: 'Gila Gamliel',
    summary: "person · Israel's Intelligence Minister",
    sections: [
      {
        heading: 'Quotes',
        items: [{ text: 'We must guide the Iranian people toward freedom.', verbatim: true, label: '2023-09-06', citation }],
      },
    ],
    footer: '4 quotes in 1 article',
    ...overrides,
  };
}

test('renders title, summary, heading, label, quote marks, citation and footer as plain text', () => {
  const text = renderText(reply());
  assert.equal(
    text,
    [
      'Gila Gamliel',
      "person · Israel's Intelligence Minister",
      '',
      'Quotes',
      '  • 2023-09-06: “We must guide the Iranian people toward freedom.”',
      '    — Israeli intelligence minister meets Iranian diaspora in London,',
      '      Al-Monitor, 2023-09-06, ¶4',
      '',
      '4 quotes in 1 article',
      '',
    ].join('\n'),
  );
  assert.ok(!text.includes(ESC));
});

test('a citation leaves out what is unknown', () => {
  assert.equal(formatCitation(citation), '— Israeli intelligence minister meets Iranian diaspora in London, Al-Monitor, 2023-09-06, ¶4');
  assert.equal(formatCitation({ ...citation, source: null, published: null, paragraph: 2 }), '— Israeli intelligence minister meets Iranian diaspora in London, ¶2');
});

test('wraps every line to the width with a hanging indent', () => {
  const long: ReplyItem = { text: 'word '.repeat(60).trim() };
  for (const width of [20, 40, 80]) {
    const lines = renderText(reply({ sections: [{ items: [long] }] }), { width }).split('\n');
    for (const line of lines) assert.ok(displayWidth(line) <= width, `${JSON.stringify(line)} is wider than ${width}`);
    const itemLines = lines.filter((l) => l.includes('word'));
    assert.ok(itemLines.length > 1);
    assert.ok(itemLines[0]!.startsWith('  • '));
    for (const l of itemLines.slice(1)) assert.ok(l.startsWith('    word'));
  }
});

test('a word longer than the line (a URL) is cut rather than overflowing', () => {
  const url = `https://example.com/${'a'.repeat(100)}`;
  const lines = renderText(reply({ sections: [{ items: [{ text: url }] }] }), { width: 40 }).split('\n');
  for (const line of lines) assert.ok(displayWidth(line) <= 40);
  assert.equal(lines.filter((l) => /a{5}/.test(l)).map((l) => l.trim().replace(/^• /, '')).join(''), url);
});

test('wide characters count as two columns', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('日本'), 4);
  assert.equal(displayWidth('e\u0301'), 1);
  const lines = renderText({ kind: 'answer', title: '日本語'.repeat(20), sections: [] }, { width: 30 }).split('\n');
  for (const line of lines) assert.ok(displayWidth(line) <= 30);
});

test('search marks are bold with color and absent without it', () => {
  const text = 'militants from Hamas, which governs the Gaza Strip';
  const at = (word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length];
  const item: ReplyItem = { text, marks: [at('Hamas'), at('Gaza')] };
  const r = reply({ sections: [{ items: [item] }] });
  const colored = renderText(r, { color: true });
  assert.ok(colored.includes(`${ESC}[1mHamas${ESC}[22m`));
  assert.ok(colored.includes(`${ESC}[1mGaza${ESC}[22m`));
  const plain = renderText(r, { color: false });
  assert.ok(plain.includes('militants from Hamas, which governs the Gaza Strip'));
  assert.ok(!plain.includes(ESC));
  assert.ok(!plain.includes('**'));
});

test('marks on a verbatim quote still cover the marked words inside the quote marks', () => {
  const item: ReplyItem = { text: 'Europe must deal with banning the IRGC', verbatim: true, marks: [[34, 38]] };
  const colored = renderText(reply({ sections: [{ items: [item] }] }), { color: true });
  assert.ok(colored.includes(`${ESC}[1mIRGC${ESC}[22m”`));
});

test('a marked phrase across a line break stays marked on both lines', () => {
  const text = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh';
  const colored = renderText({ kind: 'answer', title: 't', sections: [{ items: [{ text, marks: [[0, text.length]] }] }] }, { width: 24, color: true });
  const itemLines = colored.split('\n').filter((l) => l.includes('aaaa') || l.includes('hhhh'));
  for (const line of itemLines) assert.ok(line.includes(`${ESC}[1m`) && line.includes(`${ESC}[22m`));
});

test('control characters from article or user text never reach the terminal', () => {
  const evil = `Hamas${ESC}]0;pwned\u0007 said \u202Eevil\u202C\rX\u0008 \u009B31m done`;
  const r: Reply = {
    kind: 'not-found',
    title: `No match for "${evil}"`,
    summary: evil,
    sections: [{ heading: evil, body: evil, items: [{ text: evil, label: evil, citation: { ...citation, title: evil, source: evil } }] }],
    suggestions: [evil],
    footer: evil,
  };
  for (const color of [false, true]) {
    const out = renderText(r, { color });
    const withoutOwnStyles = out.replaceAll(`${ESC}[1m`, '').replaceAll(`${ESC}[2m`, '').replaceAll(`${ESC}[22m`, '');
    assert.doesNotMatch(withoutOwnStyles, /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    assert.ok(withoutOwnStyles.includes('\nHamas ]0;pwned said evil X 31m done\n'), 'the text stays, as plain characters');
  }
  assert.equal(neutralizeControls('a\u001bb\nc'), 'a b c');
});

test('a choice lists its candidates by number, with an optional hint', () => {
  const choice: Reply = { kind: 'choice', title: 'Several match "khal"', sections: [], suggestions: ['Homan Khalili', 'Mojahedin Khalq Organization of Iran'] };
  assert.equal(
    renderText(choice, { choiceHint: 'Type its number.' }),
    'Several match "khal"\n\nWhich one did you mean? Type its number.\n  1. Homan Khalili\n  2. Mojahedin Khalq Organization of Iran\n',
  );
  const notFound: Reply = { kind: 'not-found', title: 'No one called "Netanyahoo"', sections: [], suggestions: ['Benjamin Netanyahu'] };
  assert.equal(renderText(notFound), 'No one called "Netanyahoo"\n\nDid you mean: Benjamin Netanyahu?\n');
});

test('a body keeps its own line breaks; empty sections are left out', () => {
  const r: Reply = { kind: 'help', title: 'Help', sections: [{ items: [] }, { heading: 'Commands', body: 'who NAME\nquote NAME [TOPIC]', items: [] }] };
  assert.equal(renderText(r), 'Help\n\nCommands\nwho NAME\nquote NAME [TOPIC]\n');
});

// ---- paginate ----

function items(n: number, prefix = 'item'): ReplyItem[] {
  return Array.from({ length: n }, (_, i) => ({ text: `${prefix} ${i + 1}` }));
}

function texts(r: Reply): string[] {
  return r.sections.flatMap((s) => s.items.map((i) => i.text));
}

test('paginate splits items into pages of N, keeping title, summary and footer on each', () => {
  const r = reply({ sections: [{ heading: 'Events', body: 'In date order', items: items(7) }] });
  const pages = paginate(r, { itemsPerPage: 3 });
  assert.deepEqual(pages.map((p) => [p.page, p.pages]), [[1, 3], [2, 3], [3, 3]]);
  assert.deepEqual(pages.map((p) => texts(p.reply)), [['item 1', 'item 2', 'item 3'], ['item 4', 'item 5', 'item 6'], ['item 7']]);
  for (const p of pages) {
    assert.equal(p.reply.title, r.title);
    assert.equal(p.reply.summary, r.summary);
    assert.equal(p.reply.footer, r.footer);
    assert.equal(p.reply.sections[0]!.heading, 'Events');
  }
  assert.equal(pages[0]!.reply.sections[0]!.body, 'In date order');
  assert.equal(pages[1]!.reply.sections[0]!.body, undefined, 'the body is shown once, on the first page');
  assert.equal(r.sections[0]!.items.length, 7, 'the reply itself is not changed');
});

test('paginate keeps sections in order across page breaks', () => {
  const r = reply({ sections: [{ heading: 'A', items: items(2, 'a') }, { heading: 'B', items: items(3, 'b') }] });
  const pages = paginate(r, { itemsPerPage: 4 });
  assert.equal(pages.length, 2);
  assert.deepEqual(pages[0]!.reply.sections.map((s) => [s.heading, s.items.length]), [['A', 2], ['B', 2]]);
  assert.deepEqual(pages[1]!.reply.sections.map((s) => [s.heading, s.items.length]), [['B', 1]]);
});

test('paginate gives a reply without items one page', () => {
  const r: Reply = { kind: 'not-found', title: 'Nothing', sections: [], suggestions: ['x'] };
  const pages = paginate(r, { itemsPerPage: 5 });
  assert.equal(pages.length, 1);
  assert.deepEqual(pages[0]!.reply, r);
  const exact = paginate(reply({ sections: [{ items: items(10) }] }), { itemsPerPage: 5 });
  assert.equal(exact.length, 2, 'exactly two full pages, no empty third');
});

test('paginate respects a character budget, but always puts at least one item on a page', () => {
  const long = (n: number): ReplyItem => ({ text: `${n} ${'x'.repeat(400)}` });
  const r = reply({ sections: [{ items: [long(1), long(2), long(3), { text: 'y'.repeat(5000) }, long(5)] }] });
  const pages = paginate(r, { itemsPerPage: 10, maxChars: 1000 });
  assert.deepEqual(pages.map((p) => p.reply.sections[0]!.items.length), [2, 1, 1, 1]);
});

test('paginate rejects a nonsensical page size', () => {
  assert.throws(() => paginate(reply(), { itemsPerPage: 0 }), RangeError);
  assert.throws(() => paginate(reply(), { itemsPerPage: 2.5 }), RangeError);
});

/**
 * Quotations and who said them. For each quote span (quoteSpans.ts) the attribution is read from the words
 * around it — "…," X said / said X, ROLE / X said: "…" / X told OUTLET / X added that "…" — and the speaker
 * phrase is resolved: a name to its entity, "he"/"she" to the person last speaking or acting, "the minister"
 * to the person of that role, "a source close to X" to an anonymous source (never to X). A quotation with no
 * attribution of its own continues the speaker of the quotation before it in the same paragraph, or of the
 * previous paragraph when the paragraph is nothing but the quotation, unless the sentence right before it is
 * about someone else ("Chow disagreed. “…”"). Titles, names of operations, slogans and scare quotes are left
 * out; fragments woven into a sentence are partial quotes of the sentence's speaker. What the reader keeps in
 * mind along the way (the focus, who spoke last) is in speakerContext.ts; "he" and "she" in pronouns.ts.
 */
import type { Article, Paragraph } from '../corpus/article.ts';
import type { LocalEntity, LocalQuote, Span } from './analysis.ts';
import { isDemonym } from './demonyms.ts';
import { ANONYMOUS_HEADS, SPEECH_VERB } from './lexicon.ts';
import { pronounReferent } from './pronouns.ts';
import { findQuoteSpans, type QuoteSpan } from './quoteSpans.ts';
import {
  DATELINE, INSTITUTION, RELATION, sentenceFocus, sentenceSubject, setFocus, SOMEONE_UNNAMED, speakerOf,
  type EntityMentionRef, type ResolveState, type Speaker,
} from './speakerContext.ts';
import { tokenize, type Token } from './tokens.ts';

/** Verbs that attribute a direct quotation (a subset of SPEECH_VERB: "praised", "called" describe, they do not quote). */
const QUOTING_VERBS = new Set([...SPEECH_VERB].filter((v) => !/^(call|called|calls|calling|describe|described|describes|describing|praise|praised|praising|condemn|condemned|condemning|thank|thanked|welcome|welcomed|agree|agreed|according|demand|demanded|demands|comment|comments|post|posts|read|state|note|add|say|tell|write|ask)$/.test(v)).concat(['read', 'reads', 'said', 'says']));

/** Adverbs and auxiliaries between a speaker and the verb ("Jansha also said", "he has repeatedly said"). */
const BETWEEN = /^(also|further|then|later|once|previously|again|repeatedly|simply|quickly|recently|reportedly|had|has|have|was|is|would|will|once|later|earlier|often|publicly|privately|flatly|firmly|angrily)$/i;

/** Words after which a quotation names something rather than quotes someone. */
/**
 * Words on a thing, not a person's: "billboards across Tehran, one of which reads, '…'", "a banner
 * reading '…'", "a sign that said '…'". Slogans and inscriptions are nobody's quotation.
 */
const INSCRIPTION_BEFORE = /(?:\b(?:which|that)\s+(?:reads?|read|says|said|proclaims?|declares?)|\b(?:banners?|billboards?|signs?|posters?|placards?|inscriptions?|slogans?|graffiti|murals?|t-shirts?|captions?|headlines?)\b[^.!?]{0,40}?\b(?:reads?|read|reading|saying|says|said|bearing|proclaiming|declaring))\s*[,:]?\s*$/i;

const NAMING_BEFORE = /\b(titled|entitled|named|dubbed|nicknamed|known as|so-called|the term|the word|the phrase|the slogan|slogans?|hashtag|under the banner|(?:branded|labell?ed|designated)(?:\s+\S+){0,4}\s+as(?:\s+(?:the|an?))?|(?:an?|the)\s+[\p{L}-]+\s+called)\s*$/iu;

/** A noun right after the closing mark that makes the quotation a name ("the “Al-Aqsa Flood” operation"). */
const NAME_AFTER = /^\s*(operation|campaign|movement|initiative|programme|program|plan|summit|conference|project|slogan|hashtag|doctrine|bill|act|law|festival|exercise|offensive|mission|brigade|party|group|network|app|platform|podcast|documentary|film|book|song|series|show|event|rally|march|protest|declaration|deal|accords?|agreement)\b/i;

/** Every head noun of an unnamed source in a phrase ("a senior Israeli official" → "official"). */
const ANONYMOUS_HEADS_ALL = new RegExp(ANONYMOUS_HEADS.source, 'gi');

/** "a senior official", "two sources close to …": a phrase whose head is an unnamed source. */
const ANONYMOUS_PHRASE = new RegExp(`^(?:a|an|one|two|three|several|some|many|the|another|other|senior|top|unnamed|anonymous)\\b[^]*?${ANONYMOUS_HEADS.source}`, 'i');

const PRONOUN_PERSON = /^(he|she)$/i;
const PRONOUN_GROUP = /^(they|we)$/i;

function wordsOf(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === 'word' || t.text === ',' || t.text === '.' || t.text === ';' || t.text === ':');
}

/** Trims quotation text for display: the comma that ends the quoted clause before its attribution is not part of it. */
function quoteText(p: Paragraph, span: QuoteSpan): string {
  return p.text.slice(span.start, span.end).replace(/[\s,;:]+$/, '').trim();
}

export function extractQuotes(article: Article, entities: LocalEntity[]): LocalQuote[] {
  const quotes: LocalQuote[] = [];
  const mentionsByParagraph = new Map<number, EntityMentionRef[]>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const list = mentionsByParagraph.get(m.paragraph) ?? [];
      list.push({ entity: e, start: m.start, end: m.end });
      mentionsByParagraph.set(m.paragraph, list);
    }
  }
  for (const list of mentionsByParagraph.values()) list.sort((a, b) => a.start - b.start);

  const state: ResolveState = {
    lastPerson: null, focusUnnamed: false, spokeHere: null, entities, paragraph: 0, anonymousHeads: new Set(), recent: [], recentOrganization: null, pronouns: new Map(),
  };
  let previousParagraphSpeaker: Speaker | null = null;
  let previousParagraphUnclosed = false;

  for (const p of article.paragraphs) {
    const spans = p.heading ? [] : findQuoteSpans(p.text);
    // Nobody is named as a speaker from inside a quotation ("“… Hamas …,” Hagari told reporters, adding …").
    const mentions = (mentionsByParagraph.get(p.index) ?? []).filter((m) => !spans.some((sp) => m.start >= sp.start && m.end <= sp.end));
    state.paragraph = p.index;
    state.spokeHere = null;
    let lastSpeakerHere: Speaker | null = null;
    let cursor = 0;
    const spanSentences = new Set<number>();
    for (const sp of spans) for (const s of p.sentences) if (s.end > Math.max(sp.open, 0) && s.start < sp.end) spanSentences.add(s.index);
    // Sentences without quotations still move the focus ("Rabbi Dr. Aharon Ariel Lavie … said that …" makes
    // him the "he" of what follows), in text order, up to the quotation being attributed.
    let focusDone = 0;
    // The subject of the last sentence without a quotation: "Chow disagreed. “It has only begun.”" is Chow's.
    let focusHere = null as { sentence: number; who: LocalEntity | typeof SOMEONE_UNNAMED } | null;
    const advanceFocus = (upTo: number): void => {
      for (; focusDone < p.sentences.length; focusDone++) {
        const s = p.sentences[focusDone];
        if (!s || s.end > upTo) break;
        if (spanSentences.has(s.index)) continue;
        const subject = sentenceFocus(p, s.start, s.end, mentions);
        focusHere = subject ? { sentence: s.index, who: subject } : null;
        // "He was impressed.": the article's own pronoun for the person in focus.
        const pronoun = /^\s*(he|she)\b/i.exec(p.plain.slice(s.start, s.end))?.[1];
        if (pronoun && !subject && state.lastPerson && !state.focusUnnamed) state.pronouns.set(state.lastPerson, /^she$/i.test(pronoun) ? 'female' : 'male');
        if (subject === SOMEONE_UNNAMED) setFocus(state, null, true);
        else if (subject?.type === 'person') setFocus(state, subject.localId, false);
        if (subject) state.spokeHere = null;
      }
    };

    for (let k = 0; k < spans.length; k++) {
      const span = spans[k];
      if (!span) continue;
      const next = spans[k + 1];
      const sentence = p.sentences.find((s) => s.start <= Math.max(span.open, 0) && Math.max(span.open, 0) < s.end) ?? p.sentences[0];
      const clauseStart = Math.max(sentence?.start ?? 0, cursor);
      const before = span.open >= 0 ? p.plain.slice(clauseStart, span.open) : '';
      const afterStart = span.close >= 0 ? span.close + 1 : p.plain.length;
      const afterEnd = next && next.open >= 0 ? next.open : p.plain.length;
      const after = p.plain.slice(afterStart, afterEnd);
      cursor = afterStart;
      advanceFocus(Math.max(span.open, 0));

      const text = quoteText(p, span);
      const words = text.split(/\s+/).filter(Boolean).length;
      if (NAMING_BEFORE.test(before) || NAME_AFTER.test(after) || INSCRIPTION_BEFORE.test(before)) continue;

      // Nothing before it in its sentence but perhaps a list's bullet ("- “…” — Maureen Tate, 71").
      const opensSentence = /^[\s\-•*–—]*$/.test(before);
      const attribution =
        attributionAfter(p, afterStart, after, mentions, state, opensSentence, /[.]$/.test(p.text.slice(span.start, span.end)))
        ?? attributionBefore(p, clauseStart, before, mentions, state);
      const startsClause = span.open < 0 || /(^|[.!?:,;—–(-]\s*|\bthat\s+)$/.test(before.trimEnd() === '' ? '' : before) || before.trim() === '';
      // A whole utterance: a clause of its own, long or ending in its own punctuation, or followed by "X said"
      // («Il n'a rien fait», she told journalists).
      const fullUtterance = startsClause && (words >= 5 || /[.!?,]$/.test(p.text.slice(span.start, span.end)) || (attribution !== null && /^[\s]*,/.test(after)));

      let speaker: Speaker | null = attribution;
      let kind: 'direct' | 'partial' = fullUtterance ? 'direct' : 'partial';
      if (!speaker && fullUtterance) {
        // The sentence right before is about someone who is not quoted in it ("Chow disagreed."): theirs.
        // Else a continuation: a split quotation in this paragraph, or a paragraph that is only the quotation.
        const focus = focusHere !== null && sentence !== undefined && focusHere.sentence === sentence.index - 1 ? focusHere.who : null;
        if (focus === SOMEONE_UNNAMED) speaker = { speaker: null, speakerName: null, speakerKind: 'anonymous' };
        else if (focus && (focus.type === 'person' || focus.type === 'organization')) speaker = speakerOf(focus);
        else if (lastSpeakerHere) speaker = lastSpeakerHere;
        else if (span.open <= 0 && previousParagraphSpeaker && (previousParagraphUnclosed || isOnlyQuotation(p, span, spans))) speaker = previousParagraphSpeaker;
      }
      if (!speaker && !fullUtterance) {
        // A fragment woven into a sentence: the speaker is whoever the sentence has speaking or describing.
        speaker = sentenceSpeaker(p, clauseStart, span.open, mentions, state);
        if (!speaker) continue; // a scare quote or a title: nobody is quoted
        kind = 'partial';
      }
      if (!speaker && words <= 3) continue;
      speaker ??= { speaker: null, speakerName: null, speakerKind: 'unknown' };
      if (speaker.speakerKind === 'person' && speaker.speaker) setFocus(state, speaker.speaker, false);
      state.spokeHere = speaker.speakerKind === 'person' || speaker.speakerName !== null ? speaker : null;
      if (speaker.speakerKind === 'anonymous' && speaker.speakerName) {
        for (const head of speaker.speakerName.toLowerCase().match(ANONYMOUS_HEADS_ALL) ?? []) state.anonymousHeads.add(head);
      }
      lastSpeakerHere = speaker;
      const quoteSpan: Span = { paragraph: p.index, start: span.start, end: span.end };
      quotes.push({ text, kind, ...speaker, span: quoteSpan, paragraphs: [p.index] });
    }

    advanceFocus(p.text.length);
    // The people this paragraph named, most recent last, for "he"/"she" in the paragraphs after it.
    state.recent = state.recent.filter((id) => !mentions.some((m) => m.entity.localId === id));
    for (const m of mentions) if (m.entity.type === 'person' && !state.recent.includes(m.entity.localId)) state.recent.push(m.entity.localId);
    state.recentOrganization = [...mentions].reverse().find((m) => m.entity.type === 'organization')?.entity.localId ?? state.recentOrganization;
    const last = spans[spans.length - 1];
    previousParagraphUnclosed = last !== undefined && last.close < 0;
    previousParagraphSpeaker = lastSpeakerHere && quotes.length > 0 && spans.length > 0 ? lastSpeakerHere : null;
  }
  return quotes;
}

/** A mention as the speaker, named as the article writes it there. */
function mentionSpeaker(p: Paragraph, m: EntityMentionRef): Speaker {
  return speakerOf(m.entity, p.text.slice(m.start, m.end));
}

function isOnlyQuotation(p: Paragraph, span: QuoteSpan, spans: QuoteSpan[]): boolean {
  return spans.length === 1 && span.open <= 0 && (span.close < 0 || p.plain.slice(span.close + 1).trim().length <= 2);
}

/** "… ," X said / said X, ROLE / X told OUTLET — attribution in the words right after the closing mark. */
function attributionAfter(
  p: Paragraph, offset: number, after: string, mentions: EntityMentionRef[], state: ResolveState, opensSentence: boolean, endsWithStop: boolean,
): Speaker | null {
  const lead = /^[\s,]*/.exec(after)?.[0].length ?? 0;
  let body = after.slice(lead);
  if (/^[.!?]/.test(body) && !/^[.!?]\s*$/.test(body)) return null;
  // "“… now.” He added: “…”": a clause ending in a colon introduces the next quotation, not this one
  // ("“…,” she said, while he told reporters: “…”" keeps "she said"); after a full stop inside the marks a
  // capital starts the next sentence ("“… concerned.” Miller's deputy told …").
  if (/^[^.!?]*:\s*$/.test(body)) {
    const joint = /^(.*?)(?:,\s*(?:while|and|but|whereas|as)\s|;\s)[^,;]*:\s*$/.exec(body);
    if (!joint?.[1]) return null;
    body = joint[1];
  }
  if (endsWithStop && /^\p{Lu}/u.test(body)) return null;
  // "“My grandparents met in row F” — Maureen Tate, 71, Harwick": a signature after a dash.
  const signed = /^[—–-]\s*(\p{Lu}[^,;.()]*)/u.exec(body);
  if (signed?.[1] && opensSentence) {
    const s = offset + lead + signed[0].length - signed[1].length;
    return resolveSpeaker(p, s, s + signed[1].trimEnd().length, mentions, state) ?? { speaker: null, speakerName: signed[1].trim(), speakerKind: 'unknown' };
  }
  // "“…,” according to a statement from the Royal College of Nursing." — only for a quotation that opens
  // its sentence and a phrase that ends it: "X said Iran would “…,” according to IRNA" is X's, reported by IRNA.
  const according = /^according to ([^.;:!?]+)[.!?]?\s*$/i.exec(body);
  if (according?.[1] && opensSentence) {
    const s = offset + lead + 'according to '.length;
    return speakerOfPhrase(p, s, according[1].trimEnd(), mentions, state, 2);
  }
  if (/^according to\b/i.test(body)) return null;
  // "“…,” SPA quoted the crown prince as saying.": the one quoted, not the outlet.
  const quotedAs = /^[^.;:!?]{0,60}?\bquoted\s+([^.;:!?]+?)\s*,?\s+as\s+(?:saying|telling|stating)\b/i.exec(body);
  if (quotedAs?.[1]) {
    const s = offset + lead + (quotedAs.index ?? 0) + quotedAs[0].indexOf(quotedAs[1], quotedAs[0].search(/\bquoted\s/i) + 6);
    return speakerOfPhrase(p, s, quotedAs[1], mentions, state, 2);
  }
  const words = wordsOf(body);
  for (let j = 0; j < Math.min(words.length, 14); j++) {
    const w = words[j];
    if (!w || w.kind !== 'word') {
      if (w && w.text !== ',') break;
      continue;
    }
    if (!QUOTING_VERBS.has(w.text.toLowerCase())) continue;
    if (j === 0) {
      // Inverted: said X[, ROLE] / said the ROLE, X
      const rest = body.slice(w.end);
      const np = /^\s+([^.;:!?]+)/.exec(rest);
      if (!np?.[1]) return null;
      const npStart = offset + lead + w.end + (np.index ?? 0) + (np[0].length - np[1].length);
      return speakerOfPhrase(p, npStart, np[1].trimEnd(), mentions, state, 2);
    }
    let endWord = j - 1;
    while (endWord >= 0 && BETWEEN.test(words[endWord]?.text ?? '')) endWord--;
    const first = words[0];
    const last = words[endWord];
    if (!first || !last || words.slice(0, endWord + 1).some((x) => x.kind !== 'word' && x.text !== ',')) return null;
    // X said / X, the ROLE, said / the ROLE, X, said
    const start = offset + lead + first.start;
    return speakerOfPhrase(p, start, p.text.slice(start, offset + lead + last.end), mentions, state, 3);
  }
  return null;
}

/**
 * The speaker in a subject phrase that may carry an apposition: "Anna Berg", "Anna Berg, the mayor",
 * "the mayor, Anna Berg". The first comma-separated part that names someone wins; when none does, the
 * first part is resolved as a description ("the mayor" → anonymous or a known person).
 */
function speakerOfPhrase(p: Paragraph, start: number, phrase: string, mentions: EntityMentionRef[], state: ResolveState, maxParts: number): Speaker | null {
  const parts: Array<{ s: number; e: number }> = [];
  let at = 0;
  for (const piece of phrase.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    if (piece.trim() !== '') parts.push({ s: start + at + lead, e: start + at + piece.trimEnd().length });
    at += piece.length + 1;
  }
  const considered = parts.slice(0, maxParts);
  const first = considered[0];
  if (!first) return null;
  if (considered.length === 1) return resolveSpeaker(p, first.s, first.e, mentions, state);
  for (const part of considered) {
    const named = mentions.some((m) => m.start >= part.s && m.end <= part.e && (m.entity.type === 'person' || m.entity.type === 'organization'));
    if (!named) continue;
    const speaker = resolveSpeaker(p, part.s, part.e, mentions, state);
    if (speaker?.speaker) return speaker;
  }
  return resolveSpeaker(p, first.s, first.e, mentions, state);
}

/** X said: "…" / X added that "…" / according to X, "…" — attribution right before the opening mark. */
function attributionBefore(p: Paragraph, offset: number, before: string, mentions: EntityMentionRef[], state: ResolveState): Speaker | null {
  const trimmed = before.replace(/[\s,:—–-]+$/, '');
  // "according to X," or "according to X, the party’s treasurer,": X is the speaker.
  const according = /according to ([^,]+)(?:,\s*(?:a|an|the|former)\b[^,]*)?$/i.exec(trimmed);
  if (according?.[1]) {
    const s = offset + (according.index ?? 0) + 'according to '.length;
    return resolveSpeaker(p, s, s + according[1].length, mentions, state);
  }
  // "state media quoted Ahmad Khatami, a senior cleric, as saying: “…”" and "Raisi was quoted by Reuters as
  // saying: “…”": the one quoted.
  const quotedAs = /\bquoted\s+([^.;:!?]+?)\s*,?\s+as\s+(?:saying|telling|stating)(?:\s+that)?\s*$/i.exec(trimmed);
  if (quotedAs?.[1] && !/^by\b/i.test(quotedAs[1])) {
    const s = offset + (quotedAs.index ?? 0) + quotedAs[0].indexOf(quotedAs[1], 6);
    return speakerOfPhrase(p, s, quotedAs[1], mentions, state, 2);
  }
  const passive = /\b(?:was|were|has been|had been|is)\s+quoted\b[^.;:!?]*\bas\s+(?:saying|telling|stating)(?:\s+that)?\s*$/i.exec(trimmed);
  if (passive) {
    const speaker = subjectBefore(p, offset, offset + (passive.index ?? 0), mentions, state);
    if (speaker) return speaker;
  }
  // "Asked about Nair's remarks, Brennan replied: “…”": the subject of the verb of speech.
  const verb = /(?:^|\s)([\p{L}]+)(?:\s+that)?$/u.exec(trimmed);
  if (verb?.[1] && QUOTING_VERBS.has(verb[1].toLowerCase())) {
    const verbStart = offset + (verb.index ?? 0) + verb[0].indexOf(verb[1]);
    const speaker = subjectBefore(p, offset, verbStart, mentions, state);
    if (speaker) return speaker;
  }
  return /:\s*$/.test(before) && trimmed.trim() !== '' ? colonSpeaker(p, offset, trimmed, mentions, state) : null;
}

/** "his answer", "her reply": the words of the person the paragraph is about. */
const OWN_WORDS = /^(his|her)\s+(?:[\p{L}-]+\s+)?(answer|reply|response|retort|reaction|message|words|verdict|advice|explanation|argument|warning|conclusion|statement|post|tweet|letter|view)\b/iu;
/** "The statement continued:", "The letter reads:": a document whose author the clause does not name. */
const AUTHORLESS_DOCUMENT = /^(the|this|that)\s+(?:[\p{L}-]+\s+)?(statement|letter|post|tweet|message|communiqu[eé]|release|report|note|announcement|text)\b/iu;
/** Where a clause's subject ends: the first verb-like word after it ("Her neighbour | disagreed"). */
const VERB_LIKE = /^(?:[a-z]+ed|was|were|is|are|had|has|have|put|gave|took|made|kept|struck|spoke|wrote|said|says|told|felt|saw|sees|thought|thinks|went|came|did|does|would|will|could|can|might|may|should|must)$/;

/**
 * A clause that ends in a colon introduces its own subject's words ("His wife, Mary Jones, disagreed: “…”",
 * "Her neighbour disagreed: “…”"), so the quotation is never the previous speaker's continued. The subject
 * is the first name the clause starts with; else the phrase before its verb, resolved as a pronoun, a
 * description or an anonymous source; else nobody the article names.
 */
function colonSpeaker(p: Paragraph, offset: number, clause: string, mentions: EntityMentionRef[], state: ResolveState): Speaker | null {
  // "… she said, while he told reporters:": the clause is the last one joined to the sentence.
  // "Jane Doe said that John Smith had told her:": the words are John Smith's.
  const joined = /^(?:[^]*[,;]\s*(?:while|and|but|whereas|as)\s+|[^]*;\s*|[^]*\bthat\s+(?=[^]*\b(?:told|said|wrote|asked|added|warned|replied)\b))/i.exec(clause)?.[0].length ?? 0;
  if (joined > 0) return colonSpeaker(p, offset + joined, clause.slice(joined), mentions, state);
  const subject = sentenceSubject(p, offset, offset + clause.length, mentions);
  if (subject && (subject.type === 'person' || subject.type === 'organization')) {
    const m = mentions.find((x) => x.entity === subject && x.start >= offset);
    return m ? mentionSpeaker(p, m) : speakerOf(subject);
  }
  const lead = clause.length - clause.trimStart().length;
  const body = clause.slice(lead);
  if (AUTHORLESS_DOCUMENT.test(body)) return null;
  if (OWN_WORDS.test(body)) {
    const e = state.entities.find((x) => x.localId === state.lastPerson);
    if (e) return { speaker: e.localId, speakerName: e.name, speakerKind: 'person' };
  }
  const words = [...body.matchAll(/[\p{L}\p{N}'’.-]+/gu)];
  const verbAt = words.findIndex((w, k) => k > 0 && VERB_LIKE.test(w[0]));
  const phraseEnd = verbAt > 0 ? (words[verbAt - 1]?.index ?? 0) + (words[verbAt - 1]?.[0].length ?? 0) : body.length;
  const start = offset + lead;
  const phrase = body.slice(0, phraseEnd).trim();
  const resolved = resolveSpeaker(p, start, start + phraseEnd, mentions, state, true);
  if (resolved) return resolved;
  const someone = /^(his|her|their|a|an|one|two|three|several|some|another)\s/i.test(phrase);
  return { speaker: null, speakerName: someone ? phrase : null, speakerKind: someone ? 'anonymous' : 'unknown' };
}

/**
 * The subject of the verb at `verbStart`: the last comma-separated segment of the clause before it that is
 * not an apposition ("Ali Akbar Velayati, a top advisor to … Ali Khamenei, said" → Velayati).
 */
function subjectBefore(p: Paragraph, from: number, verbStart: number, mentions: EntityMentionRef[], state: ResolveState): Speaker | null {
  // A dateline before the subject: "RAMALLAH, West Bank, Aug 11 (Reuters) - Israel's Foreign Ministry said".
  const clauseStart = from + (DATELINE.exec(p.plain.slice(from, verbStart))?.[0].length ?? 0);
  const text = p.plain.slice(clauseStart, verbStart);
  const segments: Array<{ start: number; end: number }> = [];
  let segStart = 0;
  let depth = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (i === text.length || (ch === ',' && depth === 0)) {
      segments.push({ start: segStart, end: i });
      segStart = i + 1;
    }
  }
  const nonEmpty = segments.filter((seg) => text.slice(seg.start, seg.end).trim() !== '');
  for (let k = nonEmpty.length - 1; k >= 0; k--) {
    const seg = nonEmpty[k];
    if (!seg) continue;
    let segText = text.slice(seg.start, seg.end);
    // "…billboards across Tehran, one of which reads": a relative pronoun about a thing is nobody we can name.
    if (k === nonEmpty.length - 1 && /^\s*((one|some|many|each|all|none|most) of )?which\b/i.test(segText)) {
      return { speaker: null, speakerName: segText.trim(), speakerKind: 'unknown' };
    }
    // "X, ROLE, said" and "X, ROLE, who …": skip the apposition or relative clause back to the name.
    // "X, speaking in Manchester, said": so is a participle phrase, and any phrase in lower case but a
    // pronoun ("Harris, for his part, said", "X, deputy director for …, said").
    if (k > 0 && (/^\s*(a|an|the|former|who|one of|[a-z]+ing)\b/i.test(segText) || /^\s*(?!(?:he|she|they|we|it|i)\b)\p{Ll}/u.test(segText))) continue;
    // Strip auxiliaries and adverbs between subject and verb, and a time ("Josep Borrell on Sunday said").
    segText = segText.replace(/(\s+(also|further|then|later|once|previously|again|repeatedly|had|has|have|was|is|would|will|earlier|yesterday|today|too|meanwhile|(?:on|last|this)\s+\p{L}+(?:\s+(?:morning|afternoon|evening|night))?))+\s*$/iu, '');
    const lead = segText.length - segText.trimStart().length;
    const s = clauseStart + seg.start + lead;
    const e = clauseStart + seg.start + segText.trimEnd().length;
    return resolveSpeaker(p, s, e, mentions, state, true);
  }
  return null;
}

/**
 * The speaker of a fragment woven into a sentence: the subject of the nearest speaking or describing verb
 * before the fragment ("Raisi claimed that … in order to “…”", "Iran praised the strike, describing it as a “…”").
 */
function sentenceSpeaker(p: Paragraph, clauseStart: number, open: number, mentions: EntityMentionRef[], state: ResolveState): Speaker | null {
  const sentence = p.sentences.find((s) => s.start <= open && open < s.end);
  const from = sentence?.start ?? clauseStart;
  const text = p.plain.slice(from, open);
  const tokens = tokenize(text);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t?.text === ',' || t?.text === ';') return null; // the verb must be in the fragment's own clause
    if (!t || t.kind !== 'word' || !SPEECH_VERB.has(t.text.toLowerCase())) continue;
    if (/ing$/.test(t.text)) {
      // A participle ("describing it as …") takes the subject of the main clause: the sentence's first name.
      const subject = sentenceSubject(p, from, from + t.start, mentions);
      if (subject) return speakerOf(subject);
      continue;
    }
    const speaker = subjectBefore(p, from, from + t.start, mentions, state);
    if (speaker) return speaker;
  }
  return null;
}

function lastWords(text: string, n: number): string {
  return text.trim().split(/\s+/).slice(-n).join(' ');
}

/** Resolves a speaker phrase: a name, a pronoun, an anonymous source, or a description of a known person. */
function resolveSpeaker(
  p: Paragraph, start: number, end: number, mentions: EntityMentionRef[], state: ResolveState, subjectOnly = false,
): Speaker | null {
  const phrase = p.text.slice(start, end).trim();
  if (phrase === '' || phrase.split(/\s+/).length > 14) return null;
  if (PRONOUN_PERSON.test(phrase)) {
    const quoted = state.spokeHere;
    if (quoted && quoted.speakerKind !== 'person') return { ...quoted };
    if (state.focusUnnamed) return { speaker: null, speakerName: null, speakerKind: 'anonymous' };
    const e = pronounReferent(phrase, start, mentions, state);
    if (e) state.pronouns.set(e.localId, /^she$/i.test(phrase) ? 'female' : 'male');
    return e ? { speaker: e.localId, speakerName: e.name, speakerKind: 'person' } : { speaker: null, speakerName: phrase, speakerKind: 'unknown' };
  }
  if (PRONOUN_GROUP.test(phrase) || /^it$/i.test(phrase)) return { speaker: null, speakerName: phrase, speakerKind: 'unknown' };
  // "The statement from the Ministry of Health read", "a letter by Amnesty International": a document speaks for its author.
  const document = /^(?:a|an|the|their|its|his|her)\s+(?:joint\s+|official\s+|written\s+)?(?:statement|letter|post|tweet|message|communiqu[eé]|press release|report|note|announcement)\s+(?:from|by|of)\s+/i.exec(phrase);
  if (document) {
    const author = mentions.find((m) => m.start >= start + document[0].length - 1 && m.end <= end);
    if (author) return mentionSpeaker(p, author);
  }
  // "her spokesman", "his lawyer": someone the phrase does not name.
  const theirs = /^(?:his|her|their|its)\s+(?:(?:former|longtime|new|own|chief)\s+)?([\p{L}-]+(?:\s+(?:mate|of staff|secretary))?)$/iu.exec(phrase);
  if (theirs?.[1] && RELATION.test(theirs[1])) return { speaker: null, speakerName: phrase, speakerKind: 'anonymous' };
  // "Kane's lawyer" is someone else, whom the phrase does not name.
  const relation = /^(\S+(?:\s+\S+){0,3}?)['’]s\s+(?:(?:former|longtime|new|own)\s+)?([\p{L}-]+(?:\s+(?:mate|of staff|secretary))?)$/u.exec(phrase);
  if (relation?.[2] && RELATION.test(relation[2]) && mentions.some((m) => m.start >= start && m.end <= end && m.entity.type === 'person')) {
    return { speaker: null, speakerName: phrase, speakerKind: 'anonymous' };
  }
  // "the Dane added", "the 36-year-old said", "the Democrat said": a description of the person in focus.
  if (/^the\s+(?:\d+-year-old|\p{Lu}[\p{L}-]+)$/u.test(phrase)) {
    const word = phrase.slice(4);
    if (/^\d/.test(word) || isDemonym(word) || NATIONALITY_NOUNS.test(word)) {
      const e = state.focusUnnamed ? null : state.entities.find((x) => x.localId === state.lastPerson);
      return e ? { speaker: e.localId, speakerName: phrase, speakerKind: 'person' } : { speaker: null, speakerName: phrase, speakerKind: 'unknown' };
    }
  }
  // "the company said", "the club said": the organisation the story was last about.
  const collective = /^the\s+(company|club|firm|group|team|bank|party|ministry|agency|organi[sz]ation|charity|union|council|government|department|league|network|broadcaster|newspaper|foundation|institute|university|hospital|board|committee|court|movement)$/i.exec(phrase);
  if (collective) {
    const org = [...mentions].reverse().find((m) => m.end <= start && m.entity.type === 'organization')?.entity
      ?? state.entities.find((e) => e.localId === state.recentOrganization);
    if (org) return { speaker: org.localId, speakerName: phrase, speakerKind: 'organization' };
  }
  // "police said", "authorities said": people the article does not name.
  if (/^(police|authorities|officials|prosecutors|investigators|organi[sz]ers|rescuers|firefighters|doctors|witnesses|residents|analysts|experts|sources|diplomats|officers)$/i.test(phrase)) {
    return { speaker: null, speakerName: phrase, speakerKind: 'anonymous' };
  }
  // "Netanyahu's office", "the minister's campaign", "Netanyahu's aides": of the person's, not the person.
  const owned = /^\S+(?:\s+\S+){0,6}?['’]s\s+(?:press\s+)?([\p{L}-]+)$/u.exec(phrase);
  if (owned?.[1] && INSTITUTION.test(owned[1])) return { speaker: null, speakerName: phrase, speakerKind: 'unknown' };
  // A name inside a prepositional phrase is not the speaker ("the president of Iran", "a source close to Gamliel").
  const inside = mentions.filter((m) => m.start >= start && m.end <= end && !/\b(of|to|for|from|at|in|with|by|on|about)\s+(the\s+)?$/i.test(p.plain.slice(start, m.start)));
  // The head of the phrase: a name that ends it ("Foreign Ministry spokesman Saeed Khatibzadeh") or starts
  // it ("Tom Wagner, founder of …" arrives here as "Tom Wagner").
  // A person "of" an organisation or a place ("Mayor Angelina Messier of Aarhus", "Jane Doe of Morgan Stanley")
  // is the head too.
  const head = inside.find((m) => p.text.slice(m.end, end).replace(/['’]s$/, '').trim() === '')
    ?? inside.find((m) => m.entity.type === 'person' && /^\s+(?:of|from|at)\s+(?:the\s+)?\p{Lu}[^,;:]*$/u.test(p.text.slice(m.end, end)))
    ?? (subjectOnly ? undefined : inside[0]);
  // "the minister", "the Israeli intelligence minister": a definite description of someone the article names.
  if (!head && /^(the|this)\s/i.test(phrase) && !/s$/i.test(phrase)) {
    const described = describedPerson(lastWords(phrase, 6), state);
    if (described) return { speaker: described.localId, speakerName: phrase, speakerKind: 'person' };
  }
  const anonymous = ANONYMOUS_PHRASE.exec(phrase);
  // "The critic James Wood", "Foreign Ministry spokesman Saeed Khatibzadeh": the name right after the noun is who it is.
  if (anonymous && (!head || (head.start - start) > anonymous[0].length - 1) && !(head && head.end === end && head.entity.type === 'person' && p.text.slice(start + anonymous[0].length, head.start).trim() === '')) {
    return { speaker: null, speakerName: phrase, speakerKind: 'anonymous' };
  }
  if (head) {
    return mentionSpeaker(p, head);
  }
  if (subjectOnly && inside.length > 0) {
    const lastMention = inside[inside.length - 1];
    if (lastMention && p.text.slice(lastMention.end, end).trim().split(/\s+/).filter(Boolean).length <= 1) {
      return mentionSpeaker(p, lastMention);
    }
  }
  // A description of someone the article names elsewhere: "the minister", "the president of Iran".
  const described = describedPerson(lastWords(phrase, 6), state);
  if (described) return { speaker: described.localId, speakerName: phrase, speakerKind: 'person' };
  // "one nurse at St. Mary’s", "a man in the crowd": someone the article does not name.
  if (/^(a|an|one|two|three|several|some|many|another)\s/i.test(phrase)) return { speaker: null, speakerName: phrase, speakerKind: 'anonymous' };
  if (/^(the|a|an)\b/i.test(phrase) || /s$/.test(phrase)) return { speaker: null, speakerName: phrase, speakerKind: 'unknown' };
  // A name the article gives nothing else on ("Mendez said"): shown as written, never someone else's words.
  if (/^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}$/u.test(phrase)) return { speaker: null, speakerName: phrase, speakerKind: 'unknown' };
  return null;
}

const DETERMINERS = /^(the|a|an|this|that|its|their|his|her)$/i;

/** Nouns for a person of a nation or a party, which are not adjectives ("the Dane", "the Democrat"). */
const NATIONALITY_NOUNS = /^(Dane|Swede|Finn|Pole|Scot|Brit|Turk|Serb|Croat|Slovak|Czech|Swiss|Dutchman|Dutchwoman|Frenchman|Frenchwoman|Englishman|Englishwoman|Irishman|Irishwoman|Welshman|Scotsman|Scotswoman|Spaniard|Kiwi|Aussie|Yank|Democrat|Republican|Conservative|Tory|Liberal|Socialist)$/;

/** Other ways a role word is written: "Sen." is "the senator", "chief executive" is "the CEO". */
const ROLE_SPELLINGS: Record<string, string[]> = {
  sen: ['senator'], rep: ['representative', 'congressman', 'congresswoman'], gov: ['governor'], gen: ['general'], prof: ['professor'],
  dr: ['doctor'], lt: ['lieutenant'], col: ['colonel'], capt: ['captain'], supt: ['superintendent'], amb: ['ambassador'],
  ceo: ['chief', 'executive'], executive: ['ceo'], chairman: ['chair'], chairwoman: ['chair'], chairperson: ['chair'],
};

/** Matches "the minister" or "the president of Iran" to the one person whose role has those words. */
function describedPerson(phrase: string, state: ResolveState): LocalEntity | null {
  const words = phrase.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}-]+/u).filter((w) => w && !DETERMINERS.test(w) && w !== 'of');
  if (words.length === 0 || !/^(the|this)\b/i.test(phrase.trim())) return null;
  // "A senior Israeli official told Axios … “…,” the official said": the unnamed source again.
  if (state.anonymousHeads.has(words[words.length - 1] ?? '')) return null;
  // A description refers back: to someone named in this paragraph or before it, not later; but a headline
  // (the first paragraph) speaks of the people the story names after it.
  const candidates = state.entities.filter((e) => e.type === 'person' && (state.paragraph <= 1 || e.mentions.some((m) => m.paragraph <= state.paragraph)) && e.roles.some((r) => {
    const roleWords = new Set(r.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}-]+/u).flatMap((w) => [w, ...(ROLE_SPELLINGS[w] ?? [])]));
    return words.every((w) => roleWords.has(w));
  }));
  if (candidates.length === 1) return candidates[0] ?? null;
  const last = candidates.find((c) => c.localId === state.lastPerson);
  return last ?? null;
}

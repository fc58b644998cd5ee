/**
 * What the reader of a story keeps in mind while attributing its quotations: who the story is about at
 * this point (the focus that "he" and "she" point to), who was quoted last, which people and organisations
 * were named recently, and which unnamed sources have spoken. quotes.ts reads the text; this module holds
 * that state and finds the subject a sentence is about.
 */
import type { Paragraph } from '../corpus/article.ts';
import type { EntityType, LocalEntity, SpeakerKind } from './analysis.ts';
import { ANONYMOUS_HEADS } from './lexicon.ts';

export interface Speaker {
  speaker: string | null;
  speakerName: string | null;
  speakerKind: SpeakerKind;
}

export interface EntityMentionRef {
  entity: LocalEntity;
  start: number;
  end: number;
}

/** The pronoun a person takes. */
export type Gender = 'female' | 'male';

export interface ResolveState {
  lastPerson: string | null;
  /** The focus is someone the article does not name ("A nurse at the hospital … she said"). */
  focusUnnamed: boolean;
  /**
   * Who was quoted last in this paragraph, when nothing has moved the focus since: "“…,” Nik Morrison said.
   * “…,” she added" is still Morrison, and "“…,” a spokesperson said. “…,” she added" still the spokesperson.
   */
  spokeHere: Speaker | null;
  /** People named in earlier paragraphs, most recent last. */
  recent: string[];
  /** The organisation named last in an earlier paragraph ("the company said"). */
  recentOrganization: string | null;
  /** The pronoun the article itself uses for a person ("He was impressed." after naming him). */
  pronouns: Map<string, Gender>;
  entities: LocalEntity[];
  /** The paragraph being read: a description refers back, never to someone named only later. */
  paragraph: number;
  /** Head nouns of the unnamed sources quoted so far ("official" for "a senior Israeli official"). */
  anonymousHeads: Set<string>;
}

export function setFocus(state: ResolveState, person: string | null, unnamed: boolean): void {
  state.lastPerson = person;
  state.focusUnnamed = unnamed;
}

function kindOf(type: EntityType): SpeakerKind {
  return type === 'person' ? 'person' : type === 'organization' || type === 'place' ? 'organization' : 'unknown';
}

/** An entity as the speaker of a quotation, under the name the article gives it there. */
export function speakerOf(entity: LocalEntity, speakerName: string = entity.name): Speaker {
  return { speaker: entity.localId, speakerName, speakerKind: kindOf(entity.type) };
}

/** The entity that a sentence is about when it starts with one (its subject), for pronoun resolution. */
export function sentenceSubject(p: Paragraph, start: number, end: number, mentions: EntityMentionRef[]): LocalEntity | null {
  const subject = sentenceFocus(p, start, end, mentions);
  return subject === SOMEONE_UNNAMED ? null : subject;
}

/** A sentence about someone the article does not name here ("Holm's deputy was more cautious."). */
export const SOMEONE_UNNAMED = Symbol('someone unnamed');

/** People named by their relation to someone else: "Holm's deputy" is not Holm. */
export const RELATION = /^(deputy|wife|husband|son|daughter|mother|father|brother|sister|widow|widower|lawyer|attorney|spokes(?:man|woman|person)|aide|adviser|advisor|successor|predecessor|rival|opponent|challenger|partner|boss|assistant|secretary|ally|friend|colleague|counterpart|envoy|biographer|niece|nephew|cousin|uncle|aunt|grandson|granddaughter|grandfather|grandmother|fianc[eé]e?|girlfriend|boyfriend|teammate|manager|coach|doctor|running mate|chief of staff|press secretary)$/i;

/** A dateline before the first sentence: "RAMALLAH, West Bank, Aug 11 (Reuters) - ", "WASHINGTON — ". */
export const DATELINE = /^\s*\p{Lu}{2,}[\p{Lu}\s.'’-]*(?:,[^,—–()]{1,40}){0,3}(?:\s*\([^)]{1,30}\))?\s*[-—–]{1,2}\s+/u;

/** "An adviser to …", "A nurse at …": a subject who is a person the sentence does not name. */
export const UNNAMED_SUBJECT = new RegExp(`^\\s*(?:an?|one|another|two|three|several|some)\\s+(?:[\\p{L}-]+\\s+){0,3}?(?:${ANONYMOUS_HEADS.source}|${RELATION.source.slice(1, -1)}|nurse|doctor|teacher|worker|student|witness|driver|farmer|survivor|victim|neighbou?r|passenger|shopkeeper|owner|volunteer|mother|father)\\b`, 'iu');

/** What belongs to a person but acts on its own ("Duarte's office issued a statement"). */
export const INSTITUTION = /^(office|campaign|team|government|administration|cabinet|ministry|party|family|camp|foundation|company|lawyers|staff|aides|supporters|spokespeople)$/i;

/** "a consultant" after a time at the start of a sentence ("Later that morning a consultant, who …"). */
const UNNAMED_INSIDE = new RegExp(`(?:^|\\s)(?:an?|one|another)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:${ANONYMOUS_HEADS.source}|nurse|doctor|consultant|teacher|worker|student|witness|driver|farmer|survivor|victim|neighbou?r|passenger|shopkeeper|owner|volunteer|porter|paramedic|resident)\\s*$`, 'iu');

/**
 * The subject a sentence starts with, for the focus that "he"/"she" refer to: the first name, after a
 * fronted adverbial, participle or subordinate clause; but a possessive that names someone by relation
 * ("Holm's deputy, Markus Bauer, was …") is that other person: the name in apposition, else someone unnamed.
 */
export function sentenceFocus(p: Paragraph, from: number, end: number, mentions: EntityMentionRef[]): LocalEntity | typeof SOMEONE_UNNAMED | null {
  const start = from + (DATELINE.exec(p.plain.slice(from, end))?.[0].length ?? 0);
  const text = p.plain.slice(start, end);
  // Skip a fronted adverbial ("In 2022, Bennett sent …", "At that online meeting, Gamliel said …"), participle
  // or subordinate clause ("Asked about Nair's remarks, Brennan replied …").
  const frontedMatch = /^(?:(?:in|on|at|after|before|during|since|following|last|earlier|later|meanwhile|according to|asked|when asked|pressed|questioned|challenged|speaking|responding|replying|reacting|writing|commenting|addressing|referring|turning|while|when|as|although|though|if|unlike|like)\b[^,]{0,60},\s*)?/i.exec(text)?.[0] ?? '';
  // A fronted phrase is short; "On the second day I met Tomasz Nowak, a porter." has its subject inside.
  const fronted = frontedMatch.split(/\s+/).filter(Boolean).length <= 6 ? frontedMatch.length : 0;
  // "Later that morning a consultant, who …, stopped": someone unnamed after a time, before any name.
  const firstClause = text.split(',')[0] ?? '';
  const unnamedInside = UNNAMED_INSIDE.exec(firstClause);
  if (unnamedInside && !mentions.some((m) => m.start >= start && m.start < start + (unnamedInside.index ?? 0) + unnamedInside[0].length)) return SOMEONE_UNNAMED;
  let first = mentions.find((m) => m.start >= start + fronted && m.start < end);
  // "A nurse at the hospital, who asked not to be named, described …": someone unnamed is the subject,
  // unless the name follows at once ("A nurse, Jane Okoro, said …").
  const unnamed = UNNAMED_SUBJECT.exec(text.slice(fronted));
  if (unnamed) {
    const phraseEnd = start + fronted + unnamed[0].length;
    if (!first || !/^[\s,]*$/.test(p.plain.slice(phraseEnd, first.start))) return SOMEONE_UNNAMED;
  }
  if (!first) return null;
  const gap = p.plain.slice(start + fronted, first.start);
  // "… when I meet Ama Boateng outside the Royal Infirmary.": the person the writer meets is the subject.
  if (first.entity.type === 'person' && /\bI\s+(?:meet|met|reached|interviewed|visited|spoke (?:to|with)|asked|called|found|caught up with|joined)\s+$/.test(gap)) return first.entity;
  if (gap.split(/\s+/).filter(Boolean).length > 6) return null;
  // "An adviser to Mahmoud Abbas told …": the name is inside the subject, which is someone unnamed.
  if (/^\s*(?:an?|one|the|another|two|three|several|some)\b/i.test(gap) && /\b(to|of|for|with|close to|near)\s+(the\s+)?$/i.test(gap)) return null;
  // "Former US Secretary of State Mike Pompeo", "The PLO Secretary-General Hussein al-Sheikh": a place or an
  // organisation before a title is not the subject; the titled person after it is.
  if (first.entity.type !== 'person') {
    const after = mentions.find((m) => m.start > first!.end && m.start < end);
    if (after?.entity.type === 'person' && /^(?:\s+(?:\p{Lu}[\p{L}.-]*|of|the|for|and|[(][^)]*[)]))*\s+$/u.test(p.plain.slice(first.end, after.start))) first = after;
  }
  const relation = /^['’]s?\s+(?:(?:former|late|longtime|new|top|senior|chief|own|then)\s+)?([\p{L}-]+(?:\s+(?:mate|of staff|secretary))?)/u.exec(p.plain.slice(first.end, end));
  if (first.entity.type === 'person' && relation?.[1]) {
    if (RELATION.test(relation[1])) {
      const afterRelation = first.end + relation[0].length;
      // The name in apposition ("Holm's deputy, Markus Bauer, …", "Luke Whitaker's wife, Dana, …").
      const named = mentions.find((m) => m.start >= afterRelation && m.start < end && m.entity.type === 'person' && /^[\s,]*$/.test(p.plain.slice(afterRelation, m.start)));
      return named ? named.entity : SOMEONE_UNNAMED;
    }
    // "Bennett's remarks came …", "Hartley's first act …" are about the person; "Duarte's office issued …"
    // is about the office.
    return INSTITUTION.test(relation[1]) ? null : first.entity;
  }
  return first.entity;
}

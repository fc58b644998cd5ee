/**
 * "he" and "she": which person a pronoun points to, from the focus of the story and the pronoun each
 * person takes as the article shows it (a title, a role, the article's own "he"/"she") or as a first-name
 * list suggests.
 */
import type { LocalEntity } from './analysis.ts';
import { lexiconTag } from './lexicon.ts';
import type { EntityMentionRef, Gender, ResolveState } from './speakerContext.ts';

/** Words of a title or role that say which pronoun a person takes ("Ms.", "spokeswoman", "King"). */
const FEMALE_WORDS = /\b(mrs|ms|miss|madam|lady|dame|queen|princess|sister|duchess|baroness|countess|spokeswoman|chairwoman|congresswoman|businesswoman|councilwoman|policewoman|actress|widow|wife|mother|daughter)\b/i;
const MALE_WORDS = /\b(mr|sir|lord|king|prince|father|brother|duke|baron|spokesman|chairman|congressman|businessman|councilman|policeman|widower|husband|son)\b/i;

/**
 * The pronoun a person takes as the article shows it (a title or role: "Ms.", "spokeswoman"; or the pronoun
 * it uses for them: strong) or as a first-name list suggests (weak: names cross languages, "Andrea",
 * "Jean"), or null when nothing does.
 */
export function genderOf(e: LocalEntity, state: ResolveState): { gender: Gender; strong: boolean } | null {
  // A role's head, not what it is a role of: "a former adviser to Queen Elizabeth" says nothing of the adviser.
  const roles = e.roles.map((r) => r.split(/\s+(?:of|to|for|at|in|with|under)\s+/i)[0] ?? '').join(' ');
  const female = FEMALE_WORDS.test(roles);
  const male = MALE_WORDS.test(roles);
  if (female !== male) return { gender: female ? 'female' : 'male', strong: true };
  const used = state.pronouns.get(e.localId);
  if (used) return { gender: used, strong: true };
  const tag = e.name.split(' ').map((w) => lexiconTag(w)).find((t) => t === 'FemaleName' || t === 'MaleName');
  return tag === 'FemaleName' ? { gender: 'female', strong: false } : tag === 'MaleName' ? { gender: 'male', strong: false } : null;
}

/**
 * "he"/"she": the person last speaking or acting, unless that person takes the other pronoun and someone
 * named before it (in the paragraph, then in the paragraphs before) takes this one ("Senator Michael Duarte
 * questioned Ambassador Linda Chow … “…,” she said" is Chow's; in a cross-examination the witness answers
 * the lawyer). When nobody else fits, a first name alone does not overrule the focus, but a title does:
 * nobody rather than a mismatch. Nor does a first name overrule the person just quoted in the same paragraph:
 * a name's usual gender is a guess ("Nik", "Andrea"), "“…,” X said. “…,” she added" is not.
 */
export function pronounReferent(pronoun: string, at: number, mentions: EntityMentionRef[], state: ResolveState): LocalEntity | null {
  const want: Gender = /^she$/i.test(pronoun) ? 'female' : 'male';
  const focus = state.entities.find((x) => x.localId === state.lastPerson) ?? null;
  if (!focus) return null;
  const focusGender = genderOf(focus, state);
  if (focusGender === null || focusGender.gender === want || (!focusGender.strong && state.spokeHere?.speaker === focus.localId)) return focus;
  const takes = (e: LocalEntity): boolean => e.type === 'person' && genderOf(e, state)?.gender === want;
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k];
    if (m && m.end <= at && takes(m.entity)) return m.entity;
  }
  for (let k = state.recent.length - 1; k >= Math.max(0, state.recent.length - 6); k--) {
    const e = state.entities.find((x) => x.localId === state.recent[k]);
    if (e && takes(e)) return e;
  }
  return focusGender.strong ? null : focus;
}

/**
 * Entity ids: a slug of the name. In a module of its own so that opening a cached knowledge base does not
 * load the merge rules (and the word lists behind them).
 */
import { nameKey } from '../text/nameKey.ts';

/** An entity id from its name ("gila-gamliel"). */
export function slug(name: string): string {
  const s = nameKey(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return s || 'entity';
}

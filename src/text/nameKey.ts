import { foldLookalikes } from './lookalikes.ts';

/**
 * The key two spellings of one name share: "Ebrahim Ra'isi" and "Ebrahim Raisi", "al-Nakhalah" and
 * "Al Nakhalah", "Gamliel’s" and "gamliel". Diacritics, apostrophes, hyphens and case do not count.
 */
export function nameKey(name: string): string {
  return foldLookalikes(name)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]s$/u, '')
    .replace(/['’‘`´.]/gu, '')
    .replace(/[-‐–—_]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

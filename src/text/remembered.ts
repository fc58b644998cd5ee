/**
 * A word-to-word function with its answers remembered, up to `cap` words (then forgotten all at once):
 * article text is a small vocabulary repeated many times, and normalising or stemming a word is a dozen
 * regular expressions.
 */
export function remembered(fn: (word: string) => string, cap: number): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let answer = known.get(word);
    if (answer === undefined) {
      if (known.size >= cap) known.clear();
      answer = fn(word);
      known.set(word, answer);
    }
    return answer;
  };
}

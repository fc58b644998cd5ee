/**
 * The shape of one article once the corpus layer has read it: metadata, and the body split into
 * paragraphs and sentences with page chrome removed. Every later stage reads this, never the raw file.
 */

/** A date as the product stores it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Sentence {
  /** 0-based position of the sentence in its paragraph. */
  index: number;
  /** Offsets into `Paragraph.text` (end exclusive). */
  start: number;
  end: number;
  /** The sentence as displayed (a slice of `Paragraph.text`). */
  text: string;
}

export interface Paragraph {
  /** 1-based position among the article's body paragraphs: what a citation calls "¶ 3". */
  index: number;
  /**
   * Display text: NFC, look-alike letters inside Latin words folded to Latin, whitespace collapsed.
   * The wording, punctuation and quote marks are the article's own.
   */
  text: string;
  /**
   * `text` with curly quotes and apostrophes unified to ASCII (`"` and `'`); same length as `text`,
   * so offsets found in one are valid in the other. Extraction patterns read this.
   */
  plain: string;
  /** True for a short heading line (no sentence punctuation): not a source of quotes or events. */
  heading: boolean;
  sentences: Sentence[];
}

export interface RemovedChrome {
  text: string;
  /** Which rule removed it, e.g. "banner", "comments", "footer-marker", "photo-credit", "tag-word". */
  reason: string;
}

export interface Article {
  /** File name without extension: the stable id used in citations and the export. */
  id: string;
  /** File name with extension. */
  file: string;
  title: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or null when unknown. */
  published: IsoDate | null;
  /** Where `published` came from. */
  publishedFrom: 'front-matter' | 'dateline' | null;
  source: string | null;
  url: string | null;
  author: string | null;
  paragraphs: Paragraph[];
  /** What the chrome rules took out, for tests and debugging. */
  removed: RemovedChrome[];
}

/** A problem with one file or the folder: the file is skipped (or the corpus is empty) and the message says why. */
export interface CorpusWarning {
  file: string | null;
  message: string;
}

export interface Corpus {
  dir: string;
  articles: Article[];
  warnings: CorpusWarning[];
}

/**
 * What outlives extraction: an article's metadata and the display text of its paragraphs. The knowledge
 * base keeps no more, so a large corpus is not held in memory three times over (display text, the
 * quote-unified copy and the sentence slices) while it is merged and indexed.
 */
export interface ArticleText extends Pick<Article, 'id' | 'file' | 'title' | 'published' | 'source' | 'url' | 'author'> {
  paragraphs: Array<Pick<Paragraph, 'index' | 'text'>>;
}

export function articleText(a: Article): ArticleText {
  return {
    id: a.id, file: a.file, title: a.title, published: a.published, source: a.source, url: a.url, author: a.author,
    paragraphs: a.paragraphs.map((p) => ({ index: p.index, text: p.text })),
  };
}

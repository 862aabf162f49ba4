// The layout stage's answer for one document: every page decision both renderers draw and a
// print is checked against (confirm.ts). Its own module so that the stage's parts can name it
// without importing the stage's entry.
import type { ImprintFacts } from './pages/imprint.js';

export interface LayoutFacts {
  /** 'grid': the paginator's own count; 'measured': from a print's positions. */
  source: 'grid' | 'measured';
  /** Physical pages of the content (before any 版记 page; blank pages before a body counted). */
  contentPages: number;
  /** Physical pages of the whole document (the 版记's pages included, appended PDFs not). */
  pages: number;
  /** Number printed on each heading's page, by heading id (contents, bookmarks). */
  headingPages: Record<string, number>;
  /** Rows that start a page, by table index in document order. */
  tablePageStarts: Record<number, number[]>;
  /** Section indexes with a blank unnumbered page before them. */
  blankBefore: number[];
  /**
   * Physical pages (1-based, blank pages counted) where each section starts and each heading
   * stands: what a print of the laid-out model is checked against (confirm.ts).
   */
  physical: { sections: number[]; headings: Record<string, number>; tables: number[] };
  /**
   * Paragraphs the DOCX holds with the 附件说明/署名 after them by keep-with-next, by section
   * and block index (flow/distribute.ts: carried over for them, or fitting with them on a page).
   */
  held: { section: number; block: number }[];
  /** The 版记's place, when the document has one. */
  imprint?: ImprintFacts;
}

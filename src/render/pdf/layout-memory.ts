// What a batch's earlier documents taught about the layout of the next ones. Documents of one
// batch are mostly alike (one notice per base: same annex, same length give or take a line), so
// the layout pass of one document is a good guess for the next of the same shape. A guess is only
// ever used for a print that checks itself (render-many.ts): a wrong guess costs a reprint, never
// a wrong page.
import type { DocumentModel } from '../../model/types.js';
import type { MarkerHit } from './markers.js';

export interface LayoutGuess {
  /** The layout pass's markers, pages counted from the document's first page. */
  hits: MarkerHit[];
  /** Pages of the final document. */
  pages: number;
  /** Recent record: up for each right guess, down more for each wrong one; below 0, don't guess. */
  score: number;
}

const SCORE_MAX = 6;

/** What must be equal for one document's layout facts to be worth trying on another. */
export function layoutShape(m: DocumentModel): string {
  return JSON.stringify([
    m.sections.map((s) => [s.part, s.orientation, s.pageNumbers, s.blocks.length, s.blocks.map((b) => (b.type === 'table' ? [b.rows.length, b.headerRows] : b.type))]),
    !!m.imprint,
    m.appendPdfs.length,
  ]);
}

export class LayoutMemory {
  private readonly guesses = new Map<string, LayoutGuess>();

  /** A guess worth printing with, if any. */
  guess(m: DocumentModel): LayoutGuess | undefined {
    const g = this.guesses.get(layoutShape(m));
    return g && g.score >= 0 ? g : undefined;
  }

  /** Facts from a layout pass: they replace the guess (and a doubtful shape gets a new chance). */
  learn(m: DocumentModel, hits: MarkerHit[], pages: number): void {
    const key = layoutShape(m);
    const old = this.guesses.get(key);
    this.guesses.set(key, { hits, pages, score: old ? Math.min(SCORE_MAX, old.score + 1) : 0 });
  }

  /** How a guess did. */
  judge(m: DocumentModel, right: boolean): void {
    const g = this.guesses.get(layoutShape(m));
    if (g) g.score = right ? Math.min(SCORE_MAX, g.score + 1) : g.score - 3;
  }
}

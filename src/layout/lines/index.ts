// Line filling of the layout stage: display text (标志, titles, annex titles, cover titles) is
// broken into lines here, after the checks and before the renderers, so that DOCX and PDF set
// the same lines. The model before this step carries each text unbroken, with the lines the
// author forced; after it, the lines to draw.

import type { Block, DocumentModel, RedHeaderBlock } from '../../model/types.js';
import { COVER, HEADER, PAGE, TITLE, mmToPt, type FontRole } from '../../profile/gbt9704.js';
import { gridWidth } from '../measure/text-width.js';
import { breakDisplay } from './display.js';
import { memoByIdentity } from '../../util/identity-memo.js';

export { breakDisplay } from './display.js';

/** Widest one-line 标志 with its 文件, in characters: 156 mm at the smallest one-line size. */
export const MARK_MAX_CHARS = Math.floor(mmToPt(PAGE.textWidthMm) / HEADER.markOneLineMinPt);
const COVER_MAX_CHARS = Math.floor(mmToPt(PAGE.textWidthMm) / COVER.titleSizePt);

function markLines(b: RedHeaderBlock): string[] {
  // Several lines are a joint issuance or the author's own break: kept.
  if (b.lines.length !== 1) return b.lines;
  const name = b.lines[0];
  if (gridWidth(name) + gridWidth(b.suffix) <= MARK_MAX_CHARS) return b.lines;
  return breakDisplay(name, { maxWidth: MARK_MAX_CHARS, mode: 'mark', minLines: 2 });
}

/** Width of text in ems of a role's font (the positioned pages' real advances); absent: the grid's count. */
export type DisplayWidths = (role: FontRole) => (text: string) => number;

function fillBlock(b: Block, widths?: DisplayWidths): Block {
  switch (b.type) {
    case 'title':
      return { ...b, lines: breakDisplay(b.lines, { maxWidth: TITLE.maxCharsPerLine, widthOf: widths?.(TITLE.role) }) };
    case 'cover':
      return { ...b, title: breakDisplay(b.title, { maxWidth: COVER_MAX_CHARS, widthOf: widths?.(COVER.titleRole) }) };
    case 'redHeader':
      return { ...b, lines: markLines(b) };
    default:
      return b;
  }
}

/**
 * The model with every display text broken into lines (pure: the input is not changed).
 * Idempotent: lines it made fit, so a second pass keeps them.
 */
export function fillDisplayLines(model: DocumentModel, widths?: DisplayWidths): DocumentModel {
  return { ...model, sections: model.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => filled(b, widths)) })) };
}

/** Once per block and widths: a batch's documents share their annex titles by identity (util/identity-memo.ts). */
const filled = memoByIdentity(fillBlock);

// The 附件说明, 署名 with 日期 and 附注 keep with what comes before them: they never stand on a
// page without body text (§7.3.5.3); the paginator pulls the body's last line over with them.
//
// Blocks as flow units: what each block of the model takes on the page, in grid lines where it
// sits on the grid (body text, headings, titles, 主送, 附件说明, 署名, 附注) and in points where
// it does not (tables). Heights follow render/html's print CSS and write/docx's exact line
// rules, both on the profile's 28.95 pt pitch.
import type { Block, HeadingBlock, ParagraphBlock, Run, TableBlock } from '../../model/types.js';
import { memoByIdentity } from '../../util/identity-memo.js';
import type { HeadingLevel } from '../../profile/gbt9704.js';
import { ANNEX, ATTACHMENT_NOTE, BODY, GRID, HEADER, HEADING, LINE_PITCH_MM, SIGNATURE, TABLE, TITLE, TOC } from '../../profile/gbt9704.js';
import { NOMINAL, gridWidth, gridWidthIn, type TextMetrics } from '../measure/text-width.js';
import { breakGridLines, gridLineCount } from '../lines/grid-lines.js';
import { sealedSignatureLayout } from '../measure/signature.js';
import { redHeaderGeometry } from '../measure/red-header.js';

export type Unit =
  /** Lines of text that may break between any two lines (no widow or orphan rule: GB/T 9704's 22-line pages). */
  | {
      kind: 'lines';
      lines: number;
      keepWithNext?: boolean;
      headingId?: string;
      marginLines?: number;
      /**
       * Lines that go over with the 附件说明/署名 after it when they would not fit after the
       * paragraph (layout/flow/keeps.ts): the whole paragraph ('whole', as LibreOffice moves a
       * short keep-with-next paragraph), its last two ('lines'), else its last line.
       */
      carried?: number;
    }
  /** Lines that stay together (break-inside: avoid; w:keepLines), `marginLines` blank lines above, dropped at a page top. */
  | { kind: 'box'; lines: number; keepWithNext?: boolean; marginLines?: number; keepWithPrev?: boolean }
  | { kind: 'table'; table: TableBlock; tableIndex: number }
  /** A forced page start (page break, annex label, cover). */
  | { kind: 'break' }
  /** A block that fills its page (cover). */
  | { kind: 'page' };

const W = GRID.charsPerLine;
const text = (runs: Run[]): string => runs.map((r) => r.text).join('');

/**
 * A contents entry's lines: its text wraps (indented per level) so that the last line keeps
 * TOC.numberChars for the leader and the page number; what the paginator counts and
 * layout/frame draws.
 */
export function tocEntryLines(h: { level: HeadingLevel; number: string; runs: Run[] }, widthOf: (s: string) => number): string[] {
  const indent = (Math.min(4, Math.max(1, h.level)) - 1) * TOC.indentCharsPerLevel;
  return breakGridLines(h.number + text(h.runs), W - indent - TOC.numberChars, 0, widthOf);
}

/** Lines the contents page's entries take. */
function tocLines(headings: HeadingBlock[], depth: HeadingLevel, widthOf: (s: string) => number): number {
  let n = 0;
  for (const h of headings) {
    if (h.level > depth) continue;
    const indent = (Math.min(4, Math.max(1, h.level)) - 1) * TOC.indentCharsPerLevel;
    n += gridLineCount(h.number + text(h.runs), W - indent - TOC.numberChars, 0, widthOf);
  }
  return n;
}

/** Grid lines of a paragraph, once per paragraph a batch's documents share (util/identity-memo.ts). */
export const paragraphLines = memoByIdentity((b: ParagraphBlock, metrics: TextMetrics): number => {
  const indent = b.indent === 'none' || b.align === 'center' || b.align === 'right' ? 0 : BODY.firstLineChars;
  return gridLineCount((b.number ?? b.bullet ?? '') + text(b.runs), W, indent, gridWidthIn(metrics[BODY.role]));
});

/**
 * The units of one block. `prev` is the block before it in the section; `headings` every
 * heading of the document; `metrics` the Latin widths of the fonts it will be drawn in (a
 * line of figures and % breaks where that font makes it break).
 */
export function unitsOf(b: Block, prev: Block | undefined, tableIndex: number, headings: HeadingBlock[], metrics: TextMetrics = NOMINAL): Unit[] {
  const body = gridWidthIn(metrics[BODY.role]);
  // Half a line between a body table and the text after it (TABLE.spaceAroundLines), as both
  // renderers draw it; an official form's tables keep the form's own spacing.
  const afterTable = prev?.type === 'table' && !prev.fixedColumns ? TABLE.spaceAroundLines : undefined;
  switch (b.type) {
    case 'heading':
      return [{ kind: 'lines', lines: gridLineCount(b.number + text(b.runs), W, BODY.firstLineChars, gridWidthIn(metrics[HEADING[b.level].role])), keepWithNext: true, headingId: b.id, marginLines: afterTable }];
    case 'paragraph': {
      const lines = paragraphLines(b, metrics);
      const carried = b.keepWithNext === 'whole' ? lines : b.keepWithNext === 'lines' ? 2 : 1;
      return [{ kind: 'lines', lines, marginLines: afterTable, carried }];
    }
    case 'recipients':
      return [{ kind: 'lines', lines: gridLineCount(b.text, W, 0, body) }];
    case 'note':
      // 附注 stands on the line after the date (§7.3.6): it goes with the signature.
      return [{ kind: 'box', lines: gridLineCount(b.text, W, 2, body), keepWithPrev: prev?.type === 'signature' }];
    case 'redHeader':
      return [{ kind: 'box', lines: redHeaderGeometry(b).heightLines }];
    case 'title': {
      let before = 0;
      let after: number = TITLE.gapAfterLines;
      if (b.variant === 'document' && prev?.type === 'redHeader') before = HEADER.titleGapLines;
      if (b.variant === 'annex') {
        before = prev?.type === 'annexLabel' ? ANNEX.titleGapLines : 0;
        after = ANNEX.gapAfterTitleLines;
      }
      return [{ kind: 'box', lines: b.lines.length + after, marginLines: before, keepWithNext: true }];
    }
    case 'attachmentNote': {
      const indent = ATTACHMENT_NOTE.indentChars + gridWidth('附件：') + (b.items.length > 1 ? 1.5 : 0);
      const lines = b.items.reduce((a, t) => a + gridLineCount(t, W - indent, 0, body), 0);
      return [{ kind: 'box', lines, marginLines: ATTACHMENT_NOTE.gapBeforeLines, keepWithPrev: true }];
    }
    case 'signature':
      // The sealed form (§7.3.5.1) is as high as its seals need (measure/signature.ts), its
      // blank lines above included; it keeps with the body's last line like the unsealed form.
      if (b.seal) return [{ kind: 'box', lines: sealedSignatureLayout({ ...b, seal: b.seal }).lines, keepWithPrev: true }];
      return [{ kind: 'box', lines: b.names.length + 1, marginLines: SIGNATURE.gapBeforeLines, keepWithPrev: true }];
    case 'annexLabel':
      return [{ kind: 'break' }, { kind: 'box', lines: 1, keepWithNext: true }];
    case 'pageBreak':
      return [{ kind: 'break' }];
    case 'cover':
      return [{ kind: 'page' }];
    case 'toc':
      return [{ kind: 'box', lines: 1 + TOC.gapAfterTitleLines, keepWithNext: true }, { kind: 'lines', lines: tocLines(headings, b.depth, body) }];
    case 'figure':
      // The picture's box in whole lines (as both renderers draw it), then its caption line.
      return [{ kind: 'box', lines: Math.ceil(b.heightMm / LINE_PITCH_MM - 1e-6) + gridLineCount(b.caption ? `${b.label} ${b.caption}` : b.label, W, 0, body) }];
    case 'table': {
      const units: Unit[] = [];
      // Half a line between text and the table below it (dropped at a page top), as both renderers draw it.
      if (!b.fixedColumns && (prev?.type === 'heading' || prev?.type === 'paragraph' || prev?.type === 'attachmentNote')) {
        units.push({ kind: 'box', lines: 0, marginLines: TABLE.spaceAroundLines });
      }
      if (b.caption) units.push({ kind: 'box', lines: gridLineCount(b.caption, W, 0, body), keepWithNext: true });
      units.push({ kind: 'table', table: b, tableIndex });
      return units;
    }
  }
}

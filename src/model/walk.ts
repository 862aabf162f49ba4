// A rough line count of the model on the grid, for placing the 版记 when no PDF layout pass
// runs (a DOCX-only build).

import { GRID } from '../profile/gbt9704.js';
import { gridWidth } from './text-width.js';
import { sealedSignatureLayout } from './signature-layout.js';
import type { DocumentModel, ImprintPlacement, Run } from './types.js';

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');

/** Lines a paragraph of `text` takes on the 28-character grid. */
function lines(text: string, indent = 0): number {
  const w = gridWidth(text) + indent;
  return Math.max(1, Math.ceil(w / GRID.charsPerLine));
}

/**
 * Estimates where the 版记 goes when only DOCX is built (no layout pass): counts body lines
 * on the grid (tables by rows), section by section. An estimate: the PDF pass's decision
 * replaces it whenever the PDF is built in the same run.
 */
export function estimateImprintPlacement(model: DocumentModel): ImprintPlacement {
  const perPage = GRID.linesPerPage;
  let pages = 0;
  let used = 0;
  for (const section of model.sections) {
    if (used > 0 || pages > 0) {
      pages += 1;
      used = 0;
    }
    for (const b of section.blocks) {
      switch (b.type) {
        case 'pageBreak':
          pages += 1;
          used = 0;
          continue;
        case 'redHeader':
          used += 7 + b.lines.length;
          break;
        case 'title':
          used += b.lines.length * 1.1 + 2;
          break;
        case 'heading':
          used += lines(b.number + runsText(b.runs), 2);
          break;
        case 'paragraph':
          used += lines((b.number ?? '') + runsText(b.runs), 2);
          break;
        case 'recipients':
        case 'note':
          used += lines(b.text);
          break;
        case 'attachmentNote':
          used += 1 + b.items.reduce((a, t) => a + lines(t, 6), 0);
          break;
        case 'signature':
          used += b.seal ? sealedSignatureLayout({ ...b, seal: b.seal }).lines : 1 + b.names.length + 1;
          break;
        case 'annexLabel':
          used += 2;
          break;
        case 'table':
          // A list row at 4号 is about 0.8 of a body line; a long row wraps.
          used += b.rows.length * 0.85;
          break;
        default:
          used += 1;
      }
      while (used > perPage) {
        pages += 1;
        used -= perPage;
      }
    }
  }
  const lastPage = pages + 1;
  const imprintLines = 3 + (model.imprint?.cc ? lines(model.imprint.cc, 4) : 0);
  if (lastPage % 2 === 1) return 'next-page';
  return used + imprintLines + 1 <= perPage ? 'same-page' : 'after-blank';
}

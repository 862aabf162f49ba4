// Reading the model as text: which characters each font role must draw (for the PDF font
// map's coverage warnings) and a rough line count (for placing the 版记 when no PDF layout
// pass runs).

import { BODY, GRID, HEADING, TABLE, TITLE, ANNEX, IMPRINT, PAGE_NUMBER } from '../profile/gbt9704.js';
import { textWidth } from './title-lines.js';
import type { Block, DocumentModel, FontRole, ImprintPlacement, Run } from './types.js';

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');

/** Characters drawn per font role (deduplicated). */
export function textByRole(model: DocumentModel): Map<FontRole, string> {
  const acc = new Map<FontRole, Set<string>>();
  const add = (role: FontRole, text: string) => {
    let s = acc.get(role);
    if (!s) acc.set(role, (s = new Set()));
    for (const ch of text) if (ch.trim()) s.add(ch);
  };
  const addRuns = (role: FontRole, runs: Run[]) => runs.forEach((r) => add(r.role ?? role, r.text));
  const visit = (b: Block) => {
    switch (b.type) {
      case 'heading':
        add(HEADING[b.level].role, b.number);
        addRuns(HEADING[b.level].role, b.runs);
        break;
      case 'paragraph':
        add(BODY.role, (b.number ?? '') + (b.bullet ?? ''));
        addRuns(BODY.role, b.runs);
        break;
      case 'table':
        b.rows.forEach((row, i) =>
          row.forEach((c) => c && c.paragraphs.forEach((p) => addRuns(i < b.headerRows ? TABLE.headRole : TABLE.bodyRole, p))),
        );
        break;
      case 'redHeader':
        add('xiaobiaosong', b.lines.join('') + b.suffix);
        add(BODY.role, [b.number, ...(b.signers ?? []), '签发人：'].join(''));
        add('kaiti', (b.signers ?? []).join(''));
        add('heiti', (b.secrecy ?? '') + (b.urgency ?? ''));
        break;
      case 'title':
        add(TITLE.role, b.lines.join(''));
        break;
      case 'annexLabel':
        add(ANNEX.labelRole, b.text);
        break;
      case 'recipients':
      case 'note':
        add(BODY.role, b.text);
        break;
      case 'attachmentNote':
        add(BODY.role, '附件：0123456789.' + b.items.join(''));
        break;
      case 'signature':
        add(BODY.role, b.names.join('') + b.date);
        break;
      case 'cover':
        add(TITLE.role, b.title.join(''));
        add('kaiti', (b.author ?? '') + (b.date ?? ''));
        add(BODY.role, (b.author ?? '') + (b.date ?? ''));
        break;
      case 'toc':
        add(TITLE.role, b.title);
        break;
      default:
        break;
    }
  };
  model.sections.forEach((s) => s.blocks.forEach(visit));
  if (model.imprint) add(IMPRINT.role, `抄送：${model.imprint.cc ?? ''}${model.imprint.to ?? ''}${model.imprint.printer ?? ''}${model.imprint.printed ?? ''}印发`);
  add(PAGE_NUMBER.role, '— 0123456789');
  const out = new Map<FontRole, string>();
  for (const [role, set] of acc) out.set(role, [...set].join(''));
  return out;
}

/** Lines a paragraph of `text` takes on the 28-character grid. */
function lines(text: string, indent = 0): number {
  const w = textWidth(text) + indent;
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
          used += 1 + b.names.length + 1;
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

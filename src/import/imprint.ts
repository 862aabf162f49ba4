// The 版记 (抄送, 印发 with its date) recognised by its lines wherever it stands: as paragraphs
// or as a ruled table, after the annex pages as GB/T 9704 places it or before them, as many
// real files have it. Read only at the end, it was swallowed into the attachments (issue 22).

import { textP, whereOf, type Block, type Para } from './blocks.js';
import type { Findings } from './findings.js';
import type { NoticeFields } from './front-matter.js';
import { CC_LINE, PRINTED_LINE, ccList, isImprintLine, isoDate } from './parts.js';
import { rowsOf } from './table.js';

/** The 版记's lines of a block: a paragraph, or a table's rows (each row's cells joined). */
function imprintLines(b: Block): string[] | undefined {
  if (textP(b)) return isImprintLine(b.text) ? [b.text] : undefined;
  if (b.type !== 'table') return undefined;
  const lines = rowsOf(b.el)
    .map((r) => r.cells.map((c) => c.text).filter(Boolean).join(' '))
    .filter(Boolean);
  return lines.length > 0 && lines.every(isImprintLine) ? lines : undefined;
}

/** Takes the 版记 out of the blocks after the header, wherever it stands. */
export function takeImprint(blocks: Block[], fields: NoticeFields, findings: Findings): Block[] {
  const kept: Block[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    const lines = imprintLines(b);
    if (!lines) {
      kept.push(b);
      continue;
    }
    for (let line of lines) {
      line = line.trim();
      const cc = CC_LINE.exec(line);
      if (cc) {
        // A long 抄送 wraps onto a line of its own when typed by hand: joined while the next
        // block is the 印发 line.
        let text = cc[1];
        while (textP(blocks[k + 1]) && !isImprintLine((blocks[k + 1] as Para).text) && blocks[k + 2] && imprintLines(blocks[k + 2]) && /[，,、]$/.test(text)) text += (blocks[++k] as Para).text.replace(/[。.]$/, '');
        const list = ccList(text);
        if (list.length) fields.cc = [...(fields.cc ?? []), ...list];
        else findings.lost('抄送行没有机关名称：在文件头写 cc:', whereOf(b));
        continue;
      }
      const pr = PRINTED_LINE.exec(line)!;
      const printed = isoDate(pr[2]);
      if (fields.printer !== undefined) findings.lost(`第二个印发行未放置（已有 ${fields.printer}）`, whereOf(b));
      else if (!printed) findings.lost(`印发日期「${pr[2]}」不是有效日期：在文件头写 printed:`, whereOf(b));
      else {
        fields.printer = pr[1].trim();
        fields.printed = printed;
      }
    }
  }
  return kept;
}

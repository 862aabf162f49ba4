// A Word table as a pipe table. Merged cells are written once, in their first row and column:
// a pipe table cannot merge, and a list (kind: list) can merge them again with merge:.

import { inline, textOf, type El } from './html.js';
import { linkSink, type Block } from './blocks.js';
import type { Findings } from './findings.js';

export interface Row {
  cells: { text: string; md: string; rowspan: number; colspan: number }[];
  head: boolean;
}

export function rowsOf(table: El, findings?: Findings, at?: Block): Row[] {
  const rows: Row[] = [];
  const sink = findings && at ? linkSink(findings, () => ({ paragraph: at.at, text: '表格' })) : undefined;
  const visit = (el: El, head: boolean) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') {
        rows.push({
          head: head || c.children.some((x) => typeof x !== 'string' && x.tag === 'th'),
          cells: c.children
            .filter((x): x is El => typeof x !== 'string' && (x.tag === 'td' || x.tag === 'th'))
            .map((x) => ({
              text: textOf(x).trim(),
              md: inline(x.children, sink).replace(/\s+/g, ' ').trim(),
              rowspan: Math.max(1, Math.min(1000, Number(x.attrs.rowspan ?? 1) || 1)),
              colspan: Math.max(1, Math.min(64, Number(x.attrs.colspan ?? 1) || 1)),
            })),
        });
      } else visit(c, head || c.tag === 'thead');
    }
  };
  visit(table, false);
  return rows;
}

export function pipeTable(block: Extract<Block, { type: 'table' }>, findings: Findings): string {
  const rows = rowsOf(block.el, findings, block);
  if (rows.length === 0) return '';
  const grid: string[][] = [];
  const pending: Map<number, number> = new Map(); // column → rows still covered by a rowspan above
  let merged = false;
  for (const r of rows) {
    const line: string[] = [];
    let col = 0;
    const place = () => {
      while ((pending.get(col) ?? 0) > 0) {
        pending.set(col, pending.get(col)! - 1);
        line.push('');
        col++;
      }
    };
    for (const c of r.cells) {
      place();
      line.push(c.md); // | is already escaped
      if (c.rowspan > 1) {
        pending.set(col, c.rowspan - 1);
        merged = true;
      }
      for (let k = 1; k < c.colspan; k++) {
        line.push('');
        merged = true;
      }
      col += c.colspan;
    }
    place();
    grid.push(line);
  }
  if (merged) findings.note('表格有合并单元格：每个合并单元格的内容写一次，在它的第一行第一列（改为名单 kind: list 时可用 merge: 重新合并）', { paragraph: block.at, text: '表格' });
  const width = Math.max(...grid.map((r) => r.length));
  const norm = grid.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const [head, ...body] = norm;
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

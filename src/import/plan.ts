// A plan (规划, 方案): a cover (title, 编制单位, date), a contents page (目录), the body. The
// contents page is left out: gongwen makes its own from the headings.

import type { Block, Para } from './blocks.js';
import { bodyMarkdown } from './body.js';
import type { Findings } from './findings.js';
import { writeFrontMatter } from './front-matter.js';
import { isoDate } from './parts.js';

/** A line of a contents page: a link to a heading, or text ending in a tab or dots and a page number. */
const isContentsEntry = (b: Block) => b.type === 'p' && (b.toc || /\t\s*\d*$/.test(b.text) || /\.{3,}\s*\d+$/.test(b.text));

/** Where the contents page (目录) stands among the first blocks, or -1. */
export const contentsAt = (blocks: Block[]) => blocks.findIndex((b, k) => k < 8 && b.type === 'p' && b.text.replace(/\s+/g, '') === '目录');

export function importPlan(blocks: Block[], tocAt: number, findings: Findings): string {
  const cover = blocks.slice(0, tocAt).filter((b): b is Para => b.type === 'p' && b.text !== '');
  let k = tocAt + 1;
  while (k < blocks.length && isContentsEntry(blocks[k])) k++;
  const title = cover[0]?.text ?? '';
  const date = cover.map((b) => isoDate(b.text)).find(Boolean);
  const author = cover.slice(1).find((b) => !isoDate(b.text))?.text;
  // The title again above the body (a plan's first page) is the template's, not the author's.
  if (blocks[k]?.type === 'p' && (blocks[k] as Para).text === title) k++;
  findings.note('目录页未导入：gongwen 按标题生成目录');
  findings.note('可在文件头写 outline:（如 cluster-plan-2021），按提纲检查规划');
  if (!title) findings.lost('封面上没有找到标题：在文件头写 title:');
  const body = bodyMarkdown(blocks.slice(k), findings);
  return `${writeFrontMatter({ kind: 'plan', title: title || undefined, author, date })}\n\n${body}\n`;
}

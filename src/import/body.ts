// Body blocks → Markdown. A paragraph that starts with a heading number and reads as a heading
// (short, no closing 。) becomes a heading of the level its number's form says, as typed:
// 一、 → #, （一） → ##, 1. → ###, （1） → #### — also a plain body paragraph, the Word habit
// of typing 「一、申报范围」 without a heading style. A numbered sentence stays a paragraph with
// its number as typed: a Markdown list would be renumbered a level below its heading, and a
// typed 「1.网上填报」 under 「二、」 came back as 「（一）」 (issue 22).

import { escapeMd } from './html.js';
import { whereOf, type Block } from './blocks.js';
import type { Findings } from './findings.js';
import { looksLikeHeading, numberedLevel } from './numbering.js';
import { pipeTable } from './table.js';
import { numberText } from '../model/numbering.js';

export function bodyMarkdown(blocks: Block[], findings: Findings): string {
  const out: string[] = [];
  let headingLevel = 0;
  const counts = [0, 0, 0, 0];
  const heading = (level: number, text: string, typed: number | undefined, b: Block) => {
    // A typed number that skips a level (1. right under 二、): gongwen numbers a heading one
    // level below its parent (（一）), so as a heading it would not print as typed. It stays a
    // paragraph that starts with its number as the author typed it, and the note says why.
    if (typed !== undefined && headingLevel >= 1 && level > headingLevel + 1) {
      const lv = level as 1 | 2 | 3 | 4;
      findings.note(`「${numberText(lv, typed)}${text.slice(0, 12)}」跳过了上一级标题：按原样作为带编号的正文段落保留；要作标题，先补上缺的一级`, whereOf(b));
      out.push(`${numberText(lv, typed).replace(/^(\d+)\./, '$1\\.')}${text}`);
      return;
    }
    headingLevel = level;
    if (/^第[一二三四五六七八九十百\d]+[章节部篇]/.test(text)) {
      out.push(`${'#'.repeat(level)} ${text}`); // the author's own scheme: gongwen does not count it
      return;
    }
    counts[level - 1]++;
    for (let k = level; k < 4; k++) counts[k] = 0;
    const drawn = counts[level - 1];
    if (typed !== undefined && typed !== drawn) {
      const lv = level as 1 | 2 | 3 | 4;
      findings.note(`标题编号写的是「${numberText(lv, typed)}」，gongwen 按顺序编为「${numberText(lv, drawn)}」：检查前面是否漏了一个标题`, whereOf(b));
    }
    out.push(`${'#'.repeat(level)} ${text}`);
  };
  for (const b of blocks) {
    if (b.type === 'table') {
      out.push(pipeTable(b, findings));
      continue;
    }
    if (b.type === 'p' && b.image) {
      findings.lost('图片未导入：把图片另存为文件，在这里写 ![](图片.png)', whereOf(b));
      if (!b.text) continue;
    }
    const numbered = numberedLevel(b.text);
    if (b.type === 'li') {
      // A Word list item (automatic numbering): its depth is its level.
      if (b.anchor || looksLikeHeading(b.text)) heading(Math.min(b.depth, 4), numbered ? escapeMd(numbered.rest) : b.md, undefined, b);
      else out.push(`${'   '.repeat(Math.max(0, b.depth - headingLevel - 1))}${b.n}. ${b.md}`);
      continue;
    }
    if (numbered && (looksLikeHeading(numbered.rest) || b.anchor)) {
      heading(numbered.level, escapeMd(numbered.rest), numbered.n, b);
      continue;
    }
    if (b.anchor) {
      // A heading without a number: Word's Heading N level, or one in the author's own scheme
      // (第一章　总则), kept as written and not numbered.
      heading(Math.min(b.heading ?? 1, 4), b.md, undefined, b);
      continue;
    }
    // A paragraph that merely starts like a list item, a quote or a heading mark stays a paragraph.
    out.push(b.md.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+#>=])/, '\\$1'));
  }
  return out.join('\n\n');
}

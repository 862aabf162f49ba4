// The 版头 (标志, 发文字号 and 签发人), the title and the 主送 at the top of a notice.

import { paragraphsOf, textP, type Block, type Para } from './blocks.js';
import type { NoticeFields } from './front-matter.js';
import { looksLikeHeading, numberedLevel } from './numbering.js';
import { DOC_NUMBER, annexLabel, isImprintLine } from './parts.js';

/** 版头, title and 主送: where the body starts. */
export function readHead(blocks: Block[], fields: NoticeFields): { mark: string[]; start: number } {
  let i = 0;
  let mark: string[] = [];
  const numberAt = blocks.findIndex((b, k) => k < 10 && textP(b) && DOC_NUMBER.test(b.text.replace(/\s+/g, '')));
  if (numberAt >= 0) {
    for (const b of blocks.slice(0, numberAt)) {
      if (b.type === 'table') mark.push(...paragraphsOf(b.el));
      else if (textP(b)) mark.push(b.text);
    }
    const m = DOC_NUMBER.exec((blocks[numberAt] as Para).text.replace(/\s+/g, ''))!;
    fields.number = m[1];
    if (m[2]) fields.signers = m[2].split(/[、,，]/).filter(Boolean);
    i = numberAt + 1;
  } else if (textP(blocks[0]) && /文件$/.test(blocks[0].text)) {
    mark = [blocks[0].text];
    i = 1;
  } else if (textP(blocks[0]) && textP(blocks[1]) && !/^关于/.test(blocks[0].text) && /^关于/.test((blocks[1] as Para).text) && looksLikeHeading(blocks[0].text) && !numberedLevel(blocks[0].text)) {
    // A letter-form notice (信函格式): the office's name above a title that starts with 关于.
    mark = [blocks[0].text];
    i = 1;
  }
  // Title: up to the 主送 line (ends with ：) or the first sentence.
  const titleParts: string[] = [];
  while (textP(blocks[i])) {
    const b = blocks[i] as Para;
    const t = b.text;
    if (b.anchor || numberedLevel(t) || /[。；！？]$/.test(t) || annexLabel(t) !== undefined || isImprintLine(t)) break;
    if (/[:：]$/.test(t) || (titleParts.length > 0 && !/^(关于|的通知|通知|意见|决定|办法)/.test(t) && [...t].length > 40)) break;
    if (titleParts.length >= 3 || [...t].length > 60) break;
    titleParts.push(t);
    i++;
  }
  if (titleParts.length) fields.title = titleParts.join('');
  const to = blocks[i];
  if (textP(to) && /[:：]$/.test(to.text) && [...to.text].length <= 200 && !/^附件/.test(to.text)) {
    fields.to = to.text.replace(/[:：]$/, '');
    i++;
  }
  return { mark, start: i };
}


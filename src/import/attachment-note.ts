// The 附件说明: 附件：1．A / 2．B — one paragraph an item, or several broken with Shift+Enter
// in one. An item is a title: one line, no tab, at most MAX_ITEM characters; what follows the
// items and is not one (an annex typed without its 附件N label, a table) is not the 附件说明
// and is reported once, from its first paragraph to its last.

import { whereOf, type Block } from './blocks.js';
import type { Findings } from './findings.js';

/** The seeds' longest item (six 《》 names with a 文号) has 138 characters. */
const MAX_ITEM = 200;

export interface NoteItem {
  /** Its number as typed (2．) or its place. */
  n: number;
  title: string;
  at: Block;
}

/**
 * The items of one 附件说明 paragraph: Word users break the lines of 「1．A」「2．B」 with
 * Shift+Enter, which mammoth joins; split where the next number in sequence starts.
 */
function itemTexts(t: string): string[] {
  const out: string[] = [];
  let n = /^1\s*[.．、]/.test(t) ? 2 : 0;
  let from = 0;
  while (n > 0) {
    const at = t.slice(from + 1).search(new RegExp(`(?<!\\d)${n}\\s*(?:[．、]|\\.(?!\\d))`));
    if (at < 0) break;
    out.push(t.slice(from, from + 1 + at).trim());
    from += 1 + at;
    n++;
  }
  out.push(t.slice(from).trim());
  return out;
}


/** The 附件说明 among `blocks` (the body up to the 署名): its items and where it starts (-1: none). */
export function readAttachmentNote(blocks: Block[], findings: Findings): { items: NoteItem[]; start: number } {
  const start = blocks.findIndex((b) => b.type === 'p' && /^附\s*件\s*[:：]/.test(b.text));
  const items: NoteItem[] = [];
  if (start < 0) return { items, start };
  let stray: Block[] = [];
  for (const b of blocks.slice(start)) {
    if (stray.length || b.type !== 'p') {
      stray.push(b);
      continue;
    }
    if (!b.text) {
      findings.lost('图片未导入：把图片另存为文件，写在正文中 ![](图片.png)', whereOf(b));
      continue;
    }
    for (const t of itemTexts(b.text.replace(/^附\s*件\s*[:：]\s*/, ''))) {
      const m = /^(\d{1,3})\s*[.．、]\s*/.exec(t);
      const title = t.slice(m ? m[0].length : 0).replace(/[。；;]$/, '').trim();
      if (!title) continue;
      const last = items[items.length - 1];
      const continues = !m && last && b !== blocks[start] && [...last.title, ...title].length <= MAX_ITEM;
      if (/\t/.test(title) || [...title].length > MAX_ITEM || (!m && last && !continues)) {
        stray = [b];
        break;
      }
      if (continues) last.title += title;
      else items.push({ n: m ? Number(m[1]) : items.length + 1, title, at: b });
    }
  }
  if (stray.length) findings.lost('附件说明之后的内容未能放置：附件说明只写附件名称；附件页前加一行「附件N」，放在成文日期之后', { ...whereOf(stray[0])!, through: stray[stray.length - 1].at });
  return { items, start };
}

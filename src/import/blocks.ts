// mammoth's HTML as a flat list of blocks (paragraphs, Word list items, tables), each with its
// place in the Word file: the paragraph count a clerk can find again when a finding names it.

import { hasImage, inline, textOf, type El, type InlineSink, type Node } from './html.js';
import type { Finding, Findings } from './findings.js';

interface Placed {
  /** The block's number in the Word file, 1-based (a table counts as one). */
  at: number;
}

export type Block = Placed &
  (
    | { type: 'p'; text: string; md: string; anchor: boolean; toc?: boolean; heading?: number; image?: boolean }
    | { type: 'li'; depth: number; n: number; text: string; md: string; anchor: boolean }
    | { type: 'table'; el: El }
  );
export type Para = Extract<Block, { type: 'p' }>;
export const isP = (b: Block | undefined): b is Para => b?.type === 'p';
/** A paragraph with text (not an image alone). */
export const textP = (b: Block | undefined): b is Para => isP(b) && b.text !== '';

export const whereOf = (b: Block): Finding['at'] => ({ paragraph: b.at, text: b.type === 'table' ? '表格' : b.text });

const linksToHeading = (n: Node): boolean => typeof n !== 'string' && ((n.tag === 'a' && /^#_Toc/.test(n.attrs.href ?? '')) || n.children.some(linksToHeading));
const hasAnchor = (n: Node): boolean => typeof n !== 'string' && ((n.tag === 'a' && /^_Toc/.test(n.attrs.id ?? '')) || n.children.some(hasAnchor));

/** An inline sink that reports dropped link targets at the paragraph being read. */
export function linkSink(findings: Findings, at: () => Finding['at']): InlineSink {
  return {
    droppedLink: (text, href) =>
      findings.note(`链接「${text.trim() || href.slice(0, 40)}」的目标不是 http(s) 或 mailto 地址（${[...href].slice(0, 40).join('')}${[...href].length > 40 ? '…' : ''}），只保留了文字`, at()),
  };
}

export function blocksOf(root: El, findings: Findings): Block[] {
  const out: Block[] = [];
  let at = 0;
  let current = '';
  const sink = linkSink(findings, () => ({ paragraph: at, text: current }));
  const walk = (nodes: Node[], depth: number) => {
    for (const n of nodes) {
      if (typeof n === 'string') {
        if (n.trim()) out.push({ at: ++at, type: 'p', text: n.trim(), md: inline([n.trim()]), anchor: false });
        continue;
      }
      if (n.tag === 'p' || /^h[1-6]$/.test(n.tag)) {
        const text = textOf(n).trim();
        current = text;
        at++;
        // The body's last line that gongwen set apart before the signature: the same paragraph.
        const prev = out[out.length - 1];
        if (n.attrs.class === 'gw-tail' && text && prev?.type === 'p' && !prev.heading) {
          prev.text += text;
          prev.md += inline(n.children, sink).trim();
          continue;
        }
        const heading = n.tag[0] === 'h' ? Number(n.tag[1]) : undefined; // Word's Heading 1–6 styles
        const image = hasImage(n);
        if (text || image) out.push({ at, type: 'p', text, md: inline(n.children, sink).trim(), anchor: hasAnchor(n) || heading !== undefined, toc: linksToHeading(n), heading, image });
      } else if (n.tag === 'ol' || n.tag === 'ul') {
        let i = 0;
        for (const li of n.children) {
          if (typeof li === 'string' || li.tag !== 'li') continue;
          i++;
          const own = li.children.filter((c) => typeof c === 'string' || !['ol', 'ul', 'table'].includes(c.tag));
          const text = own.map(textOf).join('').trim();
          current = text;
          at++;
          if (text) out.push({ at, type: 'li', depth: depth + 1, n: i, text, md: inline(own, sink).trim(), anchor: own.some(hasAnchor) });
          walk(li.children.filter((c) => typeof c !== 'string' && ['ol', 'ul', 'table'].includes(c.tag)), depth + 1);
        }
      } else if (n.tag === 'table') out.push({ at: ++at, type: 'table', el: n });
      else if (n.tag === 'img') out.push({ at: ++at, type: 'p', text: '', md: '', anchor: false, image: true });
      else walk(n.children, depth);
    }
  };
  walk(root.children, 0);
  return out;
}

/** The texts of the paragraphs inside an element (a 标志 table: one line each). */
export function paragraphsOf(el: El): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (typeof n === 'string') return;
    if (n.tag === 'p') {
      const t = textOf(n).trim();
      if (t) out.push(t);
    } else n.children.forEach(visit);
  };
  visit(el);
  return out;
}

// `gongwen check --stats`: 字数 per section as a table a reviewer can read, CJK width aware.

import type { DocumentModel } from '../../model/types.js';
import type { Outline } from './types.js';
import { buildTree, type DocNode } from './tree.js';
import { analyse, fmt } from './analyse.js';

export interface StatsRow {
  /** The computed number ("一、", "（二）"); empty for an unnumbered heading. */
  number: string;
  title: string;
  level: number;
  /** 字数 of the section: its heading and everything under it (see tree.ts). */
  words: number;
  /** The outline's minimum for the section, when it has one. */
  min?: number;
}

export interface DocumentStats {
  rows: StatsRow[];
  /** 字数 of the counted text. */
  words: number;
  /** 字符数(不计空格) of the same text. */
  chars: number;
  /** The outline's minimum for the whole. */
  min?: number;
  /** 字数 of the text before the first heading (a plan's opening paragraph), part of `words`. */
  leadWords?: number;
}

/** One row per heading of the counted text, in document order. */
export function sectionStats(model: DocumentModel, outline?: Outline): StatsRow[] {
  return documentStats(model, outline).rows;
}

export function documentStats(model: DocumentModel, outline?: Outline): DocumentStats {
  const root = outline ? analyse(model, outline).root : buildTree(model).root;
  const sectionOf = outline ? analyse(model, outline).sectionOf : undefined;
  const rows: StatsRow[] = [];
  const walk = (n: DocNode) => {
    if (n.kind === 'heading') {
      const min = sectionOf?.get(n)?.minWords;
      rows.push({ number: n.number, title: n.title, level: n.level, words: n.words, ...(min ? { min } : {}) });
    }
    n.children.forEach(walk);
  };
  walk(root);
  return { rows, words: root.words, chars: root.chars, ...(root.ownWords > 0 ? { leadWords: root.ownWords } : {}), ...(outline?.minWords ? { min: outline.minWords } : {}) };
}

/** Display width: 2 for East Asian wide and full-width characters, 1 otherwise. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0x303e) ||
      (cp >= 0x3041 && cp <= 0x33ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xa000 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe10 && cp <= 0xfe19) ||
      (cp >= 0xfe30 && cp <= 0xfe6f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1f64f) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : cp === 0x200b ? 0 : 1;
  }
  return w;
}

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

/**
 * An aligned text table: 章节 (indented by level), 字数, 要求 (≥ min, and ✗ when short).
 * With `total`, a last line 合计 with the whole's 字数 and its minimum.
 */
export function formatStatsTable(rows: StatsRow[], total?: { words: number; chars?: number; min?: number; leadWords?: number }): string {
  const minLevel = rows.reduce((m, r) => Math.min(m, r.level), Infinity);
  // The opening text before the first heading gets its own row, so that the top-level rows
  // add up to 合计 (the example plan's opening paragraph is 153 字).
  const lead = total?.leadWords && rows.length > 0 ? [['（首个标题前的正文）', fmt(total.leadWords), '']] : [];
  const cells = lead.concat(rows.map((r) => [
    '  '.repeat(Math.max(0, r.level - (Number.isFinite(minLevel) ? minLevel : 1))) + r.number + r.title,
    fmt(r.words),
    r.min ? `≥ ${fmt(r.min)}${r.words < r.min ? ' ✗' : ''}` : '',
  ]));
  const head = ['章节', '字数', '要求'];
  const foot = total ? ['合计' + (total.chars !== undefined ? `（字符数 ${fmt(total.chars)}）` : ''), fmt(total.words), total.min ? `≥ ${fmt(total.min)}${total.words < total.min ? ' ✗' : ''}` : ''] : undefined;
  const all = [head, ...cells, ...(foot ? [foot] : [])];
  const w = [0, 1, 2].map((c) => Math.max(...all.map((r) => displayWidth(r[c]))));
  const line = (r: string[]) => [padEnd(r[0], w[0]), padStart(r[1], w[1]), padEnd(r[2], w[2])].join('  ').trimEnd();
  const rule = '─'.repeat(w[0] + w[1] + w[2] + 4);
  const out = [line(head), rule, ...cells.map(line)];
  // A document without headings (most notices) has no rows: one rule between head and 合计.
  if (foot) out.push(...(cells.length ? [rule] : []), line(foot));
  return out.join('\n');
}

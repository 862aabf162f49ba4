// The plan's text as a tree of headings, each with its 字数, built from the document model.
//
// What counts toward a minimum 字数 (a reviewer's reading of "不少于10000字", stated once here
// and used by wordcount-min, outline-section-min and `gongwen check --stats` alike):
// - counted: the body text of the plan — headings (their words, not the numbers gongwen
//   computes), paragraphs (without list numbers) and tables (every cell);
// - not counted: the cover, the contents page, the document title, 红头, 主送, 附件说明,
//   署名/日期, 附注, 版记, and annexes (unless the outline's own chapter is in an annex).
// - When the document has a heading whose title is the outline's title (the 申报书's
//   "二、创新型产业集群建设方案"), only that chapter is counted, without its own heading.
// - A section's 字数 is its heading plus everything up to the next heading of the same or a
//   higher level; the whole is the sum of its top-level sections plus any text before them.
// Counting follows Word's 字数 (wordcount.ts).

import type { Block, DocumentModel, HeadingBlock, Place, Run } from '../../model/types.js';
import { countChars, countWords } from '../wordcount.js';
import type { Outline } from './types.js';
import { leadingClause, titleKeys } from './match-title.js';

export interface DocNode {
  kind: 'root' | 'heading' | 'item';
  level: number;
  /** Computed number ("（一）"), empty for items and the root. */
  number: string;
  title: string;
  place?: Place;
  /** 字数 of the heading text (0 for items: their clause is part of their paragraph). */
  headingWords: number;
  /** 字数 of the text directly under the node (before its first child). */
  ownWords: number;
  /** 字数 of the node's heading and its whole subtree. */
  words: number;
  /** 字数 of the subtree without any heading text: 0 means "nothing written under it". */
  bodyWords: number;
  chars: number;
  children: DocNode[];
  parent?: DocNode;
}

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');

/** 字数 and 字符数 of a block that counts (heading, paragraph, table); undefined for others. */
function blockCounts(b: Block): { words: number; chars: number } | undefined {
  if (b.type === 'heading' || b.type === 'paragraph') {
    const t = runsText(b.runs);
    return { words: countWords(t), chars: countChars(t) };
  }
  if (b.type === 'table') {
    let words = 0;
    let chars = 0;
    for (const row of b.rows) {
      for (const cell of row) {
        if (!cell) continue;
        for (const p of cell.paragraphs) {
          const t = runsText(p);
          words += countWords(t);
          chars += countChars(t);
        }
      }
    }
    return { words, chars };
  }
  return undefined;
}

export function headingText(h: HeadingBlock): string {
  return runsText(h.runs).trim();
}

function matchesOutlineTitle(text: string, outline: Outline): boolean {
  const keys = new Set(titleKeys(text));
  return [outline.title, ...outline.aliases].some((t) => titleKeys(t).some((k) => keys.has(k)));
}

/** All outline title keys, to recognise numbered paragraphs that stand for a section. */
function outlineKeys(outline: Outline): Set<string> {
  const keys = new Set<string>();
  const walk = (secs: Outline['sections']) => {
    for (const s of secs) {
      for (const t of [s.title, ...s.aliases]) for (const k of titleKeys(t)) keys.add(k);
      walk(s.sections);
    }
  };
  walk(outline.sections);
  return keys;
}

/**
 * The blocks whose text counts, and the heading that names them when the outline's chapter is
 * part of a larger document.
 */
export function countedBlocks(model: DocumentModel, outline?: Outline): { blocks: Block[]; scopeHeading?: HeadingBlock } {
  const body = model.sections.filter((s) => s.part === 'body').flatMap((s) => s.blocks);
  if (outline) {
    const lists = [body, ...model.sections.filter((s) => s.part === 'annex').map((s) => s.blocks)];
    for (const list of lists) {
      const i = list.findIndex((b) => b.type === 'heading' && matchesOutlineTitle(headingText(b), outline));
      if (i < 0) continue;
      const h = list[i] as HeadingBlock;
      let end = i + 1;
      while (end < list.length) {
        const b = list[end];
        if (b.type === 'heading' && b.level <= h.level) break;
        if (b.type === 'annexLabel') break;
        end++;
      }
      return { blocks: list.slice(i + 1, end), scopeHeading: h };
    }
  }
  return { blocks: body };
}

/** Builds the heading tree of the counted text. */
export function buildTree(model: DocumentModel, outline?: Outline): { root: DocNode; scopeHeading?: HeadingBlock } {
  const { blocks, scopeHeading } = countedBlocks(model, outline);
  const keys = outline ? outlineKeys(outline) : new Set<string>();
  const root: DocNode = { kind: 'root', level: 0, number: '', title: '', headingWords: 0, ownWords: 0, words: 0, bodyWords: 0, chars: 0, children: [], place: scopeHeading?.place };
  const stack: DocNode[] = [root];
  const attach = (n: DocNode) => {
    while (stack.length > 1 && stack[stack.length - 1].level >= n.level) stack.pop();
    n.parent = stack[stack.length - 1];
    n.parent.children.push(n);
    stack.push(n);
  };
  for (const b of blocks) {
    const c = blockCounts(b);
    if (!c) continue;
    if (b.type === 'heading') {
      attach({ kind: 'heading', level: b.level, number: b.number, title: headingText(b), place: b.place, headingWords: c.words, ownWords: 0, words: 0, bodyWords: 0, chars: c.chars, children: [] });
      continue;
    }
    if (b.type === 'paragraph' && b.number && b.numberLevel && keys.size > 0) {
      const text = runsText(b.runs);
      const clause = leadingClause(text);
      if (titleKeys(clause).some((k) => keys.has(k))) {
        // A numbered paragraph standing for an outline section: "1. 集群现状……。包括……"
        const rest = text.trim().slice(clause.length).replace(/^[。；;：:！？!?]/u, '');
        const item: DocNode = { kind: 'item', level: b.numberLevel, number: b.number, title: clause, place: b.place, headingWords: 0, ownWords: c.words, words: 0, bodyWords: countWords(rest), chars: c.chars, children: [] };
        attach(item);
        continue;
      }
    }
    const top = stack[stack.length - 1];
    top.ownWords += c.words;
    top.bodyWords += c.words;
    top.chars += c.chars;
  }
  const sum = (n: DocNode) => {
    n.words = n.headingWords + n.ownWords;
    for (const ch of n.children) {
      sum(ch);
      n.words += ch.words;
      n.bodyWords += ch.bodyWords;
      n.chars += ch.chars;
    }
  };
  sum(root);
  return { root, scopeHeading };
}

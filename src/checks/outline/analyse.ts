// Matches the document's headings to an outline's sections and lists what a reviewer would
// object to: required sections missing, out of order or misplaced, empty, too short, headings
// the outline does not know, a whole below its minimum. The outline rules (rules.ts) each
// report one kind of finding from this one analysis.

import type { DocumentModel, Place } from '../../model/types.js';
import type { Outline, OutlineSection } from './types.js';
import { buildTree, type DocNode } from './tree.js';
import { titleKeys } from './match-title.js';

export interface Finding {
  rule: 'outline-missing' | 'outline-order' | 'outline-empty' | 'outline-section-min' | 'outline-unknown' | 'wordcount-min';
  place?: Place;
  message: string;
}

export interface Analysis {
  root: DocNode;
  total: number;
  findings: Finding[];
  /** Outline section matched by each document node. */
  sectionOf: Map<DocNode, OutlineSection>;
}

/** 9812 → "9,812": reviewers read large counts with separators. */
export const fmt = (n: number) => n.toLocaleString('en-US');

function matches(s: OutlineSection, n: DocNode): boolean {
  const keys = new Set(titleKeys(n.title));
  return [s.title, ...s.aliases].some((t) => titleKeys(t).some((k) => keys.has(k)));
}

/** Longest increasing subsequence of `xs` (indices into xs). */
function lis(xs: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k];
  }
  return keep;
}

const cache = new WeakMap<DocumentModel, WeakMap<Outline, Analysis>>();

export function analyse(model: DocumentModel, outline: Outline): Analysis {
  let byOutline = cache.get(model);
  if (!byOutline) cache.set(model, (byOutline = new WeakMap()));
  let a = byOutline.get(outline);
  if (!a) byOutline.set(outline, (a = run(model, outline)));
  return a;
}

function run(model: DocumentModel, outline: Outline): Analysis {
  const { root, scopeHeading } = buildTree(model, outline);
  const findings: Finding[] = [];
  const sectionOf = new Map<DocNode, OutlineSection>();
  const nodeOf = new Map<OutlineSection, DocNode>();
  const parentOf = new Map<OutlineSection, OutlineSection | undefined>();
  const misplaced = new Set<DocNode>();
  const walkParents = (secs: OutlineSection[], parent?: OutlineSection) => {
    for (const s of secs) {
      parentOf.set(s, parent);
      walkParents(s.sections, s);
    }
  };
  walkParents(outline.sections);
  const allSections = [...parentOf.keys()];

  // Pass 1: match level by level (siblings against sibling sections).
  const leftovers: { node: DocNode; known: boolean; within?: OutlineSection }[] = [];
  const structured = (secs: OutlineSection[], nodes: DocNode[], within?: OutlineSection) => {
    for (const n of nodes) {
      const s = secs.find((x) => !nodeOf.has(x) && matches(x, n));
      if (s) {
        sectionOf.set(n, s);
        nodeOf.set(s, n);
        if (s.sections.length > 0) structured(s.sections, n.children, s);
        else for (const c of n.children) leftovers.push({ node: c, known: false });
      } else leftovers.push({ node: n, known: secs.length > 0, within });
    }
  };
  structured(outline.sections, root.children);

  // Pass 2: headings that match a section elsewhere in the outline are misplaced; others are
  // unknown where the outline defines that level; their children may still be sections.
  const unknown: { node: DocNode; within?: OutlineSection }[] = [];
  for (let i = 0; i < leftovers.length; i++) {
    const { node, known, within } = leftovers[i];
    const s = allSections.find((x) => !nodeOf.has(x) && matches(x, node));
    if (s) {
      sectionOf.set(node, s);
      nodeOf.set(s, node);
      misplaced.add(node);
      const parent = parentOf.get(s);
      const where = parent ? `「${parent.title}」下` : `${outline.title}的第一层`;
      findings.push({ rule: 'outline-order', place: node.place, message: `「${node.title}」的位置不对：按提纲应在${where}` });
      if (s.sections.length > 0) structured(s.sections, node.children, s);
      else for (const c of node.children) leftovers.push({ node: c, known: false });
      continue;
    }
    if (known) unknown.push({ node, within });
    for (const c of node.children) leftovers.push({ node: c, known: false });
  }
  for (const { node, within } of unknown) {
    if (node.kind !== 'heading') continue;
    const expected = (within ? within.sections : outline.sections).map((s) => s.title).join('、');
    findings.push({ rule: 'outline-unknown', place: node.place, message: `提纲「${outline.title}」中没有「${node.title}」${within ? `（「${within.title}」下应为：${expected}）` : `（第一层应为：${expected}）`}` });
  }

  // Order among siblings that are where they belong.
  const checkOrder = (secs: OutlineSection[]) => {
    const placed = secs.map((s, i) => ({ s, i, n: nodeOf.get(s) })).filter((x) => x.n && !misplaced.has(x.n));
    const docOrder = placed.sort((a, b) => docIndex(a.n!) - docIndex(b.n!));
    const keep = lis(docOrder.map((x) => x.i));
    docOrder.forEach((x, k) => {
      if (keep.has(k)) return;
      const prev = secs.slice(0, x.i).reverse().find((s) => nodeOf.has(s));
      const where = prev ? `按提纲应在「${prev.title}」之后` : '按提纲应排在最前';
      findings.push({ rule: 'outline-order', place: x.n!.place, message: `「${x.n!.title}」的顺序不对：${where}` });
    });
    for (const s of secs) checkOrder(s.sections);
  };
  const order = new Map<DocNode, number>();
  let counter = 0;
  const number = (n: DocNode) => {
    order.set(n, counter++);
    n.children.forEach(number);
  };
  number(root);
  const docIndex = (n: DocNode) => order.get(n) ?? 0;
  checkOrder(outline.sections);

  // Required sections missing: only the top-most missing one of a branch.
  const scopePlace = scopeHeading?.place ?? root.children[0]?.place;
  const checkMissing = (secs: OutlineSection[], parent?: OutlineSection) => {
    secs.forEach((s, i) => {
      const n = nodeOf.get(s);
      if (n) {
        checkMissing(s.sections, s);
        return;
      }
      if (!s.required) return;
      const prev = secs.slice(0, i).reverse().find((x) => nodeOf.has(x));
      const next = secs.slice(i + 1).find((x) => nodeOf.has(x));
      const parentNode = parent ? nodeOf.get(parent) : undefined;
      const ordinal = parent ? `「${parent.title}」下第 ${i + 1} 项` : `提纲第 ${i + 1} 项`;
      const where = prev ? `应在「${prev.title}」之后` : next ? `应在「${next.title}」之前` : parent ? `应在「${parent.title}」下` : '';
      const note = s.note ? `；提纲说明：${s.note}` : '';
      const place = next ? nodeOf.get(next)!.place : prev ? nodeOf.get(prev)!.place : parentNode?.place ?? scopePlace;
      findings.push({ rule: 'outline-missing', place, message: `缺少「${s.title}」（${ordinal}）${where ? `，${where}` : ''}${note}` });
    });
  };
  checkMissing(outline.sections);

  // Empty and short sections.
  for (const [s, n] of nodeOf) {
    if (n.bodyWords === 0) {
      findings.push({ rule: 'outline-empty', place: n.place, message: `「${n.title}」下面没有正文${s.note ? `（提纲说明：${s.note}）` : ''}` });
    } else if (s.minWords && n.words < s.minWords) {
      findings.push({ rule: 'outline-section-min', place: n.place, message: `「${n.title}」${fmt(n.words)} 字，少于要求的 ${fmt(s.minWords)} 字（还差 ${fmt(s.minWords - n.words)} 字）` });
    }
  }

  const total = root.words;
  if (outline.minWords && total < outline.minWords) {
    findings.push({ rule: 'wordcount-min', place: scopeHeading?.place, message: `全文 ${fmt(total)} 字，少于要求的 ${fmt(outline.minWords)} 字（还差 ${fmt(outline.minWords - total)} 字）` });
  }
  return { root, total, findings, sectionOf };
}

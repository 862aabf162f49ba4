// attachment-note: the 附件说明 (GB/T 9704 §7.3.4; spec rule 15). gongwen writes it from the
// front matter `attachments`, so the rule checks (a) the attachments' titles: no punctuation at
// the end; (b) a 附件说明 the author typed in the body anyway ("附件：1. …" lines): full-width
// colon, items numbered 1. 2. in sequence (none for a single item), no punctuation after a
// name, and names equal to the attachments' titles — or, when they agree, that it would be
// printed twice.

import type { SourceFile } from '../../source/types.js';
import type { Report, Rule } from '../types.js';
import { linesOf, spanOf, spanPlace, type Segment } from '../segments.js';
import { fieldCharPlace } from '../field-text.js';
import { bodySegments } from '../document-text.js';

const TRAILING_PUNCT = /[。，、；：！？.,;:!?]$/u;

/** Titles of the front matter's attachments: strings, or objects with `title` (or `name`). */
export function attachmentTitles(source: SourceFile): { title: string; path: (string | number)[] }[] {
  const list = source.data.attachments;
  if (!Array.isArray(list)) return [];
  const out: { title: string; path: (string | number)[] }[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string') out.push({ title: item, path: ['attachments', i] });
    else if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      for (const key of ['title', 'name']) {
        if (typeof o[key] === 'string') {
          out.push({ title: o[key] as string, path: ['attachments', i, key] });
          break;
        }
      }
    }
  });
  return out;
}

/** A line of the body's text: its segment, where it starts there, its file line. */
interface Line {
  seg: Segment;
  at: number;
  text: string;
  line: number;
  /** The first line of its block. */
  first: boolean;
}

interface NoteItem {
  seg: Segment;
  /** Index of the item's number (or name, when unnumbered) in seg.text. */
  index: number;
  num?: string;
  sep?: string;
  name: string;
  nameIndex: number;
  /** A Markdown list marker ("2."), recorded by the parser. */
  marker?: Segment['marker'];
}

const norm = (s: string) => s.replace(/[\s\u3000]+/g, '').normalize('NFKC');

function checkTitles(source: SourceFile, report: Report) {
  for (const { title, path } of attachmentTitles(source)) {
    const t = title.trimEnd();
    if (TRAILING_PUNCT.test(t)) {
      report({ ...fieldCharPlace(source, path, title, t.length - 1), message: `附件名称后不加标点符号：「${t}」` });
    }
  }
}

/** The body's lines, block by block. */
function bodyLines(segs: Segment[]): Line[] {
  const out: Line[] = [];
  for (const seg of segs) {
    linesOf(seg).forEach((l, k) => out.push({ seg, at: l.at, text: l.text, line: spanOf(seg, l.at).line, first: k === 0 }));
  }
  return out;
}

const NOTE_START = /附件\s*[：:]/u;

/** Finds "附件：…" in the body and the numbered lines that follow it. */
function handWritten(segs: Segment[]): { colon: { seg: Segment; label: number; index: number; ch: string }; items: NoteItem[] } | undefined {
  // Most bodies have no 附件： of their own: their lines (a place each) are not made.
  if (!segs.some((s) => NOTE_START.test(s.text))) return undefined;
  const lines = bodyLines(segs);
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    if (!l.first) continue;
    const m = /^附件\s*([：:])\s*/u.exec(l.text);
    if (!m) continue;
    const colon = { seg: l.seg, label: l.at, index: l.at + l.text.indexOf(m[1]), ch: m[1] };
    const items: NoteItem[] = [];
    const parse = (s: Line, from: number, first: boolean): boolean => {
      const marker = s.first && !first ? s.seg.marker : undefined;
      const text = s.text.slice(from);
      const lead = text.length - text.trimStart().length;
      const num = marker ? /^(\d+)([.)])$/.exec(marker.text) : /^(\d+)\s*([.．、])\s*/u.exec(text.trimStart());
      if (!num && !first) return false;
      const nameStart = from + lead + (num && !marker ? num[0].length : 0);
      const name = s.text.slice(nameStart).trimEnd();
      if (!name) return false;
      items.push({ seg: s.seg, index: s.at + from + lead, num: num?.[1], sep: num?.[2], name, nameIndex: s.at + nameStart, marker });
      return true;
    };
    if (!parse(l, m[0].length, true)) continue;
    for (let j = k + 1; j < lines.length && items[0].num; j++) {
      if (lines[j].line > lines[j - 1].line + 2) break; // at most one blank line between items
      if (!parse(lines[j], 0, false)) break;
    }
    return { colon, items };
  }
  return undefined;
}

/** Where an item's number is: its list marker, or its place in the text. */
const numberPlace = (it: NoteItem, length: number) => (it.marker ? { ...spanPlace(it.marker.span, it.marker.text.length), field: undefined } : spanOf(it.seg, it.index, length));

export const attachmentNote: Rule = {
  id: 'attachment-note',
  defaultSeverity: 'error',
  description: '附件说明: titles without final punctuation; a hand-written note agrees with `attachments`',
  run(ctx, report) {
    checkTitles(ctx.source, report);
    const note = handWritten(bodySegments(ctx));
    if (!note) return;
    const { colon, items } = note;
    if (colon.ch !== '：') report({ ...spanOf(colon.seg, colon.index), message: '「附件」后用全角冒号「：」' });
    if (items.length === 1 && items[0].num) {
      report({ ...numberPlace(items[0], 1), message: '只有一个附件时不编序号：写作「附件：名称」' });
    }
    if (items.length > 1) {
      items.forEach((it, i) => {
        if (!it.num) {
          report({ ...spanOf(it.seg, it.index), message: '有多个附件时，附件说明逐项编序号：1. 2. …' });
        } else if (Number(it.num) !== i + 1) {
          report({ ...numberPlace(it, it.num.length), message: `附件序号应为 ${i + 1}，不是 ${it.num}` });
        } else if (it.sep !== '.') {
          report({ ...(it.marker ? numberPlace(it, 1) : spanOf(it.seg, it.index + it.num.length)), message: `附件序号写作「${it.num}.」，不用「${it.num}${it.sep}」` });
        }
      });
    }
    for (const it of items) {
      if (TRAILING_PUNCT.test(it.name)) {
        report({ ...spanOf(it.seg, it.nameIndex + it.name.length - 1), message: `附件名称后不加标点符号：「${it.name}」` });
      }
    }
    const titles = attachmentTitles(ctx.source);
    if (titles.length === 0) {
      report({ ...spanOf(colon.seg, colon.label, 2), severity: 'warning', message: '正文写有附件说明，但 front matter 中没有 attachments：附件不会随文生成' });
      return;
    }
    let agree = titles.length === items.length;
    items.forEach((it, i) => {
      const t = titles[i];
      const name = it.name.replace(TRAILING_PUNCT, '');
      if (!t) {
        agree = false;
        report({ ...spanOf(it.seg, it.nameIndex, it.name.length), message: `附件说明第 ${i + 1} 项「${name}」在 attachments 中没有对应的附件（attachments 只有 ${titles.length} 项）` });
      } else if (norm(name) !== norm(t.title.replace(TRAILING_PUNCT, ''))) {
        agree = false;
        report({ ...spanOf(it.seg, it.nameIndex, it.name.length), message: `附件说明第 ${i + 1} 项「${name}」与附件标题「${t.title}」不一致` });
      }
    });
    if (items.length < titles.length) {
      const last = items[items.length - 1];
      report({ ...spanOf(last.seg, last.nameIndex, last.name.length), message: `附件说明只列了 ${items.length} 项，attachments 有 ${titles.length} 项：缺少「${titles.slice(items.length).map((t) => t.title).join('」「')}」` });
    }
    if (agree) {
      report({ ...spanOf(colon.seg, colon.label, 2), severity: 'warning', message: '附件说明由 attachments 自动生成，正文中手写的这一段会重复，请删去' });
    }
  },
};

// A notice read as GB/T 9704 lays it out: 版头 (标志, 发文字号), title, 主送, body, 附件说明,
// 署名 and 成文日期 (with or without a seal), 附注, annex pages headed 附件N, and the 版记
// (抄送, 印发). The 版记 is recognised by its lines wherever it stands: real files often put it
// before the annex pages, and reading it only at the end swallowed 署名, date, 附注, 抄送 and
// 印发 into the attachments (issue 22). Annex pages are matched to the 附件说明 by their number.

import { paragraphsOf, whereOf, type Block, type Para } from './blocks.js';
import { bodyMarkdown } from './body.js';
import { escapeMd } from './html.js';
import type { Findings } from './findings.js';
import { writeFrontMatter, type Attachment, type NoticeFields } from './front-matter.js';
import { looksLikeHeading, numberedLevel } from './numbering.js';
import { CC_LINE, DOC_NUMBER, PRINTED_LINE, annexLabel, ccList, isImprintLine, isoDate } from './parts.js';
import { rowsOf } from './table.js';

/** A 附件说明 item is a title: the seeds' longest (a list of six 《》 names) has 150 characters. */
const MAX_ITEM = 200;

export interface ImportedAnnex {
  /** The number of its 附件 label (附件2 → 2), or its place when the label has none. */
  number: number;
  title: string;
  file: string;
  text: string;
}

const isP = (b: Block | undefined): b is Para => b?.type === 'p';
const textP = (b: Block | undefined): b is Para => isP(b) && b.text !== '';

/** The 版记's lines of a block: a paragraph, or a table's rows (each row's cells joined). */
function imprintLines(b: Block): string[] | undefined {
  if (textP(b)) return isImprintLine(b.text) ? [b.text] : undefined;
  if (b.type !== 'table') return undefined;
  const lines = rowsOf(b.el)
    .map((r) => r.cells.map((c) => c.text).filter(Boolean).join(' '))
    .filter(Boolean);
  return lines.length > 0 && lines.every(isImprintLine) ? lines : undefined;
}

/** Takes the 版记 out of the blocks after the header, wherever it stands. */
function takeImprint(blocks: Block[], fields: NoticeFields, findings: Findings): Block[] {
  const kept: Block[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    const lines = imprintLines(b);
    if (!lines) {
      kept.push(b);
      continue;
    }
    for (let line of lines) {
      line = line.trim();
      const cc = CC_LINE.exec(line);
      if (cc) {
        // A long 抄送 wraps onto a line of its own when typed by hand: joined while the next
        // block is the 印发 line.
        let text = cc[1];
        while (textP(blocks[k + 1]) && !isImprintLine((blocks[k + 1] as Para).text) && blocks[k + 2] && imprintLines(blocks[k + 2]) && /[，,、]$/.test(text)) text += (blocks[++k] as Para).text.replace(/[。.]$/, '');
        const list = ccList(text);
        if (list.length) fields.cc = [...(fields.cc ?? []), ...list];
        else findings.lost('抄送行没有机关名称：在文件头写 cc:', whereOf(b));
        continue;
      }
      const pr = PRINTED_LINE.exec(line)!;
      const printed = isoDate(pr[2]);
      if (fields.printer !== undefined) findings.lost(`第二个印发行未放置（已有 ${fields.printer}）`, whereOf(b));
      else if (!printed) findings.lost(`印发日期「${pr[2]}」不是有效日期：在文件头写 printed:`, whereOf(b));
      else {
        fields.printer = pr[1].trim();
        fields.printed = printed;
      }
    }
  }
  return kept;
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

/** 版头, title and 主送: where the body starts. */
function readHead(blocks: Block[], fields: NoticeFields): { mark: string[]; start: number } {
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

export function importNotice(blocks: Block[], findings: Findings, annexName: (n: number) => string): { text: string; annexes: ImportedAnnex[]; notice: boolean } {
  const fields: NoticeFields = {};
  const { mark, start } = readHead(blocks, fields);
  const rest = takeImprint(blocks.slice(start), fields, findings);

  // Annex pages: a 附件 label after the 成文日期 starts each.
  const dateAt = rest.findIndex((b) => textP(b) && isoDate(b.text) !== undefined);
  // A label and its title on one line (附件2：申报书) are split into the two.
  for (let k = dateAt + 1; dateAt >= 0 && k < rest.length; k++) {
    const b = rest[k];
    const m = textP(b) ? /^(附\s*件\s*\d{0,3})\s*[:：\s]\s*(\S.{0,79})$/.exec((b as Para).text) : null;
    if (m && annexLabel(m[1]) !== undefined && !/^附\s*件\s*[:：]/.test((b as Para).text)) rest.splice(k, 1, { ...b, text: m[1], md: m[1] } as Para, { ...b, text: m[2], md: escapeMd(m[2]) } as Para);
  }
  const labels = rest.flatMap((b, k) => (dateAt >= 0 && k > dateAt && textP(b) && annexLabel(b.text) !== undefined ? [k] : []));
  const main = labels.length ? rest.slice(0, labels[0]) : rest;
  const pages = new Map<number, { title: string; at: Block; blocks: Block[] }>();
  labels.forEach((start, k) => {
    const label = annexLabel((rest[start] as Para).text)!;
    let number = label || k + 1;
    if (pages.has(number)) {
      findings.note(`附件页「附件${number}」出现了两次：第二个按顺序编为附件${[...pages.keys()].reduce((a, b) => Math.max(a, b), 0) + 1}`, whereOf(rest[start]));
      number = [...pages.keys()].reduce((a, b) => Math.max(a, b), 0) + 1;
    }
    const part = rest.slice(start + 1, labels[k + 1] ?? rest.length);
    const first = part[0];
    const title = textP(first) && !numberedLevel(first.text) && [...first.text].length <= 80 ? first.text : '';
    pages.set(number, { title, at: rest[start], blocks: title ? part.slice(1) : part });
  });

  // From the date back: 附注 after it, 署名 (and a seal) before it, the 附件说明 before them.
  let j = main.length;
  if (dateAt >= 0 && dateAt < main.length) {
    const after = main.slice(dateAt + 1);
    for (const b of after) {
      if (textP(b) && /^[（(].+[）)]$/.test(b.text) && fields.note === undefined) fields.note = b.text.slice(1, -1).trim();
      else if (isP(b) && b.image && !b.text) fields.seal = true;
      else findings.lost('成文日期之后的这一段未能放置（不是附注，也不是附件页）：移到正文，或写进文件头的 note:', whereOf(b));
    }
    fields.date = isoDate((main[dateAt] as Para).text);
    if ((main[dateAt] as Para).image) fields.seal = true;
    j = dateAt;
    const sig: string[] = [];
    while (j > 0 && isP(main[j - 1]) && sig.length < 3) {
      const b = main[j - 1] as Para;
      if (b.image) fields.seal = true;
      if (b.text) {
        if (!looksLikeHeading(b.text) || numberedLevel(b.text) || /^附\s*件/.test(b.text) || /^特此/.test(b.text) || b.anchor) break;
        sig.unshift(b.text);
      }
      j--;
    }
    if (sig.length) fields.signature = sig.length === 1 ? sig[0] : sig;
  } else if (fields.number) findings.lost('没有找到成文日期（正文末尾“2026年3月2日”这样的一行）：在文件头写 date:');
  if (fields.seal) findings.note('印章图片未导入：文件头写了 seal: true（留出盖章位置）；要印出印章，写 seal: 印章.png');

  // 附件说明: 附件：1．A / 2．B — one paragraph each, a number each (a line without a number
  // continues the title above it).
  const noteStart = main.slice(0, j).findIndex((b) => textP(b) && /^附\s*件\s*[:：]/.test(b.text));
  const items: { n: number; title: string; at: Block }[] = [];
  if (noteStart >= 0) {
    // An item is a title: one line, no tab, at most MAX_ITEM characters. What follows the
    // items and is not one (the text of an annex with no label, a table) is not the 附件说明:
    // reported once, from its first paragraph to its last.
    let stray: Block[] = [];
    for (const b of main.slice(noteStart, j)) {
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
        const continues = !m && last && b !== main[noteStart] && [...last.title, ...title].length <= MAX_ITEM;
        if (/\t/.test(title) || [...title].length > MAX_ITEM || (!m && last && !continues)) {
          stray = [b];
          break;
        }
        if (continues) last.title += title;
        else items.push({ n: m ? Number(m[1]) : items.length + 1, title, at: b });
      }
    }
    if (stray.length) findings.lost('附件说明之后的内容未能放置：附件说明只写附件名称；附件页前加一行「附件N」，放在成文日期之后', { ...whereOf(stray[0])!, through: stray[stray.length - 1].at });
    j = noteStart;
  }
  const attachments: (Attachment & { n: number })[] = items.map((it) => {
    const page = pages.get(it.n);
    if (!page) {
      findings.note(`附件${it.n}「${it.title}」在文件中没有附件页：只写进附件说明（有它的 .md 或 .pdf 时加 file:）`, whereOf(it.at));
      return { n: it.n, title: it.title };
    }
    if (page.title && page.title !== it.title) findings.note(`附件${it.n}的附件页标题「${page.title}」与附件说明「${it.title}」不同：用附件说明的`, whereOf(page.at));
    return { n: it.n, title: it.title, file: annexName(it.n) };
  });
  for (const [n, page] of pages) {
    if (items.some((it) => it.n === n)) continue;
    findings.note(noteStart >= 0 ? `附件页「附件${n}」不在附件说明中：已按它的标题加进附件说明` : `附件页没有附件说明：附件说明按附件页的标题写出`, whereOf(page.at));
    attachments.push({ n, title: page.title || `附件${n}`, file: annexName(n) });
  }
  attachments.sort((a, b) => a.n - b.n);
  if (attachments.length) fields.attachments = attachments.map(({ title, file }) => (file ? { title, file } : { title }));

  // Who issued it: the 标志 without 文件, else the 署名.
  const markText = mark.filter((l) => l !== '文件').join('');
  const sigList = fields.signature === undefined ? [] : ([] as string[]).concat(fields.signature);
  // The 标志 as typed may be spaced out (科学技术部火炬 高技术产业开发中心 文件).
  const issuer = (markText.replace(/\s+/g, '').replace(/文件$/, '') || sigList.join('')).trim();
  const notice = fields.number !== undefined || fields.date !== undefined;
  const annexes: ImportedAnnex[] = [...pages].map(([n, page]) => ({
    number: n,
    title: page.title,
    file: annexName(n),
    text: `${writeFrontMatter({ kind: 'annex', title: page.title || undefined })}\n\n${bodyMarkdown(page.blocks, findings)}\n`,
  }));
  const body = bodyMarkdown(main.slice(0, j), findings);
  if (!notice) {
    // Not a notice (no 发文字号, no date): an annex page of its own.
    if (fields.to || fields.cc || fields.printer) findings.lost('没有发文字号和成文日期，按附件页导入：主送、抄送、印发未写入');
    return { text: `${writeFrontMatter({ kind: 'annex', title: fields.title })}\n\n${body}\n`, annexes, notice };
  }
  if (!issuer) findings.lost('没有找到发文机关（版头或署名）：在文件头写 issuer:');
  if (!fields.title) findings.lost('没有找到标题：在文件头写 title:');
  if (!fields.number) findings.note('没有找到发文字号（如 国科火字〔2020〕191号）：有的话在文件头写 number:');
  const signature = fields.signature !== undefined && String(fields.signature) !== issuer ? fields.signature : undefined;
  const text = writeFrontMatter({
    kind: 'notice',
    issuer: issuer || undefined,
    mark: mark.length > 1 ? mark : undefined,
    number: fields.number,
    title: fields.title,
    to: fields.to,
    signature,
    date: fields.date,
    note: fields.note || undefined,
    attachments: fields.attachments,
    cc: fields.cc,
    printer: fields.printer,
    printed: fields.printed,
    signers: fields.signers?.length ? fields.signers : undefined,
    seal: fields.seal,
  });
  return { text: `${text}\n\n${body}\n`, annexes, notice };
}

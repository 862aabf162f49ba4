// A notice read as GB/T 9704 lays it out: 版头 (标志, 发文字号), title, 主送, body, 附件说明,
// 署名 and 成文日期 (with or without a seal), 附注, annex pages headed 附件N, and the 版记
// (抄送, 印发). The 版记 is recognised by its lines wherever it stands: real files often put it
// before the annex pages, and reading it only at the end swallowed 署名, date, 附注, 抄送 and
// 印发 into the attachments (issue 22). Annex pages are matched to the 附件说明 by their number.

import { readAttachmentNote } from './attachment-note.js';
import { isP, textP, whereOf, type Block, type Para } from './blocks.js';
import { bodyMarkdown } from './body.js';
import { escapeMd } from './html.js';
import type { Findings } from './findings.js';
import { writeFrontMatter, type Attachment, type NoticeFields } from './front-matter.js';
import { readHead } from './head.js';
import { takeImprint } from './imprint.js';
import { looksLikeHeading, numberedLevel } from './numbering.js';
import { annexLabel, isoDate } from './parts.js';

export interface ImportedAnnex {
  /** The number of its 附件 label (附件2 → 2), or its place when the label has none. */
  number: number;
  title: string;
  file: string;
  text: string;
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

  // 附件说明: before the 署名, up to where the 署名 starts.
  const note = readAttachmentNote(main.slice(0, j), findings);
  const items = note.items;
  const noteStart = note.start;
  if (noteStart >= 0) j = noteStart;
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

// kind: notice (通知) — the front matter contract of a GB/T 9704 document with 版头, and how
// it becomes the model: the body section, one annex section per attachment, the 版记.

import { extname } from 'node:path';
import { breakTitle } from '../model/title-lines.js';
import { gridWidth } from '../model/text-width.js';
import type { ImprintBlock, Section } from '../model/types.js';
import type { SourceFile } from '../source/types.js';
import { resolveInside } from '../source/paths.js';
import { FieldReader, chineseDate } from './fields.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import { signatureFromGw, type ExtraGwHandler } from '../model/gw-blocks.js';
import { readSeal } from './seal.js';
import type { KindResult, KindServices } from './kind.js';
import { GRID, PAGE, mmToPt } from '../profile/gbt9704.js';
import { sealedSignatureLayout } from '../model/signature-layout.js';
import { existsSync } from 'node:fs';
import { DOC_NUMBER } from '../checks/index.js';
import { dirname } from 'node:path';

/** Keys of the notice contract; others are allowed (templates and bodies may use them). */
export const NOTICE_FIELDS = ['kind', 'issuer', 'mark', 'number', 'title', 'to', 'signature', 'date', 'note', 'attachments', 'cc', 'printer', 'printed', 'signers', 'copy', 'secrecy', 'urgency', 'seal', 'sealSize'];


/** Explains what is wrong with a 发文字号, or undefined when it is well formed. */
export function docNumberProblem(n: string): string | undefined {
  if (DOC_NUMBER.test(n)) return undefined;
  if (/[[\]【】（）()［］{}]/.test(n) && !/〔/.test(n)) return '发文字号 must use 六角括号〔〕 around the year, e.g. 国科火字〔2020〕191号';
  if (!/〔\d{4}〕/.test(n)) return '发文字号 must give the full year in 〔〕, e.g. 〔2020〕';
  if (/第/.test(n)) return '发文字号 has no 第';
  if (/〕0/.test(n)) return '发文字号 has no leading zeros (〔2020〕9号, not 〔2020〕09号)';
  if (!/号$/.test(n)) return '发文字号 must end with 号';
  return '发文字号 must look like 国科火字〔2020〕191号';
}

/** A 标志 line longer than this (with its suffix) is broken in two, as the Torch Center's is. */
const MARK_MAX_ONE_LINE = Math.floor(mmToPt(PAGE.textWidthMm) / 30);

function markLines(mark: string[] | undefined, issuers: string[]): { lines: string[]; suffix: string } {
  if (mark && mark.length > 1) {
    // Given line by line (joint issuance or a chosen break); "文件" on its own line is the suffix.
    const last = mark[mark.length - 1];
    if (last === '文件') return { lines: mark.slice(0, -1), suffix: '文件' };
    return { lines: mark, suffix: '' };
  }
  if (!mark && issuers.length > 1) return { lines: issuers, suffix: '文件' };
  const text = mark?.[0] ?? `${issuers[0] ?? ''}文件`;
  const suffix = text.endsWith('文件') ? '文件' : '';
  const name = suffix ? text.slice(0, -2) : text;
  if (gridWidth(name) + gridWidth(suffix) <= MARK_MAX_ONE_LINE) return { lines: [name], suffix };
  return { lines: breakTitle(name, Math.ceil(gridWidth(name) / 2)), suffix };
}

function paren(note: string): string {
  const t = note.trim();
  if (/^[（(].*[）)]$/.test(t)) return `（${t.slice(1, -1)}）`;
  return `（${t}）`;
}

function ccText(list: string[]): string {
  const joined = list.map((s) => s.replace(/[，,。.；;]+$/, '')).join('，');
  return joined ? `${joined}。` : '';
}

export async function compileNotice(source: SourceFile, ctx: PartContext, services: KindServices): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const issuers = f.strings('issuer', { required: true, label: '发文机关' }) ?? [];
  const mark = f.strings('mark');
  const number = f.string('number', { label: '发文字号' });
  if (number) {
    const problem = docNumberProblem(number);
    if (problem) f.error(['number'], problem, 'number');
  }
  const title = f.string('title', { required: true, label: '标题' }) ?? '';
  let to = f.string('to', { label: '主送机关' });
  if (to) to = to.replace(/[:：]?$/, '：');
  const signature = f.strings('signature') ?? issuers;
  const date = f.date('date', { required: true, label: '成文日期' });
  const note = f.string('note', { label: '附注' });
  const cc = f.strings('cc', { label: '抄送' });
  const printer = f.string('printer', { label: '印发机关' });
  const printed = f.date('printed', { label: '印发日期' });
  const signers = f.strings('signers');
  const seal = readSeal(f, signature.length, ctx.projectDir);
  if (seal) {
    // The block must fit on a page with at least one body line (§7.3.5.5).
    const lines = sealedSignatureLayout({ type: 'signature', names: signature, date: date ? chineseDate(date) : '', seal }).lines;
    if (lines > GRID.linesPerPage - 1) f.error(['seal'], `${signature.length} 枚印章排成的署名块需要 ${lines} 行，一页只有 ${GRID.linesPerPage} 行：请减小 \`sealSize\` 或缩短署名，使印章能与正文同页`, 'seal');
  }

  // Attachments: a title each, a file optionally (.md becomes an annex page, .pdf is merged).
  const attachments: { title: string; file?: string; abs?: string; label: string }[] = [];
  const rawAtt = f.raw('attachments');
  if (rawAtt != null) {
    if (!Array.isArray(rawAtt)) f.error(['attachments'], '`attachments` must be a list of {title, file}');
    else {
      rawAtt.forEach((a, i) => {
        const item = typeof a === 'string' ? { title: a } : (a as Record<string, unknown>);
        if (!item || typeof item !== 'object' || typeof item.title !== 'string' || !item.title.trim()) {
          f.error(['attachments', i], `attachment ${i + 1} needs a \`title\``, 'attachments');
          return;
        }
        const label = rawAtt.length === 1 ? '附件' : `附件${i + 1}`;
        const entry: { title: string; file?: string; abs?: string; label: string } = { title: item.title.trim().normalize('NFC'), label };
        if (item.file != null) {
          const file = String(item.file);
          const abs = resolveInside(ctx.projectDir, file, dirname(source.absPath));
          if (!abs) f.error(['attachments', i, 'file'], `attachment file "${file}" is outside the project folder`, 'attachments');
          else if (!existsSync(abs)) f.error(['attachments', i, 'file'], `attachment file "${file}" does not exist`, 'attachments');
          else if (!['.md', '.pdf'].includes(extname(abs).toLowerCase())) f.error(['attachments', i, 'file'], `attachment file "${file}" must be a content file (.md) or a PDF (.pdf)`, 'attachments');
          else Object.assign(entry, { file, abs });
        }
        attachments.push(entry);
      });
    }
  }

  const header = {
    ...markLines(mark, issuers),
    number: number ?? null,
    signers: signers ?? null,
    copyNumber: f.string('copy') ?? null,
    secrecy: f.string('secrecy') ?? null,
    urgency: f.string('urgency') ?? null,
  };
  const view: Record<string, unknown> = {
    ...source.data,
    ...(ctx.record ?? {}),
    header,
    issuer: issuers,
    title,
    to: to ?? null,
    signature: { names: signature, date: date ? chineseDate(date) : '' },
    date: date ?? null,
    dateText: date ? chineseDate(date) : '',
    note: note ? paren(note) : null,
    attachments: attachments.map((a) => a.title),
  };

  const body = bodyBlocks(source, ctx);
  // The seal joins the signature here, not through the template (see signatureFromGw).
  const sealed: Record<string, ExtraGwHandler> = seal ? { signature: (v) => [{ ...signatureFromGw(v), seal }] } : {};
  const blocks = await composePart('notice', view, body, ctx, sealed);
  const sections: Section[] = [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks }];
  const appendPdfs: string[] = [];
  const sources: SourceFile[] = [source];

  for (const [i, a] of attachments.entries()) {
    if (!a.abs) continue;
    if (a.abs.toLowerCase().endsWith('.pdf')) {
      appendPdfs.push(a.abs);
      continue;
    }
    const annex = await services.compileAnnex(a.abs, { label: a.label, title: a.title, sequence: i + 1 }, ctx);
    if (annex) {
      sections.push(...annex.sections);
      sources.push(...annex.sources);
    }
  }

  let imprint: ImprintBlock | undefined;
  if ((cc && cc.length) || printer || printed) {
    imprint = { type: 'imprint', cc: cc ? ccText(cc) : undefined, printer, printed: printed ? chineseDate(printed) : undefined };
  }
  return {
    sections,
    imprint,
    appendPdfs,
    sources,
    meta: { title, author: issuers.join('、'), subject: number, date: date ?? undefined, lang: 'zh-CN' },
  };
}

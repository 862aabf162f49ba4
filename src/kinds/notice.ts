// kind: notice (通知) — the front matter contract of a GB/T 9704 document with 版头, and how
// it becomes the model: the body section, one annex section per attachment, the 版记.

import { extname } from 'node:path';
import type { ImprintBlock, Section } from '../model/types.js';
import { attachedPdfProblem } from '../source/attached-pdf.js';
import type { SourceFile } from '../source/types.js';
import { resolveInside } from '../source/paths.js';
import { FieldReader } from './fields.js';
import { chineseDate } from '../util/dates.js';
import { NOTICE_SCHEMA as S } from '../source/front-matter.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import { signatureFromGw, type ExtraGwHandler } from '../model/gw-blocks.js';
import { readSeal } from './seal.js';
import type { KindResult, KindServices } from './kind.js';
import { GRID } from '../profile/gbt9704.js';
import { sealedSignatureLayout } from '../layout/measure/signature.js';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';



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
  // One line: the layout stage breaks a name too long for one line (layout/lines).
  return { lines: [suffix ? text.slice(0, -2) : text], suffix };
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
  const issuers = f.field('issuer', S.issuer) ?? [];
  const mark = f.field('mark', S.mark);
  // Its form (〔2020〕191号) is the checks' doc-number rule: one rule, one message.
  const number = f.field('number', S.number);
  const title = f.field('title', S.title) ?? '';
  let to = f.field('to', S.to);
  if (to) to = to.replace(/[:：]?$/, '：');
  const signature = f.field('signature', S.signature) ?? issuers;
  const date = f.field('date', S.date);
  const note = f.field('note', S.note);
  const cc = f.field('cc', S.cc);
  const printer = f.field('printer', S.printer);
  const printed = f.field('printed', S.printed);
  const signers = f.field('signers', S.signers);
  const seal = readSeal(f, signature.length, ctx.projectDir);
  if (seal) {
    // The block must fit on a page with at least one body line (§7.3.5.5).
    const lines = sealedSignatureLayout({ type: 'signature', names: signature, date: date ? chineseDate(date) : '', seal }).lines;
    if (lines > GRID.linesPerPage - 1) f.error(['seal'], `${signature.length} 枚印章排成的署名块需要 ${lines} 行，一页只有 ${GRID.linesPerPage} 行：请减小 \`sealSize\` 或缩短署名，使印章能与正文同页`, 'seal');
  }

  // Attachments: a title each, a file optionally (.md becomes an annex page, .pdf is merged).
  const attachments: { title: string; file?: string; abs?: string; label: string }[] = [];
  const rawAtt = f.field('attachments', S.attachments);
  if (rawAtt != null) {
    if (!Array.isArray(rawAtt)) f.error(['attachments'], '「attachments」应为附件列表：每项写 - title: 附件名称（可加 file: 文件）', 'attachments');
    else {
      rawAtt.forEach((a, i) => {
        const item = typeof a === 'string' ? { title: a } : (a as Record<string, unknown>);
        if (!item || typeof item !== 'object' || typeof item.title !== 'string' || !item.title.trim()) {
          f.error(['attachments', i], `第 ${i + 1} 个附件缺少 title（附件名称）：写 - title: 附件名称`, 'attachments');
          return;
        }
        const label = rawAtt.length === 1 ? '附件' : `附件${i + 1}`;
        const entry: { title: string; file?: string; abs?: string; label: string } = { title: item.title.trim().normalize('NFC'), label };
        if (item.file != null) {
          const file = String(item.file);
          const abs = ctx.reads ? ctx.reads.inside(ctx.projectDir, file, dirname(source.absPath)) : resolveInside(ctx.projectDir, file, dirname(source.absPath));
          if (!abs) f.error(['attachments', i, 'file'], `附件文件「${file}」在项目文件夹之外：把它放进项目文件夹`, 'attachments');
          else if (!existsSync(abs)) f.error(['attachments', i, 'file'], `附件文件「${file}」不存在：检查文件名和路径`, 'attachments');
          else if (!['.md', '.pdf'].includes(extname(abs).toLowerCase())) f.error(['attachments', i, 'file'], `附件文件「${file}」应为内容文件（.md）或 PDF（.pdf）`, 'attachments');
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
    copyNumber: f.field('copy', S.copy) ?? null,
    secrecy: f.field('secrecy', S.secrecy) ?? null,
    urgency: f.field('urgency', S.urgency) ?? null,
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
      const problem = await attachedPdfProblem(a.abs, ctx.projectDir);
      if (problem) {
        const p = source.placeOf(['attachments', i, 'file']);
        ctx.bag.error('attachments', `附件「${a.title}」的 PDF 无法使用（${problem}）；请重新导出该 PDF`, p.line, p.column, 'schema');
        continue;
      }
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
  f.checkSpelling();
  return {
    sections,
    imprint,
    appendPdfs,
    sources,
    meta: { title, author: issuers.join('、'), subject: number, date: date ?? undefined, lang: 'zh-CN' },
  };
}

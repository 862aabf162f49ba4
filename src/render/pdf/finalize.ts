// pdf-lib post-processing: reproducible bytes (fixed dates, producer, trailer /ID from a hash
// of the content), document metadata, /Lang, and external PDFs merged in.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { DocumentMeta } from '../../model/types.js';
import { PAGE, mmToPt } from '../../profile/gbt9704.js';

export const PRODUCER = 'gongwen';

/** Fixed date of the file: the document's date at noon UTC, or the epoch when it has none. */
export function fixedDate(meta: DocumentMeta): Date {
  const d = meta.date && /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? new Date(`${meta.date}T12:00:00Z`) : new Date(0);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

export async function loadAppendix(paths: string[]): Promise<PDFDocument[]> {
  return Promise.all(paths.map(async (p) => PDFDocument.load(await readFile(p), { updateMetadata: false })));
}

export interface FinalizeOptions {
  meta: DocumentMeta;
  /** Hash input that identifies the content (the model and fonts): the trailer /ID. */
  identity: string;
  appendix: PDFDocument[];
  /** Insert the appended pages before this 0-based page index (default: at the end). */
  insertAt?: number;
}

export async function finalizePdf(pdf: Uint8Array, o: FinalizeOptions): Promise<{ bytes: Uint8Array; pageCount: number }> {
  return finalizeDoc(await PDFDocument.load(pdf, { updateMetadata: false }), o);
}

/** The same on a document already loaded (a batch's documents cut from one print). */
export async function finalizeDoc(doc: PDFDocument, o: FinalizeOptions): Promise<{ bytes: Uint8Array; pageCount: number }> {
  let at = o.insertAt ?? doc.getPageCount();
  for (const src of o.appendix) {
    const pages = await doc.copyPages(src, src.getPageIndices());
    for (const p of pages) doc.insertPage(at++, p);
  }
  exactPaperSize(doc);
  renumberStructIds(doc);
  const date = fixedDate(o.meta);
  doc.setTitle(o.meta.title, { showInWindowTitleBar: true });
  if (o.meta.author) doc.setAuthor(o.meta.author);
  if (o.meta.subject) doc.setSubject(o.meta.subject);
  if (o.meta.keywords?.length) doc.setKeywords(o.meta.keywords);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(o.meta.lang || 'zh-CN'));
  const id = createHash('sha256').update(o.identity).digest('hex').slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return { bytes: await doc.save({ useObjectStreams: false }), pageCount: doc.getPageCount() };
}

/**
 * Chromium rounds the paper to whole CSS pixels (594.96 × 841.92 pt for A4). Set the boxes to the
 * exact A4 size: a change of a third of a point at the right edge, no scaling.
 */
function exactPaperSize(doc: PDFDocument): void {
  const w = mmToPt(PAGE.widthMm);
  const h = mmToPt(PAGE.heightMm);
  for (const page of doc.getPages()) {
    const { width, height } = page.getMediaBox();
    if (Math.abs(width - w) < 1 && Math.abs(height - h) < 1) {
      page.setMediaBox(0, 0, w, h);
      page.setCropBox(0, 0, w, h);
    } else if (Math.abs(width - h) < 1 && Math.abs(height - w) < 1) {
      page.setMediaBox(0, 0, h, w);
      page.setCropBox(0, 0, h, w);
    }
  }
}

/**
 * Chromium names structure elements after DOM node ids ("node00000268"), which grow on a reused
 * page. Rename them by rank (the ID name tree stays sorted) so that the same document gives the
 * same bytes: element /ID, table cells' /Headers, the name tree's /Names and /Limits.
 */
function renumberStructIds(doc: PDFDocument): void {
  // Untagged (a batch's documents, long lists): no structure elements to rename.
  if (!doc.catalog.has(PDFName.of('StructTreeRoot'))) return;
  const isId = (v: unknown): v is PDFString | PDFHexString =>
    (v instanceof PDFString || v instanceof PDFHexString) && /^node\d+$/.test(v.decodeText());
  const found = new Set<string>();
  const walk = (obj: unknown, fn: (holder: PDFDict | PDFArray, key: PDFName | number, v: PDFString | PDFHexString) => void, seen = new Set<unknown>()): void => {
    if (seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFDict) {
      for (const [k, v] of obj.entries()) {
        if (isId(v)) fn(obj, k, v);
        else if (v instanceof PDFDict || v instanceof PDFArray) walk(v, fn, seen);
      }
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) {
        const v = obj.get(i);
        if (isId(v)) fn(obj, i, v);
        else if (v instanceof PDFDict || v instanceof PDFArray) walk(v, fn, seen);
      }
    }
  };
  const objects = doc.context.enumerateIndirectObjects().map(([, o]) => o);
  for (const o of objects) walk(o, (_h, _k, v) => found.add(v.decodeText()));
  if (found.size === 0) return;
  const rank = new Map([...found].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))).map((id, i) => [id, `node${String(i + 1).padStart(8, '0')}`]));
  for (const o of objects) {
    walk(o, (holder, key, v) => {
      const n = PDFString.of(rank.get(v.decodeText())!);
      if (holder instanceof PDFDict) holder.set(key as PDFName, n);
      else holder.set(key as number, n);
    });
  }
}

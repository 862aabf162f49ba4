// pdf-lib post-processing: reproducible bytes (fixed dates, producer, trailer /ID from a hash
// of the content), document metadata, /Lang, and external PDFs merged in with their page numbers.
// The numbers are Chromium's: the print has a blank numbered page for each appended page
// (render-html's appendedPages), whose drawing — "— N —" in the CID TrueType subset Chromium
// embeds, on the side its :left/:right rule chose — is laid over the appended page as a form
// XObject. No font is stamped by pdf-lib (its fontkit corrupts CJK subsets).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  concatTransformationMatrix,
  drawObject,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  type PDFEmbeddedPage,
  type PDFPage,
} from 'pdf-lib';
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
  /**
   * 0-based index of the first blank numbered page that stands for an appended page (default:
   * the last pages of the print, one per appended page).
   */
  insertAt?: number;
}

export async function finalizePdf(pdf: Uint8Array, o: FinalizeOptions): Promise<{ bytes: Uint8Array; pageCount: number }> {
  return finalizeDoc(await PDFDocument.load(pdf, { updateMetadata: false }), o);
}

/** The same on a document already loaded (a batch's documents cut from one print). */
export async function finalizeDoc(doc: PDFDocument, o: FinalizeOptions): Promise<{ bytes: Uint8Array; pageCount: number }> {
  exactPaperSize(doc);
  const appended = o.appendix.reduce((n, d) => n + d.getPageCount(), 0);
  if (appended) await mergeAppendix(doc, o.appendix, o.insertAt ?? doc.getPageCount() - appended);
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
 * Each appended page takes the place of its blank numbered page, with that page's drawing (the
 * number) laid over it: the appended page's content is kept as it was (wrapped in q … Q, so that
 * a state it leaves changes nothing), its /Rotate and size respected.
 */
async function mergeAppendix(doc: PDFDocument, appendix: PDFDocument[], at: number): Promise<void> {
  const total = appendix.reduce((n, d) => n + d.getPageCount(), 0);
  const holders = doc.getPages().slice(at, at + total);
  if (holders.length !== total) throw new Error(`the print has ${holders.length} pages for ${total} appended pages`);
  const layers = await doc.embedPages(holders);
  let i = 0;
  for (const src of appendix) {
    for (const page of await doc.copyPages(src, src.getPageIndices())) {
      doc.removePage(at + i);
      doc.insertPage(at + i, page);
      overlay(page, layers[i]);
      i++;
    }
  }
}

type Matrix = [number, number, number, number, number, number];

/** a then b (PDF's row-vector convention: a point goes through a first). */
function times(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

/**
 * The A4 number layer drawn on a page as the reader sees it (after /Rotate): on an upright page
 * scaled to fit, standing on the foot, centred across; on a landscape page turned a quarter
 * clockwise, its foot against the left edge, as the document's own landscape pages turn their
 * number (print-css.ts).
 */
export function layerMatrix(layer: { width: number; height: number }, box: { x: number; y: number; width: number; height: number }, rotation: number): Matrix {
  const r = ((rotation % 360) + 360) % 360;
  const { width: w, height: h } = box;
  const [vw, vh] = r % 180 ? [h, w] : [w, h];
  const W = layer.width;
  const H = layer.height;
  let toView: Matrix;
  if (vw <= vh) {
    const s = Math.min(vw / W, vh / H);
    toView = [s, 0, 0, s, (vw - s * W) / 2, 0];
  } else {
    const s = Math.min(vw / H, vh / W);
    toView = [0, -s, s, 0, 0, s * W + (vh - s * W) / 2];
  }
  // The seen page → the page's own space, for each /Rotate (the viewer turns the page clockwise).
  const toUser: Matrix = r === 90 ? [0, 1, -1, 0, w, 0] : r === 180 ? [-1, 0, 0, -1, w, h] : r === 270 ? [0, -1, 1, 0, 0, h] : [1, 0, 0, 1, 0, 0];
  const m = times(toView, toUser);
  return [m[0], m[1], m[2], m[3], m[4] + box.x, m[5] + box.y];
}

function overlay(page: PDFPage, layer: PDFEmbeddedPage): void {
  // normalize wraps the page's own content in q … Q (pdf-lib's autoNormalizeCTM).
  page.node.normalize();
  const name = page.node.newXObject('GwPageNumber', layer.ref);
  const m = layerMatrix(layer, page.getCropBox(), page.getRotation().angle);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...m), drawObject(name), popGraphicsState());
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

// A page of an attached PDF, drawn on the page the layout kept for it, under that page's own
// items (its number). pdf-lib reads the attached file and makes the page a form XObject (its
// content decoded and joined, its resources copied, its crop box as the form's box); the form and
// everything it reaches are then written by this writer's serializer, so the document keeps its
// own structure tree, outline, metadata and reproducible bytes. The page is drawn as the reader
// of the attached file sees it (its /Rotate applied), scaled to fit the layout's page and
// centred: at the same paper size that is 1:1.
import { readFile, stat } from 'node:fs/promises';
import type { PDFDocument as PdfLibDocument, PDFObject } from 'pdf-lib';
import { Raw, type PdfDict, type PdfFile, type PdfValue, type Ref } from './serialize.js';

/** An attached PDF is read whole into memory: a bound on what a notice can make gongwen read. */
export const MAX_ATTACHED_BYTES = 200 * 1024 * 1024;

type Matrix = [number, number, number, number, number, number];

/** a then b (PDF's row-vector convention: a point goes through a first). */
export function times(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

/** Where a form of size w × h, turned by `rotate` (clockwise, as a viewer turns the page), goes on a W × H page. */
export function fitMatrix(w: number, h: number, rotate: number, W: number, H: number): Matrix {
  const r = ((rotate % 360) + 360) % 360;
  const turn: Matrix = r === 90 ? [0, -1, 1, 0, 0, w] : r === 180 ? [-1, 0, 0, -1, w, h] : r === 270 ? [0, 1, -1, 0, h, 0] : [1, 0, 0, 1, 0, 0];
  const [vw, vh] = r % 180 ? [h, w] : [w, h];
  const s = Math.min(W / vw, H / vh);
  return times(turn, [s, 0, 0, s, (W - s * vw) / 2, (H - s * vh) / 2]);
}

export class AttachedPages {
  private readonly docs = new Map<string, Promise<PdfLibDocument>>();

  private async load(path: string): Promise<PdfLibDocument> {
    let p = this.docs.get(path);
    if (!p) {
      p = (async () => {
        const size = (await stat(path)).size;
        if (size > MAX_ATTACHED_BYTES) throw new Error(`the attached PDF ${path} is ${size} bytes; attached PDFs are limited to ${MAX_ATTACHED_BYTES}`);
        const { PDFDocument } = await import('pdf-lib');
        return PDFDocument.load(await readFile(path), { updateMetadata: false });
      })();
      this.docs.set(path, p);
    }
    return p;
  }

  /** Writes the form XObject of an attached page; returns it and the matrix that puts it on a W × H page. */
  async form(file: PdfFile, path: string, page: number, W: number, H: number): Promise<{ ref: Ref; matrix: Matrix }> {
    const src = await this.load(path);
    if (page < 1 || page > src.getPageCount()) throw new Error(`the attached PDF ${path} has ${src.getPageCount()} pages; page ${page} was asked for`);
    const { PDFDocument, PDFArray, PDFDict, PDFRef, PDFStream } = await import('pdf-lib');
    const p = src.getPage(page - 1);
    const crop = p.getCropBox();
    const tmp = await PDFDocument.create({ updateMetadata: false });
    const emb = await tmp.embedPage(p, { left: crop.x, bottom: crop.y, right: crop.x + crop.width, top: crop.y + crop.height });
    await emb.embed();
    // Copy what the form reaches, numbering it in this file.
    const refs = new Map<string, Ref>();
    const convert = (o: PDFObject): PdfValue => {
      if (o instanceof PDFRef) {
        const key = o.toString();
        let r = refs.get(key);
        if (!r) {
          r = file.alloc();
          refs.set(key, r);
          const target = tmp.context.lookup(o);
          if (target instanceof PDFStream) {
            const dict: PdfDict = {};
            for (const [k, v] of target.dict.entries()) if (k.decodeText() !== 'Length') dict[k.decodeText()] = convert(v);
            file.set(r, { dict, data: target.getContents(), compress: false });
          } else file.set(r, target ? convert(target) : null);
        }
        return r;
      }
      if (o instanceof PDFArray) return o.asArray().map(convert);
      if (o instanceof PDFDict) {
        const d: PdfDict = {};
        for (const [k, v] of o.entries()) d[k.decodeText()] = convert(v);
        return d;
      }
      if (o instanceof PDFStream) throw new Error(`the attached PDF ${path} has a stream that is not an indirect object`);
      return new Raw(o.toString());
    };
    const ref = convert(emb.ref) as Ref;
    return { ref, matrix: fitMatrix(crop.width, crop.height, p.getRotation().angle, W, H) };
  }
}

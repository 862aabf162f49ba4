// A page of an attached PDF, drawn on the page the layout kept for it, under that page's own
// items (its number). pdf-lib reads the attached file and makes the page a form XObject (its
// content decoded and joined, its resources copied, its crop box as the form's box); the form and
// everything it reaches are then written by this writer's serializer, so the document keeps its
// own structure tree, outline, metadata and reproducible bytes. The page is drawn as the reader
// of the attached file sees it (its /Rotate applied), scaled to fit the layout's page and
// centred: at the same paper size that is 1:1.
import { readFile, stat } from 'node:fs/promises';
import type { PDFContext, PDFDict, PDFDocument as PdfLibDocument, PDFObject } from 'pdf-lib';
import type { PdfStandard } from './pdfa.js';
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

export interface AttachedRequest {
  path: string;
  page: number;
  /** The layout page it goes on. */
  W: number;
  H: number;
}

async function load(path: string): Promise<PdfLibDocument> {
  const size = (await stat(path)).size;
  if (size > MAX_ATTACHED_BYTES) throw new Error(`the attached PDF ${path} is ${size} bytes; attached PDFs are limited to ${MAX_ATTACHED_BYTES}`);
  const { PDFDocument } = await import('../../vendor/pdf-lib.js');
  return PDFDocument.load(await readFile(path), { updateMetadata: false });
}

/**
 * Writes the form XObject of each attached page asked for; returns them, keyed "path#page", with
 * the matrix that puts each on its layout page. The pages of one file are embedded together, so
 * what they share (a font, a letterhead image) is written once, not once a page.
 */
export async function attachedForms(file: PdfFile, requests: AttachedRequest[], standard?: PdfStandard): Promise<Map<string, { ref: Ref; matrix: Matrix }>> {
  const out = new Map<string, { ref: Ref; matrix: Matrix }>();
  const byPath = new Map<string, AttachedRequest[]>();
  for (const r of requests) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  if (!byPath.size) return out;
  const { PDFDocument, PDFArray, PDFDict, PDFName, PDFRef, PDFStream } = await import('../../vendor/pdf-lib.js');
  for (const [path, asked] of byPath) {
    const src = await load(path);
    const wanted = [...new Set(asked.map((r) => r.page))];
    for (const page of wanted) if (!Number.isInteger(page) || page < 1 || page > src.getPageCount()) throw new Error(`the attached PDF ${path} has ${src.getPageCount()} pages; page ${page} was asked for`);
    const pages = wanted.map((n) => src.getPage(n - 1));
    // A page may have no Contents (a blank page: PDF 32000-1 §7.7.3.3 makes it optional);
    // pdf-lib embeds only a page that has some, so it gets an empty stream.
    for (const p of pages) if (!p.node.Contents()) p.node.set(PDFName.of('Contents'), src.context.register(src.context.stream('')));
    const crops = pages.map((p) => p.getCropBox());
    const tmp = await PDFDocument.create({ updateMetadata: false });
    const embedded = await tmp.embedPages(pages, crops.map((c) => ({ left: c.x, bottom: c.y, right: c.x + c.width, top: c.y + c.height })));
    for (const e of embedded) await e.embed();
    // Copy what the forms reach, numbering it in this file (once for all the file's pages).
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
    for (const [i, page] of wanted.entries()) {
      if (standard) {
        const problem = await pdfaProblem(tmp.context, embedded[i].ref, standard);
        if (problem) throw new Error(`the attached PDF ${path}, page ${page}, cannot go into a PDF/A-${standard.slice(2)} file: ${problem}`);
      }
    }
    const forms = wanted.map((_, i) => convert(embedded[i].ref) as Ref);
    for (const r of asked) {
      const i = wanted.indexOf(r.page);
      out.set(`${path}#${r.page}`, { ref: forms[i], matrix: fitMatrix(crops[i].width, crops[i].height, pages[i].getRotation().angle, r.W, r.H) });
    }
  }
  return out;
}

/**
 * What an attached page would break in a PDF/A file, walking everything its form reaches: a
 * font it does not embed (both levels), and for PDF/A-1 any transparency (a soft mask, an
 * opacity below 1, a blend mode, a transparency group). Undefined when there is nothing.
 */
async function pdfaProblem(context: PDFContext, root: PDFObject, standard: PdfStandard): Promise<string | undefined> {
  const { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream } = await import('../../vendor/pdf-lib.js');
  const seen = new Set<PDFObject>();
  const resolve = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? context.lookup(o) : o);
  const nameOf = (o: PDFObject | undefined): string | undefined => {
    const v = resolve(o);
    return v instanceof PDFName ? v.decodeText() : undefined;
  };
  const embedded = (descriptor: PDFObject | undefined): boolean => {
    const d = resolve(descriptor);
    return d instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => d.has(PDFName.of(k)));
  };
  const check = (d: PDFDict): string | undefined => {
    const get = (k: string): PDFObject | undefined => d.get(PDFName.of(k));
    if (nameOf(get('Type')) === 'Font' || (get('BaseFont') && get('Subtype'))) {
      const sub = nameOf(get('Subtype'));
      if (sub === 'Type3') return undefined;
      let descriptor = get('FontDescriptor');
      if (sub === 'Type0') {
        const kids = resolve(get('DescendantFonts'));
        const kid = kids instanceof PDFArray ? resolve(kids.get(0)) : undefined;
        descriptor = kid instanceof PDFDict ? kid.get(PDFName.of('FontDescriptor')) : undefined;
      }
      if (!embedded(descriptor)) return `it does not embed its font ${nameOf(get('BaseFont')) ?? '(unnamed)'}, and PDF/A needs every font embedded`;
    }
    if (standard !== 'a-1b') return undefined;
    const smask = get('SMask');
    if (smask && nameOf(smask) !== 'None') return 'it draws with a soft mask (transparency); use --pdf-standard a-2b, which allows it';
    for (const k of ['CA', 'ca']) {
      const v = resolve(get(k));
      if (v instanceof PDFNumber && v.asNumber() < 1) return `it draws with opacity ${v.asNumber()} (transparency); use --pdf-standard a-2b, which allows it`;
    }
    const bm = nameOf(get('BM'));
    if (bm && bm !== 'Normal' && bm !== 'Compatible') return `it uses the blend mode ${bm} (transparency); use --pdf-standard a-2b, which allows it`;
    const group = resolve(get('Group'));
    if (group instanceof PDFDict && nameOf(group.get(PDFName.of('S'))) === 'Transparency') return 'it has a transparency group; use --pdf-standard a-2b, which allows it';
    return undefined;
  };
  const walk = (o: PDFObject | undefined): string | undefined => {
    const v = resolve(o);
    if (!v || seen.has(v)) return undefined;
    seen.add(v);
    const dict = v instanceof PDFStream ? v.dict : v instanceof PDFDict ? v : undefined;
    if (dict) {
      const problem = check(dict);
      if (problem) return problem;
      for (const [, x] of dict.entries()) {
        const p = walk(x);
        if (p) return p;
      }
    } else if (v instanceof PDFArray) {
      for (const x of v.asArray()) {
        const p = walk(x);
        if (p) return p;
      }
    }
    return undefined;
  };
  return walk(root);
}

// The pictures of the HTML (figures, seals), for the PDF: one origin, one way to name an image,
// one responder. A page names an image by the SHA-256 of its source file and the format it gets
// (`http://images.local/<sha256>.<png|jpeg|svg>`), so that the same picture shown twice is asked
// for once and embedded once. The PDF renderer's request interception answers from the ImageSet
// of the documents being printed (JavaScript stays off, nothing is fetched): an address that no
// block of those documents names is refused, and a file is answered only while its content still
// has the digest the model recorded (a figure is read when asked for; a seal's bytes came with
// the model). An SVG seal's PNG drawing (render/pdf/seal-raster.ts) is served under the SVG's
// digest with the format png: the PDF shows the same picture as the DOCX, and the seal's
// lettering is no text of the document (an SVG's <text> would be: pdftotext read it).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DocumentModel, FigureBlock, SealImage } from '../../model/types.js';

export const IMAGE_ORIGIN = 'http://images.local';

type Format = FigureBlock['format'];
const TYPES: Record<Format, string> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

/** The one way to name an image: its source file's SHA-256 and the format the page gets. */
export function imageUrl(digest: string, format: Format): string {
  return `${IMAGE_ORIGIN}/${digest}.${format}`;
}

/** A figure's address. */
export const figureUrl = (b: FigureBlock): string => imageUrl(b.digest, b.format);

/** A seal's address: its PNG drawing when the build made one, else the file. */
export const sealUrl = (img: SealImage): string => imageUrl(img.sha256, img.raster ? 'png' : img.format);

/** A seal file's own address (the page that draws an SVG seal as PNG asks for it). */
export const sealSourceUrl = (img: SealImage): string => imageUrl(img.sha256, img.format);

export interface ImageAnswer {
  body: Buffer;
  contentType: string;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

interface Entry {
  digest: string;
  format: Format;
  /** The bytes the model holds (a seal), or the file to read when asked for (a figure). */
  bytes?: Uint8Array;
  path?: string;
  /** Whether the bytes are the source file's (checked against the digest) or a drawing of it. */
  derived?: boolean;
  answer?: ImageAnswer | null;
}

/** The images a print may ask for, by address; nothing else is answered. */
export class ImageSet {
  private readonly entries = new Map<string, Entry>();

  /** Every image the models show. */
  static of(models: DocumentModel[]): ImageSet {
    const set = new ImageSet();
    for (const m of models) {
      for (const s of m.sections) {
        for (const b of s.blocks) {
          if (b.type === 'figure') set.add(figureUrl(b), { digest: b.digest, format: b.format, path: b.path });
          else if (b.type === 'signature' && b.seal) {
            for (const img of b.seal.images) if (img) set.addSeal(img);
          }
        }
      }
    }
    return set;
  }

  /** A seal as the document shows it (its drawing, when there is one). */
  addSeal(img: SealImage): this {
    if (img.raster) return this.add(sealUrl(img), { digest: img.sha256, format: 'png', bytes: img.raster, derived: true });
    return this.addSource(img);
  }

  /** A seal file itself. */
  addSource(img: SealImage): this {
    return this.add(sealSourceUrl(img), { digest: img.sha256, format: img.format, bytes: img.bytes });
  }

  private add(url: string, e: Entry): this {
    if (!this.entries.has(url)) this.entries.set(url, e);
    return this;
  }

  /** The image at `url`, or undefined (the request is then refused). */
  serve(url: string): ImageAnswer | undefined {
    const e = this.entries.get(url);
    if (!e) return undefined;
    if (e.answer === undefined) e.answer = load(e);
    return e.answer ?? undefined;
  }
}

function load(e: Entry): ImageAnswer | null {
  let body: Buffer;
  try {
    body = e.bytes ? Buffer.from(e.bytes) : readFileSync(e.path!);
  } catch {
    return null;
  }
  // A file changed since the model was built (or bytes that are not the seal's) are refused.
  if (!e.derived && sha256(body) !== e.digest) return null;
  return { body, contentType: TYPES[e.format] };
}

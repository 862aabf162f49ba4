// Images of the HTML (seals): referenced by a URL of their own origin that the PDF renderer
// answers through the same request interception as the fonts (JavaScript stays off, nothing is
// fetched). The URL names the image by its SHA-256, so a document that shows the same image
// twice asks for it once, and Chromium embeds it once in the PDF.

import type { DocumentModel, SealImage } from '../../model/types.js';

export const IMAGE_ORIGIN = 'http://images.local';

const TYPES: Record<SealImage['format'], string> = { png: 'image/png', svg: 'image/svg+xml' };

export function imageUrl(img: SealImage): string {
  return `${IMAGE_ORIGIN}/${img.sha256}.${img.format}`;
}

export type ImageSet = Map<string, { body: Buffer; contentType: string }>;

/** Every image the models show, by URL. */
export function imagesOf(models: DocumentModel[]): ImageSet {
  const set: ImageSet = new Map();
  for (const m of models) {
    for (const s of m.sections) {
      for (const b of s.blocks) {
        if (b.type !== 'signature' || !b.seal) continue;
        for (const img of b.seal.images) {
          if (img && !set.has(imageUrl(img))) set.set(imageUrl(img), { body: Buffer.from(img.bytes), contentType: TYPES[img.format] });
        }
      }
    }
  }
  return set;
}

// SVG seals drawn as PNG by Chromium, once per build, for both outputs. The DOCX needs it:
// LibreOffice (7.4, measured: it showed the stand-in of an `asvg:svgBlip` picture, not the SVG)
// and Word before 2016 draw a picture's raster blip only. The PDF shows it too: the same picture
// in both outputs, and the seal's lettering is no text of the document (an SVG's <text> is).
// 600 dpi at the seal's printed size: a 42 mm seal is 992 px.

import type { DocumentModel, SealImage } from '../../model/types.js';
import type { PdfRenderer } from './pdf-renderer.js';

const DPI = 600;

function svgSeals(model: DocumentModel): { img: SealImage; sizeMm: number }[] {
  return model.sections.flatMap((s) =>
    s.blocks.flatMap((b) => (b.type === 'signature' && b.seal ? b.seal.images.filter((i): i is SealImage => !!i && i.format === 'svg' && !i.raster).map((img) => ({ img, sizeMm: b.seal!.sizeMm })) : [])),
  );
}

export function needsSealRasters(model: DocumentModel): boolean {
  return svgSeals(model).length > 0;
}

/** The model with a PNG beside every SVG seal (the same SVG drawn once). */
export async function withSealRasters(renderer: PdfRenderer, model: DocumentModel): Promise<DocumentModel> {
  const drawn = new Map<string, Promise<Uint8Array>>();
  for (const { img, sizeMm } of svgSeals(model)) {
    if (!drawn.has(img.sha256)) drawn.set(img.sha256, renderer.rasterize(img, Math.round((sizeMm / 25.4) * DPI)));
  }
  const keys = [...drawn.keys()];
  const pngs = await Promise.all(drawn.values());
  const rasters = new Map(keys.map((k, i) => [k, pngs[i]]));
  return {
    ...model,
    sections: model.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) =>
        b.type === 'signature' && b.seal ? { ...b, seal: { ...b.seal, images: b.seal.images.map((i) => (i && i.format === 'svg' ? { ...i, raster: rasters.get(i.sha256) } : i)) } } : b,
      ),
    })),
  };
}

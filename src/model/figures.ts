// Markdown images → figure blocks. Only files inside the project folder (design.md, "Trust"):
// a remote address or a path leading outside is an error at its line, never fetched or read.
// The file is read and checked here (src/source/images: type by content, PNG decoded, JPEG walked
// to its end, SVG reduced to a safe subset and drawn as paths and PNG), once, so that both renderers draw the same box: the
// natural size at FIGURE.pxPerInch, scaled down to the text block's width and to
// FIGURE.maxHeightMm, aspect kept.

import { extname } from 'node:path';
import { readImage, ImageError, type CheckedImage } from '../source/images/index.js';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { FigureBlock, Place } from './types.js';
import { resolveInside } from '../source/paths.js';
import { FIGURE, PAGE } from '../profile/gbt9704.js';

/** Where a content file's images are looked up, and the document's running figure count. */
export interface FigureContext {
  projectDir: string;
  /** Folder of the content file: image paths are relative to it. */
  baseDir: string;
  count: { next: number };
}

/** An image file larger than this is refused: content is untrusted (limits on what input expands to). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const FORMATS: Record<string, FigureBlock['format']> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', svg: 'svg' };

const MM_PER_INCH = 25.4;

/** The PNG drawn of an SVG figure for the DOCX: 300 dpi at its printed width (print quality). */
const FIGURE_RASTER_DPI = 300;

/** Drawn size: natural size, scaled down (never up) to fit `maxW` × `maxH`. */
export function fitMm(widthPx: number, heightPx: number, maxW: number = PAGE.textWidthMm, maxH: number = FIGURE.maxHeightMm): { widthMm: number; heightMm: number } {
  const w = (widthPx / FIGURE.pxPerInch) * MM_PER_INCH;
  const h = (heightPx / FIGURE.pxPerInch) * MM_PER_INCH;
  const k = Math.min(1, maxW / w, maxH / h);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { widthMm: round(w * k), heightMm: round(h * k) };
}

export function figureBlock(src: string, alt: string, place: Place, fctx: FigureContext, bag: DiagnosticBag): FigureBlock | undefined {
  const fail = (message: string) => {
    bag.add({ file: place.file, line: place.line, column: place.column, severity: 'error', ruleId: 'figure', message, source: 'markdown' });
    return undefined;
  };
  const path = decodeURI(src.trim());
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return fail(`图片「${path}」是网络地址：只能使用项目文件夹内的 PNG、JPEG 或 SVG 文件，例如 figures/chain.png`);
  const format = FORMATS[extname(path).slice(1).toLowerCase()];
  if (!format) return fail(`图片「${path}」的格式不支持：请使用 PNG、JPEG 或 SVG 文件`);
  if (!resolveInside(fctx.projectDir, path, fctx.baseDir)) return fail(`图片「${path}」在项目文件夹之外：请把它放进项目文件夹（例如 figures/）再引用`);
  let img: CheckedImage;
  try {
    img = readImage(path, {
      projectDir: fctx.projectDir,
      baseDir: fctx.baseDir,
      maxBytes: MAX_IMAGE_BYTES,
      expected: format,
      what: '图片',
      rasterWidthPx: (w, h) => Math.round((fitMm(w, h).widthMm / MM_PER_INCH) * FIGURE_RASTER_DPI),
    });
  } catch (err) {
    if (err instanceof ImageError) return fail(err.message);
    throw err;
  }
  fctx.count.next++;
  return {
    type: 'figure',
    path: img.abs,
    format,
    ...fitMm(img.width, img.height),
    label: `图${fctx.count.next}`,
    caption: alt.trim(),
    digest: img.sha256,
    place,
    bytes: img.bytes,
    ...(img.raster ? { raster: img.raster } : {}),
    ...(img.vector ? { vector: img.vector } : {}),
  };
}

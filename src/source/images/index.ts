// An image file (figure or seal) checked before any stage uses it: read by the guarded reader,
// its type by content, PNG/JPEG decoded or walked to the end (raster.ts), SVG reduced to a safe
// subset (svg-safe.ts) and normalised by resvg into paths and a PNG (svg-vector.ts). The caller
// puts the message at the line that names the image.

import { createHash } from 'node:crypto';
import type { VectorImage } from './vector.js';
import { GuardedReadError, readGuarded } from '../guarded-read.js';
import { checkRaster, ImageError, sniffImage, type RasterFormat } from './raster.js';
import { safeSvg, SvgError } from './svg-safe.js';
import { normaliseSvg, rasteriseSvg, VectorLimitError } from './svg-vector.js';

export { ImageError } from './raster.js';

export interface CheckedImage {
  format: RasterFormat | 'svg';
  abs: string;
  /** What the outputs carry: the file for PNG/JPEG, resvg's simplified SVG for an SVG. */
  bytes: Uint8Array;
  /** SHA-256 (hex) of the file as read. */
  sha256: string;
  /** Natural size: pixels, or an SVG's user units. */
  width: number;
  height: number;
  vector?: VectorImage;
  /** For an SVG: a PNG of it, `rasterWidthPx` wide. */
  raster?: Uint8Array;
}

export interface ImageRequest {
  projectDir: string;
  baseDir: string;
  maxBytes: number;
  /** What the file's name says it is. */
  expected: RasterFormat | 'svg';
  /** "图片", "印章图片": for messages. */
  what: string;
  /** Width of the PNG drawn of an SVG, from its printed size: a function of the natural size. */
  rasterWidthPx: (width: number, height: number) => number;
}

/** Reads and checks an image; throws ImageError with a sentence naming the file. */
export function readImage(path: string, req: ImageRequest): CheckedImage {
  let abs: string;
  let bytes: Buffer;
  try {
    ({ abs, bytes } = readGuarded(path, { projectDir: req.projectDir, baseDir: req.baseDir, maxBytes: req.maxBytes, what: req.what }));
  } catch (err) {
    if (err instanceof GuardedReadError) throw new ImageError(err.message);
    throw err;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sniffed = sniffImage(bytes);
  const fail = (why: string): never => {
    throw new ImageError(`${req.what}「${path}」${why}`);
  };
  if (req.expected !== 'svg') {
    try {
      const r = checkRaster(bytes, req.expected);
      return { format: r.format, abs, bytes, sha256, width: r.width, height: r.height };
    } catch (err) {
      if (err instanceof ImageError) return fail(err.message);
      throw err;
    }
  }
  if (sniffed !== 'svg') return fail(sniffed ? `的内容是 ${sniffed.toUpperCase()}，与扩展名（SVG）不符` : '不是 SVG 文件（没有 <svg> 根元素）');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return fail('不是 UTF-8 编码的 SVG：请以 UTF-8 保存');
  }
  try {
    const safe = safeSvg(text);
    for (const e of safe.embedded) {
      try {
        checkRaster(e.bytes, e.format);
      } catch (err) {
        if (err instanceof ImageError) throw new SvgError(`内嵌的 ${e.format.toUpperCase()} 图片${err.message}`, e.line);
        throw err;
      }
    }
    const norm = normaliseSvg(safe.text, safe.hasText);
    if (!(norm.width > 0 && norm.height > 0)) return fail('没有宽度或高度（SVG 需要 width/height 或 viewBox）');
    const raster = rasteriseSvg(norm.svg, req.rasterWidthPx(norm.width, norm.height), norm.width / norm.height);
    return { format: 'svg', abs, bytes: new TextEncoder().encode(norm.svg), sha256, width: norm.width, height: norm.height, vector: norm.vector, raster };
  } catch (err) {
    if (err instanceof SvgError) return fail(`第 ${err.line} 行${err.message}`);
    if (err instanceof VectorLimitError) return fail(err.message);
    // resvg's own refusals ("SVG data parsing failed cause …"): one line, no internals.
    if (err instanceof Error && !(err instanceof ImageError)) return fail(`无法读取：${err.message.split('\n')[0].slice(0, 100)}`);
    throw err;
  }
}

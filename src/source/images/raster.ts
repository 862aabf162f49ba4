// PNG and JPEG files checked by content before use: the type by its magic bytes, the size
// bounded before anything is decoded, and the whole file read to its end. A truncated seal PNG
// used to print its top third, exit 0: the renderer draws what it can decode and says nothing.
//
// PNG: decoded in full by pngjs (chunk CRCs, the zlib stream to its end, IEND), after the IHDR
// size is checked. JPEG: the markers walked from SOI to EOI (every segment's length inside the
// file, a frame header (SOF) with the size, entropy-coded data after SOS, EOI at the end); a
// JPEG is not decoded, since no stage of gongwen needs its pixels.

import { createRequire } from 'node:module';

/** Largest image in pixels: 40 megapixels (a 600 dpi scan of an A4 page is 35). Decoded, 160 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Largest side in pixels. */
export const MAX_IMAGE_SIDE = 20_000;

export type RasterFormat = 'png' | 'jpeg';

export interface CheckedRaster {
  format: RasterFormat;
  width: number;
  height: number;
}

/** Why an image is refused: a sentence for the user (the caller adds which image and where). */
export class ImageError extends Error {}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format by content: 'png', 'jpeg', 'svg' (text with an <svg root) or undefined. */
export function sniffImage(bytes: Uint8Array): RasterFormat | 'svg' | undefined {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = Buffer.from(bytes.subarray(0, 65536)).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'svg';
  return undefined;
}

function bound(width: number, height: number): void {
  if (!width || !height) throw new ImageError('宽度或高度为 0');
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new ImageError(`有 ${width}×${height} 像素，超过上限（每边 ${MAX_IMAGE_SIDE}，共 ${MAX_IMAGE_PIXELS / 1e6} 百万像素）：请缩小后再用`);
  }
}

type PngSync = { read(b: Buffer): { width: number; height: number } };
let pngSync: PngSync | undefined;

export function checkPng(bytes: Uint8Array): CheckedRaster {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') throw new ImageError('不是完整的 PNG 文件（缺少文件头 IHDR）');
  bound(b.readUInt32BE(16), b.readUInt32BE(20));
  pngSync ??= (createRequire(import.meta.url)('pngjs') as { PNG: { sync: PngSync } }).PNG.sync;
  let png;
  try {
    png = pngSync.read(b);
  } catch (err) {
    const m = (err as Error).message;
    throw new ImageError(/end|truncat|unexpected|incomplete|short/i.test(m) ? 'PNG 文件不完整（被截断）：请重新导出图片' : `PNG 文件已损坏（${m.split('\n')[0].slice(0, 80)}）：请重新导出图片`);
  }
  return { format: 'png', width: png.width, height: png.height };
}

export function checkJpeg(bytes: Uint8Array): CheckedRaster {
  const n = bytes.length;
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8)) throw new ImageError('不是 JPEG 文件');
  let i = 2;
  let size: { width: number; height: number } | undefined;
  let scanned = false;
  for (;;) {
    if (i >= n) throw new ImageError('JPEG 文件不完整（被截断，没有结束标记 EOI）：请重新导出图片');
    if (bytes[i] !== 0xff) {
      if (!scanned) throw new ImageError('JPEG 文件已损坏（段标记错位）');
      i++; // entropy-coded data after SOS: look for the next marker
      continue;
    }
    const m = bytes[i + 1];
    if (m === undefined) throw new ImageError('JPEG 文件不完整（被截断）：请重新导出图片');
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m === 0x00 || (m >= 0xd0 && m <= 0xd7)) {
      if (!scanned) throw new ImageError('JPEG 文件已损坏（扫描数据之前出现数据标记）');
      i += 2; // stuffed byte or restart marker inside the scan
      continue;
    }
    if (m === 0xd9) {
      if (!size) throw new ImageError('JPEG 文件没有帧头（SOF），读不出尺寸');
      if (!scanned) throw new ImageError('JPEG 文件没有图像数据');
      return { format: 'jpeg', ...size };
    }
    if (i + 4 > n) throw new ImageError('JPEG 文件不完整（被截断）：请重新导出图片');
    const len = (bytes[i + 2] << 8) | bytes[i + 3];
    if (len < 2 || i + 2 + len > n) throw new ImageError('JPEG 文件不完整（段长度超出文件，被截断）：请重新导出图片');
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      if (len < 8) throw new ImageError('JPEG 文件已损坏（帧头太短）');
      const height = (bytes[i + 5] << 8) | bytes[i + 6];
      const width = (bytes[i + 7] << 8) | bytes[i + 8];
      bound(width, height);
      size = { width, height };
    }
    if (m === 0xda) {
      if (!size) throw new ImageError('JPEG 文件已损坏（扫描数据在帧头之前）');
      scanned = true;
    }
    i += 2 + len;
  }
}

/** Checks a PNG or JPEG by its content; `expected` is what the file's name says it is. */
export function checkRaster(bytes: Uint8Array, expected?: RasterFormat): CheckedRaster {
  const sniffed = sniffImage(bytes);
  if (sniffed !== 'png' && sniffed !== 'jpeg') throw new ImageError(expected ? `内容不是 ${expected.toUpperCase()} 图片` : '不是 PNG 或 JPEG 图片');
  if (expected && sniffed !== expected) throw new ImageError(`内容是 ${sniffed.toUpperCase()}，与扩展名（${expected.toUpperCase()}）不符：请改正扩展名或重新导出`);
  return sniffed === 'png' ? checkPng(bytes) : checkJpeg(bytes);
}

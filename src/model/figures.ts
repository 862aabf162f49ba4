// Markdown images → figure blocks. Only files inside the project folder (design.md, "Trust"):
// a remote address or a path leading outside is an error at its line, never fetched or read.
// The size is read here (image-size), once, so that both renderers draw the same box: the
// natural size at FIGURE.pxPerInch, scaled down to the text block's width and to
// FIGURE.maxHeightMm, aspect kept.

import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { imageDimensions } from '../util/image-size.js';
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
  const abs = resolveInside(fctx.projectDir, path, fctx.baseDir);
  if (!abs) return fail(`图片「${path}」在项目文件夹之外：请把它放进项目文件夹（例如 figures/）再引用`);
  let bytes: Buffer;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return fail(`图片「${path}」不是文件`);
    if (st.size > MAX_IMAGE_BYTES) return fail(`图片「${path}」有 ${(st.size / 1048576).toFixed(1)} MB，超过 ${MAX_IMAGE_BYTES / 1048576} MB 的上限：请压缩后再用`);
    bytes = readFileSync(abs);
  } catch {
    return fail(`找不到图片「${path}」（相对于 ${fctx.baseDir === fctx.projectDir ? '项目文件夹' : '内容文件所在文件夹'}）`);
  }
  let dims: { width?: number; height?: number; type?: string };
  try {
    dims = imageDimensions(bytes);
  } catch {
    return fail(`图片「${path}」无法读取尺寸：文件已损坏或不是 ${format.toUpperCase()} 图片`);
  }
  const type = dims.type === 'jpg' ? 'jpeg' : dims.type;
  if (type !== format) return fail(`图片「${path}」的内容是 ${dims.type ?? '未知格式'}，与扩展名不符`);
  if (!dims.width || !dims.height) return fail(`图片「${path}」没有宽度或高度（SVG 需要 width/height 或 viewBox）`);
  fctx.count.next++;
  return { type: 'figure', path: abs, format, ...fitMm(dims.width, dims.height), label: `图${fctx.count.next}`, caption: alt.trim(), digest: createHash('sha256').update(bytes).digest('hex'), place };
}

// Front matter `seal` and `sealSize`: the sealed form of the signature (§7.3.5.1) and the seal
// images. A seal image is the office's own: it is read only from the project folder (a path
// outside it, an absolute path or an address is an error at its line), never fetched, and goes
// nowhere but into this document's outputs (the model carries its bytes).
//
//   seal: true                 sealed form, space left for a hand stamp
//   seal: seals/office.png     sealed form with that image (PNG with transparency, or SVG)
//   seal: [a.svg, b.svg, true] joint issuance: one per office of `signature`, in order
//   sealSize: 42               seal width in mm (default 42)

import { dirname, extname, relative, sep } from 'node:path';
import { readImage, ImageError, type CheckedImage } from '../source/images/index.js';
import type { SealImage, SignatureSeal } from '../model/types.js';
import { SEAL } from '../profile/gbt9704.js';
import { resolveInside } from '../source/paths.js';
import type { FieldReader } from './fields.js';
import { NOTICE_SCHEMA } from '../source/front-matter.js';

/**
 * A seal image larger than this is refused (a seal scanned at 600 dpi is well under 2 MB). The
 * file is checked by src/source/images: a PNG decoded to its end (a truncated one printed its top
 * third), an SVG reduced to a safe subset, its text drawn as paths, and a PNG of it made.
 */
export const SEAL_MAX_BYTES = 5 * 1024 * 1024;

/** Reads `seal`/`sealSize`; undefined when the document is not sealed. `offices` is the number of 署名. */
export function readSeal(f: FieldReader, offices: number, projectDir: string): SignatureSeal | undefined {
  const raw = f.field('seal', NOTICE_SCHEMA.seal);
  let sizeMm: number = SEAL.defaultSizeMm;
  const rawSize = f.field('sealSize', NOTICE_SCHEMA.sealSize);
  if (rawSize !== undefined && rawSize !== null) {
    const n = typeof rawSize === 'number' ? rawSize : Number(String(rawSize).replace(/\s*mm$/i, ''));
    if (!Number.isFinite(n) || n < SEAL.minSizeMm || n > SEAL.maxSizeMm) {
      f.error(['sealSize'], `印章尺寸 \`sealSize\` 应为 ${SEAL.minSizeMm}–${SEAL.maxSizeMm} 之间的毫米数（如 42），不是 "${String(rawSize)}"`, 'seal');
    } else sizeMm = n;
  }
  if (raw === undefined || raw === null || raw === false) return undefined;
  const count = Math.max(1, offices);
  const items: unknown[] = Array.isArray(raw) ? raw : raw === true ? Array(count).fill(true) : [raw];
  if (Array.isArray(raw) && raw.length !== count) {
    f.error(['seal'], `联合行文每个发文机关一枚印章：\`signature\` 有 ${count} 个署名，\`seal\` 列了 ${raw.length} 项；按署名顺序每个写一项（图片路径或 true）`, 'seal');
    return undefined;
  }
  if (!Array.isArray(raw) && raw !== true && count > 1) {
    f.error(['seal'], `联合行文有 ${count} 个署名：\`seal\` 应为列表，按署名顺序每个发文机关一项（图片路径或 true）`, 'seal');
    return undefined;
  }
  const images: (SealImage | null)[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const path = Array.isArray(raw) ? ['seal', i] : ['seal'];
    if (item === true) return images.push(null);
    if (typeof item !== 'string' || !item.trim()) {
      f.error(path, '`seal` 的每一项应为项目文件夹内的印章图片路径（.png 或 .svg）或 true（留出手工盖章位置）', 'seal');
      ok = false;
      return;
    }
    const img = readSealImage(f, path, item.trim(), projectDir, sizeMm);
    if (!img) ok = false;
    images.push(img ?? null);
  });
  return ok ? { sizeMm, images } : undefined;
}

/** An SVG seal's PNG for the DOCX: 600 dpi at its printed size (a 42 mm seal is 992 px), as Chromium drew it. */
const SEAL_RASTER_DPI = 600;

function readSealImage(f: FieldReader, path: (string | number)[], file: string, projectDir: string, sizeMm: number): SealImage | undefined {
  const fail = (msg: string) => {
    f.error(path, msg, 'seal');
    return undefined;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return fail(`印章图片 "${file}" 是网址：印章只从项目文件夹读取，不会下载；请把图片放进项目文件夹并写相对路径`);
  const abs = resolveInside(projectDir, file, dirname(f.source.absPath));
  if (!abs) return fail(`印章图片 "${file}" 在项目文件夹之外：请把图片放进项目文件夹并写相对路径`);
  const ext = extname(abs).toLowerCase();
  if (ext !== '.png' && ext !== '.svg') return fail(`印章图片 "${file}" 应为 PNG（透明背景）或 SVG`);
  let img: CheckedImage;
  try {
    img = readImage(file, {
      projectDir,
      baseDir: dirname(f.source.absPath),
      maxBytes: SEAL_MAX_BYTES,
      expected: ext === '.png' ? 'png' : 'svg',
      what: '印章图片',
      rasterWidthPx: () => Math.round((sizeMm / 25.4) * SEAL_RASTER_DPI),
    });
  } catch (err) {
    if (err instanceof ImageError) return fail(err.message);
    throw err;
  }
  const rel = relative(projectDir, img.abs).split(sep).join('/');
  return {
    format: img.format === 'svg' ? 'svg' : 'png',
    bytes: img.bytes,
    path: rel,
    width: img.width,
    height: img.height,
    sha256: img.sha256,
    ...(img.raster ? { raster: img.raster } : {}),
    ...(img.vector ? { vector: img.vector } : {}),
  };
}

// Front matter `seal` and `sealSize`: the sealed form of the signature (§7.3.5.1) and the seal
// images. A seal image is the office's own: it is read only from the project folder (a path
// outside it, an absolute path or an address is an error at its line), never fetched, and goes
// nowhere but into this document's outputs (the model carries its bytes).
//
//   seal: true                 sealed form, space left for a hand stamp
//   seal: seals/office.png     sealed form with that image (PNG with transparency, or SVG)
//   seal: [a.svg, b.svg, true] joint issuance: one per office of `signature`, in order
//   sealSize: 42               seal width in mm (default 42)

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, sep } from 'node:path';
import { imageDimensions } from '../util/image-size.js';
import type { SealImage, SignatureSeal } from '../model/types.js';
import { SEAL } from '../profile/gbt9704.js';
import { resolveInside } from '../source/paths.js';
import type { FieldReader } from './fields.js';
import { NOTICE_SCHEMA } from './schema.js';

/** A seal image larger than this is refused (a seal scanned at 600 dpi is well under 2 MB). */
export const SEAL_MAX_BYTES = 5 * 1024 * 1024;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What an SVG seal may not contain: scripts, foreign HTML, event handlers, or references to
 * anything outside itself (a word processor might follow them, and the DOCX carries the file
 * as it is).
 */
const SVG_FORBIDDEN: [RegExp, string][] = [
  [/<script\b/i, '<script>'],
  [/<foreignObject\b/i, '<foreignObject>'],
  [/\son[a-z]+\s*=/i, 'an event handler (on…=)'],
  [/\b(?:xlink:)?href\s*=\s*["'](?!#|data:image\/)/i, 'a link to another file (href)'],
  [/url\(\s*["']?(?!#)/i, 'a url() to another file'],
  [/<!ENTITY/i, 'an entity declaration'],
];

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
    const img = readSealImage(f, path, item.trim(), projectDir);
    if (!img) ok = false;
    images.push(img ?? null);
  });
  return ok ? { sizeMm, images } : undefined;
}

function readSealImage(f: FieldReader, path: (string | number)[], file: string, projectDir: string): SealImage | undefined {
  const fail = (msg: string) => {
    f.error(path, msg, 'seal');
    return undefined;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) return fail(`印章图片 "${file}" 是网址：印章只从项目文件夹读取，不会下载；请把图片放进项目文件夹并写相对路径`);
  const abs = resolveInside(projectDir, file, dirname(f.source.absPath));
  if (!abs) return fail(`印章图片 "${file}" 在项目文件夹之外：请把图片放进项目文件夹并写相对路径`);
  const ext = extname(abs).toLowerCase();
  if (ext !== '.png' && ext !== '.svg') return fail(`印章图片 "${file}" 应为 PNG（透明背景）或 SVG`);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return fail(`印章图片 "${file}" 不存在`);
  }
  if (!st.isFile()) return fail(`印章图片 "${file}" 不是文件`);
  if (st.size > SEAL_MAX_BYTES) return fail(`印章图片 "${file}" 太大（${(st.size / 1048576).toFixed(1)} MB，上限 ${SEAL_MAX_BYTES / 1048576} MB）`);
  const bytes = new Uint8Array(readFileSync(abs));
  const format = ext === '.png' ? 'png' : 'svg';
  if (format === 'png' && !PNG_MAGIC.every((b, i) => bytes[i] === b)) return fail(`印章图片 "${file}" 不是 PNG 文件`);
  if (format === 'svg') {
    const text = Buffer.from(bytes).toString('utf8');
    if (!/<svg[\s>]/i.test(text)) return fail(`印章图片 "${file}" 不是 SVG 文件`);
    const bad = SVG_FORBIDDEN.find(([re]) => re.test(text));
    if (bad) return fail(`印章图片 "${file}" 含有 ${bad[1]}：印章 SVG 只能是图形本身`);
  }
  let dims: { width?: number; height?: number };
  try {
    dims = imageDimensions(bytes);
  } catch {
    return fail(`印章图片 "${file}" 读不出尺寸`);
  }
  if (!dims.width || !dims.height) return fail(`印章图片 "${file}" 读不出尺寸（SVG 需要 width/height 或 viewBox）`);
  const rel = relative(projectDir, abs).split(sep).join('/');
  return { format, bytes, path: rel, width: dims.width, height: dims.height, sha256: createHash('sha256').update(bytes).digest('hex') };
}

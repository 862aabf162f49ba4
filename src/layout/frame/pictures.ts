// Pictures on the page: a PNG or JPEG drawn as it is (its size read from its header), an SVG
// as the paths src/source/images reduced it to, fitted into its box as SVG's default
// preserveAspectRatio (xMidYMid meet) fits a viewBox.
import type { PathItem, PathOp, RasterImage } from './types.js';

/** PNG or JPEG size in pixels from the file's header (the image was checked before layout). */
function rasterSize(bytes: Uint8Array): { format: 'png' | 'jpeg'; w: number; h: number } | undefined {
  if (bytes.length > 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { format: 'png', w: dv.getUint32(16), h: dv.getUint32(20) };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1];
      const len = (bytes[i + 2] << 8) | bytes[i + 3];
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: 'jpeg', h: (bytes[i + 5] << 8) | bytes[i + 6], w: (bytes[i + 7] << 8) | bytes[i + 8] };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

export function raster(bytes: Uint8Array, sha256: string): RasterImage | undefined {
  const s = rasterSize(bytes);
  return s ? { format: s.format, bytes, widthPx: s.w, heightPx: s.h, sha256 } : undefined;
}

/**
 * An SVG picture as paths (src/source/images gives figures and seals a `vector` on the trust
 * branch: the model's VectorImage; read here by shape so that this stage does not wait for it).
 */
export interface VectorLike {
  viewBox: [number, number, number, number];
  paths: { ops: PathOp[]; transform: Matrix; fill?: string; fillOpacity?: number; fillRule?: 'nonzero' | 'evenodd'; stroke?: string; strokeOpacity?: number; strokeWidth?: number }[];
}
type Matrix = [number, number, number, number, number, number];

/** m ∘ t: t first, then m (both [a b c d e f], x' = a·x + c·y + e). */
function compose(m: Matrix, t: Matrix): Matrix {
  return [m[0] * t[0] + m[2] * t[1], m[1] * t[0] + m[3] * t[1], m[0] * t[2] + m[2] * t[3], m[1] * t[2] + m[3] * t[3], m[0] * t[4] + m[2] * t[5] + m[4], m[1] * t[4] + m[3] * t[5] + m[5]];
}

/** A picture's paths in the box x, y, w, h (the viewBox fitted whole and centred, as SVG's default xMidYMid meet). */
export function vectorItems(v: VectorLike, x: number, y: number, w: number, h: number, tag: number): PathItem[] {
  const [vx, vy, vw, vh] = v.viewBox;
  if (!(vw > 0 && vh > 0)) return [];
  const k = Math.min(w / vw, h / vh);
  const box: Matrix = [k, 0, 0, k, x + (w - vw * k) / 2 - vx * k, y + (h - vh * k) / 2 - vy * k];
  return v.paths.map((p) => {
    const item: PathItem = { kind: 'path', ops: p.ops, transform: compose(box, p.transform), tag };
    if (p.fill !== undefined) item.fill = p.fill;
    if (p.fillOpacity !== undefined) item.fillOpacity = p.fillOpacity;
    if (p.fillRule !== undefined) item.fillRule = p.fillRule;
    if (p.stroke !== undefined) item.stroke = p.stroke;
    if (p.strokeOpacity !== undefined) item.strokeOpacity = p.strokeOpacity;
    if (p.strokeWidth !== undefined) item.strokeWidth = p.strokeWidth;
    return item;
  });
}

// A safe SVG normalised by resvg: its simplified SVG (shapes and text as absolute paths, styles
// resolved, <use> drawn out) is what the DOCX carries, and its paths become PathOp lists the
// layout stage draws without a browser; its PNG (at a fixed DPI, no system fonts: the same bytes
// on every run) is the raster the DOCX shows where SVG is not read.
//
// resvg's simplified SVG holds <g> (transform, opacity, clip-path, mask, filter), <path> (d with
// M L Q C Z, absolute), gradients and <image>. Gradients are drawn with their first stop's
// colour; a clip, mask, filter or image leaves `vector` undefined (the picture is drawn from the
// raster then), since a path list cannot say them.

import { createRequire } from 'node:module';
import type { PathOp } from './vector.js';
import type { VectorImage, VectorPath } from './vector.js';
import { SVG_FONT_FAMILY, svgFontFiles } from './svg-fonts.js';
import { parseXml, type XmlElement } from './xml.js';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;

/** Paths in a picture (after text became paths). */
export const MAX_VECTOR_PATHS = 20_000;
/** Largest raster drawn of an SVG, in pixels. */
export const MAX_RASTER_PIXELS = 16_000_000;

export interface NormalisedSvg {
  /** resvg's simplified SVG: no text, no <use>, no styles. */
  svg: string;
  width: number;
  height: number;
  vector?: VectorImage;
}

function options(hasText: boolean, widthPx?: number) {
  return {
    font: hasText
      ? { loadSystemFonts: false, fontFiles: svgFontFiles(), defaultFontFamily: SVG_FONT_FAMILY, sansSerifFamily: SVG_FONT_FAMILY, serifFamily: SVG_FONT_FAMILY, monospaceFamily: SVG_FONT_FAMILY, cursiveFamily: SVG_FONT_FAMILY, fantasyFamily: SVG_FONT_FAMILY }
      : { loadSystemFonts: false },
    fitTo: widthPx ? ({ mode: 'width', value: widthPx } as const) : ({ mode: 'original' } as const),
    logLevel: 'off' as const,
    shapeRendering: 2 as const,
    textRendering: 2 as const,
  };
}

/** Simplifies a safe SVG (svg-safe.ts) with resvg and reads its paths. */
export function normaliseSvg(safeText: string, hasText: boolean): NormalisedSvg {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  const r = new resvg.Resvg(safeText, options(hasText));
  const svg = r.toString();
  const width = r.width;
  const height = r.height;
  return { svg, width, height, vector: vectorOf(svg) };
}

/** A PNG of the simplified SVG, `widthPx` wide. */
export function rasteriseSvg(simplified: string, widthPx: number, aspect: number): Uint8Array {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  const w = Math.max(1, Math.round(Math.min(widthPx, Math.sqrt(MAX_RASTER_PIXELS / Math.max(aspect, 1e-6)))));
  return new Uint8Array(new resvg.Resvg(simplified, options(false, w)).render().asPng());
}

type M6 = [number, number, number, number, number, number];
const IDENTITY: M6 = [1, 0, 0, 1, 0, 0];
const mul = (p: M6, q: M6): M6 => [p[0] * q[0] + p[2] * q[1], p[1] * q[0] + p[3] * q[1], p[0] * q[2] + p[2] * q[3], p[1] * q[2] + p[3] * q[3], p[0] * q[4] + p[2] * q[5] + p[4], p[1] * q[4] + p[3] * q[5] + p[5]];

function matrixOf(t: string | undefined): M6 {
  if (!t) return IDENTITY;
  const m = /^\s*matrix\(([^)]*)\)\s*$/.exec(t);
  if (!m) throw new Unsupported();
  const v = m[1].trim().split(/[\s,]+/).map(Number);
  if (v.length !== 6 || v.some((x) => !Number.isFinite(x))) throw new Unsupported();
  return v as M6;
}

class Unsupported extends Error {}

/** A picture of more paths than MAX_VECTOR_PATHS. */
export class VectorLimitError extends Error {}

function pathOps(d: string): PathOp[] {
  const tokens = d.match(/[MLQCZmlqcz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const ops: PathOp[] = [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const num = () => {
    const v = Number(tokens[i++]);
    if (!Number.isFinite(v)) throw new Unsupported();
    return v;
  };
  let cmd = '';
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) cmd = tokens[i++];
    switch (cmd) {
      case 'M':
        cx = sx = num();
        cy = sy = num();
        ops.push({ op: 'M', x: cx, y: cy });
        cmd = 'L';
        break;
      case 'L':
        cx = num();
        cy = num();
        ops.push({ op: 'L', x: cx, y: cy });
        break;
      case 'C': {
        const [x1, y1, x2, y2, x, y] = [num(), num(), num(), num(), num(), num()];
        ops.push({ op: 'C', x1, y1, x2, y2, x, y });
        cx = x;
        cy = y;
        break;
      }
      case 'Q': {
        const [qx, qy, x, y] = [num(), num(), num(), num()];
        ops.push({ op: 'C', x1: cx + (2 / 3) * (qx - cx), y1: cy + (2 / 3) * (qy - cy), x2: x + (2 / 3) * (qx - x), y2: y + (2 / 3) * (qy - y), x, y });
        cx = x;
        cy = y;
        break;
      }
      case 'Z':
      case 'z':
        ops.push({ op: 'Z' });
        cx = sx;
        cy = sy;
        break;
      default:
        throw new Unsupported(); // resvg writes absolute commands only
    }
  }
  return ops;
}

/** Points of a path's commands (control points too: a bound of its shape). */
function pointsOf(ops: PathOp[], m: M6): [number, number][] {
  const at = (x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  return ops.flatMap((o) => (o.op === 'Z' ? [] : o.op === 'C' ? [at(o.x1, o.y1), at(o.x2, o.y2), at(o.x, o.y)] : [at(o.x, o.y)]));
}

/**
 * A clip that cuts nothing can be left out: resvg clips every marker to its viewport (an arrow
 * head on a diagram's line), and the arrow lies inside it. True when the clip is one path with
 * no transform and every point of the element's filled paths lies within the clip path's box.
 */
function clipCutsNothing(el: XmlElement, clips: Map<string, XmlElement>): boolean {
  const id = /^url\(#([^)]+)\)$/.exec(el.attrs.get('clip-path') ?? '')?.[1];
  const clip = id ? clips.get(id) : undefined;
  const shapes = clip?.children.filter((c): c is XmlElement => typeof c !== 'string') ?? [];
  if (!clip || clip.attrs.has('transform') || clip.attrs.has('clip-path') || shapes.length !== 1 || shapes[0].name !== 'path' || shapes[0].attrs.has('transform')) return false;
  const box = pointsOf(pathOps(shapes[0].attrs.get('d') ?? ''), IDENTITY);
  const [x0, x1] = [Math.min(...box.map((p) => p[0])), Math.max(...box.map((p) => p[0]))];
  const [y0, y1] = [Math.min(...box.map((p) => p[1])), Math.max(...box.map((p) => p[1]))];
  if (box.length !== 4) return false; // a rectangle: resvg writes M L L L Z
  const inside = (node: XmlElement, m: M6): boolean =>
    node.children.every((c) => {
      if (typeof c === 'string') return true;
      const cm = mul(m, matrixOf(c.attrs.get('transform')));
      if (c.name === 'g') return !c.attrs.has('clip-path') && inside(c, cm);
      if (c.name !== 'path' || (c.attrs.get('stroke') ?? 'none') !== 'none') return false;
      return pointsOf(pathOps(c.attrs.get('d') ?? ''), cm).every(([x, y]) => x >= x0 - 1e-6 && x <= x1 + 1e-6 && y >= y0 - 1e-6 && y <= y1 + 1e-6);
    });
  return inside(el, IDENTITY); // the clip is in the element's own user space (its transform applied)
}

/** resvg's simplified SVG as path lists; undefined when it uses what a path list cannot say. */
export function vectorOf(svg: string): VectorImage | undefined {
  const root = parseXml(svg, { maxNodes: MAX_VECTOR_PATHS * 4, maxDepth: 1000 });
  const vb = (root.attrs.get('viewBox') ?? `0 0 ${root.attrs.get('width')} ${root.attrs.get('height')}`).split(/[\s,]+/).map(Number);
  if (vb.length !== 4 || vb.some((x) => !Number.isFinite(x))) return undefined;
  const firstStop = new Map<string, { color: string; opacity: number }>();
  const paths: VectorPath[] = [];
  try {
    const clips = new Map<string, XmlElement>();
    const defs = (el: XmlElement) => {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'clipPath' && c.attrs.get('id')) clips.set(c.attrs.get('id')!, c);
        if (/Gradient$/.test(c.name)) {
          const stop = c.children.find((s): s is XmlElement => typeof s !== 'string' && s.name === 'stop');
          const id = c.attrs.get('id');
          if (id && stop) firstStop.set(id, { color: stop.attrs.get('stop-color') ?? '#000000', opacity: Number(stop.attrs.get('stop-opacity') ?? 1) });
        } else defs(c);
      }
    };
    const paint = (v: string | undefined): { color?: string; opacity: number } => {
      if (!v || v === 'none') return { opacity: 1 };
      const ref = /^url\(#([^)]+)\)$/.exec(v);
      if (ref) {
        const s = firstStop.get(ref[1]);
        if (!s) throw new Unsupported(); // a pattern
        return { color: s.color, opacity: s.opacity };
      }
      return { color: v, opacity: 1 };
    };
    const walk = (el: XmlElement, m: M6, opacity: number) => {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'defs') {
          defs(c);
          continue;
        }
        if (['clipPath', 'mask', 'filter', 'pattern', 'image'].includes(c.name)) throw new Unsupported();
        if (c.attrs.has('mask') || c.attrs.has('filter')) throw new Unsupported();
        if (c.attrs.has('clip-path') && !clipCutsNothing(c, clips)) throw new Unsupported();
        const cm = mul(m, matrixOf(c.attrs.get('transform')));
        const op = opacity * Number(c.attrs.get('opacity') ?? 1);
        if (c.name === 'g') walk(c, cm, op);
        else if (c.name === 'path') {
          const fill = paint(c.attrs.get('fill') ?? '#000000');
          const stroke = paint(c.attrs.get('stroke'));
          const p: VectorPath = { ops: pathOps(c.attrs.get('d') ?? ''), transform: cm };
          if (fill.color) {
            p.fill = fill.color;
            const fo = op * fill.opacity * Number(c.attrs.get('fill-opacity') ?? 1);
            if (fo !== 1) p.fillOpacity = fo;
            if (c.attrs.get('fill-rule') === 'evenodd') p.fillRule = 'evenodd';
          }
          if (stroke.color) {
            p.stroke = stroke.color;
            const so = op * stroke.opacity * Number(c.attrs.get('stroke-opacity') ?? 1);
            if (so !== 1) p.strokeOpacity = so;
            p.strokeWidth = Number(c.attrs.get('stroke-width') ?? 1);
          }
          if (p.ops.length && (p.fill || p.stroke)) paths.push(p);
          if (paths.length > MAX_VECTOR_PATHS) throw new VectorLimitError(`超过 ${MAX_VECTOR_PATHS.toLocaleString('en')} 条路径：请简化图形`);
        } else throw new Unsupported();
      }
    };
    walk(root, IDENTITY, 1);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  const w = Number(root.attrs.get('width'));
  return { ...(Number.isFinite(w) ? { widthPt: w * 0.75 } : {}), viewBox: vb as [number, number, number, number], paths };
}

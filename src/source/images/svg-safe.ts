// An SVG (figure or seal) reduced to what draws a picture, before it goes into either output.
//
// Refused, with the line: a DTD or entity (an external DTD bypassed the old seal filter), a
// <script>, a <foreignObject>, a <style> element (CSS @import bypassed it too), any reference
// that is not to an element of the same file (file://, http(s)://, a data: URI holding another
// SVG, which bypassed it a third way), and more expansion than a picture needs: a 2.4 KB SVG of
// nested <use> took 9 GB and 122 s in the renderer. The expansion is counted on the tree, as
// numbers, before any renderer sees it.
// Dropped without a word: editor metadata (<metadata>, <title>, <desc>, sodipodi:/inkscape:
// elements and attributes), animations (they can rewrite an href after this check) and event
// handlers that no output runs.

import { lineOf, parseXml, serializeXml, XmlError, type XmlElement } from './xml.js';

export const SVG_LIMITS = {
  /** Elements in the file itself. */
  maxElements: 20_000,
  /** Nesting of elements. */
  maxDepth: 100,
  /** Elements the picture expands to, each <use>, pattern and marker drawn out. */
  maxExpanded: 50_000,
  /** <image> elements (embedded PNG/JPEG only). */
  maxImages: 16,
};

/** What a filter, mask or clip layer is charged in the expansion count: 200 such layers reach the bound. */
const LAYER_COST = 250;

/** What is wrong with an SVG, at a 1-based line of its text. */
export class SvgError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const REFUSED: Record<string, string> = {
  script: '<script>',
  foreignObject: '<foreignObject>',
  style: '<style>（CSS 样式表；请改用属性，如 fill="#e60012"）',
  iframe: '<iframe>',
  object: '<object>',
  embed: '<embed>',
  handler: '<handler>',
  listener: '<listener>',
};

const DROPPED = new Set(['metadata', 'title', 'desc', 'animate', 'set', 'animateMotion', 'animateTransform', 'animateColor', 'discard', 'cursor']);

/** An embedded raster: checked by the caller (PNG/JPEG checks) before the SVG is accepted. */
export interface EmbeddedImage {
  format: 'png' | 'jpeg';
  bytes: Buffer;
  line: number;
}

export interface SafeSvg {
  /** The SVG text reduced as above (what a renderer may read). */
  text: string;
  root: XmlElement;
  /** Whether it has text (drawn with the fonts gongwen loads). */
  hasText: boolean;
  embedded: EmbeddedImage[];
}

const localRef = (v: string) => /^#[^\s#]+$/.test(v.trim());

/** Parses and reduces `source`; throws SvgError. */
export function safeSvg(source: string): SafeSvg {
  let root: XmlElement;
  try {
    root = parseXml(source, { maxNodes: SVG_LIMITS.maxElements, maxDepth: SVG_LIMITS.maxDepth });
  } catch (err) {
    if (err instanceof XmlError) {
      const what = /DOCTYPE|declaration|entity/.test(err.message) ? `含有 ${err.message}：SVG 不能带 DTD 或实体声明` : `不是完好的 SVG（XML）：${err.message}`;
      throw new SvgError(what, lineOf(source, err.offset));
    }
    throw err;
  }
  if (root.name !== 'svg') throw new SvgError(`根元素是 <${root.name}>，不是 <svg>`, 1);
  const ids = new Map<string, XmlElement>();
  const embedded: EmbeddedImage[] = [];
  let hasText = false;
  const line = (el: XmlElement) => lineOf(source, el.at);

  const clean = (el: XmlElement): boolean => {
    const local = el.name;
    if (REFUSED[local] || REFUSED[local.replace(/^svg:/, '')]) throw new SvgError(`含有 ${REFUSED[local] ?? REFUSED[local.replace(/^svg:/, '')]}：SVG 只能是图形本身`, line(el));
    if (DROPPED.has(local) || local.includes(':')) return false;
    if (local === 'text') hasText = true;
    for (const [k, v] of [...el.attrs]) {
      const lower = k.toLowerCase();
      if (lower.startsWith('on') || (k.includes(':') && !k.startsWith('xmlns') && k !== 'xlink:href' && k !== 'xml:space')) {
        el.attrs.delete(k);
        continue;
      }
      if (lower === 'xml:base') {
        el.attrs.delete(k);
        continue;
      }
      if (lower === 'href' || lower === 'xlink:href') {
        if (localRef(v)) continue;
        const data = /^\s*data:image\/(png|jpeg|jpg)\s*;\s*base64\s*,([A-Za-z0-9+/=\s]*)$/i.exec(v);
        if (local === 'image' && data) {
          embedded.push({ format: data[1].toLowerCase() === 'png' ? 'png' : 'jpeg', bytes: Buffer.from(data[2].replace(/\s+/g, ''), 'base64'), line: line(el) });
          if (embedded.length > SVG_LIMITS.maxImages) throw new SvgError(`嵌入的图片超过 ${SVG_LIMITS.maxImages} 张`, line(el));
          continue;
        }
        const shown = v.length > 60 ? `${v.slice(0, 60)}…` : v;
        throw new SvgError(`<${local}> 引用了外部内容（${k}="${shown}"）：SVG 只能引用本文件内的元素（#id）或内嵌的 PNG/JPEG；请把图形画进文件`, line(el));
      }
      if (/url\s*\(/i.test(v)) {
        for (const m of v.matchAll(/url\s*\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
          if (!localRef(m[2])) throw new SvgError(`<${local}> 的 ${k} 引用了外部内容（url(${m[2].slice(0, 60)})）：只能引用本文件内的元素（url(#id)）`, line(el));
        }
      }
      if (/@import|expression\s*\(/i.test(v)) throw new SvgError(`<${local}> 的 ${k} 含有 CSS @import：不能引用外部样式`, line(el));
    }
    const id = el.attrs.get('id');
    if (id) ids.set(id, el);
    el.children = el.children.filter((c) => typeof c === 'string' || clean(c));
    return true;
  };
  clean(root);

  // Expansion: every element once, plus what each reference draws again (a <use> its target, a
  // pattern or marker fill its content; a marker on every vertex of its path).
  const cost = new Map<XmlElement, number>();
  const visiting = new Set<XmlElement>();
  const cap = SVG_LIMITS.maxExpanded + 1;
  const expanded = (el: XmlElement): number => {
    const known = cost.get(el);
    if (known !== undefined) return known;
    if (visiting.has(el)) throw new SvgError(`<${el.name}> 经 <use> 或 url(#…) 引用了自己（循环引用）`, line(el));
    visiting.add(el);
    // A filter, mask or clip is drawn as a layer of its own over the whole picture; a character of
    // text is a glyph path: each is charged as what it costs the renderer, not as one element.
    let n = el.attrs.has('filter') || el.attrs.has('mask') || el.attrs.has('clip-path') || /filter|mask|clip-path/.test(el.attrs.get('style') ?? '') ? LAYER_COST : 1;
    const glyphs = el.name === 'text' || el.name === 'tspan' || el.name === 'textPath';
    for (const c of el.children) n = Math.min(cap, n + (typeof c !== 'string' ? expanded(c) : glyphs ? c.length : 0));
    for (const [k, v] of el.attrs) {
      const refs = (k === 'href' || k === 'xlink:href') && localRef(v) ? [v.trim().slice(1)] : [...v.matchAll(/url\s*\(\s*['"]?#([^)'"]+)['"]?\s*\)/gi)].map((m) => m[1]);
      for (const r of refs) {
        const target = ids.get(r);
        if (!target) continue;
        const times = k === 'marker-mid' || k === 'marker' ? Math.max(1, vertices(el)) : 1;
        n = Math.min(cap, n + times * expanded(target));
      }
    }
    visiting.delete(el);
    cost.set(el, n);
    return n;
  };
  let total: number;
  try {
    total = expanded(root);
  } catch (err) {
    if (err instanceof RangeError) throw new SvgError('<use> 引用链太深：请简化图形', 1);
    throw err;
  }
  if (total > SVG_LIMITS.maxExpanded) {
    const worst = [...cost].filter(([e]) => e.name === 'use' || e.attrs.has('marker-mid')).sort((a, b) => b[1] - a[1])[0]?.[0];
    throw new SvgError(`展开后超过 ${SVG_LIMITS.maxExpanded.toLocaleString('en')} 个图形元素（<use> 层层引用、滤镜或文字太多）：请简化图形`, worst ? line(worst) : 1);
  }
  return { text: serializeXml(root), root, hasText, embedded };
}

/** Vertices of a shape, for marker-mid: numbers in its d/points, halved. */
function vertices(el: XmlElement): number {
  const d = el.attrs.get('d') ?? el.attrs.get('points') ?? '';
  return Math.ceil((d.match(/-?[\d.]+(?:e-?\d+)?/gi)?.length ?? 0) / 2);
}

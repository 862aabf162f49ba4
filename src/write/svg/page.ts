// One positioned page as SVG, for the preview: the same items the PDF and OFD writers draw,
// drawn by the browser. Text is drawn with the faces' own files (served by the preview as
// @font-face `f-<key>`), each glyph at its x: the browser maps the glyph's text through the
// face's cmap to the glyph the layout chose, so the page shows the PDF's lines, not lines the
// browser breaks. No browser decides anything: every position is given.
//
// The model's text is untrusted: everything reaching the SVG goes through `esc`, and images are
// referenced by their digest, never by a path.

import type { PageItem, PathOp, PositionedPage, TextItem } from '../../layout/frame/types.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Numbers with at most three decimals: positions to a thousandth of a point. */
const n = (v: number): string => String(Math.round(v * 1000) / 1000);

/** The CSS family of a face in the preview page (fonts served at /fonts/KEY). */
export const faceFamily = (key: string): string => `f-${key}`;

function text(t: TextItem): string {
  // Glyphs that stand for no text (or only spaces) are not drawn as text: nothing to map.
  const xs: string[] = [];
  let chars = '';
  for (let i = 0; i < t.glyphs.length; i++) {
    const cps = [...t.glyphs.text(i)];
    if (cps.length === 0) continue;
    // A glyph for several characters (rare in CJK): its first character at its place, the
    // others on top of it, so the text stays whole.
    for (const c of cps) {
      xs.push(n(t.x + t.glyphs.x(i)));
      chars += c;
    }
  }
  if (!chars.trim()) return '';
  const turn = t.rotation ? ` transform="rotate(${n(t.rotation)} ${n(t.x)} ${n(t.y)})"` : '';
  return `<text x="${xs.join(' ')}" y="${n(t.y)}" font-family="${faceFamily(t.face)}" font-size="${n(t.sizePt)}" fill="#${t.color}"${turn}>${esc(chars)}</text>`;
}

function pathData(ops: PathOp[]): string {
  return ops
    .map((o) => {
      switch (o.op) {
        case 'M':
        case 'L':
          return `${o.op}${n(o.x)} ${n(o.y)}`;
        case 'C':
          return `C${n(o.x1)} ${n(o.y1)} ${n(o.x2)} ${n(o.y2)} ${n(o.x)} ${n(o.y)}`;
        case 'Z':
          return 'Z';
      }
    })
    .join('');
}

function item(it: PageItem): string {
  switch (it.kind) {
    case 'text':
      return text(it);
    case 'line': {
      const dash = it.dash?.length ? ` stroke-dasharray="${it.dash.map(n).join(' ')}"` : '';
      return `<line x1="${n(it.x1)}" y1="${n(it.y1)}" x2="${n(it.x2)}" y2="${n(it.y2)}" stroke="#${it.color}" stroke-width="${n(it.widthPt)}"${dash}/>`;
    }
    case 'rect':
      return `<rect x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}" fill="#${it.fill}"/>`;
    case 'image':
      return `<image x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}" preserveAspectRatio="none" href="/images/${it.image.sha256}.${it.image.format === 'png' ? 'png' : 'jpg'}"/>`;
    case 'path': {
      const fill = it.fill ? `#${it.fill}` : 'none';
      const fo = it.fillOpacity !== undefined && it.fillOpacity < 1 ? ` fill-opacity="${n(it.fillOpacity)}"` : '';
      const rule = it.fillRule === 'evenodd' ? ' fill-rule="evenodd"' : '';
      const stroke = it.stroke ? ` stroke="#${it.stroke}" stroke-width="${n(it.strokeWidth ?? 1)}"` : '';
      const so = it.strokeOpacity !== undefined && it.strokeOpacity < 1 ? ` stroke-opacity="${n(it.strokeOpacity)}"` : '';
      return `<path d="${pathData(it.ops)}" transform="matrix(${it.transform.map(n).join(' ')})" fill="${fill}"${fo}${rule}${stroke}${so}/>`;
    }
    case 'link':
      return '';
  }
}

/** The page as a standalone SVG document in points (its viewBox is the page's size). */
export function pageSvg(page: PositionedPage): string {
  const body = page.items.map(item).filter(Boolean).join('\n');
  const attached = page.attached ? `\n<text x="${n(page.widthPt / 2)}" y="${n(page.heightPt / 2)}" text-anchor="middle" font-size="14" fill="#888">${esc(`（附件 PDF 第 ${page.attached.page + 1} 页）`)}</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(page.widthPt)} ${n(page.heightPt)}" width="${n(page.widthPt)}pt" height="${n(page.heightPt)}pt" xml:space="preserve">
<rect width="100%" height="100%" fill="#fff"/>
${body}${attached}
</svg>
`;
}

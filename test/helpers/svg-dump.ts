// A throwaway look at positioned pages before a writer exists: one SVG per page, one <text>
// per glyph at its x and baseline (in a system CJK font, not the page's faces), rules, images as
// boxes, link areas outlined. For people, not for asserting.
import type { PagedDocument, PositionedPage } from '../../src/layout/frame/types.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function pageSvg(p: PositionedPage): string {
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${p.widthPt}" height="${p.heightPt}" viewBox="0 0 ${p.widthPt} ${p.heightPt}"><rect width="100%" height="100%" fill="#fff"/>`];
  for (const it of p.items) {
    if (it.kind === 'text') {
      const rot = it.rotation ? ` transform="rotate(${it.rotation} ${it.x} ${it.y})"` : '';
      out.push(`<g${rot} fill="#${it.color}" font-size="${it.sizePt}" font-family="WenQuanYi Zen Hei">`);
      for (const g of it.glyphs) if (g.text.trim()) out.push(`<text x="${(it.x + g.x).toFixed(2)}" y="${it.y.toFixed(2)}">${esc(g.text)}</text>`);
      out.push('</g>');
    } else if (it.kind === 'line') {
      out.push(`<line x1="${it.x1}" y1="${it.y1}" x2="${it.x2}" y2="${it.y2}" stroke="#${it.color}" stroke-width="${it.widthPt}"${it.dash ? ` stroke-dasharray="${it.dash.join(' ')}"` : ''}/>`);
    } else if (it.kind === 'image' || it.kind === 'rect') {
      out.push(`<rect x="${it.x}" y="${it.y}" width="${it.w}" height="${it.h}" fill="${it.kind === 'rect' ? '#' + it.fill : 'none'}" stroke="#c00" stroke-width="0.5"/>`);
    } else if (it.kind === 'link') {
      out.push(`<rect x="${it.x}" y="${it.y}" width="${it.w}" height="${it.h}" fill="none" stroke="#00f" stroke-width="0.3"/>`);
    }
  }
  if (p.attached) out.push(`<text x="100" y="200" font-size="20" fill="#888">attached ${esc(p.attached.path)} p${p.attached.page}</text>`);
  out.push('</svg>');
  return out.join('\n');
}

export async function dumpPng(doc: PagedDocument, prefix: string, pages: number[] = doc.pages.map((_, i) => i)): Promise<void> {
  const { Resvg } = await import('@resvg/resvg-js');
  const { writeFileSync } = await import('node:fs');
  for (const i of pages) {
    const r = new Resvg(pageSvg(doc.pages[i]), { fitTo: { mode: 'zoom', value: 1 }, font: { loadSystemFonts: true } });
    writeFileSync(`${prefix}-${i + 1}.png`, r.render().asPng());
  }
}

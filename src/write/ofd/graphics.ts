// Rules, filled boxes, vector shapes and pictures as OFD PathObject and ImageObject. Every
// object's Boundary is its box on the page (mm, y down) and its drawing is given relative to the
// Boundary's corner, as GB/T 33190 §9 places objects; a stroke's Boundary is widened by half the
// line width so no reader clips the rule it draws.
import type { LineItem, RectItem, PathItem, ImageItem } from '../../layout/frame/types.js';
import { mm, um, num, color, box } from './xml.js';

export function lineObject(item: LineItem, id: number): string {
  const half = Math.ceil(um(item.widthPt) / 2);
  const x1 = um(item.x1);
  const y1 = um(item.y1);
  const x2 = um(item.x2);
  const y2 = um(item.y2);
  const bx = Math.min(x1, x2) - half;
  const by = Math.min(y1, y2) - half;
  const w = Math.abs(x2 - x1) + 2 * half;
  const h = Math.abs(y2 - y1) + 2 * half;
  const dash = item.dash?.length ? ` DashPattern="${item.dash.map((d) => mm(um(d))).join(' ')}"` : '';
  return (
    `<ofd:PathObject ID="${id}" Boundary="${box(bx, by, w, h)}" LineWidth="${mm(um(item.widthPt))}"${dash}>` +
    color('StrokeColor', item.color) +
    `<ofd:AbbreviatedData>M ${mm(x1 - bx)} ${mm(y1 - by)} L ${mm(x2 - bx)} ${mm(y2 - by)}</ofd:AbbreviatedData></ofd:PathObject>`
  );
}

export function rectObject(item: RectItem, id: number): string {
  const x = um(item.x);
  const y = um(item.y);
  const w = um(item.x + item.w) - x;
  const h = um(item.y + item.h) - y;
  return (
    `<ofd:PathObject ID="${id}" Boundary="${box(x, y, w, h)}" Stroke="false" Fill="true">` +
    color('FillColor', item.fill) +
    `<ofd:AbbreviatedData>M 0 0 L ${mm(w)} 0 L ${mm(w)} ${mm(h)} L 0 ${mm(h)} C</ofd:AbbreviatedData></ofd:PathObject>`
  );
}

/**
 * A vector shape: its points are taken through the item's transform to the page, so the path
 * data is plain millimetres (no CTM for a reader to get wrong); the Boundary holds every point,
 * control points included, and half the stroke.
 */
export function pathObject(item: PathItem, id: number): string {
  const [a, b, c, d, e, f] = item.transform;
  const pt = (x: number, y: number): [number, number] => [um(a * x + c * y + e), um(b * x + d * y + f)];
  const segs: { op: string; pts: [number, number][] }[] = [];
  for (const o of item.ops) {
    if (o.op === 'M' || o.op === 'L') segs.push({ op: o.op, pts: [pt(o.x, o.y)] });
    else if (o.op === 'C') segs.push({ op: 'B', pts: [pt(o.x1, o.y1), pt(o.x2, o.y2), pt(o.x, o.y)] });
    else segs.push({ op: 'C', pts: [] });
  }
  const all = segs.flatMap((s) => s.pts);
  if (all.length === 0) return '';
  const scale = Math.sqrt(Math.abs(a * d - b * c));
  const stroke = item.stroke !== undefined && (item.strokeWidth ?? 1) > 0;
  const lw = stroke ? um((item.strokeWidth ?? 1) * scale) : 0;
  const half = Math.ceil(lw / 2);
  const bx = Math.min(...all.map((p) => p[0])) - half;
  const by = Math.min(...all.map((p) => p[1])) - half;
  const w = Math.max(...all.map((p) => p[0])) + half - bx;
  const h = Math.max(...all.map((p) => p[1])) + half - by;
  const data = segs.map((s) => [s.op, ...s.pts.map(([x, y]) => `${mm(x - bx)} ${mm(y - by)}`)].join(' ')).join(' ');
  const attrs =
    (stroke ? ` LineWidth="${mm(lw)}"` : ' Stroke="false"') +
    (item.fill !== undefined ? ' Fill="true"' : '') +
    (item.fill !== undefined && item.fillRule === 'evenodd' ? ' Rule="Even-Odd"' : '');
  return (
    `<ofd:PathObject ID="${id}" Boundary="${box(bx, by, w, h)}"${attrs}>` +
    (stroke ? color('StrokeColor', item.stroke!, item.strokeOpacity) : '') +
    (item.fill !== undefined ? color('FillColor', item.fill, item.fillOpacity) : '') +
    `<ofd:AbbreviatedData>${data}</ofd:AbbreviatedData></ofd:PathObject>`
  );
}

/** A picture: drawn in the unit square, which the CTM stretches over the Boundary (§10.2). */
export function imageObject(item: ImageItem, id: number, resourceId: number): string {
  const x = um(item.x);
  const y = um(item.y);
  const w = um(item.x + item.w) - x;
  const h = um(item.y + item.h) - y;
  return `<ofd:ImageObject ID="${id}" Boundary="${box(x, y, w, h)}" CTM="${num(w / 1000)} 0 0 ${num(h / 1000)} 0 0" ResourceID="${resourceId}"/>`;
}

// The 发文机关署名 and 成文日期 (§7.3.5). Unsealed: the names right-aligned 4 characters from the
// right edge (SIGNATURE.nameRightChars), the date SIGNATURE.dateOffsetChars further in under
// them. Sealed: names and date centred where measure/signature.ts sealedSignatureLayout put
// them, each seal over its name at the size the layout gave it, drawn as paths when its SVG
// reduced to paths and from its PNG otherwise.
import type { SealImage, SignatureBlock } from '../../model/types.js';
import { BODY, COLOR, SIGNATURE } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { LINE_PT, type PageBox } from '../measure/metrics.js';
import { sealedSignatureLayout } from '../measure/signature.js';
import { BODY_STYLE, PITCH, W_CHARS } from './body-text.js';
import { raster, vectorItems, type VectorLike } from './pictures.js';
import type { Surface } from './surface.js';
import type { Seg } from './text.js';
import type { GongwenElement, RasterImage, StructureNode } from './types.js';

export function drawSignature(s: Surface, b: SignatureBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
  if (!piece || piece.kind !== 'box') return;
  const n = piece.page;
  const text = (t: string, element: GongwenElement): Seg[] => [{ text: t, role: BODY.role, color: COLOR.black, tag: s.structure.add(sect, 'P', element).id }];
  if (!b.seal) {
    const nameW = Math.max(0, ...b.names.map(s.body));
    const blockW = Math.max(nameW, SIGNATURE.dateOffsetChars + s.body(b.date));
    const left = W_CHARS - SIGNATURE.nameRightChars - blockW;
    b.names.forEach((name, i) => s.line(n, piece.y + i * LINE_PT, { segs: text(name, '发文机关署名'), indentPt: left * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left'));
    s.line(n, piece.y + b.names.length * LINE_PT, { segs: text(b.date, '成文日期'), indentPt: (left + SIGNATURE.dateOffsetChars) * PITCH, justify: false }, BODY_STYLE, box.widthPt, 'left');
    return;
  }
  const lay = sealedSignatureLayout({ ...b, seal: b.seal });
  const centred = (t: string, centre: number, line: number, element: GongwenElement) => {
    const segs = text(t, element);
    const w = s.glyphs.width(segs, BODY_STYLE);
    s.line(n, piece.y + line * LINE_PT, { segs, indentPt: Math.max(0, centre * PITCH - w / 2), justify: false }, BODY_STYLE, box.widthPt, 'left');
  };
  for (const r of lay.rows) for (const nm of r.names) centred(nm.text, nm.centre, r.line, '发文机关署名');
  centred(b.date, (lay.date.left + lay.date.right) / 2, lay.date.line, '成文日期');
  const o = s.origin(n);
  lay.seals.forEach((seal, i) => {
    const img = b.seal!.images[i];
    if (!img) return; // space for a hand stamp
    const node = s.structure.add(sect, 'Figure', '印章', img.path);
    const x = o.x + seal.left * PITCH;
    const y = o.y + piece.y + seal.top * LINE_PT;
    const vector = (img as { vector?: VectorLike }).vector;
    if (img.format === 'svg' && vector) {
      s.items(n).push(...vectorItems(vector, x, y, seal.width * PITCH, seal.height * LINE_PT, node.id));
      return;
    }
    // An SVG seal without paths (clips, masks, filters) is drawn from its PNG raster.
    const pic = sealRaster(img);
    if (pic) s.items(n).push({ kind: 'image', x, y, w: seal.width * PITCH, h: seal.height * LINE_PT, image: pic, tag: node.id });
  });
}

function sealRaster(img: SealImage): RasterImage | undefined {
  if (img.format === 'png') return raster(img.bytes, img.sha256);
  return img.raster ? raster(img.raster, `${img.sha256}-raster`) : undefined;
}

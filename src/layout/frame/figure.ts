// A figure: the picture centred at the foot of its box of whole lines, as the renderers drew
// it, then its label and caption centred on the grid below. The picture is the one checked when
// the model was made (src/source/images): an SVG as paths where it reduced to them, else its
// PNG raster; a PNG or JPEG as its bytes. Every figure the pipeline makes carries them
// (model/figures.ts), so this stage reads no file.
import type { FigureBlock } from '../../model/types.js';
import { COLOR, FIGURE, LINE_PITCH_MM, mmToPt } from '../../profile/gbt9704.js';
import type { Piece } from '../flow/distribute.js';
import { breakGridLines } from '../lines/grid-lines.js';
import { LINE_PT, type PageBox } from '../measure/metrics.js';
import { BODY_STYLE, W_CHARS, boxLines } from './body-text.js';
import { raster, vectorItems } from './pictures.js';
import { toLines } from './segments.js';
import type { Surface } from './surface.js';
import type { Seg } from './text.js';
import type { StructureNode } from './types.js';

export function drawFigure(s: Surface, b: FigureBlock, piece: Piece | undefined, box: PageBox, sect: StructureNode): void {
  if (!piece || piece.kind !== 'box') return;
  const node = s.structure.add(sect, 'Figure', undefined, b.caption);
  const lines = Math.ceil(b.heightMm / LINE_PITCH_MM - 1e-6);
  const w = mmToPt(b.widthMm);
  const h = mmToPt(b.heightMm);
  const o = s.origin(piece.page);
  // The picture centred, at the foot of its box of whole lines (as the renderers drew it).
  const x = o.x + (box.widthPt - w) / 2;
  const y = o.y + piece.y + lines * LINE_PT - h;
  if (b.format === 'svg' && b.vector) s.items(piece.page).push(...vectorItems(b.vector, x, y, w, h, node.id));
  else {
    // The checked bytes the model carries (an SVG's PNG raster when it did not reduce to paths);
    // the file is never read here. Without them the box stays empty and the caption is drawn.
    const bytes = b.format === 'svg' ? b.raster : b.bytes;
    const pic = bytes ? raster(bytes, b.format === 'svg' ? `${b.digest}-raster` : b.digest) : undefined;
    if (pic) s.items(piece.page).push({ kind: 'image', x, y, w, h, image: pic, tag: node.id });
  }
  const cap = s.structure.add(sect, 'Caption');
  const text = b.caption ? `${b.label} ${b.caption}` : b.label;
  const segs: Seg[] = [{ text, role: FIGURE.captionRole, color: COLOR.black, tag: cap.id }];
  const broken = breakGridLines(text, W_CHARS, 0, s.body);
  boxLines(s, piece, toLines(segs, text, broken, 0, false), BODY_STYLE, box, 'center', lines);
}

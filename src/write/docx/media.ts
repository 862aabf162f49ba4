// Pictures in the DOCX: the image parts (word/media/…) with their relationships, and the
// DrawingML that shows one, inline or anchored. One part per distinct image: a document that
// shows the same image twice (three offices with one seal file) stores it once.
//
// SVG: Word 2016+ and WPS read an SVG through the `asvg:svgBlip` extension of a picture; its
// main blip must still be a raster image, which is all LibreOffice 7.4 (measured) and older Word
// draw: the PNG drawn of the SVG when it was read (source/images: resvg), or, without one, a
// one-pixel transparent PNG, so that such a reader shows the space empty rather than a wrong image.
// The SVG given here is the reduced, simplified one (no references, no scripts, text as paths),
// never the file's own bytes.

import { createHash } from 'node:crypto';
import { NS_A, esc } from './xml.js';

export type ImageExt = 'png' | 'jpeg' | 'svg';

export interface MediaPart {
  /** Path inside the package, e.g. word/media/image1.png. */
  path: string;
  rId: string;
  ext: ImageExt;
  bytes: Uint8Array;
  /** SHA-256 of the bytes: the same image is stored once. */
  hash: string;
}

/** What the renderer's context keeps for pictures: the parts, and the next drawing id. */
export interface MediaSink {
  media: MediaPart[];
  nextDrawingId(): number;
}

export const CONTENT_TYPES: Record<ImageExt, string> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

/** A 1×1 transparent PNG: the raster stand-in of an SVG picture. */
const BLANK_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

const EMU_PER_TW = 635;
export const twToEmu = (tw: number): number => Math.round(tw * EMU_PER_TW);
export const mmToEmu = (mm: number): number => Math.round(mm * 36000);

/** Stores `bytes` as an image part (once per distinct image) and returns its relationship id. */
export function addImage(ctx: MediaSink, bytes: Uint8Array, ext: ImageExt): string {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const known = ctx.media.find((m) => m.ext === ext && m.hash === hash);
  if (known) return known.rId;
  const n = ctx.media.length + 1;
  const part: MediaPart = { path: `word/media/image${n}.${ext}`, rId: `rIdImage${n}`, ext, bytes, hash };
  ctx.media.push(part);
  return part.rId;
}

/** The blip of a picture: the image itself, or for an SVG the blank stand-in with the SVG as extension. */
function blipXml(ctx: MediaSink, p: Picture): string {
  if (p.ext !== 'svg') return `<a:blip r:embed="${addImage(ctx, p.bytes, p.ext)}"/>`;
  // A figure's SVG without a raster: the SVG itself is the picture (LibreOffice 7.4 draws an
  // inline SVG blip; measured with the application example's chain diagram).
  if (!p.raster) return `<a:blip r:embed="${addImage(ctx, p.bytes, 'svg')}"/>`;
  const svg = addImage(ctx, p.bytes, 'svg');
  return (
    `<a:blip r:embed="${addImage(ctx, p.raster ?? BLANK_PNG, 'png')}"><a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">` +
    `<asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="${svg}"/></a:ext></a:extLst></a:blip>`
  );
}

export interface Picture {
  bytes: Uint8Array;
  ext: ImageExt;
  /** For an SVG: a PNG of it, for readers that cannot draw SVG. */
  raster?: Uint8Array;
  /** Size in EMU. */
  cx: number;
  cy: number;
  /** Name and description (alt text) of the drawing. */
  name: string;
  descr?: string;
}

function graphicXml(ctx: MediaSink, p: Picture, id: number): string {
  return (
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${NS_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${NS_A}"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="${esc(p.name)}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
    `<pic:blipFill>${blipXml(ctx, p)}<a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${p.cx}" cy="${p.cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic>`
  );
}

const docPr = (id: number, p: Picture) => `<wp:docPr id="${id}" name="${esc(p.name)}"${p.descr ? ` descr="${esc(p.descr)}"` : ''}/>`;

/** A picture in the line of text (a run). */
export function inlineXml(ctx: MediaSink, p: Picture): string {
  const id = ctx.nextDrawingId();
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${p.cx}" cy="${p.cy}"/>` +
    `<wp:effectExtent l="0" t="0" r="0" b="0"/>${docPr(id, p)}${graphicXml(ctx, p, id)}</wp:inline></w:drawing></w:r>`
  );
}

export interface Anchor {
  /** Offset of the picture's left edge from the column's (text block's) left edge, in EMU. */
  x: number;
  /** Offset of its top edge from the top of the paragraph that holds it, in EMU. */
  y: number;
  /** In front of the text (behindDoc="0"), as a seal is; text does not wrap around it. */
  behindDoc?: boolean;
  /** Stacking order among floating objects. */
  z?: number;
}

/**
 * A floating picture (a run), placed relative to the column and to its paragraph: when text
 * above is edited, Word, WPS and LibreOffice move it with its paragraph, so it keeps its place
 * over the text it belongs to. No wrapping: the text lies under it.
 */
export function anchorXml(ctx: MediaSink, p: Picture, a: Anchor): string {
  const id = ctx.nextDrawingId();
  return (
    `<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${a.z ?? 251659264 + id}" ` +
    `behindDoc="${a.behindDoc ? 1 : 0}" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>` +
    `<wp:positionH relativeFrom="column"><wp:posOffset>${Math.round(a.x)}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="paragraph"><wp:posOffset>${Math.round(a.y)}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${p.cx}" cy="${p.cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
    `${docPr(id, p)}${graphicXml(ctx, p, id)}</wp:anchor></w:drawing></w:r>`
  );
}

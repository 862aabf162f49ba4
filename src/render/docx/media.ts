// Pictures in the DOCX: media parts (word/media/imageN.ext), their relationships and content
// types, and the DrawingML that places them. Two drawing builders over one media registry:
// `inlineDrawingXml` (a picture in the line, as figures are) and `anchorDrawingXml` (a
// floating picture at a page position, in front of or behind the text, as a seal over the
// signature will be). Names are given in the order pictures are added and the same bytes are
// stored once, so the same model gives the same package.

import { createHash } from 'node:crypto';
import { esc, NS_A, NS_WP } from './xml.js';

export type ImageExt = 'png' | 'jpeg' | 'svg';

export const IMAGE_CONTENT_TYPES: Record<ImageExt, string> = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' };

const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const NS_PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';

export interface MediaPart {
  rId: string;
  /** Path inside the package, e.g. word/media/image1.png. */
  name: string;
  bytes: Uint8Array;
  ext: ImageExt;
}

/** The pictures of one document being rendered. */
export class MediaParts {
  readonly parts: MediaPart[] = [];
  private readonly byHash = new Map<string, MediaPart>();
  private drawingIds = 0;

  /** A fresh id for wp:docPr (unique in the document, from 1). */
  nextDrawingId(): number {
    return ++this.drawingIds;
  }

  add(bytes: Uint8Array, ext: ImageExt): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const known = this.byHash.get(hash);
    if (known) return known.rId;
    const n = this.parts.length + 1;
    const part: MediaPart = { rId: `rIdImage${n}`, name: `word/media/image${n}.${ext}`, bytes, ext };
    this.parts.push(part);
    this.byHash.set(hash, part);
    return part.rId;
  }

  /** Relationship elements for word/_rels/document.xml.rels. */
  relsXml(): string {
    return this.parts.map((p) => `<Relationship Id="${p.rId}" Type="${REL_IMAGE}" Target="${p.name.slice('word/'.length)}"/>`).join('');
  }
}

/** Adds a picture to the document being rendered; returns its relationship id for the drawing XML. */
export function addImage(ctx: { media: MediaParts }, bytes: Uint8Array, ext: ImageExt): string {
  return ctx.media.add(bytes, ext);
}

export const EMU_PER_MM = 36000;
export const mmToEmu = (mm: number): number => Math.round(mm * EMU_PER_MM);

export interface DrawingPicture {
  rId: string;
  widthEmu: number;
  heightEmu: number;
  /** wp:docPr id, from MediaParts.nextDrawingId. */
  id: number;
  /** wp:docPr name and description (alt text). */
  name: string;
  description?: string;
}

function graphicXml(p: DrawingPicture): string {
  return (
    `<a:graphic xmlns:a="${NS_A}"><a:graphicData uri="${NS_PIC}"><pic:pic xmlns:pic="${NS_PIC}">` +
    `<pic:nvPicPr><pic:cNvPr id="${p.id}" name="${esc(p.name)}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${p.rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${p.widthEmu}" cy="${p.heightEmu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic>`
  );
}

const docPr = (p: DrawingPicture) => `<wp:docPr id="${p.id}" name="${esc(p.name)}"${p.description ? ` descr="${esc(p.description)}"` : ''}/>`;

/** A picture in the line of text: a run holding w:drawing/wp:inline. */
export function inlineDrawingXml(p: DrawingPicture): string {
  return (
    `<w:r><w:drawing><wp:inline xmlns:wp="${NS_WP}" distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${p.widthEmu}" cy="${p.heightEmu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>${docPr(p)}` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${NS_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    graphicXml(p) +
    `</wp:inline></w:drawing></w:r>`
  );
}

export interface AnchorPosition {
  /** Offset of the picture's left/top edge from the reference, in EMU. */
  xEmu: number;
  yEmu: number;
  relativeFromH: 'page' | 'margin' | 'column' | 'character';
  relativeFromV: 'page' | 'margin' | 'paragraph' | 'line';
  /** Behind the text (a seal under the signature shows the text through it) or in front. */
  behindDoc: boolean;
}

/** A floating picture at a fixed position, text not wrapping around it (wrapNone). */
export function anchorDrawingXml(p: DrawingPicture, at: AnchorPosition): string {
  return (
    `<w:r><w:drawing><wp:anchor xmlns:wp="${NS_WP}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${251658240 + p.id}" ` +
    `behindDoc="${at.behindDoc ? 1 : 0}" locked="0" layoutInCell="1" allowOverlap="1">` +
    `<wp:simplePos x="0" y="0"/>` +
    `<wp:positionH relativeFrom="${at.relativeFromH}"><wp:posOffset>${at.xEmu}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="${at.relativeFromV}"><wp:posOffset>${at.yEmu}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${p.widthEmu}" cy="${p.heightEmu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>${docPr(p)}` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${NS_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    graphicXml(p) +
    `</wp:anchor></w:drawing></w:r>`
  );
}

// One page's Content.xml: a single body layer holding the page's items as objects, in the
// layout's drawing order (a seal over its 署名), and its link areas as page actions. A page of
// another size than the document's (a landscape list) carries its own PhysicalBox.
import type { PositionedPage, LinkItem } from '../../layout/frame/types.js';
import { XML_DECL, XMLNS, esc, mm, um, box } from './xml.js';
import { textObject, type TextFace } from './text.js';
import { lineObject, rectObject, pathObject, imageObject } from './graphics.js';

/** An object written for an item that belongs to a structure node. */
export interface ObjectRef {
  tag: number;
  objectId: number;
  kind: 'text' | 'line' | 'rect' | 'path' | 'image';
  /** The object's Boundary (mm, on the page). */
  boundary: string;
}

export interface PageContext {
  nextId(): number;
  face(key: string): TextFace;
  imageResource(sha256: string): number;
}

export interface PageOut {
  xml: string;
  refs: ObjectRef[];
}

function linkAction(l: LinkItem): string {
  const x = um(l.x);
  const y = um(l.y);
  const w = um(l.x + l.w) - x;
  const h = um(l.y + l.h) - y;
  return (
    `<ofd:Action Event="CLICK"><ofd:Region><ofd:Area Start="${mm(x)} ${mm(y)}">` +
    `<ofd:Line Point1="${mm(x + w)} ${mm(y)}"/><ofd:Line Point1="${mm(x + w)} ${mm(y + h)}"/><ofd:Line Point1="${mm(x)} ${mm(y + h)}"/><ofd:Close/>` +
    `</ofd:Area></ofd:Region><ofd:URI URI="${esc(l.uri)}"/></ofd:Action>`
  );
}

/** `ownBox`: the page's PhysicalBox when it differs from the document's PageArea. */
export function pageXml(page: PositionedPage, ctx: PageContext, ownBox: string | undefined): PageOut {
  const refs: ObjectRef[] = [];
  const objects: string[] = [];
  const links: string[] = [];
  const layerId = page.items.some((i) => i.kind !== 'link') ? ctx.nextId() : 0;
  for (const item of page.items) {
    if (item.kind === 'link') {
      links.push(linkAction(item));
      continue;
    }
    const id = ctx.nextId();
    let xml = '';
    switch (item.kind) {
      case 'text':
        xml = textObject(item, id, ctx.face(item.face));
        break;
      case 'line':
        xml = lineObject(item, id);
        break;
      case 'rect':
        xml = rectObject(item, id);
        break;
      case 'path':
        xml = pathObject(item, id);
        break;
      case 'image':
        xml = imageObject(item, id, ctx.imageResource(item.image.sha256));
        break;
    }
    if (!xml) continue;
    objects.push(xml);
    if (item.tag !== undefined) refs.push({ tag: item.tag, objectId: id, kind: item.kind, boundary: /Boundary="([^"]+)"/.exec(xml)![1] });
  }
  const area = ownBox ? `<ofd:Area><ofd:PhysicalBox>${ownBox}</ofd:PhysicalBox></ofd:Area>` : '';
  const content = objects.length ? `<ofd:Content><ofd:Layer ID="${layerId}" Type="Body">${objects.join('')}</ofd:Layer></ofd:Content>` : '';
  const actions = links.length ? `<ofd:Actions>${links.join('')}</ofd:Actions>` : '';
  return { xml: `${XML_DECL}<ofd:Page ${XMLNS}>${area}${content}${actions}</ofd:Page>`, refs };
}

/** "0 0 w h" in mm for a page. */
export function physicalBox(page: PositionedPage): string {
  return box(0, 0, um(page.widthPt), um(page.heightPt));
}

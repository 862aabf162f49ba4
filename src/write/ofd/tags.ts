// The 公文 semantics as an OFD custom tag (GB/T 33190 §16): CustomTags.xml names one tag file in
// gongwen's namespace; in it each GB/T 9704 element the document has (份号, 发文机关标志, 标题,
// 正文, 印章, 页码 …) is an element of that name whose ObjectRefs (PageRef = the page's ID, text =
// the object's ID) list, in reading order, the objects that draw exactly that element: each text
// run belongs to one structure node, so an object never holds two elements' text. An element
// that occurs twice (two 附件) is two elements, in document order.
//
// The seal's place, for a later signer (GB/T 38540): gongwen never signs. Signing tools (ofdrw's
// OFDSigner with NormalStampPos, the vendors' 签章 clients) take a page and a box in millimetres
// from the page's top-left corner and write the signature's StampAnnot (PageRef, Boundary) over
// it. So the least surprising shape is the one they take: the seal picture stays an ImageObject
// where the PDF draws it; the 印章 tag points at it (its Boundary is the box); and DocInfo's
// CustomData "gongwen:seal:N" says the same in a line — "PageIndex=0;PageID=7;Boundary=x y w h" —
// for a tool that reads no tags. A signer that stamps its own appearance there may hide or
// replace the ImageObject; gongwen writes no Signatures.xml and no empty signature field.
import type { StructureNode, GongwenElement } from '../../layout/frame/types.js';
import { XML_DECL, XMLNS } from './xml.js';
import type { ObjectRef } from './page.js';

const TAGS_NS = 'urn:gongwen:ofd:tags:1';
export const TAGS_FILE = 'Tags/Gongwen.xml';

/** Structure node id → the id of the nearest node (itself or an ancestor) that names an element. */
function elementNodes(root: StructureNode): { owner: Map<number, number>; element: Map<number, GongwenElement>; order: number[] } {
  const owner = new Map<number, number>();
  const element = new Map<number, GongwenElement>();
  const order: number[] = [];
  const walk = (n: StructureNode, current: number | undefined) => {
    let own = current;
    if (n.element) {
      own = n.id;
      element.set(n.id, n.element);
      order.push(n.id);
    }
    if (own !== undefined) owner.set(n.id, own);
    for (const c of n.children) walk(c, own);
  };
  walk(root, undefined);
  return { owner, element, order };
}

export interface TaggedElement {
  element: GongwenElement;
  refs: { pageId: number; pageIndex: number; ref: ObjectRef }[];
}

/** The elements with at least one object, in structure order, each with its objects in page order. */
export function taggedElements(root: StructureNode, pages: { pageId: number; refs: ObjectRef[] }[]): TaggedElement[] {
  const { owner, element, order } = elementNodes(root);
  const byNode = new Map<number, TaggedElement['refs']>();
  pages.forEach((p, pageIndex) => {
    for (const ref of p.refs) {
      const node = owner.get(ref.tag);
      if (node === undefined) continue;
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node)!.push({ pageId: p.pageId, pageIndex, ref });
    }
  });
  return order.filter((n) => byNode.has(n)).map((n) => ({ element: element.get(n)!, refs: byNode.get(n)! }));
}

export function customTagsXml(): string {
  return `${XML_DECL}<ofd:CustomTags ${XMLNS}><ofd:CustomTag NameSpace="${TAGS_NS}"><ofd:FileLoc>${TAGS_FILE}</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>`;
}

export function tagFileXml(elements: TaggedElement[]): string {
  const body = elements
    .map((e) => `<gw:${e.element}>${e.refs.map((r) => `<gw:ObjectRef PageRef="${r.pageId}">${r.ref.objectId}</gw:ObjectRef>`).join('')}</gw:${e.element}>`)
    .join('');
  return `${XML_DECL}<gw:公文 xmlns:gw="${TAGS_NS}">${body}</gw:公文>`;
}

/**
 * The seals' places, for DocInfo's CustomDatas: one per seal (a PNG seal is one ImageObject, an
 * SVG seal the PathObjects of its drawing), its box the union of its objects' boundaries, in mm.
 */
export function sealPlaces(elements: TaggedElement[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const e of elements) {
    if (e.element !== '印章' || e.refs.length === 0) continue;
    const first = e.refs[0];
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of e.refs) {
      if (r.pageIndex !== first.pageIndex) continue;
      const [x, y, w, h] = r.ref.boundary.split(' ').map(Number);
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + w);
      y1 = Math.max(y1, y + h);
    }
    const box = [x0, y0, x1 - x0, y1 - y0].map((v) => String(Math.round(v * 1000) / 1000)).join(' ');
    out.push({ name: `gongwen:seal:${out.length + 1}`, value: `PageIndex=${first.pageIndex};PageID=${first.pageId};Boundary=${box}` });
  }
  return out;
}

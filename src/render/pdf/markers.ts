// Reads back where things landed in a print: Chromium writes every link as a /Link annotation
// with its /Rect, so a marker link (http://gongwen.local/mark/<name>) tells the page and the
// position of the element it sits in. pdf-lib reads them; every print keeps its markers to
// check itself (executor.ts), and removeMarkers takes them out of what goes out.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFPage } from 'pdf-lib';
import { MARK_ORIGIN } from '../html/index.js';
import type { Position } from '../../layout/measure/positions.js';

/** A marker read back: the layout stage's Position (page, top in points from the page top). */
export type MarkerHit = Position;

export async function readMarkers(pdf: Uint8Array): Promise<{ hits: MarkerHit[]; pageCount: number }> {
  return markersOf(await PDFDocument.load(pdf, { updateMetadata: false }));
}

function markerUri(annot: PDFDict | undefined): string | undefined {
  const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : undefined;
  return text?.startsWith(MARK_ORIGIN) ? text : undefined;
}

/**
 * The marker links of a loaded PDF, one per name: a marker at a page's foot can spill a sliver
 * of its link onto the next page, and a name counts where it first appears.
 */
export function markersOf(doc: PDFDocument): { hits: MarkerHit[]; pageCount: number } {
  const hits: MarkerHit[] = [];
  const seen = new Set<string>();
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return;
    const { height } = page.getSize();
    for (let k = 0; k < annots.size(); k++) {
      const annot = annots.lookupMaybe(k, PDFDict);
      const text = markerUri(annot);
      if (!text) continue;
      const rect = annot!.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!rect) continue;
      const ys = [1, 3].map((j) => (rect.lookup(j) as PDFNumber).asNumber());
      const name = decodeURIComponent(text.slice(MARK_ORIGIN.length));
      if (seen.has(name)) continue;
      seen.add(name);
      hits.push({ name, page: i + 1, top: height - Math.max(...ys), pageHeight: height });
    }
  });
  return { hits, pageCount: doc.getPageCount() };
}


/** Removes the marker links from a page (other links stay); returns the removed annotations. */
function stripMarkers(page: PDFPage): PDFRef[] {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) return [];
  const all = annots.asArray();
  const kept = all.filter((ref) => !markerUri(page.doc.context.lookupMaybe(ref, PDFDict)));
  if (kept.length === annots.size()) return [];
  if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
  else page.node.set(PDFName.of('Annots'), page.doc.context.obj(kept));
  return all.filter((ref): ref is PDFRef => ref instanceof PDFRef && !kept.includes(ref));
}

/**
 * Takes every marker out of a print: off its pages, out of the file, and out of the structure
 * tree of a tagged print (Chromium tags each link: a Link element whose object reference names
 * the annotation, and a ParentTree entry for it). A print that goes out had its markers read
 * for its check; nothing of them may remain (an invisible link a screen reader would announce).
 */
export function removeMarkers(doc: PDFDocument): void {
  const refs = doc.getPages().flatMap((p) => stripMarkers(p));
  if (!refs.length) return;
  const gone = new Set(refs.map((r) => r.toString()));
  for (const r of refs) doc.context.delete(r);
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const K = PDFName.of('K');
  const removed = new Set<string>();
  const seen = new Set<PDFDict>();
  // Whether an element of the K tree is a reference to a removed marker (directly, or a Link left empty).
  const drop = (item: unknown): boolean => {
    const dict = item instanceof PDFRef ? doc.context.lookupMaybe(item, PDFDict) : item instanceof PDFDict ? item : undefined;
    if (!dict) return false;
    const obj = dict.get(PDFName.of('Obj'));
    if (dict.get(PDFName.of('Type')) === PDFName.of('OBJR') && obj instanceof PDFRef) return gone.has(obj.toString());
    if (!dict.has(PDFName.of('S')) || seen.has(dict)) return false;
    seen.add(dict);
    const kids = dict.get(K);
    const list = kids instanceof PDFArray ? kids.asArray() : kids === undefined ? [] : [kids];
    const kept = list.filter((k) => !drop(k));
    if (kept.length !== list.length) {
      if (kept.length === 0) dict.delete(K);
      else dict.set(K, kept.length === 1 ? kept[0] : doc.context.obj(kept));
    }
    const empty = kept.length === 0 && list.length > 0 && dict.get(PDFName.of('S')) === PDFName.of('Link');
    if (empty && item instanceof PDFRef) removed.add(item.toString());
    return empty;
  };
  const top = root.get(K);
  const tops = top instanceof PDFArray ? top.asArray() : top === undefined ? [] : [top];
  const keptTops = tops.filter((k) => !drop(k));
  if (keptTops.length !== tops.length) root.set(K, keptTops.length === 1 ? keptTops[0] : doc.context.obj(keptTops));
  // The ParentTree's entries for the removed Link elements (a number tree: /Nums pairs, /Kids).
  const prune = (node: PDFDict | undefined): void => {
    if (!node) return;
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    if (nums) {
      const pairs = nums.asArray();
      const kept: unknown[] = [];
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const v = pairs[i + 1];
        if (v instanceof PDFRef && removed.has(v.toString())) continue;
        kept.push(pairs[i], v);
      }
      if (kept.length !== pairs.length) node.set(PDFName.of('Nums'), doc.context.obj(kept as never));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    kids?.asArray().forEach((k) => prune(doc.context.lookupMaybe(k, PDFDict)));
  };
  prune(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict));
  for (const r of removed) {
    const [num, gen] = r.split(' ');
    doc.context.delete(PDFRef.of(Number(num), Number(gen)));
  }
}

// The PDF writer: draws the layout's positioned pages and decides nothing — it never measures,
// breaks, moves or shrinks. Fonts become CID subsets with ToUnicode, items marked content tied to
// a structure tree, the outline bookmarks; information and XMP say the same; PDF/A-1b and -2b add
// identification, an sRGB output intent and CIDSets, and refuse what their level forbids.
// The same document gives the same bytes.
//
// Why our own serializer (as Typst's krilla): the writer only ever emits, never edits, so objects,
// deflated streams and a cross-reference are ~200 lines; pdf-lib's fontkit corrupts CJK subsets
// and PDFKit shapes text itself. Measured (test/helpers/pdf-bench.mjs, content/2020-191.md's text
// on 10 pages with the real font book, a 2-core machine under load): first write in a process
// 140–170 ms CPU (hb-subset's wasm compiled, 4 faces subset), a rewrite 15–60 ms, 104 kB; a tagged
// 300-page list (31,800 items, 30,000 structure elements) 0.7–1.1 s CPU and 1.0 MB — 3.8 MB
// before its objects went into object streams.
import type { PagedDocument, TextItem } from '../../layout/frame/types.js';
import { attachedForms } from './attach.js';
import { pageContent, type PageResources } from './content.js';
import type { GlyphUnion } from '../../fonts/subset.js';
import { collectFonts, subsetFont, writeFont, type FontSource } from './fonts.js';
import { decodeImage, type DecodedImage } from './images.js';
import { infoDict, xmp } from './metadata.js';
import { writeOutline } from './outline.js';
import { refuseNotdef, refuseTransparency, srgbProfile, STANDARD, type PdfStandard } from './pdfa.js';
import { name, num, PdfFile, text, type PdfDict, type Ref } from './serialize.js';
import { StructureBuilder } from './structure.js';
import type { StreamMemo } from './stream-memo.js';

export type { PdfStandard } from './pdfa.js';
export type { FontSource } from './fonts.js';

export interface WritePdfOptions {
  standard?: PdfStandard;
  /**
   * A batch's glyphs per face: each face is subset once for all the batch's documents (and the
   * subset reused), instead of once per document.
   */
  subsets?: GlyphUnion;
  /** A batch's deflated streams by their bytes (stream-memo.ts): the same bytes are deflated once. */
  streams?: StreamMemo;
}

export async function writePdf(doc: PagedDocument, fonts: FontSource, opts: WritePdfOptions = {}): Promise<Uint8Array> {
  const std = opts.standard ? STANDARD[opts.standard] : undefined;
  if (opts.standard && !std) throw new Error(`unknown PDF standard "${opts.standard}" (a-1b or a-2b)`);
  if (doc.pages.length === 0) throw new Error('the document has no pages');
  const file = new PdfFile(opts.streams);

  const images = new Map<string, DecodedImage>();
  for (const page of doc.pages)
    for (const item of page.items)
      if (item.kind === 'image' && !images.has(item.image.sha256)) images.set(item.image.sha256, decodeImage(item.image));
  if (opts.standard) {
    refuseNotdef(doc, opts.standard);
    for (const [sha, img] of images)
      if (img.cmyk) throw new Error(`PDF/A with an sRGB output intent cannot draw the CMYK JPEG image ${sha.slice(0, 12)}: convert it to RGB`);
  }
  if (opts.standard === 'a-1b') refuseTransparency(doc, (sha) => images.get(sha)?.alpha ?? false);

  const catalog = file.alloc();
  const pagesRef = file.alloc();
  const pageRefs = doc.pages.map(() => file.alloc());
  const usedFonts = collectFonts(doc, file);
  for (const f of usedFonts.values()) await subsetFont(f, fonts, opts.subsets);
  const res: PageResources = { fonts: usedFonts, images: new Map(), states: new Map(), keep: !!opts.streams };
  const imageRefs: Record<string, Ref> = {};
  for (const [sha, img] of images) {
    const r = `Im${res.images.size + 1}`;
    res.images.set(sha, r);
    imageRefs[r] = img.write(file);
  }

  const resources = file.alloc();
  const tree = new StructureBuilder(doc.structure);
  const attached = await attachedForms(
    file,
    doc.pages.flatMap((p) => (p.attached ? [{ ...p.attached, W: p.widthPt, H: p.heightPt }] : [])),
    opts.standard,
  );
  const forms: Record<string, Ref> = {};
  for (const [i, page] of doc.pages.entries()) {
    let before = '';
    if (page.attached) {
      const { ref, matrix } = attached.get(`${page.attached.path}#${page.attached.page}`)!;
      const r = `Att${i + 1}`;
      forms[r] = ref;
      const mcid = tree.markExtra(i, 'Figure', `附件 ${page.attached.path.split(/[\\/]/).pop()} 第 ${page.attached.page} 页`);
      before = `/Figure <</MCID ${mcid}>> BDC\nq ${matrix.map((v) => num(Math.round(v * 1e6) / 1e6)).join(' ')} cm /${r} Do Q\nEMC`;
    }
    const content = file.stream({}, pageContent(page, i, res, tree, before));
    const annots = page.items.flatMap((item) => {
      if (item.kind !== 'link') return [];
      const annot = file.alloc();
      // The link's element goes under the node of the text it covers (the first run it overlaps).
      const under = page.items.find((t): t is TextItem => t.kind === 'text' && t.tag !== undefined && t.x < item.x + item.w && t.x + (t.glyphs.length ? t.glyphs.x(t.glyphs.length - 1) : 0) >= item.x && t.y > item.y && t.y - t.sizePt < item.y + item.h);
      const key = doc.pages.length + tree.addLink(i, annot, under?.tag);
      file.set(annot, {
        Type: name('Annot'),
        Subtype: name('Link'),
        Rect: [item.x, page.heightPt - item.y - item.h, item.x + item.w, page.heightPt - item.y],
        Border: [0, 0, 0],
        F: 4,
        A: { S: name('URI'), URI: /^[\x20-\x7e]*$/.test(item.uri) ? item.uri : encodeURI(item.uri) },
        StructParent: key,
        Contents: text(item.uri),
      });
      return [annot];
    });
    const p: PdfDict = {
      Type: name('Page'),
      Parent: pagesRef,
      MediaBox: [0, 0, page.widthPt, page.heightPt],
      Resources: resources,
      Contents: content,
      Annots: annots.length ? annots : undefined,
      // Links are visited in the order of the structure (PDF 1.5; PDF/A-1 is 1.4).
      Tabs: annots.length && opts.standard !== 'a-1b' ? name('S') : undefined,
      StructParents: tree.hasMarks(i) ? i : undefined,
    };
    file.set(pageRefs[i], p);
  }

  for (const [key, f] of usedFonts) writeFont(file, f, fonts.face(key), { cidSet: opts.standard === 'a-1b' });
  const states: Record<string, PdfDict> = {};
  for (const [key, r] of res.states) {
    const [ca, CA] = key.split('/').map(Number);
    states[r] = { Type: name('ExtGState'), ca, CA };
  }
  file.set(resources, {
    Font: Object.fromEntries([...usedFonts.values()].map((f) => [f.resource, f.ref])),
    XObject: Object.keys(imageRefs).length + Object.keys(forms).length ? { ...imageRefs, ...forms } : undefined,
    ExtGState: res.states.size ? states : undefined,
    ProcSet: [name('PDF'), name('Text'), name('ImageB'), name('ImageC')],
  });

  file.set(pagesRef, { Type: name('Pages'), Kids: pageRefs, Count: pageRefs.length });
  const structRoot = tree.write(file, pageRefs);
  const outline = writeOutline(file, doc.outline, pageRefs, doc.pages.map((p) => p.heightPt));
  const metadata = file.stream({ Type: name('Metadata'), Subtype: name('XML') }, Buffer.from(xmp(doc.info, std && { part: std.part, conformance: std.conformance }), 'utf8'), false);
  const cat: PdfDict = {
    Type: name('Catalog'),
    Pages: pagesRef,
    Lang: text(doc.info.lang || 'zh-CN'),
    MarkInfo: { Marked: true },
    StructTreeRoot: structRoot,
    Metadata: metadata,
    ViewerPreferences: { DisplayDocTitle: true },
    Outlines: outline,
    PageMode: outline ? name('UseOutlines') : undefined,
  };
  if (std) {
    const icc = file.stream({ N: 3 }, srgbProfile());
    cat.OutputIntents = [
      file.add({ Type: name('OutputIntent'), S: name('GTS_PDFA1'), OutputConditionIdentifier: 'sRGB IEC61966-2.1', RegistryName: 'http://www.color.org', Info: 'sRGB IEC61966-2.1', DestOutputProfile: icc }),
    ];
  }
  file.set(catalog, cat);
  const info = file.add(infoDict(doc.info));
  // PDF/A-1 is PDF 1.4, which has no object streams.
  return file.write(std?.version ?? '1.7', { Root: catalog, Info: info }, { objectStreams: opts.standard !== 'a-1b' });
}

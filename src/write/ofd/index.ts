// The OFD writer (GB/T 33190-2016): a second writer of the positioned pages the PDF writer
// draws, deciding nothing. The package:
//   OFD.xml                          entry, DocInfo (DocID from a hash of the other parts)
//   Doc_0/Document.xml               CommonData, Pages, Outlines, CustomTags
//   Doc_0/PublicRes.xml              fonts        → Doc_0/Res/font_N.ttf|otf
//   Doc_0/DocumentRes.xml            pictures     → Doc_0/Res/image_N.png|jpg
//   Doc_0/Pages/Page_N/Content.xml   one layer of text, path and image objects per page
//   Doc_0/CustomTags.xml, Doc_0/Tags/Gongwen.xml   the GB/T 9704 elements (tags.ts)
//   Doc_0/Attachs/Attachments.xml    attached PDFs, carried as they are (attachments.ts)
// IDs are handed out in one pass in a fixed order (fonts, pictures, then each page: the page,
// its layer, its objects), so the same pages give the same IDs and the same bytes.
import type { PagedDocument } from '../../layout/frame/types.js';
import { physicalBox, pageXml, type ObjectRef } from './page.js';
import { documentXml, publicResXml, documentResXml, type MediaRes } from './document.js';
import { customTagsXml, tagFileXml, taggedElements, sealPlaces, TAGS_FILE } from './tags.js';
import { entryXml, docId } from './entry.js';
import { zipParts } from '../zip.js';
import { attachments } from './attachments.js';
import { embedFonts, facesUsed, type FontSource } from './fonts.js';

export type { FontSource } from './fonts.js';

export interface OfdOptions {
  docMeta?: { issuer?: string; number?: string };
}

export async function writeOfd(doc: PagedDocument, fonts: FontSource, opts: OfdOptions = {}): Promise<Uint8Array> {
  if (doc.pages.length === 0) throw new Error('OFD: the document has no pages');
  let last = 0;
  const nextId = () => ++last;

  const used = facesUsed(doc);
  const fontIds = new Map<string, number>();
  for (const key of used) fontIds.set(key, nextId());

  const media: MediaRes[] = [];
  const mediaFiles: [string, Uint8Array][] = [];
  const mediaIds = new Map<string, number>();
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind !== 'image' || mediaIds.has(item.image.sha256)) continue;
      const id = nextId();
      const png = item.image.format === 'png';
      const file = `image_${id}.${png ? 'png' : 'jpg'}`;
      mediaIds.set(item.image.sha256, id);
      media.push({ id, format: png ? 'PNG' : 'JPEG', file });
      mediaFiles.push([`Doc_0/Res/${file}`, item.image.bytes]);
    }
  }

  const embedded = await embedFonts(doc, fonts, used, fontIds);

  const docBox = physicalBox(doc.pages[0]);
  // Each page's XML as UTF-8 bytes as soon as it is written (what the zip and the DocID's hash
  // take of a string anyway): held as strings until the zip, a 100,000-row list's 7,693 pages of
  // XML were ropes of two-byte characters.
  const pageParts: [string, Uint8Array][] = [];
  const pageIds: number[] = [];
  const pageRefs: { pageId: number; refs: ObjectRef[] }[] = [];
  doc.pages.forEach((page, i) => {
    const pageId = nextId();
    const own = physicalBox(page);
    const out = pageXml(
      page,
      {
        nextId,
        face: (key) => embedded.faces.get(key)!,
        imageResource: (sha) => mediaIds.get(sha)!,
      },
      own === docBox ? undefined : own,
    );
    pageIds.push(pageId);
    pageRefs.push({ pageId, refs: out.refs });
    pageParts.push([`Doc_0/Pages/Page_${i}/Content.xml`, Buffer.from(out.xml, 'utf8')]);
  });

  const elements = taggedElements(doc.structure, pageRefs);
  const attached = attachments(doc, doc.info.date);
  const parts: [string, string | Uint8Array][] = [];
  parts.push([
    'Doc_0/Document.xml',
    documentXml({
      maxUnitId: last,
      physicalBox: docBox,
      publicRes: embedded.resources.length > 0,
      documentRes: media.length > 0,
      pages: pageIds.map((id, i) => ({ id, loc: `Pages/Page_${i}/Content.xml` })),
      outline: doc.outline,
      pageIds,
      customTags: elements.length > 0,
      attachments: attached !== undefined,
    }),
  ]);
  if (embedded.resources.length) parts.push(['Doc_0/PublicRes.xml', publicResXml(embedded.resources)]);
  if (media.length) parts.push(['Doc_0/DocumentRes.xml', documentResXml(media)]);
  if (elements.length) {
    parts.push(['Doc_0/CustomTags.xml', customTagsXml()]);
    parts.push([`Doc_0/${TAGS_FILE}`, tagFileXml(elements)]);
  }
  if (attached) parts.push(['Doc_0/Attachs/Attachments.xml', attached.xml]);
  parts.push(...pageParts, ...embedded.files, ...mediaFiles, ...(attached?.files ?? []));

  const meta = { info: doc.info, issuer: opts.docMeta?.issuer, number: opts.docMeta?.number, customData: sealPlaces(elements) };
  // The metadata is hashed with the parts: a new 发文字号 on the same pages is a new document.
  const entry = entryXml(docId([...parts, ['DocInfo', entryXml('', meta)]]), meta);
  return zipParts([['OFD.xml', entry], ...parts], doc.info.date, 'OFD: the package');
}

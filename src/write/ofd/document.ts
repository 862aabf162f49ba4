// Doc_0/Document.xml (GB/T 33190 §7.5): CommonData (MaxUnitID first, the page area, the
// resource files), the page list, the outline, the custom tags' file. An outline entry jumps to
// its heading's line: Goto → Dest XYZ with the page's ID and the line's top (GotoA would name an
// attachment, not a page).
import type { OutlineEntry } from '../../layout/frame/types.js';
import { XML_DECL, XMLNS, esc, mm, um } from './xml.js';

export interface DocumentParts {
  maxUnitId: number;
  physicalBox: string;
  publicRes: boolean;
  documentRes: boolean;
  pages: { id: number; loc: string }[];
  outline: OutlineEntry[];
  pageIds: number[];
  customTags: boolean;
  attachments: boolean;
}

function outlineElem(e: OutlineEntry, pageIds: number[]): string {
  const pageId = pageIds[e.page];
  const action =
    pageId === undefined
      ? ''
      : `<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="${pageId}" Left="0" Top="${mm(um(e.y))}"/></ofd:Goto></ofd:Action></ofd:Actions>`;
  const kids = e.children.map((c) => outlineElem(c, pageIds)).join('');
  return `<ofd:OutlineElem Title="${esc(e.title)}">${action}${kids}</ofd:OutlineElem>`;
}

export function documentXml(d: DocumentParts): string {
  return (
    `${XML_DECL}<ofd:Document ${XMLNS}><ofd:CommonData>` +
    `<ofd:MaxUnitID>${d.maxUnitId}</ofd:MaxUnitID>` +
    `<ofd:PageArea><ofd:PhysicalBox>${d.physicalBox}</ofd:PhysicalBox></ofd:PageArea>` +
    (d.publicRes ? `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>` : '') +
    (d.documentRes ? `<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>` : '') +
    `</ofd:CommonData>` +
    `<ofd:Pages>${d.pages.map((p) => `<ofd:Page ID="${p.id}" BaseLoc="${p.loc}"/>`).join('')}</ofd:Pages>` +
    (d.outline.length ? `<ofd:Outlines>${d.outline.map((e) => outlineElem(e, d.pageIds)).join('')}</ofd:Outlines>` : '') +
    (d.customTags ? `<ofd:CustomTags>CustomTags.xml</ofd:CustomTags>` : '') +
    (d.attachments ? `<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>` : '') +
    `</ofd:Document>`
  );
}

export interface FontRes {
  id: number;
  fontName: string;
  familyName: string;
  file: string;
}

export interface MediaRes {
  id: number;
  format: 'PNG' | 'JPEG';
  file: string;
}

/** PublicRes.xml: the fonts (their files under Res/). */
export function publicResXml(fonts: FontRes[]): string {
  const list = fonts
    .map((f) => `<ofd:Font ID="${f.id}" FontName="${esc(f.fontName)}" FamilyName="${esc(f.familyName)}"><ofd:FontFile>${f.file}</ofd:FontFile></ofd:Font>`)
    .join('');
  return `${XML_DECL}<ofd:Res ${XMLNS} BaseLoc="Res"><ofd:Fonts>${list}</ofd:Fonts></ofd:Res>`;
}

/** DocumentRes.xml: the pictures, each file once however often it is drawn. */
export function documentResXml(media: MediaRes[]): string {
  const list = media
    .map((m) => `<ofd:MultiMedia ID="${m.id}" Type="Image" Format="${m.format}"><ofd:MediaFile>${m.file}</ofd:MediaFile></ofd:MultiMedia>`)
    .join('');
  return `${XML_DECL}<ofd:Res ${XMLNS} BaseLoc="Res"><ofd:MultiMedias>${list}</ofd:MultiMedias></ofd:Res>`;
}

// The OPC package: content types, relationships, core/app properties, settings (zipped by ../zip.ts).
// Reproducible: core.xml dates come from meta.date (else 2000-01-01) and every zip entry
// carries the same fixed time, so the same model gives byte-identical files.

import type { DocumentMeta } from '../../model/types.js';
import { XML_DECL, NS_W, esc } from './xml.js';
import { charsTw } from './units.js';
import { BODY } from '../../profile/gbt9704.js';

export const DEFAULT_DATE = '2000-01-01';

export function fixedDate(meta: DocumentMeta): string {
  const d = meta.date && /^\d{4}-\d{2}-\d{2}$/.test(meta.date) ? meta.date : DEFAULT_DATE;
  // Zip times cannot go before 1980.
  return d < '1980-01-01' ? DEFAULT_DATE : d;
}

export function contentTypesXml(): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Default Extension="png" ContentType="image/png"/>` +
    `<Default Extension="svg" ContentType="image/svg+xml"/>` +
    `<Default Extension="jpeg" ContentType="image/jpeg"/>` +
    o('/word/document.xml', `${wml}.document.main+xml`) +
    o('/word/styles.xml', `${wml}.styles+xml`) +
    o('/word/numbering.xml', `${wml}.numbering+xml`) +
    o('/word/settings.xml', `${wml}.settings+xml`) +
    o('/word/fontTable.xml', `${wml}.fontTable+xml`) +
    o('/word/footer1.xml', `${wml}.footer+xml`) +
    o('/word/footer2.xml', `${wml}.footer+xml`) +
    o('/word/footer3.xml', `${wml}.footer+xml`) +
    o('/word/footer4.xml', `${wml}.footer+xml`) +
    o('/word/footer5.xml', `${wml}.footer+xml`) +
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    o('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml') +
    `</Types>`
  );
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function rootRelsXml(): string {
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
    `</Relationships>`
  );
}

export function documentRelsXml(links: string[], media: { rId: string; path: string }[], footerIds: { odd: string; even: string; blank: string; landscapeOdd: string; landscapeEven: string }): string {
  const r = (id: string, type: string, target: string, external = false) =>
    `<Relationship Id="${id}" Type="${REL}/${type}" Target="${esc(target)}"${external ? ' TargetMode="External"' : ''}/>`;
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    r('rIdStyles', 'styles', 'styles.xml') +
    r('rIdNumbering', 'numbering', 'numbering.xml') +
    r('rIdSettings', 'settings', 'settings.xml') +
    r('rIdFontTable', 'fontTable', 'fontTable.xml') +
    r(footerIds.odd, 'footer', 'footer1.xml') +
    r(footerIds.even, 'footer', 'footer2.xml') +
    r(footerIds.blank, 'footer', 'footer3.xml') +
    r(footerIds.landscapeOdd, 'footer', 'footer4.xml') +
    r(footerIds.landscapeEven, 'footer', 'footer5.xml') +
    links.map((t, i) => r(`rIdLink${i + 1}`, 'hyperlink', t, true)).join('') +
    media.map((m) => r(m.rId, 'image', m.path.replace(/^word\//, ''))).join('') +
    `</Relationships>`
  );
}

export function coreXml(meta: DocumentMeta, creator: string | undefined): string {
  const when = `${fixedDate(meta)}T00:00:00Z`;
  const opt = (tag: string, v: string | undefined) => (v ? `<${tag}>${esc(v)}</${tag}>` : '');
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    opt('dc:title', meta.title) +
    opt('dc:subject', meta.subject) +
    opt('dc:creator', meta.author ?? creator) +
    opt('cp:keywords', meta.keywords?.join(', ')) +
    opt('dc:language', meta.lang) +
    opt('cp:lastModifiedBy', meta.author ?? creator) +
    `<cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    `</cp:coreProperties>`
  );
}

export function appXml(): string {
  return `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongwen</Application></Properties>`;
}

export function settingsXml(lang: string): string {
  return (
    `${XML_DECL}<w:settings xmlns:w="${NS_W}">` +
    `<w:zoom w:percent="100"/>` +
    `<w:defaultTabStop w:val="${charsTw(BODY.firstLineChars)}"/>` +
    // Odd and even footers (page numbers on alternate sides, §7.5).
    `<w:evenAndOddHeaders/>` +
    // Keep full-width punctuation full width: compression would break the 28-character grid.
    `<w:characterSpacingControl w:val="doNotCompress"/>` +
    `<w:compat><w:spaceForUL/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:useFELayout/>` +
    `<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
    `<w:themeFontLang w:val="en-US" w:eastAsia="${esc(lang)}"/>` +
    `<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>` +
    `</w:settings>`
  );
}

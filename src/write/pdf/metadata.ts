// The document information dictionary and the XMP metadata stream, saying the same things (PDF/A
// validators compare them field by field). Dates are fixed — the document's date at noon UTC, the
// epoch when it has none — so that a rebuild gives the same bytes.
import type { DocumentInfo } from '../../layout/frame/types.js';
import { Raw, text, type PdfDict } from './serialize.js';

export const PRODUCER = 'gongwen';

export function fixedDate(info: DocumentInfo): Date {
  const d = info.date && /^\d{4}-\d{2}-\d{2}$/.test(info.date) ? new Date(`${info.date}T12:00:00Z`) : new Date(0);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

function pdfDate(d: Date): Raw {
  const s = d.toISOString();
  return new Raw(`(D:${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}+00'00')`);
}

function xmpDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

export function infoDict(info: DocumentInfo): PdfDict {
  const date = pdfDate(fixedDate(info));
  return {
    Title: text(info.title),
    Author: info.author ? text(info.author) : undefined,
    Subject: info.subject ? text(info.subject) : undefined,
    Keywords: info.keywords?.length ? text(info.keywords.join(', ')) : undefined,
    Creator: PRODUCER,
    Producer: PRODUCER,
    CreationDate: date,
    ModDate: date,
  };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet (UTF-8), with PDF/A identification when a part is given. */
export function xmp(info: DocumentInfo, pdfa?: { part: number; conformance: string }): string {
  const date = xmpDate(fixedDate(info));
  const lang = esc(info.lang || 'x-default');
  const dc = [
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    info.author ? `<dc:creator><rdf:Seq><rdf:li>${esc(info.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    info.subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.subject)}</rdf:li></rdf:Alt></dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
  ].filter(Boolean);
  const pdf = [`<pdf:Producer>${PRODUCER}</pdf:Producer>`, info.keywords?.length ? `<pdf:Keywords>${esc(info.keywords.join(', '))}</pdf:Keywords>` : ''].filter(Boolean);
  const x = [`<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>`, `<xmp:CreateDate>${date}</xmp:CreateDate>`, `<xmp:ModifyDate>${date}</xmp:ModifyDate>`, `<xmp:MetadataDate>${date}</xmp:MetadataDate>`];
  const desc = (ns: string, body: string[]): string => `<rdf:Description rdf:about="" ${ns}>\n${body.join('\n')}\n</rdf:Description>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    desc('xmlns:dc="http://purl.org/dc/elements/1.1/"', dc),
    desc('xmlns:pdf="http://ns.adobe.com/pdf/1.3/"', pdf),
    desc('xmlns:xmp="http://ns.adobe.com/xap/1.0/"', x),
    pdfa ? desc('xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"', [`<pdfaid:part>${pdfa.part}</pdfaid:part>`, `<pdfaid:conformance>${pdfa.conformance}</pdfaid:conformance>`]) : '',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

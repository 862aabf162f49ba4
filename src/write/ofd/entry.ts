// OFD.xml, the package's entry (GB/T 33190 §7.4): one DocBody with the document's metadata and
// its root. DocID is a hash of every other part, so the same input gives the same ID (and the
// same bytes) on every build, and a changed document a new one.
import { createHash } from 'node:crypto';
import type { DocumentInfo } from '../../layout/frame/types.js';
import { XML_DECL, XMLNS, esc } from './xml.js';

export interface EntryMeta {
  info: DocumentInfo;
  /** 发文机关 (DocInfo's Author). */
  issuer?: string;
  /** 发文字号 (DocInfo's Subject). */
  number?: string;
  customData: { name: string; value: string }[];
}

/** 32 hex digits of SHA-256 over the parts' names and bytes, in package order. */
export function docId(parts: [string, string | Uint8Array][]): string {
  const h = createHash('sha256');
  for (const [name, data] of parts) {
    h.update(name);
    h.update('\0');
    h.update(data);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 32);
}

export function entryXml(id: string, m: EntryMeta): string {
  const el = (tag: string, v: string | undefined) => (v ? `<ofd:${tag}>${esc(v)}</ofd:${tag}>` : '');
  const date = m.info.date && /^\d{4}-\d{2}-\d{2}$/.test(m.info.date) ? m.info.date : undefined;
  const keywords = m.info.keywords?.filter((k) => k.trim()) ?? [];
  return (
    `${XML_DECL}<ofd:OFD ${XMLNS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
    `<ofd:DocID>${id}</ofd:DocID>` +
    el('Title', m.info.title) +
    el('Author', m.issuer ?? m.info.author) +
    el('Subject', m.number ?? m.info.subject) +
    el('CreationDate', date) +
    el('ModDate', date) +
    (keywords.length ? `<ofd:Keywords>${keywords.map((k) => `<ofd:Keyword>${esc(k)}</ofd:Keyword>`).join('')}</ofd:Keywords>` : '') +
    `<ofd:Creator>gongwen</ofd:Creator>` +
    (m.customData.length
      ? `<ofd:CustomDatas>${m.customData.map((c) => `<ofd:CustomData Name="${esc(c.name)}">${esc(c.value)}</ofd:CustomData>`).join('')}</ofd:CustomDatas>`
      : '') +
    `</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`
  );
}

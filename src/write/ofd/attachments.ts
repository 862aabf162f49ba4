// Attached PDFs (a notice whose annex is a PDF): the PDF writer puts their pages into the file;
// an OFD page cannot hold a PDF page, and drawing one would mean rasterising it or converting its
// content, which a writer that decides nothing does not do. So the attached pages keep what the
// layout gives them (their numbers), and each attached PDF travels inside the package as an OFD
// attachment (GB/T 33190 §20: Attachments.xml, Usage "none"), byte for byte, once however many
// pages it fills. The page-to-attachment jump (GotoA) is not written: its AttachID is an IDREF
// into another part, which the standard's own schema cannot validate.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PagedDocument } from '../../layout/frame/types.js';
import { XML_DECL, XMLNS, esc } from './xml.js';

export interface AttachedFiles {
  xml: string;
  files: [string, Uint8Array][];
}

export function attachments(doc: PagedDocument, date: string | undefined): AttachedFiles | undefined {
  const paths: string[] = [];
  for (const p of doc.pages) if (p.attached && !paths.includes(p.attached.path)) paths.push(p.attached.path);
  if (paths.length === 0) return undefined;
  const when = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? ` CreationDate="${date}T00:00:00" ModDate="${date}T00:00:00"` : '';
  const files: [string, Uint8Array][] = [];
  const list = paths.map((path, i) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new Error(`OFD: cannot read the attached PDF ${path}: ${(e as Error).message}`);
    }
    const file = `attach_${i + 1}.pdf`;
    files.push([`Doc_0/Attachs/${file}`, bytes]);
    return `<ofd:Attachment ID="attach_${i + 1}" Name="${esc(basename(path))}" Format="pdf"${when} Size="${(bytes.length / 1024).toFixed(3)}"><ofd:FileLoc>${file}</ofd:FileLoc></ofd:Attachment>`;
  });
  return { xml: `${XML_DECL}<ofd:Attachments ${XMLNS}>${list.join('')}</ofd:Attachments>`, files };
}

// What the DOCX writer keeps from one document to the next (a batch's notices): a table's XML by
// the table (write/docx/table.ts), the package's repeated texts deflated once (write/zip.ts). A
// kept result must be the result: the same model gives the same bytes on the first and the
// tenth render, a table that differs by one cell gets its own XML, and a table with a link gets
// the relationship of its own document. Read from the unzipped parts, as a word processor does.
import { describe, it, expect } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocxSync } from '../src/write/docx/index.js';
import { noticeModel, listTable } from './fixtures/notice-model.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';

const documentXml = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']);

function withTable(t: TableBlock): DocumentModel {
  const m = noticeModel();
  (m.sections[1].blocks as unknown[])[2] = t;
  return m;
}

describe('DOCX work kept across documents', () => {
  it('gives the same bytes on every render of the same model, and a zip that unzip tests clean', () => {
    const first = renderDocxSync(withTable(listTable()));
    for (let i = 0; i < 3; i++) expect(Buffer.compare(Buffer.from(renderDocxSync(withTable(listTable()))), Buffer.from(first))).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'gw-docx-shared-'));
    try {
      writeFileSync(join(dir, 'a.docx'), first);
      expect(execFileSync('unzip', ['-tq', join(dir, 'a.docx')], { encoding: 'utf8' })).toMatch(/No errors/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a table that differs by one cell with that cell, after the first was kept', () => {
    const a = listTable();
    const b = listTable();
    const cell = b.rows[3][2]!;
    cell.paragraphs = [[{ text: '另一个基地名称' }]];
    const xa = documentXml(renderDocxSync(withTable(a)));
    const xb = documentXml(renderDocxSync(withTable(b)));
    expect(xb).toContain('另一个基地名称');
    expect(xa).not.toContain('另一个基地名称');
    // Everything else in the two documents is the same.
    const original = a.rows[3][2]!.paragraphs[0].map((r) => r.text).join('');
    expect(xa).toContain(original);
    expect(xb.replace('另一个基地名称', original)).toBe(xa);
  });

  it("links a table's link to its own document's relationship, whatever was kept before", () => {
    const plain = listTable();
    renderDocxSync(withTable(plain));
    const linked = listTable();
    linked.rows[2][2]!.paragraphs = [[{ text: '网站', link: 'https://www.most.gov.cn/' }]];
    for (let i = 0; i < 2; i++) {
      const files = unzipSync(renderDocxSync(withTable(linked)));
      const rels = strFromU8(files['word/_rels/document.xml.rels']);
      const id = /<w:hyperlink r:id="([^"]+)"/.exec(strFromU8(files['word/document.xml']))?.[1];
      expect(id).toBeDefined();
      expect(rels).toContain(`Id="${id}"`);
      expect(rels).toContain('https://www.most.gov.cn/');
    }
  });
});

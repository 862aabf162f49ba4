// A part written in chunks, some kept by a memo (a DOCX's tables by their XML), is deflated in
// pieces that end on a full flush, a big kept chunk once a process (write/zip.ts Segments). The
// pieces must make one deflate stream that gives back the part's bytes, with the part's CRC; a
// part without a big kept chunk must be the whole-part deflate it was before.
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { constants, deflateRawSync } from 'node:zlib';
import { Segments, zipParts } from '../src/write/zip.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const row = (i: number) => `<w:tr><w:tc><w:p><w:r><w:t>国家火炬特色产业基地${i}</w:t></w:r></w:p></w:tc></w:tr>`;
const table = bytes(`<w:tbl>${Array.from({ length: 200 }, (_, i) => row(i)).join('')}</w:tbl>`);

describe('Segments', () => {
  it('zips a part with a big kept chunk as one stream that gives back its bytes', () => {
    for (const [head, tail] of [['<w:body>', '</w:body>'], ['', '</w:body>'], ['<w:body>', '']]) {
      const list = [
        { bytes: bytes(head), kept: false },
        { bytes: table, kept: true },
        { bytes: bytes(tail), kept: false },
      ];
      const whole = new Uint8Array(list.reduce((a, s) => a + s.bytes.length, 0));
      let at = 0;
      for (const s of list) whole.set(s.bytes, (at += s.bytes.length) - s.bytes.length);
      const zip = zipParts([['word/document.xml', new Segments(list)]], '2020-11-06');
      // fflate checks the CRC and the sizes as it reads.
      const out = unzipSync(zip)['word/document.xml'];
      expect(Buffer.compare(Buffer.from(out), Buffer.from(whole))).toBe(0);
    }
  });

  it('deflates a big kept chunk once, and a part without one as a whole', () => {
    const a = zipParts([['d.xml', new Segments([{ bytes: bytes('<a>'), kept: false }, { bytes: table, kept: true }])]], undefined);
    const b = zipParts([['d.xml', new Segments([{ bytes: bytes('<b>'), kept: false }, { bytes: table, kept: true }])]], undefined);
    // The kept chunk is the same deflated piece in both: its own deflate, ended on a full flush.
    const piece = deflateRawSync(table, { level: 6, memLevel: 8, windowBits: 15, strategy: 0, finishFlush: constants.Z_FULL_FLUSH });
    expect(Buffer.from(a).includes(piece)).toBe(true);
    expect(Buffer.from(b).includes(piece)).toBe(true);
    const small = [{ bytes: bytes('<w:body>'), kept: false }, { bytes: bytes('<w:tbl/>'), kept: true }, { bytes: bytes('</w:body>'), kept: false }];
    const joined = bytes('<w:body><w:tbl/></w:body>');
    expect(Buffer.compare(Buffer.from(zipParts([['d.xml', new Segments(small)]], undefined)), Buffer.from(zipParts([['d.xml', joined]], undefined)))).toBe(0);
  });
});

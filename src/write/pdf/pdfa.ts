// PDF/A: what the two levels ask of a file gongwen writes, and the sRGB profile its output intent
// carries. The profile is made here (no file to ship or download): an ICC v2 display profile —
// PDF/A-1 reads PDF 1.4, which knows ICC up to 3.4 — with the sRGB primaries adapted to D50 as
// ICC wants, a D50 white point and the sRGB transfer curve as a 1024-entry table (3 kB in all).
import type { PagedDocument } from '../../layout/frame/types.js';

export type PdfStandard = 'a-1b' | 'a-2b';

export const STANDARD: Record<PdfStandard, { version: string; part: number; conformance: string }> = {
  'a-1b': { version: '1.4', part: 1, conformance: 'B' },
  'a-2b': { version: '1.7', part: 2, conformance: 'B' },
};

/**
 * PDF/A-1 forbids transparency: a document that draws anything transparent is refused whole,
 * naming the first such item, rather than written with the transparency dropped.
 */
export function refuseTransparency(doc: PagedDocument, imageHasAlpha: (sha256: string) => boolean): void {
  doc.pages.forEach((page, p) => {
    page.items.forEach((item, i) => {
      const where = `page ${p + 1}, item ${i + 1}`;
      if (item.kind === 'path') {
        for (const [k, v] of [['fillOpacity', item.fillOpacity], ['strokeOpacity', item.strokeOpacity]] as const) {
          if (v !== undefined && v < 1)
            throw new Error(`PDF/A-1b cannot draw transparency: ${where} is a path with ${k} ${v}; use --pdf-standard a-2b, which allows it`);
        }
      }
      if (item.kind === 'image' && imageHasAlpha(item.image.sha256))
        throw new Error(`PDF/A-1b cannot draw transparency: ${where} is a ${item.image.format.toUpperCase()} image with an alpha channel (${item.image.sha256.slice(0, 12)}); use --pdf-standard a-2b, which allows it`);
    });
  });
}

/**
 * PDF/A (both levels) forbids showing .notdef: a character no face of its chain has reaches the
 * layout as glyph 0 (the font book reports it), and a PDF/A file cannot draw it. Refused with
 * the characters and where the first stands.
 */
export function refuseNotdef(doc: PagedDocument, standard: PdfStandard): void {
  const chars = new Set<string>();
  let first = '';
  doc.pages.forEach((page, p) =>
    page.items.forEach((item, i) => {
      if (item.kind !== 'text') return;
      for (let k = 0; k < item.glyphs.length; k++) {
        if (item.glyphs.gid(k) !== 0) continue;
        chars.add(item.glyphs.text(k));
        first ||= `page ${p + 1}, item ${i + 1}`;
      }
    }),
  );
  if (!chars.size) return;
  const list = [...chars].map((c) => (c ? `"${c}" (${[...c].map((x) => `U+${x.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})` : 'a glyph for no text')).join(', ');
  throw new Error(`PDF/A-${standard.slice(2)} cannot draw a character no font has: ${list}, first on ${first}; add a font that has it to the project's fonts/ folder, or write the text without it`);
}

const s15 = (v: number): number => Math.round(v * 65536) >>> 0;

let cached: Uint8Array | undefined;

/** A minimal valid sRGB ICC v2 profile. */
export function srgbProfile(): Uint8Array {
  if (cached) return cached;
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
  const u32 = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  const u16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
  const pad4 = (b: number[]): number[] => (b.length % 4 ? [...b, ...new Array(4 - (b.length % 4)).fill(0)] : b);
  const xyz = (x: number, y: number, z: number): number[] => [...ascii('XYZ '), 0, 0, 0, 0, ...u32(s15(x)), ...u32(s15(y)), ...u32(s15(z))];
  const name = 'sRGB IEC61966-2.1';
  const desc = [...ascii('desc'), 0, 0, 0, 0, ...u32(name.length + 1), ...ascii(name), 0, ...u32(0), ...u32(0), ...u16(0), 0, ...new Array(67).fill(0)];
  const cprt = [...ascii('text'), 0, 0, 0, 0, ...ascii('No copyright, use freely'), 0];
  const curve: number[] = [...ascii('curv'), 0, 0, 0, 0, ...u32(1024)];
  for (let i = 0; i < 1024; i++) {
    const v = i / 1023;
    const lin = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    curve.push(...u16(Math.round(lin * 65535)));
  }
  const tags: [string, number[]][] = [
    ['desc', desc],
    ['cprt', cprt],
    ['wtpt', xyz(0.9642, 1, 0.8249)],
    ['rXYZ', xyz(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyz(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyz(0.1431, 0.0606, 0.7141)],
    ['rTRC', curve],
  ];
  const shared: [string, string][] = [
    ['gTRC', 'rTRC'],
    ['bTRC', 'rTRC'],
  ];
  const count = tags.length + shared.length;
  let offset = 128 + 4 + count * 12;
  const table: number[] = [...u32(count)];
  const data: number[] = [];
  const at = new Map<string, [number, number]>();
  for (const [sig, body] of tags) {
    at.set(sig, [offset, body.length]);
    table.push(...ascii(sig), ...u32(offset), ...u32(body.length));
    const padded = pad4(body);
    data.push(...padded);
    offset += padded.length;
  }
  for (const [sig, same] of shared) table.push(...ascii(sig), ...u32(at.get(same)![0]), ...u32(at.get(same)![1]));
  const size = 128 + table.length + data.length;
  const header = [
    ...u32(size),
    ...u32(0), // CMM
    ...u32(0x02100000), // version 2.1
    ...ascii('mntr'),
    ...ascii('RGB '),
    ...ascii('XYZ '),
    ...u16(2026), ...u16(1), ...u16(1), ...u16(0), ...u16(0), ...u16(0),
    ...ascii('acsp'),
    ...u32(0), // platform
    ...u32(0), // flags
    ...u32(0), // manufacturer
    ...u32(0), // model
    ...u32(0), ...u32(0), // attributes
    ...u32(0), // perceptual intent
    ...u32(s15(0.9642)), ...u32(s15(1)), ...u32(s15(0.8249)),
    ...u32(0), // creator
  ];
  while (header.length < 128) header.push(0);
  cached = new Uint8Array([...header, ...table, ...data]);
  return cached;
}

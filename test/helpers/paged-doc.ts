// Hand-made positioned pages for the PDF writer's tests, drawn with real faces read from disk:
// glyph ids and advances come from the face (fontkit), positions from a simple left-to-right pen
// with optional extra space after each glyph (as a justified line has).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FaceInfo, PagedDocument, PlacedGlyph, PositionedPage, StructureNode, TextItem } from '../../src/layout/frame/types.js';
import { glyphRun } from '../../src/layout/frame/glyph-run.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fontkit = require('fontkit') as { create(b: Buffer): any };

export const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';
export const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface TestFace {
  info: FaceInfo;
  sfnt: Uint8Array;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  font: any;
}

const faces = new Map<string, TestFace>();

export function loadFace(key: string, path: string): TestFace {
  let f = faces.get(path);
  if (!f) {
    const sfnt = readFileSync(path);
    const font = fontkit.create(sfnt);
    const cff = sfnt.subarray(0, 4).toString('latin1') === 'OTTO';
    const bb = font.bbox;
    f = {
      sfnt: new Uint8Array(sfnt),
      font,
      info: {
        key,
        postscriptName: font.postscriptName,
        family: font.familyName,
        role: 'fangsong',
        cff,
        unitsPerEm: font.unitsPerEm,
        ascender: font.ascent,
        descender: font.descent,
        capHeight: Number.isFinite(font.capHeight) && font.capHeight > 0 ? font.capHeight : undefined,
        bbox: [bb.minX, bb.minY, bb.maxX, bb.maxY],
        source: path,
      },
    };
    faces.set(path, f);
  }
  return { ...f, info: { ...f.info, key } };
}

/** A run of `text` in `face` at (x, y), each glyph `extra` points after the last one's advance. */
export function run(face: TestFace, text: string, x: number, y: number, sizePt: number, o: { extra?: number; tag?: number; color?: string; rotation?: number } = {}): TextItem {
  const glyphs: PlacedGlyph[] = [];
  let pen = 0;
  for (const ch of text) {
    const g = face.font.glyphForCodePoint(ch.codePointAt(0)!);
    const advance = (g.advanceWidth / face.info.unitsPerEm) * sizePt;
    glyphs.push({ gid: g.id, x: pen, advance, text: ch });
    pen += advance + (o.extra ?? 0);
  }
  return { kind: 'text', x, y, face: face.info.key, sizePt, color: o.color ?? '000000', glyphs: glyphRun(glyphs), tag: o.tag, rotation: o.rotation };
}

export const A4 = { widthPt: 595.28, heightPt: 841.89 };

export function page(items: PositionedPage['items'], o: Partial<PositionedPage> = {}): PositionedPage {
  return { ...A4, landscape: false, items, ...o };
}

export function paged(pages: PositionedPage[], faceList: TestFace[], structure?: StructureNode, extra: Partial<PagedDocument> = {}): PagedDocument {
  return {
    pages,
    faces: Object.fromEntries(faceList.map((f) => [f.info.key, f.info])),
    structure: structure ?? { id: 0, role: 'Document', children: [] },
    outline: [],
    info: { title: '测试文件', author: '测试机关', date: '2020-12-31', lang: 'zh-CN' },
    ...extra,
  };
}

export function fontSource(faceList: TestFace[]): { face(key: string): FaceInfo; sfnt(key: string): Promise<Uint8Array> } {
  const byKey = new Map(faceList.map((f) => [f.info.key, f]));
  return {
    face: (k) => byKey.get(k)!.info,
    sfnt: async (k) => byKey.get(k)!.sfnt,
  };
}

/** Gives glyph `i` of a run another text (a ligature's two characters, a glyph drawn for another). */
export function setGlyphText(item: TextItem, i: number, text: string): void {
  item.glyphs = glyphRun(item.glyphs.map((g, k) => (k === i ? { ...g, text } : g)));
}

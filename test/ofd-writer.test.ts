// The OFD writer read back as a reader would: every XML part valid against GB/T 33190's Annex A
// schemas (xmllint), the text and each glyph's place recovered from TextCode (X, Y, DeltaX,
// Boundary) against the page items, the custom tags against the structure, the embedded font's
// cmap against the glyphs drawn, and two writes byte for byte. Pages are built by hand from real
// faces (Noto Serif SC's simplified-Chinese file, decoded from the package's WOFF2).
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { writeOfd } from '../src/write/ofd/index.js';
import { deltaArray, textObject } from '../src/write/ofd/text.js';
import fc from 'fast-check';
import { esc, mm } from '../src/write/ofd/xml.js';
import { MM_PER_PT } from '../src/profile/gbt9704.js';
import * as fontkitModule from 'fontkit';

/** fontkit, which reads back the fonts the OFD embeds (a test tool, not a dependency of gongwen's build). */
const fontkit = () => fontkitModule as unknown as { create(b: Buffer): unknown };
import { discPng } from './fixtures/seal-images.js';
import { cffTestFont, CFF_TEST_CPS } from './fonts-cff.js';
import type { FaceInfo, PagedDocument, PageItem, PlacedGlyph, StructureNode, TextItem } from '../src/layout/frame/types.js';
import { glyphRun } from '../src/layout/frame/glyph-run.js';
import type { BookGlyph, FontBook } from '../src/fonts/book-types.js';
import type { FontRole } from '../src/profile/gbt9704.js';
import { compileFile } from '../src/pipeline/compile.js';
import { layoutPages } from '../src/layout/frame/index.js';
import { writePdf } from '../src/write/pdf/index.js';

const require = createRequire(import.meta.url);
const SCHEMAS = join(import.meta.dirname, 'fixtures', 'ofd-schema');

// ---------- a lenient reader of the parts (what gongwen reads, it reads leniently) ----------

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()]!;
  });
}

/** A small XML reader: prefixes dropped, no DTD, comments and processing instructions skipped. */
function parseXml(xml: string): El {
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([^\s/>]+)([^>]*?)(\/?)>|([^<]+)/g;
  for (let m; (m = re.exec(xml)); ) {
    if (m[5] !== undefined) {
      stack[stack.length - 1].text += unescape(m[5]);
      continue;
    }
    if (!m[2]) continue;
    const name = m[2].replace(/^[^:]*:/, '');
    if (m[1]) {
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attrs[a[1].replace(/^[^:]*:/, '')] = unescape(a[3] ?? a[4]);
    const el: El = { name, attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  return root.children[0];
}

const all = (e: El, name: string): El[] => [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => all(c, name))];
const child = (e: El, name: string): El | undefined => e.children.find((c) => c.name === name);
const nums = (s: string) => s.trim().split(/\s+/).map(Number);

/** DeltaX with "g N v" expanded. */
function expandDelta(s: string | undefined): number[] {
  if (!s) return [];
  const t = s.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 'g') {
      const n = Number(t[i + 1]);
      for (let k = 0; k < n; k++) out.push(Number(t[i + 2]));
      i += 2;
    } else out.push(Number(t[i]));
  }
  return out;
}

interface ReadGlyph {
  x: number;
  y: number;
  gid: number;
  code: string;
}

/** A TextObject's characters and where each cluster's first glyph stands (page mm), with the glyph drawn. */
function readText(obj: El, glyphOf: (cp: number) => number): { text: string; glyphs: ReadGlyph[]; ctm?: number[] } {
  const [bx, by] = nums(obj.attrs.Boundary);
  const ctm = obj.attrs.CTM ? nums(obj.attrs.CTM) : undefined;
  const glyphs: ReadGlyph[] = [];
  let text = '';
  let pendingCg: El[] = [];
  for (const c of obj.children) {
    if (c.name === 'CGTransform') pendingCg.push(c);
    if (c.name !== 'TextCode') continue;
    const codes = Array.from(c.text);
    const deltas = expandDelta(c.attrs.DeltaX);
    let x = Number(c.attrs.X);
    const y = Number(c.attrs.Y);
    const cgAt = new Map(pendingCg.map((g) => [Number(g.attrs.CodePosition), g]));
    for (let i = 0; i < codes.length; i++) {
      if (i > 0) x += deltas[i - 1] ?? 0;
      const cg = cgAt.get(i);
      let gid: number | undefined;
      let skip = 0;
      if (cg) {
        gid = nums(child(cg, 'Glyphs')!.text)[0];
        skip = Number(cg.attrs.CodeCount ?? 1) - 1;
      } else gid = glyphOf(codes[i].codePointAt(0)!);
      const [px, py] = ctm ? [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]] : [x, y];
      glyphs.push({ x: bx + px, y: by + py, gid, code: codes.slice(i, i + 1 + skip).join('') });
      for (let k = 0; k < skip; k++) x += deltas[i + k] ?? 0;
      i += skip;
    }
    text += c.text;
    pendingCg = [];
  }
  return { text, glyphs, ctm };
}

/** Validates every XML part of a package with xmllint against its schema; returns how many. */
function validateAll(parts: Record<string, Uint8Array>): number {
  const dir = mkdtempSync(join(tmpdir(), 'ofd-'));
  try {
    let checked = 0;
    for (const [name, data] of Object.entries(parts)) {
      if (!name.endsWith('.xml')) continue;
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
      const root = parseXml(strFromU8(data)).name;
      const xsd = name.endsWith('Tags/Gongwen.xml')
        ? 'gongwen-tags.xsd'
        : { OFD: 'OFD.xsd', Document: 'Document.xsd', Res: 'Res.xsd', Page: 'Page.xsd', CustomTags: 'CustomTags.xsd', Attachments: 'Attachments.xsd' }[root];
      expect(xsd, name).toBeTruthy();
      // xmllint exits non-zero and names the line on any error.
      try {
        execFileSync('xmllint', ['--noout', '--schema', join(SCHEMAS, xsd!), path], { stdio: 'pipe' });
      } catch (e) {
        throw new Error(`${name}: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
      }
      checked++;
    }
    return checked;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every run of every page read back from the package: its text, each cluster's first glyph
 * within 0.1 mm of where the page item puts it, the glyph drawn, the Boundary around it.
 */
function checkRuns(d: PagedDocument, parts: Record<string, Uint8Array>, faces: Face[]): number {
  const read = (name: string) => parseXml(strFromU8(parts[name]));
  const byName = new Map(faces.map((f) => [f.info.postscriptName, f]));
  const fontOf = new Map(
    all(read('Doc_0/PublicRes.xml'), 'Font').map((f) => {
      const embedded = fontkit().create(Buffer.from(parts[`Doc_0/Res/${child(f, 'FontFile')!.text}`])) as unknown as FkFont;
      return [f.attrs.ID, { face: byName.get(f.attrs.FontName)!, embedded, same: new Map<string, boolean>() }];
    }),
  );
  let glyphs = 0;
  d.pages.forEach((page, pi) => {
    const objs = all(read(`Doc_0/Pages/Page_${pi}/Content.xml`), 'TextObject');
    const runs = page.items.filter((i): i is TextItem => i.kind === 'text' && i.glyphs.some((g) => g.text !== ''));
    expect(objs).toHaveLength(runs.length);
    runs.forEach((item, k) => {
      const obj = objs[k];
      const { face, embedded, same } = fontOf.get(obj.attrs.Font)!;
      expect(face.info.key).toBe(item.face);
      expect(Number(obj.attrs.Size)).toBeCloseTo(item.sizePt * MM_PER_PT, 3);
      // Read as a reader does: characters through the embedded file's cmap, or the CGTransform's glyphs.
      const back = readText(obj, (cp) => embedded.glyphForCodePoint(cp).id);
      expect(back.text).toBe(item.glyphs.map((g) => g.text).join(''));
      const firsts = item.glyphs.filter((g) => g.text !== '');
      expect(back.glyphs).toHaveLength(firsts.length);
      const rot = ((item.rotation ?? 0) * Math.PI) / 180;
      const [bx, by, bw, bh] = nums(obj.attrs.Boundary);
      firsts.forEach((g, i) => {
        const x = (item.x + g.x * Math.cos(rot)) * MM_PER_PT;
        const y = (item.y + g.x * Math.sin(rot)) * MM_PER_PT;
        const at = back.glyphs[i];
        expect(Math.abs(at.x - x), `page ${pi + 1} "${back.text}"[${i}] x`).toBeLessThan(0.1);
        expect(Math.abs(at.y - y), `page ${pi + 1} "${back.text}"[${i}] y`).toBeLessThan(0.1);
        // The glyph the reader draws has the outline of the glyph the layout placed.
        const pair = `${at.gid}:${g.gid}`;
        if (!same.has(pair)) same.set(pair, embedded.getGlyph(at.gid).path.toSVG() === face.font.getGlyph(g.gid).path.toSVG());
        expect(same.get(pair), `glyph drawn for ${g.text} (page ${pi + 1} "${back.text}"[${i}])`).toBe(true);
        expect(at.x).toBeGreaterThanOrEqual(bx - 1e-6);
        expect(at.x).toBeLessThanOrEqual(bx + bw + 1e-6);
        expect(at.y).toBeGreaterThan(by);
        expect(at.y).toBeLessThan(by + bh);
        glyphs++;
      });
    });
  });
  return glyphs;
}

// ---------- real faces ----------

type FkFont = ReturnType<ReturnType<typeof fontkit>['create']> & {
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  unitsPerEm: number;
  ascent: number;
  descent: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  postscriptName: string;
  familyName: string;
  characterSet: number[];
  numGlyphs: number;
  getGlyph(id: number): { path: { toSVG(): string } };
};

interface Face {
  info: FaceInfo;
  sfnt: Uint8Array;
  font: FkFont;
}

async function loadFace(key: string, file: string, pkg = 'noto-serif-sc'): Promise<Face> {
  const { decompress } = require('wawoff2') as { decompress(b: Uint8Array): Promise<Uint8Array> };
  const woff2 = readFileSync(require.resolve(`@fontsource/${pkg}/files/${file}`));
  const sfnt = new Uint8Array(await decompress(woff2));
  const font = fontkit().create(Buffer.from(sfnt)) as unknown as FkFont;
  const info: FaceInfo = {
    key,
    postscriptName: font.postscriptName,
    family: font.familyName,
    role: 'fangsong',
    cff: false,
    unitsPerEm: font.unitsPerEm,
    ascender: font.ascent,
    descender: font.descent,
    bbox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY],
    source: file,
  };
  return { info, sfnt, font };
}

let body: Face;
let title: Face;

/** A run of `text` at (x, y) in points, its glyphs `extra` points apart beyond their advances (justification). */
function run(face: Face, text: string, x: number, y: number, sizePt: number, tag: number | undefined, extra = 0, color = '000000'): TextItem {
  const glyphs: PlacedGlyph[] = [];
  let at = 0;
  for (const ch of Array.from(text)) {
    const g = face.font.glyphForCodePoint(ch.codePointAt(0)!);
    const advance = (g.advanceWidth / face.font.unitsPerEm) * sizePt;
    glyphs.push({ gid: g.id, x: at, advance, text: ch });
    at += advance + extra;
  }
  return { kind: 'text', x, y, face: face.info.key, sizePt, color, glyphs: glyphRun(glyphs), tag };
}

const SEAL = discPng(120, [220, 0, 0]);
/** An attached PDF (its bytes only matter: the OFD carries it as it is). */
const ATTACHED = join(mkdtempSync(join(tmpdir(), 'ofd-att-')), '附件2.pdf');
const ATTACHED_BYTES = Buffer.from('%PDF-1.4\n% gongwen test attachment\n%%EOF\n');
writeFileSync(ATTACHED, ATTACHED_BYTES);
const SEAL_SHA = createHash('sha256').update(SEAL).digest('hex');

/** A sealed notice's first page, an unsealed second page, a landscape third with a turned number. */
function sealedNotice(): PagedDocument {
  const n = (id: number, role: StructureNode['role'], element?: StructureNode['element'], children: StructureNode[] = []): StructureNode => ({ id, role, element, children });
  const structure = n(1, 'Document', undefined, [
    n(2, 'P', '份号'),
    n(3, 'P', '发文机关标志'),
    n(4, 'P', '发文字号'),
    n(5, 'Artifact', '版头分隔线'),
    n(6, 'H1', '标题'),
    n(7, 'P', '主送机关'),
    n(8, 'Sect', '正文', [n(9, 'P'), n(10, 'P'), n(11, 'H2')]),
    n(12, 'P', '发文机关署名'),
    n(13, 'P', '成文日期'),
    n(14, 'Figure', '印章'),
    n(15, 'Artifact', '页码'),
    n(16, 'Sect', '附件', [n(17, 'Table'), n(18, 'P')]),
  ]);
  structure.children[9].alt = '某市人民政府印章';
  const p1: PageItem[] = [
    run(body, '000001', 79.4, 100, 16, 2),
    run(title, '某市人民政府文件', 120, 200, 22, 3, 6, 'E60012'),
    run(body, '某政发〔2020〕191号', 200, 260, 16, 4),
    { kind: 'line', x1: 79.4, y1: 272, x2: 521.6, y2: 272, widthPt: 1.5, color: 'E60012', tag: 5 },
    run(title, '关于印发《某某办法》的通知', 140, 330, 22, 6),
    run(body, '各区县人民政府，市政府各部门：', 79.4, 380, 16, 7),
    run(body, '为进一步规范管理，现将《某某办法》印发给你们，请认真遵照执行。', 79.4, 410, 16, 9, 0.37),
    run(body, '“一、总则”：ABC fi 123。', 79.4, 439, 16, 10, 0.5),
    run(title, '一、总体要求', 111.4, 468, 16, 11),
    run(body, '某市人民政府', 380, 560, 16, 12),
    run(body, '2020年9月19日', 372, 589, 16, 13),
    { kind: 'image', x: 372, y: 500, w: 119, h: 119, tag: 14, image: { format: 'png', bytes: SEAL, widthPx: 120, heightPx: 120, sha256: SEAL_SHA } },
    run(body, '— 1 —', 440, 780, 14, 15),
    { kind: 'link', x: 79.4, y: 400, w: 100, h: 16, uri: 'https://www.gov.cn/?a=1&b=2' },
  ];
  // Glyphs that are not the cmap's: a missing character drawn as .notdef, one glyph for two
  // characters, a glyph that stands for none.
  const odd = run(body, '附表', 79.4, 700, 16, 18);
  odd.glyphs = glyphRun([
    ...odd.glyphs,
    { gid: 0, x: 40, advance: 16, text: '\u{20000}' },
    { gid: body.font.glyphForCodePoint(0x4f).id, x: 56, advance: 16, text: '〇' },
    { gid: body.font.glyphForCodePoint(0x4e00).id, x: 72, advance: 16, text: '二三' },
    { gid: body.font.glyphForCodePoint(0x3001).id, x: 88, advance: 0, text: '' },
  ]);
  const p2: PageItem[] = [
    { kind: 'rect', x: 79.4, y: 100, w: 442.2, h: 20, fill: 'F2F2F2', tag: 17 },
    { kind: 'line', x1: 79.4, y1: 120, x2: 521.6, y2: 120, widthPt: 0.5, color: '000000', dash: [1, 2], tag: 17 },
    run(body, '序号 & <名称> "引号"', 79.4, 115, 14, 17),
    odd,
    {
      kind: 'path',
      ops: [{ op: 'M', x: 0, y: 50 }, { op: 'C', x1: 0, y1: 22, x2: 22, y2: 0, x: 50, y: 0 }, { op: 'L', x: 100, y: 100 }, { op: 'Z' }],
      transform: [0.5, 0, 0, 0.5, 300, 300],
      fill: 'FF0000',
      fillOpacity: 0.5,
      fillRule: 'evenodd',
      stroke: '0000FF',
      strokeWidth: 2,
      tag: 18,
    },
  ];
  const number: TextItem = { ...run(body, '— 3 —', 40, 300, 14, 15), rotation: -90 };
  const p3: PageItem[] = [run(body, '横排表格', 79.4, 100, 16, 18), number];
  return {
    pages: [
      { widthPt: 595.28, heightPt: 841.89, landscape: false, number: '1', items: p1 },
      { widthPt: 595.28, heightPt: 841.89, landscape: false, number: '2', items: p2 },
      { widthPt: 841.89, heightPt: 595.28, landscape: true, number: '3', items: p3 },
      { widthPt: 595.28, heightPt: 841.89, landscape: false, blank: true, items: [] },
      { widthPt: 595.28, heightPt: 841.89, landscape: false, number: '5', attached: { path: ATTACHED, page: 0 }, items: [run(body, '— 5 —', 440, 780, 14, 15)] },
      { widthPt: 595.28, heightPt: 841.89, landscape: false, number: '6', attached: { path: ATTACHED, page: 1 }, items: [run(body, '— 6 —', 79.4, 780, 14, 15)] },
    ],
    faces: { [body.info.key]: body.info, [title.info.key]: title.info },
    structure,
    outline: [{ title: '一、总体要求', page: 0, y: 452, level: 1, children: [{ title: '附件 <1>', page: 1, y: 100, level: 2, children: [] }] }],
    info: { title: '关于印发《某某办法》的通知', date: '2020-09-19', lang: 'zh-CN', keywords: ['办法'] },
  };
}

function fontSource(faces: Face[]) {
  const by = new Map(faces.map((f) => [f.info.key, f]));
  return { face: (k: string) => by.get(k)!.info, sfnt: async (k: string) => by.get(k)!.sfnt };
}

let doc: PagedDocument;
let bytes: Uint8Array;
let files: Record<string, Uint8Array>;
const xml = (name: string) => parseXml(strFromU8(files[name]));

beforeAll(async () => {
  body = await loadFace('serif-300', 'noto-serif-sc-chinese-simplified-300-normal.woff2');
  title = await loadFace('serif-700', 'noto-serif-sc-chinese-simplified-700-normal.woff2');
  doc = sealedNotice();
  bytes = await writeOfd(doc, fontSource([body, title]), { docMeta: { issuer: '某市人民政府', number: '某政发〔2020〕191号' } });
  files = unzipSync(bytes);
}, 60_000);

describe('OFD package', () => {
  it('has the parts GB/T 33190 names, OFD.xml first', () => {
    const names = Object.keys(files);
    expect(names[0]).toBe('OFD.xml');
    for (const p of ['Doc_0/Document.xml', 'Doc_0/PublicRes.xml', 'Doc_0/DocumentRes.xml', 'Doc_0/CustomTags.xml', 'Doc_0/Tags/Gongwen.xml', 'Doc_0/Attachs/Attachments.xml'])
      expect(names).toContain(p);
    for (let i = 0; i < 6; i++) expect(names).toContain(`Doc_0/Pages/Page_${i}/Content.xml`);
  });

  it('is a zip that Info-ZIP tests clean, its names UTF-8, one entry time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofd-zip-'));
    try {
      const path = join(dir, 'a.ofd');
      writeFileSync(path, bytes);
      expect(execFileSync('unzip', ['-tq', path], { encoding: 'utf8' })).toMatch(/No errors detected/);
      const listing = execFileSync('zipinfo', ['-T', path], { encoding: 'utf8' });
      const times = new Set([...listing.matchAll(/ (\d{8}\.\d{6}) /g)].map((m) => m[1]));
      expect([...times]).toEqual(['20200919.000000']);
      // Pictures are stored, everything else deflated.
      expect(listing).toMatch(/stor .*image_\d+\.png/);
      expect(listing).toMatch(/defN .*OFD\.xml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates every XML part against the Annex A schemas with xmllint', () => {
    expect(validateAll(files)).toBe(13);
  });

  it('writes DocInfo: title, 发文机关 as author, 发文字号 as subject, the date, gongwen, a hash DocID', () => {
    const info = all(xml('OFD.xml'), 'DocInfo')[0];
    const v = (n: string) => child(info, n)?.text;
    expect(v('Title')).toBe('关于印发《某某办法》的通知');
    expect(v('Author')).toBe('某市人民政府');
    expect(v('Subject')).toBe('某政发〔2020〕191号');
    expect(v('CreationDate')).toBe('2020-09-19');
    expect(v('Creator')).toBe('gongwen');
    expect(v('DocID')).toMatch(/^[0-9a-f]{32}$/);
    expect(all(xml('OFD.xml'), 'DocRoot')[0].text).toBe('Doc_0/Document.xml');
  });

  it('two writes are byte-identical; a changed page changes the DocID', async () => {
    const again = await writeOfd(sealedNotice(), fontSource([body, title]), { docMeta: { issuer: '某市人民政府', number: '某政发〔2020〕191号' } });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const changed = sealedNotice();
    (changed.pages[0].items[0] as TextItem).x += 1;
    const other = unzipSync(await writeOfd(changed, fontSource([body, title])));
    const id = (f: Record<string, Uint8Array>) => all(parseXml(strFromU8(f['OFD.xml'])), 'DocID')[0].text;
    expect(id(other)).not.toBe(id(files));
    const renumbered = unzipSync(await writeOfd(sealedNotice(), fontSource([body, title]), { docMeta: { issuer: '某市人民政府', number: '某政发〔2020〕192号' } }));
    expect(id(renumbered)).not.toBe(id(files));
  });

  it('gives each ID once and MaxUnitID the largest', () => {
    const ids: number[] = [];
    for (const [name, data] of Object.entries(files)) {
      if (!name.endsWith('.xml') || name === 'OFD.xml' || name.includes('Tags/')) continue;
      const walk = (e: El) => {
        if (e.attrs.ID !== undefined && ['Page', 'Layer', 'TextObject', 'PathObject', 'ImageObject', 'Font', 'MultiMedia'].includes(e.name)) ids.push(Number(e.attrs.ID));
        e.children.forEach(walk);
      };
      walk(parseXml(strFromU8(data)));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(Number(all(xml('Doc_0/Document.xml'), 'MaxUnitID')[0].text)).toBe(Math.max(...ids));
  });
});

describe('pages', () => {
  const pageMm = (p: { widthPt: number; heightPt: number }) => [0, 0, p.widthPt * MM_PER_PT, p.heightPt * MM_PER_PT];

  it('sets the page area in mm; the landscape page has its own PhysicalBox; the blank page has no content', () => {
    const area = nums(all(xml('Doc_0/Document.xml'), 'PhysicalBox')[0].text);
    pageMm(doc.pages[0]).forEach((v, i) => expect(area[i]).toBeCloseTo(v, 2));
    expect(all(xml('Doc_0/Pages/Page_0/Content.xml'), 'PhysicalBox')).toHaveLength(0);
    const land = nums(all(xml('Doc_0/Pages/Page_2/Content.xml'), 'PhysicalBox')[0].text);
    pageMm(doc.pages[2]).forEach((v, i) => expect(land[i]).toBeCloseTo(v, 2));
    expect(all(xml('Doc_0/Pages/Page_3/Content.xml'), 'Content')).toHaveLength(0);
  });

  it('recovers each run’s text in order and puts every glyph within 0.1 mm of the page item', () => {
    expect(checkRuns(doc, files, [body, title])).toBeGreaterThan(150);
  });

  it('names a glyph the cmap does not give with a CGTransform, and no other', () => {
    const p2 = all(xml('Doc_0/Pages/Page_1/Content.xml'), 'TextObject');
    const odd = p2.find((o) => all(o, 'TextCode')[0].text.startsWith('附表'))!;
    const cg = all(odd, 'CGTransform').map((c) => [c.attrs.CodePosition, c.attrs.CodeCount, c.attrs.GlyphCount, nums(child(c, 'Glyphs')!.text)]);
    // .notdef for a character the face lacks is what its cmap gives: no transform needed.
    expect(cg.map((c) => c.slice(0, 3))).toEqual([
      ['3', '1', '1'],
      ['4', '2', '2'],
    ]);
    // The glyphs named are the subset's numbers of the glyphs placed ('O' for 〇; 一 and 、 for 二三).
    const f = child(all(xml('Doc_0/PublicRes.xml'), 'Font').find((x) => x.attrs.ID === odd.attrs.Font)!, 'FontFile')!.text;
    const embedded = fontkit().create(Buffer.from(files[`Doc_0/Res/${f}`])) as unknown as FkFont;
    const outline = (font: FkFont, gid: number) => font.getGlyph(gid).path.toSVG();
    const orig = (cp: number) => outline(body.font, body.font.glyphForCodePoint(cp).id);
    expect((cg[0][3] as number[]).map((g) => outline(embedded, g))).toEqual([orig(0x4f)]);
    expect((cg[1][3] as number[]).map((g) => outline(embedded, g))).toEqual([orig(0x4e00), orig(0x3001)]);
    const p1 = all(xml('Doc_0/Pages/Page_0/Content.xml'), 'CGTransform');
    expect(p1).toHaveLength(0);
  });

  it('colours text, draws rules, boxes and shapes as PathObjects in mm', () => {
    const p1 = xml('Doc_0/Pages/Page_0/Content.xml');
    const logo = all(p1, 'TextObject')[1];
    expect(child(logo, 'FillColor')!.attrs.Value).toBe('230 0 18');
    const rule = all(p1, 'PathObject')[0];
    expect(Number(rule.attrs.LineWidth)).toBeCloseTo(1.5 * MM_PER_PT, 3);
    expect(child(rule, 'StrokeColor')!.attrs.Value).toBe('230 0 18');
    const [bx, by] = nums(rule.attrs.Boundary);
    const d = child(rule, 'AbbreviatedData')!.text.split(' ');
    expect(d[0]).toBe('M');
    expect(bx + Number(d[1])).toBeCloseTo(79.4 * MM_PER_PT, 2);
    expect(by + Number(d[2])).toBeCloseTo(272 * MM_PER_PT, 2);
    expect(bx + Number(d[4])).toBeCloseTo(521.6 * MM_PER_PT, 2);
    const p2 = all(xml('Doc_0/Pages/Page_1/Content.xml'), 'PathObject');
    expect(p2.map((p) => [p.attrs.Stroke, p.attrs.Fill])).toEqual([
      ['false', 'true'],
      [undefined, undefined],
      [undefined, 'true'],
    ]);
    expect(p2[1].attrs.DashPattern).toBe(`${mm(353)} ${mm(706)}`);
    const shape = p2[2];
    expect(shape.attrs.Rule).toBe('Even-Odd');
    expect(child(shape, 'FillColor')!.attrs.Alpha).toBe('128');
    expect(Number(shape.attrs.LineWidth)).toBeCloseTo(1 * MM_PER_PT, 3);
    expect(child(shape, 'AbbreviatedData')!.text).toMatch(/^M [\d.]+ [\d.]+ B( [\d.]+){6} L [\d.]+ [\d.]+ C$/);
  });

  it('makes a link a CLICK action over its area', () => {
    const a = all(xml('Doc_0/Pages/Page_0/Content.xml'), 'Action')[0];
    expect(a.attrs.Event).toBe('CLICK');
    expect(child(a, 'URI')!.attrs.URI).toBe('https://www.gov.cn/?a=1&b=2');
    expect(nums(all(a, 'Area')[0].attrs.Start)[0]).toBeCloseTo(79.4 * MM_PER_PT, 2);
  });
});

describe('the sealed page', () => {
  it('carries the seal picture as an ImageObject where the page has it, its file stored as is', () => {
    const img = all(xml('Doc_0/Pages/Page_0/Content.xml'), 'ImageObject');
    expect(img).toHaveLength(1);
    const [x, y, w, h] = nums(img[0].attrs.Boundary);
    expect(x).toBeCloseTo(372 * MM_PER_PT, 2);
    expect(y).toBeCloseTo(500 * MM_PER_PT, 2);
    expect(w).toBeCloseTo(119 * MM_PER_PT, 2);
    expect(nums(img[0].attrs.CTM)).toEqual([w, 0, 0, h, 0, 0]);
    const mm_ = all(xml('Doc_0/DocumentRes.xml'), 'MultiMedia')[0];
    expect(mm_.attrs.ID).toBe(img[0].attrs.ResourceID);
    expect(mm_.attrs.Format).toBe('PNG');
    const file = files[`Doc_0/Res/${child(mm_, 'MediaFile')!.text}`];
    expect(Buffer.from(file).equals(Buffer.from(SEAL))).toBe(true);
  });

  it('records the seal’s place for a signer: the 印章 tag and a CustomData line', () => {
    const img = all(xml('Doc_0/Pages/Page_0/Content.xml'), 'ImageObject')[0];
    const pageId = all(xml('Doc_0/Document.xml'), 'Page')[0].attrs.ID;
    const seal = child(xml('Doc_0/Tags/Gongwen.xml'), '印章')!;
    expect(seal.children.map((r) => [r.attrs.PageRef, r.text])).toEqual([[pageId, img.attrs.ID]]);
    const data = all(xml('OFD.xml'), 'CustomData');
    expect(data.map((d) => [d.attrs.Name, d.text])).toEqual([['gongwen:seal:1', `PageIndex=0;PageID=${pageId};Boundary=${img.attrs.Boundary}`]]);
  });
});

describe('attached PDFs', () => {
  it('carries each attached PDF once, as it is, as an attachment; its pages keep their numbers', () => {
    const list = all(xml('Doc_0/Attachs/Attachments.xml'), 'Attachment');
    expect(list.map((a) => [a.attrs.ID, a.attrs.Name, a.attrs.Format])).toEqual([['attach_1', '附件2.pdf', 'pdf']]);
    expect(Buffer.from(files[`Doc_0/Attachs/${child(list[0], 'FileLoc')!.text}`]).equals(ATTACHED_BYTES)).toBe(true);
    expect(all(xml('Doc_0/Document.xml'), 'Attachments')[0].text).toBe('Attachs/Attachments.xml');
    expect(all(xml('Doc_0/Pages/Page_5/Content.xml'), 'TextCode').map((t) => t.text)).toEqual(['— 6 —']);
  });
});

describe('custom tags and outline', () => {
  it('names every element the pages draw, each pointing at objects holding exactly its text', () => {
    const tags = xml('Doc_0/Tags/Gongwen.xml');
    expect(all(xml('Doc_0/CustomTags.xml'), 'CustomTag')[0].attrs.NameSpace).toBe('urn:gongwen:ofd:tags:1');
    expect(tags.children.map((c) => c.name)).toEqual(['份号', '发文机关标志', '发文字号', '版头分隔线', '标题', '主送机关', '正文', '发文机关署名', '成文日期', '印章', '页码', '附件']);
    // Object ID → its text, over all pages.
    const pageIds = all(xml('Doc_0/Document.xml'), 'Page').map((p) => p.attrs.ID);
    const textOf = new Map<string, string>();
    const pageOf = new Map<string, string>();
    pageIds.forEach((pid, i) => {
      const walk = (e: El) => {
        if (e.attrs.ID && /Object$/.test(e.name)) {
          textOf.set(e.attrs.ID, all(e, 'TextCode').map((t) => t.text).join(''));
          pageOf.set(e.attrs.ID, pid);
        }
        e.children.forEach(walk);
      };
      walk(xml(`Doc_0/Pages/Page_${i}/Content.xml`));
    });
    const text = (el: string) => {
      const t = child(tags, el)!;
      for (const r of t.children) expect(pageOf.get(r.text), `${el} → ${r.text}`).toBe(r.attrs.PageRef);
      return t.children.map((r) => textOf.get(r.text)).join('|');
    };
    expect(text('份号')).toBe('000001');
    expect(text('发文机关标志')).toBe('某市人民政府文件');
    expect(text('标题')).toBe('关于印发《某某办法》的通知');
    expect(text('正文')).toBe('为进一步规范管理，现将《某某办法》印发给你们，请认真遵照执行。|“一、总则”：ABC fi 123。|一、总体要求');
    expect(text('成文日期')).toBe('2020年9月19日');
    expect(text('页码')).toBe('— 1 —|— 3 —|— 5 —|— 6 —');
    // The 附件's rules and shapes hold no text: '' between the bars.
    expect(text('附件')).toBe('||序号 & <名称> "引号"|附表\u{20000}〇二三||横排表格');
  });

  it('writes the outline with Goto actions to the heading’s page and line', () => {
    const d = xml('Doc_0/Document.xml');
    const pageIds = all(d, 'Page').map((p) => p.attrs.ID);
    const top = all(d, 'Outlines')[0].children;
    expect(top.map((o) => o.attrs.Title)).toEqual(['一、总体要求']);
    const dest = all(top[0], 'Dest')[0];
    expect(dest.attrs.PageID).toBe(pageIds[0]);
    expect(Number(dest.attrs.Top)).toBeCloseTo(452 * MM_PER_PT, 2);
    const kid = child(top[0], 'OutlineElem')!;
    expect(kid.attrs.Title).toBe('附件 <1>');
    expect(all(kid, 'Dest')[0].attrs.PageID).toBe(pageIds[1]);
  });
});

describe('fonts', () => {
  it('embeds each face once as a subset whose cmap maps every TextCode character to the glyph drawn', () => {
    const fontsRes = all(xml('Doc_0/PublicRes.xml'), 'Font');
    expect(fontsRes).toHaveLength(2);
    for (const f of fontsRes) {
      const file = files[`Doc_0/Res/${child(f, 'FontFile')!.text}`];
      const embedded = fontkit().create(Buffer.from(file)) as unknown as FkFont;
      const src = f.attrs.FontName === body.info.postscriptName ? body : title;
      // A subset: far fewer glyphs than the face.
      expect(embedded.numGlyphs).toBeLessThan(200);
      expect(src.font.numGlyphs).toBeGreaterThan(8000);
      for (let i = 0; i < doc.pages.length; i++) {
        for (const obj of all(xml(`Doc_0/Pages/Page_${i}/Content.xml`), 'TextObject')) {
          if (obj.attrs.Font !== f.attrs.ID) continue;
          const transformed = new Set(
            all(obj, 'CGTransform').flatMap((c) => Array.from({ length: Number(c.attrs.CodeCount ?? 1) }, (_, j) => Number(c.attrs.CodePosition) + j)),
          );
          Array.from(all(obj, 'TextCode')[0].text).forEach((ch, k) => {
            if (transformed.has(k)) return;
            const cp = ch.codePointAt(0)!;
            const want = src.font.glyphForCodePoint(cp);
            if (want.id === 0) return;
            expect(embedded.glyphForCodePoint(cp).path.toSVG(), ch).toBe(want.path.toSVG());
          });
        }
      }
    }
  });
});

describe('CFF faces (a user’s OpenType 仿宋 may be one)', () => {
  it.each([
    ['CID-keyed', true],
    ['name-keyed', false],
  ])('embeds a %s CFF subset whose cmap and CGTransform name the glyphs drawn', async (_, cid) => {
    const sfnt = cffTestFont(cid);
    const font = fontkit().create(Buffer.from(sfnt)) as unknown as FkFont;
    const face: Face = {
      sfnt,
      font,
      info: { key: 'cff', postscriptName: font.postscriptName, family: font.familyName, role: 'fangsong', cff: true, unitsPerEm: 1000, ascender: 880, descender: -120, bbox: [0, -120, 1000, 880], source: 'test' },
    };
    const text = '关于通知的';
    const item = run(face, text, 100, 200, 16, 2);
    // 'ABC' drawn with the glyph of 'B' for 'A': a transform, in the subset's glyph numbering (not a CID).
    item.glyphs = glyphRun([...item.glyphs, { gid: font.glyphForCodePoint(0x42).id, x: 90, advance: 16, text: 'A' }]);
    const d: PagedDocument = {
      pages: [{ widthPt: 595.28, heightPt: 841.89, landscape: false, items: [item] }],
      faces: { cff: face.info },
      structure: { id: 1, role: 'Document', children: [{ id: 2, role: 'P', element: '正文', children: [] }] },
      outline: [],
      info: { title: 'CFF', lang: 'zh-CN' },
    };
    const parts = unzipSync(await writeOfd(d, fontSource([face])));
    expect(validateAll(parts)).toBe(6);
    const fontFile = child(all(parseXml(strFromU8(parts['Doc_0/PublicRes.xml'])), 'Font')[0], 'FontFile')!.text;
    expect(fontFile).toMatch(/\.otf$/);
    const embedded = fontkit().create(Buffer.from(parts[`Doc_0/Res/${fontFile}`])) as unknown as FkFont;
    expect(embedded.numGlyphs).toBeLessThan(CFF_TEST_CPS.length + 1);
    expect(checkRuns(d, parts, [face])).toBe(6);
    for (const ch of text) expect(embedded.glyphForCodePoint(ch.codePointAt(0)!).path.toSVG()).toBe(font.glyphForCodePoint(ch.codePointAt(0)!).path.toSVG());
  });
});

describe('pieces', () => {
  it('abbreviates three or more equal DeltaX values as g N v', () => {
    expect(deltaArray([5644, 5644, 5644, 5644, 3000, 1, 1])).toBe('g 4 5.644 3 0.001 0.001');
    expect(deltaArray([])).toBe('');
    expect(expandDelta(deltaArray([1, 1, 1, 2, 2, 2, 2, 0]))).toEqual([0.001, 0.001, 0.001, 0.002, 0.002, 0.002, 0.002, 0]);
  });

  it('escapes text for XML and drops characters XML cannot carry', () => {
    expect(esc(`a&b<c>"d'\u0001e\ud800f`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;ef');
    expect(parseXml(`<a t="${esc('x\ny&"')}">${esc('<&>')}</a>`)).toMatchObject({ attrs: { t: 'x\ny&"' }, text: '<&>' });
  });

  it('places every glyph of any run within 0.002 mm (the micrometre grid), through CGTransforms, clusters and turns (property)', () => {
    // A face whose cmap gives glyph cp − 0x4e00 + 1 for CJK: a glyph id off that rule needs a transform.
    const info: FaceInfo = { key: 'f', postscriptName: 'F', family: 'F', role: 'fangsong', cff: false, unitsPerEm: 1000, ascender: 880, descender: -120, bbox: [0, -120, 1000, 880], source: 't' };
    const glyphOf = (cp: number) => (cp >= 0x4e00 && cp < 0x9fff ? cp - 0x4e00 + 1 : 0);
    const face = { fontId: 1, info, embedded: (g: number) => g, simple: (cp: number, gid: number) => glyphOf(cp) === gid };
    const glyph = fc.record({
      cp: fc.integer({ min: 0x4e00, max: 0x4fff }),
      chars: fc.constantFrom(0, 1, 1, 1, 1, 2),
      odd: fc.boolean(),
      gap: fc.double({ min: -4, max: 40, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(glyph, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 0, max: 800, noNaN: true }),
        fc.double({ min: 5, max: 40, noNaN: true }),
        fc.constantFrom(undefined, 90, -90, 180, 30),
        (gs, x0, y0, size, rotation) => {
          let at = 0;
          const glyphs: PlacedGlyph[] = gs.map((g) => {
            const text = g.chars === 0 ? '' : String.fromCodePoint(g.cp).repeat(g.chars);
            const gid = g.odd ? glyphOf(g.cp) + 7 : glyphOf(g.cp);
            const p = { gid, x: at, advance: size, text };
            at += Math.max(0, size + g.gap);
            return p;
          });
          const item: TextItem = { kind: 'text', x: x0, y: y0, face: 'f', sizePt: size, color: '000000', glyphs: glyphRun(glyphs), rotation };
          const xml = textObject(item, 9, face);
          if (!glyphs.some((g) => g.text)) return xml === '';
          const obj = parseXml(xml);
          const back = readText(obj, glyphOf);
          // Glyphs for no character ride with the cluster before them (or after, at the start).
          const firsts = glyphs.filter((g) => g.text !== '');
          expect(back.text).toBe(glyphs.map((g) => g.text).join(''));
          expect(back.glyphs).toHaveLength(firsts.length);
          const r = ((rotation ?? 0) * Math.PI) / 180;
          firsts.forEach((g, i) => {
            expect(Math.abs(back.glyphs[i].x - (x0 + g.x * Math.cos(r)) * MM_PER_PT)).toBeLessThan(0.002);
            expect(Math.abs(back.glyphs[i].y - (y0 + g.x * Math.sin(r)) * MM_PER_PT)).toBeLessThan(0.002);
          });
          // A transform exactly where the glyph is not the cmap's character (or not one to one).
          const cgs = all(obj, 'CGTransform').length;
          const clustersWithOdd = firsts.filter((g, i) => {
            const own = glyphs.indexOf(g);
            const next = glyphs.findIndex((q, j) => j > own && q.text !== '');
            const extra = glyphs.slice(own + 1, next < 0 ? undefined : next).length + (i === 0 ? own : 0);
            return Array.from(g.text).length !== 1 || extra > 0 || glyphOf(g.text.codePointAt(0)!) !== g.gid;
          }).length;
          expect(cgs).toBe(clustersWithOdd);
          return true;
        },
      ),
      { numRuns: 300, seed: 20 },
    );
  });

  it('writes millimetres on a micrometre grid', () => {
    expect([mm(0), mm(1000), mm(1500), mm(5644), mm(-3175), mm(1)]).toEqual(['0', '1', '1.5', '5.644', '-3.175', '0.001']);
  });
});

// ---------- documents laid out by the layout stage ----------

const ROOT = join(import.meta.dirname, '..');
/** Every example document in content/ (an annex file is laid out with its notice, not alone). */
const EXAMPLES = ['2020-183.md', '2020-183-guideline.md', '2020-191.md', '2021-45-clusters.md', '2021-cluster-evaluation.md', '2021-zhuzhou-cluster-plan.md', '2022-cluster-application.md', 'joint-sealed-notice.md', 'sealed-notice.md'].map((f) => [f]);

/** A font book of real faces: Noto Serif SC 300 and 700, Noto Sans SC 500 (the substitutes' shapes). */
function realBook(serif: Face, bold: Face, sans: Face): FontBook {
  const faceFor = (role: FontRole, b: boolean): Face => (role === 'heiti' ? sans : role === 'xiaobiaosong' || b ? bold : serif);
  const cache = new Map<string, BookGlyph>();
  return {
    glyph(role, b, cp) {
      const f = faceFor(role, b);
      const k = `${f.info.key}:${cp}`;
      let g = cache.get(k);
      if (!g) {
        const fg = f.font.glyphForCodePoint(cp);
        g = { face: f.info.key, gid: fg.id, advanceEm: fg.id ? fg.advanceWidth / f.font.unitsPerEm : 1 };
        cache.set(k, g);
      }
      return g;
    },
    face: (key) => [serif, bold, sans].find((f) => f.info.key === key)!.info,
    sfnt: async (key) => [serif, bold, sans].find((f) => f.info.key === key)!.sfnt,
    missing: () => [],
    substitutions: [],
    diagnostics: [],
    describe: () => [],
  };
}

/** Element of each structure node: its own or its nearest ancestor's. */
function elementOf(root: StructureNode): Map<number, string | undefined> {
  const m = new Map<number, string | undefined>();
  const walk = (n: StructureNode, e: string | undefined) => {
    const own = n.element ?? e;
    m.set(n.id, own);
    n.children.forEach((c) => walk(c, own));
  };
  walk(root, undefined);
  return m;
}

describe.each(EXAMPLES)('laid out from content/%s', (file) => {
  let paged: PagedDocument;
  let parts: Record<string, Uint8Array>;
  let faces: Face[];
  let pdf: Uint8Array;
  let kind: string | undefined;

  beforeAll(async () => {
    const sans = await loadFace('sans-500', 'noto-sans-sc-chinese-simplified-500-normal.woff2', 'noto-sans-sc');
    faces = [body, title, sans];
    const book = realBook(body, title, sans);
    const res = await compileFile(join(ROOT, 'content', file), { projectDir: ROOT, checks: false });
    expect(res.model, res.diagnostics.map((d) => d.message).join('\n')).toBeTruthy();
    paged = layoutPages(res.model!, book);
    kind = res.kind;
    const t = performance.now();
    const out = await writeOfd(paged, book, { docMeta: { issuer: res.model!.meta.issuer, number: res.model!.meta.number } });
    const ms = performance.now() - t;
    const t2 = performance.now();
    pdf = await writePdf(paged, book);
    const pdfMs = performance.now() - t2;
    // Figures for the report, not assertions (CPU is shared); each writer's first write, subsets included.
    console.log(`${file}: ${paged.pages.length} pages; OFD ${out.length} bytes in ${ms.toFixed(0)} ms, PDF ${pdf.length} bytes in ${pdfMs.toFixed(0)} ms`);
    parts = unzipSync(out);
  }, 120_000);

  it('validates every part against the Annex A schemas', () => {
    expect(validateAll(parts)).toBeGreaterThanOrEqual(4 + paged.pages.length);
  });

  it('recovers every run’s text and puts every glyph within 0.1 mm of where the layout put it', () => {
    expect(checkRuns(paged, parts, faces)).toBeGreaterThan(200);
  });

  it('tags each object with the GB/T 9704 element its item belongs to, and names every element drawn', () => {
    const element = elementOf(paged.structure);
    const tags = parseXml(strFromU8(parts['Doc_0/Tags/Gongwen.xml']));
    const pageIds = all(parseXml(strFromU8(parts['Doc_0/Document.xml'])), 'Page').map((p) => p.attrs.ID);
    // Object ID → the item it draws, by walking items and objects in the same order.
    const itemOf = new Map<string, { item: PageItem; page: string }>();
    paged.pages.forEach((page, i) => {
      const objs: El[] = [];
      const walk = (e: El) => {
        if (/Object$/.test(e.name)) objs.push(e);
        e.children.forEach(walk);
      };
      walk(parseXml(strFromU8(parts[`Doc_0/Pages/Page_${i}/Content.xml`])));
      const items = page.items.filter((it) => it.kind !== 'link' && !(it.kind === 'text' && !it.glyphs.some((g) => g.text)));
      expect(objs.map((o) => o.name.replace('Object', '').toLowerCase())).toEqual(items.map((it) => (it.kind === 'line' || it.kind === 'rect' ? 'path' : it.kind)));
      objs.forEach((o, k) => itemOf.set(o.attrs.ID, { item: items[k], page: pageIds[i] }));
    });
    const drawn = new Set<string>();
    for (const page of paged.pages) for (const it of page.items) if (it.kind !== 'link' && it.tag !== undefined && element.get(it.tag)) drawn.add(element.get(it.tag)!);
    expect(new Set(tags.children.map((t) => t.name))).toEqual(drawn);
    for (const t of tags.children) {
      for (const r of t.children) {
        const hit = itemOf.get(r.text)!;
        expect(hit.page).toBe(r.attrs.PageRef);
        expect(element.get((hit.item as { tag?: number }).tag!), `object ${r.text}`).toBe(t.name);
      }
    }
    const expected = kind === 'notice' ? ['发文机关标志', '发文字号', '标题', '主送机关', '正文', '成文日期', '页码'] : [];
    for (const e of expected) expect(drawn.has(e), e).toBe(true);
  });

  it('holds on every page the text the PDF writer’s file gives poppler, in the same order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofd-pdf-'));
    try {
      const path = join(dir, 'a.pdf');
      writeFileSync(path, pdf);
      paged.pages.forEach((_, i) => {
        const fromPdf = execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), path, '-'], { encoding: 'utf8' });
        const fromOfd = all(parseXml(strFromU8(parts[`Doc_0/Pages/Page_${i}/Content.xml`])), 'TextCode').map((t) => t.text).join('');
        expect(fromOfd.replace(/\s/g, ''), `page ${i + 1}`).toBe(fromPdf.replace(/\s/g, ''));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts every word poppler finds in the PDF within 0.1 mm of the OFD glyph that begins it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofd-pdf-'));
    try {
      const path = join(dir, 'a.pdf');
      writeFileSync(path, pdf);
      const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
      const pages = [...html.matchAll(/<page [^>]*>([\s\S]*?)<\/page>/g)].map((m) =>
        [...m[1].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
          x: Number(w[1]),
          yMin: Number(w[2]),
          yMax: Number(w[3]),
          text: unescape(w[4]),
        })),
      );
      expect(pages).toHaveLength(paged.pages.length);
      let compared = 0;
      pages.forEach((words, i) => {
        // The OFD page's glyphs, read back; poppler orders words as it reads the page, so each word
        // is looked for anywhere on the page and the nearest occurrence counts. A turned run's
        // words (a landscape page's number) have their box's corner, not their origin: left out.
        // Spaces are glyphs too (poppler starts a word at its leading spaces): matched without them,
        // the word's start is then stepped back over as many spaces as it begins with.
        const everyGlyph = all(parseXml(strFromU8(parts[`Doc_0/Pages/Page_${i}/Content.xml`])), 'TextObject').flatMap((o) =>
          readText(o, () => 0).glyphs.map((g) => ({ ...g, turned: o.attrs.CTM !== undefined })),
        );
        const glyphs = everyGlyph.map((g, at) => ({ ...g, at })).filter((g) => !/^\s+$/.test(g.code));
        const codes = glyphs.map((g) => g.code);
        for (const w of words) {
          const chars = Array.from(w.text.replace(/\s/g, ''));
          if (!chars.length) continue;
          const starts: number[] = [];
          for (let k = 0; k + chars.length <= codes.length; k++) if (chars.every((c, j) => codes[k + j] === c)) starts.push(k);
          expect(starts.length, `page ${i + 1}: "${w.text}" in the OFD`).toBeGreaterThan(0);
          // The occurrences on the word's line: an upright glyph whose baseline is inside the word's box.
          const upright = starts.filter((k) => !glyphs[k].turned && glyphs[k].y >= w.yMin * MM_PER_PT && glyphs[k].y <= w.yMax * MM_PER_PT);
          if (!upright.length) {
            expect(starts.some((k) => glyphs[k].turned), `page ${i + 1}: "${w.text}" on its line`).toBe(true);
            continue;
          }
          const lead = /^\s*/.exec(w.text)![0].length;
          const startX = (k: number) => everyGlyph[Math.max(0, glyphs[k].at - lead)].x;
          const dx = Math.min(...upright.map((k) => Math.abs(startX(k) - w.x * MM_PER_PT)));
          expect(dx, `page ${i + 1}: "${w.text}" x`).toBeLessThan(0.1);
          compared++;
        }
      });
      expect(compared).toBeGreaterThan(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rewrites byte for byte', async () => {
    const again = unzipSync(await writeOfd(paged, realBook(body, title, faces[2])));
    for (const [name, data] of Object.entries(parts)) {
      if (name === 'OFD.xml') continue;
      expect(Buffer.from(again[name]).equals(Buffer.from(data)), name).toBe(true);
    }
  });

  it('carries each seal (a picture, or the paths of an SVG seal) with its place, when the document is sealed', () => {
    const data = all(parseXml(strFromU8(parts['OFD.xml'])), 'CustomData').filter((d) => /^gongwen:seal:/.test(d.attrs.Name ?? ''));
    if (!/sealed/.test(file)) {
      expect(data).toHaveLength(0);
      return;
    }
    const tag = child(parseXml(strFromU8(parts['Doc_0/Tags/Gongwen.xml'])), '印章')!;
    expect(tag.children.length).toBeGreaterThan(0);
    // One place per seal: the sealed notice has one, the joint notice three.
    expect(data.length).toBe(file === 'sealed-notice.md' ? 1 : 3);
    expect(data[0].attrs.Name).toBe('gongwen:seal:1');
    for (const d of data) expect(d.text).toMatch(/^PageIndex=\d+;PageID=\d+;Boundary=[\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
    if (file === 'sealed-notice.md') expect(paged.pages.some((p) => p.items.some((it) => it.kind === 'image'))).toBe(true);
  });
});

// Line placement of the positioned pages on synthetic models: the grid's geometry (28
// characters in 156 mm, 22 lines in 225 mm, 3号 exactly), justification, the display-line
// breaker at real widths (the annex title that shrank a whole PDF to 97.56 %), tables whose last
// row carries its border, and many generated paragraphs (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookMetrics, layoutDocument, layoutPages, prepareLayout } from '../src/layout/index.js';
import { gridLineCount } from '../src/layout/lines/grid-lines.js';
import { gridWidthIn } from '../src/layout/measure/text-width.js';
import type { PagedDocument, TextItem } from '../src/layout/frame/types.js';
import type { Block, DocumentModel, TableBlock, TableCell } from '../src/model/types.js';
import { CHAR_PITCH_MM, LINE_PITCH_MM, PAGE, mmToPt } from '../src/profile/gbt9704.js';
import { fakeBook } from './helpers/font-book.js';
import type { FontBook } from '../src/fonts/book-types.js';

const book = fakeBook();
const LEFT = mmToPt(PAGE.leftMm);
const TOP = mmToPt(PAGE.topMm);
const RIGHT = LEFT + mmToPt(PAGE.textWidthMm);
const PITCH = mmToPt(CHAR_PITCH_MM);
const LINE = mmToPt(LINE_PITCH_MM);

const doc = (blocks: Block[], extra: Partial<DocumentModel> = {}): DocumentModel => ({
  meta: { title: 't', lang: 'zh-CN' },
  sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks }],
  appendPdfs: [],
  ...extra,
});

function lay(m: DocumentModel, b: FontBook = book): PagedDocument {
  const laid = layoutDocument(prepareLayout(m), { metrics: bookMetrics(b) });
  return layoutPages(laid.model, b);
}

/** Glyphs of the body text by line (baseline), page by page: [page][line] → glyph x and text. */
function bodyLines(d: PagedDocument, page = 0): { y: number; glyphs: { x: number; adv: number; text: string; size: number }[] }[] {
  const lines = new Map<number, { x: number; adv: number; text: string; size: number }[]>();
  for (const it of d.pages[page].items) {
    if (it.kind !== 'text' || it.rotation) continue;
    const t = it as TextItem;
    if (t.y > TOP + mmToPt(PAGE.textHeightMm)) continue; // the page number
    const key = Math.round(t.y * 1000) / 1000;
    let l = lines.get(key);
    if (!l) lines.set(key, (l = []));
    for (const g of t.glyphs) l.push({ x: t.x + g.x, adv: g.advance, text: g.text, size: t.sizePt });
  }
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([y, glyphs]) => ({ y, glyphs: glyphs.sort((a, b) => a.x - b.x) }));
}

describe('the grid', () => {
  it('sets 28 CJK characters of 3号 in 156 mm and 22 lines in 225 mm', () => {
    const text = '国'.repeat(28 * 30);
    const d = lay(doc([{ type: 'paragraph', runs: [{ text }], indent: 'none' }]));
    const lines = bodyLines(d);
    expect(lines).toHaveLength(22);
    const first = lines[0].glyphs;
    expect(first).toHaveLength(28);
    for (const g of first) expect(g.size).toBe(16);
    expect(first[0].x).toBeCloseTo(LEFT, 6);
    // The 28th character's slot ends at the block's right edge: 28 pitches = 156 mm.
    expect(first[27].x + PITCH - first[0].x).toBeCloseTo(mmToPt(156), 6);
    // 22 lines: baselines one pitch apart, the last line's box ending at 225 mm.
    expect(lines[21].y - lines[0].y).toBeCloseTo(21 * LINE, 2);
    expect(22 * LINE).toBeCloseTo(mmToPt(225), 6);
    // Baseline: the em box centred on the line, 0.88 em down (text.ts).
    expect(lines[0].y - TOP).toBeCloseTo((LINE - 16) / 2 + 0.88 * 16, 2);
    expect(d.pages.length).toBe(2);
  });

  it('indents the first line two characters and justifies every line but the last', () => {
    const text = '为推进区域特色产业高质量发展，推动2020年度ABC火炬特色产业基地创新链产业链深度融合，根据有关规定开展复核工作。';
    const d = lay(doc([{ type: 'paragraph', runs: [{ text }] }]));
    const lines = bodyLines(d);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0].glyphs[0].x).toBeCloseTo(LEFT + 2 * PITCH, 6);
    for (const l of lines.slice(0, -1)) {
      const last = l.glyphs[l.glyphs.length - 1];
      // The last glyph's slot ends at the right edge (slot = advance + the grid's spacing).
      const slot = last.text.codePointAt(0)! >= 0x2e80 ? PITCH : last.adv + PITCH - 16;
      expect(last.x + slot).toBeCloseTo(RIGHT, 4);
    }
    const tail = lines[lines.length - 1].glyphs;
    expect(tail[tail.length - 1].x + PITCH).toBeLessThan(RIGHT);
    expect(lines.map((l) => l.glyphs.map((g) => g.text).join('')).join('')).toBe(text);
  });

  it('draws a heading number in its level’s font and the text on the heading’s page', () => {
    const d = lay(doc([{ type: 'heading', level: 2, number: '（一）', runs: [{ text: '基地发展情况' }], id: 'h-1', sequence: 0 }]));
    const runs = d.pages[0].items.filter((i): i is TextItem => i.kind === 'text' && i.y < 700);
    expect(runs.every((r) => d.faces[r.face].role === 'kaiti')).toBe(true);
    expect(d.outline).toEqual([{ title: '（一）基地发展情况', page: 0, y: TOP, level: 2, children: [] }]);
  });
});

describe('display lines at the faces’ real widths', () => {
  // Figures of Noto Serif SC-like width (0.577 em: the title drew 453.6 pt at 22 pt on one line).
  const wide: FontBook = (() => {
    const b = fakeBook();
    const glyph = b.glyph.bind(b);
    return { ...b, glyph: (role, bold, cp) => (cp >= 0x30 && cp <= 0x39 ? { ...glyph(role, bold, cp), advanceEm: 0.577 } : glyph(role, bold, cp)) };
  })();
  const TITLE = '创新型产业集群发展规划（2021—2023）提纲';

  it('wraps the annex title the grid kept on one line instead of drawing it past the block', () => {
    const d = lay(doc([{ type: 'annexLabel', text: '附件' }, { type: 'title', variant: 'annex', lines: [TITLE] }]), wide);
    const runs = d.pages[0].items.filter((i): i is TextItem => i.kind === 'text' && i.sizePt === 22);
    const lines = new Map<number, TextItem[]>();
    for (const r of runs) lines.set(r.y, [...(lines.get(r.y) ?? []), r]);
    expect(lines.size).toBe(2);
    for (const [, rs] of lines) {
      const x1 = Math.min(...rs.map((r) => r.x));
      const x2 = Math.max(...rs.map((r) => r.x + r.glyphs.x(r.glyphs.length - 1) + r.glyphs.advance(r.glyphs.length - 1)));
      expect(x1).toBeGreaterThanOrEqual(LEFT - 0.01);
      expect(x2).toBeLessThanOrEqual(RIGHT + 0.01);
    }
    expect(runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('')).toBe(TITLE);
  });
});

describe('tables', () => {
  const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({ paragraphs: [[{ text }]], ...extra });
  const table = (rows: number): TableBlock => ({
    type: 'table',
    columns: [{ share: 0.15 }, { share: 0.65 }, { share: 0.2 }],
    headerRows: 1,
    size: 'list',
    repeatMergedOnBreak: true,
    rows: [[cell('序号'), cell('名称'), cell('省市')], ...Array.from({ length: rows }, (_, i) => [cell(String(i + 1)), cell(`国家火炬某某${i % 13}特色产业基地`), i % 10 === 0 ? cell('江苏', { rowSpan: 10, valign: 'middle' }) : null])],
  });

  it('repeats the head on every page, closes each page with its bottom border and leaves no page with only a border', () => {
    for (const n of [5, 24, 25, 26, 27, 60, 109]) {
      const d = lay(doc([{ type: 'table', ...table(n) } as TableBlock]));
      d.pages.forEach((p, i) => {
        const texts = p.items.filter((it): it is TextItem => it.kind === 'text');
        const words = texts.map((t) => t.glyphs.map((g) => g.text).join(''));
        expect(words.slice(0, 3), `${n} rows, page ${i + 1}`).toEqual(['序号', '名称', '省市']);
        // A body row on every page, and the page's lowest rule under its last row's text.
        expect(words.length).toBeGreaterThan(4);
        const lowestText = Math.max(...texts.filter((t) => t.y < TOP + mmToPt(PAGE.textHeightMm)).map((t) => t.y));
        const lowestRule = Math.max(...p.items.flatMap((it) => (it.kind === 'line' ? [it.y1, it.y2] : [])));
        expect(lowestRule).toBeGreaterThan(lowestText);
      });
      // Every merged 省市 shows on each page it continues on.
      const shown = d.pages.map((p) => p.items.some((it) => it.kind === 'text' && it.glyphs.map((g) => g.text).join('') === '江苏'));
      expect(shown.every(Boolean)).toBe(true);
    }
  });
});

describe('overflow', () => {
  it('reports a cell narrower than one character instead of shrinking its text', () => {
    const t: TableBlock = { type: 'table', columns: [{ share: 0.01 }, { share: 0.99 }], fixedColumns: true, headerRows: 0, size: 'list', rows: [[{ paragraphs: [[{ text: '国' }]] }, { paragraphs: [[{ text: '名称' }]] }]] };
    // Straight to layoutPages: the column allocator (prepareLayout) would widen the column to hold a character.
    const d = layoutPages(doc([t]), book);
    expect(d.overflows).toHaveLength(1);
    expect(d.overflows![0]).toMatchObject({ page: 0, text: '国' });
    expect(d.overflows![0].overPt).toBeGreaterThan(10);
    // Drawn at its size all the same.
    const g = d.pages[0].items.find((i): i is TextItem => i.kind === 'text' && i.glyphs.text(0) === '国')!;
    expect(g.sizePt).toBe(14);
  });
});

describe('generated paragraphs (fast-check)', () => {
  const piece = fc.oneof(
    fc.constantFrom('国', '家', '火', '炬', '特', '色', '产', '业', '基', '地', '，', '。', '、', '“', '”', '（', '）', '《', '》', '—'),
    fc.constantFrom('2021', 'ABC', 'MEMS', '%', 'https://example.cn', '3.5', ' '),
  );
  const para = fc.array(piece, { minLength: 1, maxLength: 200 }).map((a) => a.join(''));

  it('places each line on the lines the paginator counted, inside the block, the text given back in order', () => {
    fc.assert(
      fc.property(fc.array(para, { minLength: 1, maxLength: 6 }), fc.boolean(), (texts, flush) => {
        const blocks: Block[] = texts.map((t) => ({ type: 'paragraph', runs: [{ text: t }], ...(flush ? { indent: 'none' as const } : {}) }));
        const d = lay(doc(blocks));
        const widthOf = gridWidthIn(bookMetrics(book).fangsong);
        const counted = texts.reduce((a, t) => a + gridLineCount(t, 28, flush ? 0 : 2, widthOf), 0);
        let drawn = 0;
        let got = '';
        d.pages.forEach((_, i) => {
          const lines = bodyLines(d, i);
          drawn += lines.length;
          for (const l of lines) {
            for (const g of l.glyphs) {
              expect(g.x).toBeGreaterThanOrEqual(LEFT - 1e-6);
              // A glyph's slot: its advance plus the grid's (negative) letter-spacing.
              expect(g.x + g.adv + PITCH - 16).toBeLessThanOrEqual(RIGHT + 1e-6);
            }
            got += l.glyphs.map((g) => g.text).join('');
          }
        });
        // Empty-looking lines (a line of spaces) still count: compare text, and the line count at least.
        expect(got.replace(/ /g, '')).toBe(texts.join('').replace(/ /g, ''));
        expect(drawn).toBeLessThanOrEqual(counted);
        expect(d.pages.length).toBe(Math.max(1, Math.ceil(counted / 22)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('pages around the content', () => {
  const imprint = { cc: '各省、自治区、计划单列市科技厅（局）。', printer: '科学技术部火炬高技术产业开发中心办公室', printed: '2020年11月9日' };
  /** A body of `lines` full lines. */
  const body = (lines: number): Block[] => [{ type: 'paragraph', indent: 'none', runs: [{ text: '国'.repeat(28 * lines) }] }];
  const texts = (d: PagedDocument, i: number) => d.pages[i].items.filter((it): it is TextItem => it.kind === 'text').map((t) => t.glyphs.map((g) => g.text).join(''));

  it('puts the 版记 at the foot of an even page: the same page, the next one, or after a blank page', () => {
    // 30 lines: page 2 has room → same page; 10 lines: page 1 odd → next page; 44 lines: page 2 full → blank, then page 4.
    for (const [lines, pages, at, numbered] of [
      [30, 2, 1, true],
      [10, 2, 1, true],
      [44, 4, 3, false],
    ] as const) {
      const d = lay(doc(body(lines), { imprint }));
      expect(d.pages.length, `${lines} lines`).toBe(pages);
      const words = texts(d, at);
      expect(words).toContain('抄送：');
      expect(words).toContain('2020年11月9日印发');
      // Its last rule ends on the text block's foot.
      const lowest = Math.max(...d.pages[at].items.flatMap((it) => (it.kind === 'line' ? [it.y1 + it.widthPt / 2] : [])));
      expect(lowest).toBeCloseTo(TOP + mmToPt(PAGE.textHeightMm), 3);
      expect(d.pages[at].number !== undefined).toBe(numbered);
      if (pages === 4) {
        expect(d.pages[2].blank).toBe(true);
        expect(d.pages[2].items).toEqual([]);
        expect(d.pages[2].number).toBeUndefined();
      }
      const byId = new Map<number, string | undefined>();
      const walk = (n: PagedDocument['structure']) => (byId.set(n.id, n.element), n.children.forEach(walk));
      walk(d.structure);
      const elements = new Set(d.pages[at].items.flatMap((it) => (it.kind === 'text' && it.tag !== undefined ? [byId.get(it.tag)] : [])));
      for (const e of ['抄送机关', '印发机关', '印发日期']) expect(elements).toContain(e);
    }
  });

  it('leaves numbered pages for attached PDFs between the content and the 版记', () => {
    const d = layoutPages(layoutDocument(prepareLayout(doc(body(10), { imprint })), { metrics: bookMetrics(book), pagesBetween: 3 }).model, book, { attached: [{ path: '/p/a.pdf', pages: 3 }] });
    // Content on page 1, the attached PDF's pages 2–4 numbered on; the 版记 never shares a page
    // with an attached one, so it stands on the next even page after a blank one.
    expect(d.pages[1].attached).toEqual({ path: '/p/a.pdf', page: 1 });
    expect(d.pages[3].attached).toEqual({ path: '/p/a.pdf', page: 3 });
    expect(d.pages.slice(1, 4).map((p) => p.number)).toEqual(['2', '3', '4']);
    const last = d.pages[d.pages.length - 1];
    expect((d.pages.length) % 2).toBe(0);
    expect(last.items.some((it) => it.kind === 'text' && it.glyphs.map((g) => g.text).join('') === '抄送：')).toBe(true);
  });

  it('puts a blank unnumbered page before a body that would start on a left-hand page', () => {
    const m: DocumentModel = {
      meta: { title: 't', lang: 'zh-CN' },
      appendPdfs: [],
      sections: [
        { orientation: 'portrait', pageNumbers: false, part: 'cover', blocks: [{ type: 'cover', title: ['规划'], author: '某某', date: '2021年3月20日' }] },
        { orientation: 'portrait', pageNumbers: true, part: 'body', blocks: body(5) },
      ],
    };
    const d = lay(m);
    expect(d.pages.length).toBe(3);
    expect(d.pages[0].number).toBeUndefined();
    expect(d.pages[1].blank).toBe(true);
    expect(d.pages[2].number).toBe('1');
    expect(texts(d, 0)).toEqual(['规划', '某某', '2021年3月20日']);
  });
});

describe('pictures', () => {
  it('draws an SVG seal from its paths in the seal box the signature layout gives, tagged 印章', () => {
    const square = { ops: [{ op: 'M', x: 0, y: 0 }, { op: 'L', x: 100, y: 0 }, { op: 'L', x: 100, y: 100 }, { op: 'L', x: 0, y: 100 }, { op: 'Z' }], transform: [1, 0, 0, 1, 0, 0], fill: 'FF0000' };
    const seal = { format: 'svg', bytes: new Uint8Array(), path: 'seals/a.svg', width: 100, height: 100, sha256: 'x', vector: { viewBox: [0, 0, 100, 100], paths: [square] } };
    const m = doc([
      { type: 'paragraph', runs: [{ text: '正文。' }] },
      { type: 'signature', names: ['示例市科学技术局'], date: '2026年11月20日', seal: { sizeMm: 42, images: [seal as never] } },
    ]);
    const d = lay(m);
    const paths = d.pages[0].items.filter((it) => it.kind === 'path');
    expect(paths).toHaveLength(1);
    const p = paths[0];
    if (p.kind !== 'path') throw new Error('no path');
    const [a, , , dd, e, f] = p.transform;
    // 100 units across are 42 mm; the box lies inside the text block.
    expect(a * 100).toBeCloseTo(mmToPt(42), 3);
    expect(dd * 100).toBeCloseTo(mmToPt(42), 3);
    expect(e).toBeGreaterThanOrEqual(LEFT);
    expect(e + a * 100).toBeLessThanOrEqual(RIGHT);
    expect(f).toBeGreaterThan(TOP);
    const find = (n: PagedDocument['structure']): PagedDocument['structure'] | undefined => (n.id === p.tag ? n : n.children.map(find).find(Boolean));
    expect(find(d.structure)).toMatchObject({ role: 'Figure', element: '印章', alt: 'seals/a.svg' });
    // The seal is drawn after (over) the 署名 and 日期.
    const items = d.pages[0].items;
    const nameAt = items.findIndex((it) => it.kind === 'text' && it.glyphs.map((g) => g.text).join('') === '示例市科学技术局');
    expect(items.indexOf(p)).toBeGreaterThan(nameAt);
  });
});

describe('runs', () => {
  it('draws a bold run from the bold face, a run in its own role, and a link as an area over its glyphs', () => {
    const d = lay(doc([{ type: 'paragraph', runs: [{ text: '详见' }, { text: '平台', bold: true }, { text: '网址', role: 'heiti' }, { text: 'https://tyrz.example.cn', link: 'https://tyrz.example.cn' }, { text: '。' }] }]));
    const runs = d.pages[0].items.filter((i): i is TextItem => i.kind === 'text' && i.y < TOP + 100);
    const faceOf = (t: string) => d.faces[runs.find((r) => r.glyphs.map((g) => g.text).join('').includes(t))!.face];
    expect(faceOf('平台').key).toBe('fangsong-bold');
    expect(faceOf('网址').role).toBe('heiti');
    const link = d.pages[0].items.find((i) => i.kind === 'link');
    expect(link).toMatchObject({ kind: 'link', uri: 'https://tyrz.example.cn' });
    if (link?.kind !== 'link') throw new Error('no link');
    const h = runs.flatMap((r) => r.glyphs.filter((g) => g.text === 'h').map((g) => r.x + g.x));
    expect(link.x).toBeCloseTo(h[0], 6);
    expect(link.w).toBeGreaterThan(0);
  });
});

describe('generated documents (fast-check)', () => {
  const text = fc.array(fc.constantFrom('国', '家', '火', '炬', '，', '。', '（', '）', '2021', 'MEMS', '%', '“', '”', '—', ' ', '\n'), { minLength: 1, maxLength: 120 }).map((a) => a.join('').replace(/^\n+|\n+$/g, '') || '文');
  const line = fc.array(fc.constantFrom('国', '家', '火', '炬', '规', '划', '（', '）', '2021', '—'), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
  let id = 0;
  const block: fc.Arbitrary<Block> = fc.oneof(
    text.map((t) => ({ type: 'paragraph', runs: [{ text: t }] }) as Block),
    fc.tuple(text, fc.constantFrom('left', 'center', 'right', 'justify'), fc.constantFrom('first', 'none')).map(([t, align, indent]) => ({ type: 'paragraph', runs: [{ text: t }], align, indent }) as Block),
    fc.tuple(line, fc.constantFrom(1, 2, 3, 4)).map(([t, level]) => ({ type: 'heading', level, number: ['', '一、', '（一）', '1.', '（1）'][level], runs: [{ text: t }], id: `h-${id++}`, sequence: 0 }) as Block),
    line.map((t) => ({ type: 'recipients', text: `${t}：` }) as Block),
    fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => ({ type: 'attachmentNote', items }) as Block),
    fc.array(line.map((l) => l.slice(0, 12)), { minLength: 0, maxLength: 2 }).map((names) => ({ type: 'signature', names, date: '2020年11月6日' }) as Block),
    line.map((t) => ({ type: 'note', text: `（${t}）` }) as Block),
    line.map((t) => ({ type: 'title', variant: 'annex', lines: [t] }) as Block),
    fc.constant({ type: 'annexLabel', text: '附件' } as Block),
    fc.constant({ type: 'pageBreak' } as Block),
    fc.tuple(fc.integer({ min: 1, max: 40 }), line).map(([rows, t]) => ({ type: 'table', columns: [{ share: 0.2 }, { share: 0.8 }], headerRows: 1, size: 'list', caption: t, rows: [[{ paragraphs: [[{ text: '序号' }]] }, { paragraphs: [[{ text: '名称' }]] }], ...Array.from({ length: rows }, (_, r) => [{ paragraphs: [[{ text: String(r + 1) }]] }, { paragraphs: [[{ text: t }]] }])] }) as Block),
  );

  it('lays out any sequence of blocks on the pages its facts count, everything inside the text block', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 14 }), fc.boolean(), (blocks, withImprint) => {
        const m = doc(blocks, withImprint ? { imprint: { cc: '各单位。', printer: '办公室', printed: '2020年11月9日' } } : {});
        const laid = layoutDocument(prepareLayout(m), { metrics: bookMetrics(book) });
        const d = layoutPages(laid.model, book);
        expect(d.pages.length).toBe(laid.facts.pages);
        d.pages.forEach((p) => {
          for (const it of p.items) {
            if (it.kind !== 'text' || it.y > TOP + mmToPt(PAGE.textHeightMm)) continue;
            for (const g of it.glyphs) {
              expect(it.x + g.x).toBeGreaterThanOrEqual(LEFT - 0.01);
              expect(it.x + g.x + g.advance).toBeLessThanOrEqual(RIGHT + 0.25);
              expect(it.y - 0.88 * it.sizePt).toBeGreaterThanOrEqual(TOP - 0.01);
            }
          }
        });
      }),
      { numRuns: Number(process.env.FRAME_RUNS ?? 120), seed: Number(process.env.FRAME_SEED ?? 19) },
    );
  });
});

describe('contents', () => {
  it('wraps a long entry, the leader and page number on its last line, every character drawn', () => {
    const long = '集群公共服务能力状况与创新创业活动情况以及下一步工作安排和保障措施';
    const m: DocumentModel = {
      meta: { title: 't', lang: 'zh-CN' },
      appendPdfs: [],
      sections: [
        { orientation: 'portrait', pageNumbers: false, part: 'toc', blocks: [{ type: 'toc', title: '目录', depth: 2 }] },
        {
          orientation: 'portrait',
          pageNumbers: true,
          part: 'body',
          blocks: [
            { type: 'heading', level: 1, number: '一、', runs: [{ text: '短标题' }], id: 'h-1', sequence: 0 },
            { type: 'heading', level: 2, number: '（一）', runs: [{ text: long }], id: 'h-2', sequence: 0 },
          ],
        },
      ],
    };
    const d = lay(m);
    const toc = d.pages[0].items.filter((i): i is TextItem => i.kind === 'text' && i.sizePt === 16);
    const text = toc.map((t) => t.glyphs.map((g) => g.text).join(''));
    expect(text.join('')).toBe(`一、短标题1（一）${long}1`);
    const leaders = d.pages[0].items.filter((i) => i.kind === 'line' && i.dash);
    expect(leaders).toHaveLength(2);
    // The long entry takes two lines; its number stands on the second, at the right edge.
    const ys = [...new Set(toc.map((t) => t.y))];
    expect(ys).toHaveLength(3);
    expect(d.overflows).toBeUndefined();
  });
});

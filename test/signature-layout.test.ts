// The sealed signature block's geometry (GB/T 9704 §7.3.5.1), as a pure function: fast, many cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutSealedSignature, sealSpecs, type SignatureLayout } from '../src/layout/measure/signature.js';
import { gridWidth } from '../src/layout/measure/text-width.js';
import { CHAR_PITCH_MM, GRID, LINE_PITCH_MM, SEAL } from '../src/profile/gbt9704.js';

const W = GRID.charsPerLine;
const EPS = 1e-6;
const centreX = (b: SignatureLayout['seals'][number]) => b.left + b.width / 2;
const centreY = (b: SignatureLayout['seals'][number]) => b.top + b.height / 2;

/** Every rule of §7.3.5.1 the layout must keep, for any names, date and seal sizes. */
function expectSealedForm(lay: SignatureLayout, names: string[], date: string): void {
  const d = gridWidth(date);
  // 成文日期 four 字 in from the right.
  expect(lay.date.right).toBeCloseTo(W - SEAL.dateRightChars, 6);
  expect(lay.date.left).toBeCloseTo(W - SEAL.dateRightChars - d, 6);
  const dateCentre = lay.date.left + d / 2;
  const last = lay.seals[lay.seals.length - 1];
  // The last seal centred over the last name and the date, the pair a little below its centre.
  expect(centreX(last)).toBeCloseTo(dateCentre, 6);
  const pairCentre = lay.date.line; // the line between the last name and the date
  expect(pairCentre - centreY(last)).toBeCloseTo(SEAL.belowCentreLines, 6);
  if (names.length) {
    const lastRow = lay.rows[lay.rows.length - 1];
    expect(lastRow.line).toBe(lay.date.line - 1);
    expect(lastRow.names[lastRow.names.length - 1].text).toBe(names[names.length - 1]);
    // Names in order, each under its seal (centred on it unless that would pass the text block's edge).
    const flat = lay.rows.flatMap((r) => r.names);
    expect(flat.map((n) => n.text)).toEqual(names);
    flat.forEach((n, i) => {
      const w = gridWidth(n.text);
      expect(n.centre - w / 2).toBeGreaterThanOrEqual(-EPS);
      expect(n.centre + w / 2).toBeLessThanOrEqual(W + EPS);
      if (w <= lay.seals[i].width) expect(n.centre).toBeCloseTo(centreX(lay.seals[i]), 6);
    });
    // Names side by side do not touch.
    for (const r of lay.rows) {
      for (let i = 1; i < r.names.length; i++) {
        const a = r.names[i - 1];
        const b = r.names[i];
        expect(b.centre - gridWidth(b.text) / 2 - (a.centre + gridWidth(a.text) / 2)).toBeGreaterThanOrEqual(SEAL.nameGapChars - EPS);
      }
    }
  }
  // The first row's top within one line of the body, and not over it.
  const firstTop = Math.min(...lay.seals.map((s) => s.top));
  expect(firstTop).toBeGreaterThanOrEqual(-EPS);
  expect(firstTop).toBeLessThanOrEqual(1 + EPS);
  // Seals inside the text block's edges, and inside the block's lines.
  for (const s of lay.seals) {
    expect(s.left).toBeGreaterThanOrEqual(-EPS);
    expect(s.left + s.width).toBeLessThanOrEqual(W + EPS);
    expect(s.top + s.height).toBeLessThanOrEqual(lay.lines + EPS);
  }
  expect(lay.date.line + 1).toBeLessThanOrEqual(lay.lines);
  // Seals neither touch nor overlap: at least SEAL.gapMm apart on one axis.
  for (let i = 0; i < lay.seals.length; i++) {
    for (let j = i + 1; j < lay.seals.length; j++) {
      const a = lay.seals[i];
      const b = lay.seals[j];
      const gapX = Math.max(b.left - (a.left + a.width), a.left - (b.left + b.width)) * CHAR_PITCH_MM;
      const gapY = Math.max(b.top - (a.top + a.height), a.top - (b.top + b.height)) * LINE_PITCH_MM;
      expect(Math.max(gapX, gapY)).toBeGreaterThanOrEqual(SEAL.gapMm - 1e-6);
    }
  }
  // Tidy rows: the seals of a row share their centre line, one line per row.
  const middles = [...new Set(lay.seals.map((s) => +centreY(s).toFixed(6)))];
  expect(middles.length).toBe(Math.max(1, lay.rows.length));
}

describe('one office, 42 mm (the default)', () => {
  const date = '2020年11月6日';
  const lay = layoutSealedSignature(['科技部火炬中心'], date, sealSpecs(1, SEAL.defaultSizeMm));

  it('keeps §7.3.5.1', () => expectSealedForm(lay, ['科技部火炬中心'], date));

  it('puts the name on line 2 and the date on line 3; the seal 0.45 line below the body; 5 lines in all', () => {
    expect(lay.rows).toEqual([{ line: 2, names: [{ text: '科技部火炬中心', centre: W - 4 - gridWidth(date) / 2 }] }]);
    expect(lay.date.line).toBe(3);
    expect(lay.seals[0].top).toBeCloseTo(2.5 - 42 / LINE_PITCH_MM / 2, 6);
    expect(lay.seals[0].width * CHAR_PITCH_MM).toBeCloseTo(42, 6);
    expect(lay.lines).toBe(5);
  });

  it('with no name (signed by the header only) still seals the date', () => {
    const l = layoutSealedSignature([], date, sealSpecs(0, 42));
    expect(l.rows).toEqual([]);
    expectSealedForm(l, [], date);
  });
});

describe('three offices jointly', () => {
  const date = '2021年3月8日';
  it('short names: one row of three, the last over the date', () => {
    const names = ['甲市科技局', '乙市财政局', '丙市工信局'];
    const lay = layoutSealedSignature(names, date, sealSpecs(3, 42));
    expectSealedForm(lay, names, date);
    expect(lay.rows.length).toBe(1);
    expect(lay.rows[0].names.map((n) => n.text)).toEqual(names);
  });

  it('long names: one office a row, rows whole lines apart, the lead office first', () => {
    const names = ['科学技术部火炬高技术产业开发中心', '国家发展和改革委员会高技术产业司', '工业和信息化部中小企业局'];
    const lay = layoutSealedSignature(names, date, sealSpecs(3, 42));
    expectSealedForm(lay, names, date);
    expect(lay.rows.map((r) => r.names.length)).toEqual([1, 1, 1]);
    expect(lay.rows.map((r) => r.line)).toEqual([2, 7, 12]);
    expect(lay.lines).toBeLessThanOrEqual(GRID.linesPerPage - 1);
  });
});

describe('any names, dates and seal sizes', () => {
  const name = fc.stringMatching(/^[\u4e00-\u4e2f]{2,16}$/);
  const date = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${y}年${m}月${d}日`);
  it('keep §7.3.5.1 (1–6 offices, 20–60 mm, round and oval seals)', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), date, fc.integer({ min: SEAL.minSizeMm, max: SEAL.maxSizeMm }), fc.array(fc.double({ min: 0.8, max: 1.25, noNaN: true }), { minLength: 6, maxLength: 6 }), (names, dt, size, ratios) => {
        const lay = layoutSealedSignature(names, dt, sealSpecs(names.length, size, ratios));
        expectSealedForm(lay, names, dt);
      }),
      { numRuns: 400 },
    );
  });

  it('one office of any allowed size takes at most 9 lines, so it always fits beside a body line', () => {
    for (let size = SEAL.minSizeMm; size <= SEAL.maxSizeMm; size++) {
      const lay = layoutSealedSignature(['示例市科学技术局'], '2026年12月31日', sealSpecs(1, size));
      expect(lay.lines).toBeLessThanOrEqual(9);
      expectSealedForm(lay, ['示例市科学技术局'], '2026年12月31日');
    }
  });
});

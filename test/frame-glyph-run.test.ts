// A text run's glyphs in columns (src/layout/frame/glyph-run.ts): what goes in comes out, the
// same doubles and texts, however the runs fall across the writer's blocks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlyphWriter, glyphRun } from '../src/layout/frame/glyph-run.js';
import type { PlacedGlyph } from '../src/layout/frame/types.js';

const glyph = fc.record({
  gid: fc.integer({ min: 0, max: 0xffff }),
  x: fc.double({ noNaN: true, noDefaultInfinity: true }),
  advance: fc.double({ noNaN: true, noDefaultInfinity: true }),
  text: fc.oneof(fc.constant(''), fc.constantFrom('国', '一一', '\u{20000}', 'A', ' ')),
});

describe('GlyphRun', () => {
  it('gives back every glyph of every run, in order, across blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.array(glyph, { maxLength: 700 }), { minLength: 1, maxLength: 12 }), (runs) => {
        const w = new GlyphWriter();
        const made = runs.map((gs) => {
          for (const g of gs) w.push(g.gid, g.x, g.advance, g.text);
          return w.end();
        });
        made.forEach((r, k) => {
          const gs = runs[k];
          expect(r.length).toBe(gs.length);
          expect([...r]).toEqual(gs);
          expect(r.chars).toBe(gs.map((g) => g.text).join(''));
          gs.forEach((g, i) => {
            expect(Object.is(r.x(i), g.x)).toBe(true);
            expect(Object.is(r.advance(i), g.advance)).toBe(true);
            expect(r.gid(i)).toBe(g.gid);
            expect(r.text(i)).toBe(g.text);
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  it('reads as a list: at (from either end), map, filter, some', () => {
    const gs: PlacedGlyph[] = [
      { gid: 3, x: 0, advance: 16, text: '国' },
      { gid: 0, x: 16, advance: 16, text: '' },
      { gid: 9, x: 32.125, advance: 8, text: 'A' },
    ];
    const r = glyphRun(gs);
    expect(r.at(0)).toEqual(gs[0]);
    expect(r.at(-1)).toEqual(gs[2]);
    expect(r.at(3)).toBeUndefined();
    expect(r.at(-4)).toBeUndefined();
    expect(r.map((g) => g.gid)).toEqual([3, 0, 9]);
    expect(r.filter((g) => g.text !== '')).toEqual([gs[0], gs[2]]);
    expect(r.some((g) => g.gid === 0)).toBe(true);
    expect(glyphRun([]).length).toBe(0);
    expect(glyphRun([]).chars).toBe('');
  });

  it('keeps a run that outgrows its block whole', () => {
    const w = new GlyphWriter();
    for (let i = 0; i < 300; i++) w.push(1, i, 1, 'a');
    w.end();
    // This run starts in the first block and moves, glyphs and all, to a bigger one.
    for (let i = 0; i < 5000; i++) w.push(i % 7, i * 0.5, 2, i % 2 ? '二' : '');
    const r = w.end();
    expect(r.length).toBe(5000);
    expect(r.x(4999)).toBe(4999 * 0.5);
    expect(r.gid(4999)).toBe(4999 % 7);
    expect(r.text(4999)).toBe('二');
    expect(r.text(4998)).toBe('');
    expect(r.chars).toBe('二'.repeat(2500));
  });
});

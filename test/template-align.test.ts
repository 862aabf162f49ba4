// Template output traced back to the template, character by character (template/align.ts):
// literals to their columns, values to the field that produced them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignLine } from '../src/template/align.js';
import { compileTemplateMapped, valuesOf } from '../src/template/engine.js';

/** For each output character: "L<column>" (a literal's template column, 1-based) or "V<field>". */
function origins(template: string, output: string, values?: Record<string, string>): string[] {
  const pieces = alignLine(template, output, values && valuesOf(values));
  return [...output].map((_, i) => {
    const p = pieces.find((x) => i >= x.from && i < x.to)!;
    return p.value !== undefined ? `V${p.value}` : `L${p.at + i - p.from + 1}`;
  });
}

describe('alignLine', () => {
  it('maps literals to their columns and a value to its field', () => {
    expect(origins('请{{名称}}报送。', '请甲乙报送。')).toEqual(['L1', 'V名称', 'V名称', 'L8', 'L9', 'L10']);
  });
  it('a value that repeats the text after it is exact with the values, and anchored at the end without', () => {
    expect(origins('甲{{x}}乙', '甲乙乙乙', { x: '乙乙' })).toEqual(['L1', 'Vx', 'Vx', 'L7']);
    expect(origins('甲{{x}}乙', '甲乙乙乙')).toEqual(['L1', 'Vx', 'Vx', 'L7']);
  });
  it('two values side by side without their values are one stretch of no one field', () => {
    expect(origins('{{a}}{{b}}。', '甲乙。')).toEqual(['V', 'V', 'L11']);
    expect(origins('{{a}}{{b}}。', '甲乙。', { a: '甲', b: '乙' })).toEqual(['Va', 'Vb', 'L11']);
  });
  it('property: a line of literals and {{fields}} maps every character exactly, given the values', () => {
    const word = fc.constantFrom('甲', '乙', '丙', '，', 'a', ' ');
    const text = fc.array(word, { maxLength: 4 }).map((w) => w.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 4 }), text, (pairs, tail) => {
        const values: Record<string, string> = {};
        let template = '';
        let output = '';
        const want: string[] = [];
        pairs.forEach(([lit, value], k) => {
          [...lit].forEach((_, i) => want.push(`L${template.length + i + 1}`));
          template += lit + `{{f${k}}}`;
          output += lit + value;
          values[`f${k}`] = value;
          for (const _ of value) want.push(`Vf${k}`);
        });
        [...tail].forEach((_, i) => want.push(`L${template.length + i + 1}`));
        template += tail;
        output += tail;
        expect(origins(template, output, values)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});

describe('compileTemplateMapped', () => {
  it('traces each output line to its template line, and values through a loop', () => {
    const fn = compileTemplateMapped('标题\n{{#each items}}\n- {{this}}，{{../who}}\n{{/each}}\n完', 't.hbs', 10);
    const out = fn({ items: ['甲', '乙'], who: '丙' });
    expect(out.text).toBe('标题\n- 甲，丙\n- 乙，丙\n完');
    expect([1, 2, 3, 4].map((n) => out.lineAt(n))).toEqual([10, 12, 12, 14]);
    const at = out.originOf(3, '- 乙，丙');
    expect([0, 2, 3, 4].map((i) => at(i))).toEqual([
      { file: 't.hbs', line: 12, column: 1 },
      { file: 't.hbs', line: 12, column: 3, value: '' },
      { file: 't.hbs', line: 12, column: 11 },
      { file: 't.hbs', line: 12, column: 12, value: '' },
    ]);
  });
});

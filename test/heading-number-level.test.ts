// A heading never shows two numbers: whatever number the author typed (any level's style,
// standard or the common wrong forms), gongwen strips it and draws its own; a number of
// another level's style says which level it belongs to (heading-number-level).
import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../src/diagnostics/diagnostic.js';
import { markdownToBlocks } from '../src/model/markdown.js';
import { LevelCounter } from '../src/model/numbering.js';
import type { HeadingBlock, ParagraphBlock } from '../src/model/types.js';
import { rules, runChecks } from '../src/checks/index.js';
import { documentSegments } from '../src/checks/document-text.js';
import { makeSource, model } from './fixtures/checks-source.js';

const TYPED: Record<number, string[]> = {
  1: ['一、', '一.', '一．', '一，'],
  2: ['（一）', '(一)', '（一）、', '（一）.'],
  3: ['1.', '1、', '1．'],
  4: ['（1）', '(1)', '（1）、'],
};
const ANY_NUMBER = /^\s*(?:[一二三四五六七八九十]+\s*[、.．，]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,3}\s*[.．、])/;

/** The blocks the parser makes, and what the heading-number-level rule says about them. */
function parse(md: string) {
  const bag = new DiagnosticBag('t.md');
  const blocks = markdownToBlocks(md, { file: 't.md', firstLine: 1, bag, sequence: 0, counter: new LevelCounter(), ids: { next: 0 } });
  const rule = rules.filter((r) => r.id === 'heading-number-level');
  const diags = runChecks({ source: makeSource(md, 't.md'), kind: 'notice', config: { rules: {} }, body: documentSegments(model(blocks)) }, rule);
  return { blocks, diags: [...bag.items, ...diags] };
}

describe('typed heading numbers', () => {
  for (const level of [1, 2, 3, 4]) {
    for (const typedLevel of [1, 2, 3, 4]) {
      for (const typed of TYPED[typedLevel]) {
        for (const space of ['', ' ']) {
          it(`level ${level} heading typed "${typed}${space}" shows one number`, () => {
            const parents = Array.from({ length: level - 1 }, (_, i) => `${'#'.repeat(i + 1)} 上级\n`).join('\n');
            const md = `${parents}\n${"#".repeat(level)} ${typed}${space}发展定位\n`;
            const { blocks, diags } = parse(md);
            const h = blocks.filter((b): b is HeadingBlock => b.type === 'heading').at(-1)!;
            const text = h.runs.map((r) => r.text).join('');
            expect(text).toBe('发展定位');
            expect(h.number).not.toBe('');
            expect(ANY_NUMBER.test(text)).toBe(false);
            const lvl = diags.filter((d) => d.ruleId === 'heading-number-level');
            if (typedLevel === level) expect(lvl).toEqual([]);
            else {
              expect(lvl).toHaveLength(1);
              expect(lvl[0].message).toContain(`「${typed.trim()}」是第${'一二三四'[typedLevel - 1]}层`);
              expect(lvl[0].message).toContain(`改用 ${'#'.repeat(typedLevel)} 标题`);
              expect(lvl[0].line).toBe(md.split("\n").findIndex((l) => l.includes("发展定位")) + 1);
            }
          });
        }
      }
    }
  }

  it('the Shanxi notice: ## 1、发展定位 says 1、 belongs to the third level', () => {
    const { blocks, diags } = parse('# 一、总体要求\n\n## 1、发展定位\n');
    const h = blocks[1] as HeadingBlock;
    expect(h.number + h.runs[0].text).toBe('（一）发展定位');
    expect(diags.map((d) => `${d.line} ${d.ruleId}: ${d.message}`)).toEqual([
      '3 heading-number-level: 「1、」是第三层「1.」的序号，这里是第二层标题（##）：改用 ### 标题，或删去「1、」由 gongwen 编号',
    ]);
  });

  it('numbered list items never show two numbers either', () => {
    const { blocks } = parse('## 标题\n\n1. （1）甲项\n2. 乙项\n');
    const items = blocks.filter((b): b is ParagraphBlock => b.type === 'paragraph');
    expect(items.map((p) => p.number + p.runs[0].text)).toEqual(['1.甲项', '2.乙项']);
  });

  it('text that only starts with digits is not a number', () => {
    const { blocks, diags } = parse('## 10 项措施\n\n## 5G 网络\n\n## 2023年工作\n');
    expect(blocks.map((b) => (b as HeadingBlock).runs[0].text)).toEqual(['10 项措施', '5G 网络', '2023年工作']);
    expect(diags.filter((d) => d.ruleId === 'heading-number-level')).toEqual([]);
  });
});

// Positions of the text rules' findings in Markdown: the parser locates every character of the
// model's text in the file (model/sources.ts), past inline syntax, escapes, list markers, quotes,
// headings, table pipes and astral characters, so a finding points at the character itself.
// The model itself carries no positions: documents that differ only in where they came from
// are the same model (the PDF's /ID hashes it).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rules, runChecks } from '../src/checks/index.js';
import { makeSource } from './fixtures/checks-source.js';

const halfwidth = rules.filter((r) => r.id === 'punct-halfwidth');
const lint = (text: string) => runChecks({ source: makeSource(text), kind: 'notice', config: { rules: {} } }, halfwidth);

/** 1-based line and column (code points) of UTF-16 index `i` of `text`. */
function where(text: string, i: number): string {
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  const col = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return `${line}:${col}`;
}

describe('positions in Markdown', () => {
  it('a half-width comma is found at its own line and column, whatever Markdown surrounds it', () => {
    const piece = fc.constantFrom('创新', '发展', '**重点**', '*强调*', '`a(b)`', '[网站](https://x.cn)', '\\*', '𠀀字', ' ', '（一）', '\n', '～');
    const prefix = fc.constantFrom('', '# ', '## ', '- ', '1. ', '> ', '   ', '| 甲 | ');
    fc.assert(
      fc.property(prefix, fc.array(piece, { maxLength: 12 }), fc.nat(), (pre, pieces, k) => {
        const at = k % (pieces.length + 1);
        const parts = [...pieces.slice(0, at), '甲,', ...pieces.slice(at)];
        let text = pre + parts.join('');
        if (pre.startsWith('|')) text = text.split('\n')[0] + ' |\n|---|---|\n';
        const comma = text.indexOf(',');
        if (comma < 0) return; // a table keeps its first line only
        if (/(^|\n[ \t]*\n)[ \t]*( {4}|\t)/.test(text)) return; // indented code is not judged
        // Nor is indented code inside a list item or a quote: five spaces after "1." or ">" are
        // the item's one space and a code block's four ("1.     甲," holds no text to check).
        if (/^(?:[-*+]|\d+[.)]|>)( {5,}| *\t)/.test(text)) return;
        const found = lint(text + '\n').map((d) => `${d.line}:${d.column}`);
        expect(found, JSON.stringify(text)).toEqual([where(text, comma)]);
      }),
      { numRuns: 400 },
    );
  });

  it('table cells, nested list markers and continuation lines', () => {
    const text = '| 名称 | 说明 |\n|---|---|\n| 甲 | 乙,丙 |\n| 丁\\|戊 | 己,庚 |\n\n1. 甲\n   1. 子一,二\n\n段落第一行\n  第二行,有逗号\n';
    expect(lint(text).map((d) => `${d.line}:${d.column}`)).toEqual(['3:8', '4:11', '7:9', '10:6']);
  });

  it('fixes point at the content file only, on one line', () => {
    const ds = lint('**创新**,发展\n');
    expect(ds[0]).toMatchObject({ line: 1, column: 7, fix: { line: 1, column: 7, endLine: 1, endColumn: 8, text: '，' } });
  });
});

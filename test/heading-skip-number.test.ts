// Issue 21: `###` right under `#` is not printed "三、…" then "1.…" as if a level had been
// written: the heading is numbered and set at the level below the one open, （一）, in the model
// both outputs draw (DOCX: its style and numbering level); the heading-skip check still warns.
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { DiagnosticBag } from '../src/diagnostics/diagnostic.js';
import { markdownToBlocks } from '../src/model/markdown.js';
import { LevelCounter, effectiveLevel } from '../src/model/numbering.js';
import type { Block, DocumentModel, HeadingBlock } from '../src/model/types.js';
import { rules, runChecks } from '../src/checks/index.js';
import { documentSegments } from '../src/checks/document-text.js';
import { makeSource, model } from './fixtures/checks-source.js';
import { renderDocx } from '../src/write/docx/index.js';
import { prepareLayout } from '../src/layout/index.js';

function parse(md: string) {
  const bag = new DiagnosticBag('t.md');
  const blocks = markdownToBlocks(md, { file: 't.md', firstLine: 1, bag, sequence: 0, counter: new LevelCounter(), ids: { next: 0 } });
  const diags = runChecks({ source: makeSource(md, 't.md'), kind: 'notice', config: { rules: {} }, body: documentSegments(model(blocks)) }, rules.filter((r) => r.id === 'heading-skip'));
  const headings = blocks.filter((b): b is HeadingBlock => b.type === 'heading');
  return { blocks, headings, diags };
}

describe('a skipped heading level', () => {
  it('effectiveLevel: at most one below the deepest open level; a first heading keeps its own', () => {
    expect(effectiveLevel(3, 1)).toBe(2);
    expect(effectiveLevel(4, 1)).toBe(2);
    expect(effectiveLevel(4, 2)).toBe(3);
    expect(effectiveLevel(3, 2)).toBe(3);
    expect(effectiveLevel(1, 3)).toBe(1);
    expect(effectiveLevel(2, 0)).toBe(2);
    expect(effectiveLevel(3, 0)).toBe(3);
  });

  it('# then ### prints 一、 then （一）, and warns', () => {
    const { headings, diags } = parse('# 总体要求\n\n### 发展定位\n\n### 发展目标\n\n# 重点任务\n\n## 培育主导产业\n\n#### 强化创新\n');
    expect(headings.map((h) => [h.number, h.level])).toEqual([
      ['一、', 1],
      ['（一）', 2],
      ['（二）', 2],
      ['二、', 1],
      ['（一）', 2],
      ['1.', 3],
    ]);
    expect(diags.filter((d) => d.ruleId === 'heading-skip' || d.message.includes('跳过')).length).toBeGreaterThanOrEqual(2);
  });

  it('the DOCX sets the skipped heading in the level-2 style, numbered at level 2', async () => {
    const { blocks } = parse('# 总体要求\n\n### 发展定位\n\n正文。\n');
    const m: DocumentModel = { meta: { title: 't', lang: 'zh-CN' }, sections: [{ orientation: 'portrait', pageNumbers: true, part: 'body', blocks: blocks as Block[] }], appendPdfs: [] };
    const x = strFromU8(unzipSync(await renderDocx(prepareLayout(m)))['word/document.xml']);
    const p = [...x.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)].map((r) => r[0]).find((q) => q.includes('发展定位'))!;
    expect(p).toMatch(/GWHeading2|w:ilvl w:val="1"/);
    expect(p).not.toMatch(/GWHeading3/);
  });
});

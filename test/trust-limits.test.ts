// Limits apply to what input expands to, not to its bytes (issue 12): a tiny XLSX that spans
// the whole sheet, a sheet of a million rows, a template that multiplies its output. Each runs
// in a child process so that the test sees the exit status, the time and the peak memory that
// an out-of-memory abort would otherwise hide.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rawXlsx, strCell } from './fixtures/xlsx-raw.js';
import { runChild } from './fixtures/child.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loadInChild = (name: string) =>
  runChild(
    `const { loadRecords } = await import(DIST + '/data/index.js');
     const t = Date.now();
     const r = await loadRecords(${JSON.stringify(name)}, { projectDir: ${JSON.stringify(dir)} });
     report({ n: r.records.length, diags: r.diagnostics.map((d) => d.ruleId + ': ' + d.message), ms: Date.now() - t });`,
    { heapMB: 384, timeoutMs: 60_000 },
  );

describe('XLSX limits apply while reading', () => {
  it('a 1.6 KB sheet with values at A1 and XFD20000 is a diagnostic, in bounded time and memory', () => {
    const buf = rawXlsx(`<row r="1">${strCell('A1', '姓名')}</row><row r="20000">${strCell('XFD20000', '远')}</row>`);
    expect(buf.length).toBeLessThan(2000);
    writeFileSync(join(dir, 'far.xlsx'), buf);
    const r = loadInChild('far.xlsx');
    expect(r.status, r.stderr).toBe(0);
    const v = r.value as { n: number; diags: string[] };
    expect(v.n).toBe(0);
    expect(v.diags.join('\n')).toMatch(/data-too-large: sheet "Sheet1": cell XFD20000 holds a value, so the table spans A1:XFD20000/);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.rssMB).toBeLessThan(400);
  });

  it('a sheet of a million rows stops at the row limit, quickly and in bounded memory', () => {
    const rows: string[] = [`<row r="1">${strCell('A1', '序号')}${strCell('B1', '名称')}</row>`];
    for (let i = 2; i <= 1_000_001; i++) rows.push(`<row r="${i}"><c r="A${i}"><v>${i}</v></c><c r="B${i}"><v>${i * 7}</v></c></row>`);
    writeFileSync(join(dir, 'million.xlsx'), rawXlsx(rows.join(''), 'Sheet1', 1));
    const r = loadInChild('million.xlsx');
    expect(r.status, r.stderr).toBe(0);
    const v = r.value as { n: number; diags: string[] };
    expect(v.diags.join('\n')).toMatch(/data-too-large: sheet "Sheet1": the sheet has more than 200,000 data rows/);
    // The read itself (the child's start and imports aside; a shared machine is slower).
    expect((v as unknown as { ms: number }).ms).toBeLessThan(8_000);
    expect(r.rssMB).toBeLessThan(400);
    console.log(`1M-row XLSX: read stopped after ${(v as unknown as { ms: number }).ms} ms (${r.ms} ms with the child's start), ${r.rssMB} MB peak RSS`);
  });

  it('a flood of formatted empty cells stops at the cell limit', () => {
    writeFileSync(join(dir, 'flood.xlsx'), rawXlsx(`<row r="1">${strCell('A1', 'a')}</row><row r="2">${'<c s="1"/>'.repeat(1_100_000)}</row>`));
    const r = loadInChild('flood.xlsx');
    expect((r.value as { diags: string[] }).diags.join('\n')).toMatch(/the sheet has more than 1,000,000 cells/);
    expect(r.rssMB).toBeLessThan(400);
  });
});

describe('templates are bounded', () => {
  it('five nested #each over 100 items is a diagnostic at the loop, not an out-of-memory abort', () => {
    const list = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
    const loop = '{{#each a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}很长的一段文字{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}';
    writeFileSync(join(dir, 'bomb.md'), `---\nkind: annex\ntitle: 附件标题\na: ${list}\n---\n\n正文。\n\n${loop}\n`);
    const r = runChild(
      `const { compileFile } = await import(DIST + '/pipeline/compile.js');
       const { formatDiagnostic } = await import(DIST + '/diagnostics/diagnostic.js');
       const c = await compileFile(${JSON.stringify(join(dir, 'bomb.md'))}, { projectDir: ${JSON.stringify(dir)}, checks: false });
       report(c.diagnostics.map(formatDiagnostic));`,
      { heapMB: 384, timeoutMs: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    // Line 9 of the file, column of the innermost loop.
    expect((r.value as string[]).join('\n')).toMatch(/bomb\.md:9:46 error template: the template produces more than 20,000,000 characters/);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.rssMB).toBeLessThan(400);
  });

  it('refuses partials and decorators, which recurse without a loop', async () => {
    const { compileTemplate } = await import('../src/template/engine.js');
    for (const t of ['a\n{{#*inline "p"}}{{> p}}{{/inline}}{{> p}}', 'a\n{{> x}}']) {
      let msg = '';
      try {
        compileTemplate(t, 'x.md', 5);
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toMatch(/^x\.md:6:1 error template: 模板语法错误：(partials|decorators) .* not supported/);
    }
  });

  it('iterations without output are bounded too', async () => {
    const { compileTemplate } = await import('../src/template/engine.js');
    const a = Array.from({ length: 2000 }, (_, i) => i);
    const t = '{{#each a}}{{#each @root.a}}{{/each}}{{/each}}';
    expect(() => compileTemplate(t, 'x.md')({ a })).toThrow(/x\.md:1:12 error template: the template runs more than 2,000,000 loop iterations/);
  });
});

// Property: whatever front matter, Markdown, template and CSV/XLSX cells a document is made
// of, gongwen answers with a document or with diagnostics: never an exception, an "internal
// error", an out-of-memory abort or a hang (issue 12). fast-check generates the cases from a
// fixed seed (the same cases every run); a child process compiles each one and renders the
// DOCX of those that compile, so that the test can assert its exit status, total time and
// peak memory. More cases: GONGWEN_FUZZ_RUNS=5000 npx vitest run test/fuzz.test.ts
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runChild } from './fixtures/child.js';

const SEED = 12012;
const RUNS = Number(process.env.GONGWEN_FUZZ_RUNS ?? 300);

/** Pieces that have broken parsers before, or that mean something to a stage. */
const NASTY = [
  '---', '***', '1. ', '- ', '> ', '# ', '|', '| a | b |\n|---|---|', '```', '```gw:annex-title\n"x"\n```', '    code', '\n', '\n\n', '\r\n', '\t',
  '{{', '}}', '{{title}}', '{{missing}}', '{{#each a}}{{this}}{{/each}}', '{{#each a}}{{#each @root.a}}{{#each @root.a}}x{{/each}}{{/each}}{{/each}}',
  '{{#if title}}', '{{/if}}', '{{else}}', '{{> p}}', '{{#*inline "p"}}{{> p}}{{/inline}}', '{{log "x"}}', '{{lookup this "constructor"}}',
  '{{constructor.constructor "return 1"}}', '{{json title}}', '{{cnDate date}}', '{{join a}}', '{{add 1 2}}', '{{{title}}}', '{{!-- c --}}', '\\{{x}}',
  '<script>x</script>', '<b>', '&amp;', '&#0;', '[a](javascript:x)', '![i](/etc/passwd)', '<http://example.com>',
  '\u001b[2J', '\u0000', '\u007f', '\u202e', '\ufeff', '\ud800', '😀', '👨‍👩‍👧', '𠀀', '〔2020〕', '国科火字〔2020〕191号', '一、', '（一）', '1.', '（1）',
  '附件：1.', '2020-11-06', '2020年11月6日', '__proto__', 'constructor', 'prototype', '!!js/function', '!foo', '*a', '&a', '%', '@', '`',
  '某'.repeat(300), 'a'.repeat(2000),
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom('正文', '关于', '通知', '各有关单位：', '特此通知。', '。', '，', '名单') },
);
const text = fc.array(piece, { maxLength: 8 }).map((xs) => xs.join(''));

/** A YAML value: mostly quoted (valid YAML), sometimes raw text (YAML syntax of any kind). */
const yamlValue = fc.oneof(
  { weight: 4, arbitrary: text.map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: text.map((s) => s.replace(/\n/g, ' ')) },
  { weight: 1, arbitrary: fc.constantFrom('[0,1,2]', '{a: 1}', 'null', '~', '12', '2020-11-06', '[]', '{}', '!!binary abc', '*x', '&x 1', 'true') },
);

const KINDS = ['notice', 'annex', 'list', 'plan'];
const BASES: Record<string, string> = {
  annex: 'title: 附件标题',
  notice: 'issuer: 某局\nnumber: 某发〔2020〕1号\ntitle: 关于测试的通知\ndate: 2020-11-06',
  list: 'title: 名单\nrows: [{名称: "甲"}, {名称: "乙"}]',
};
/** A well-formed document's front matter with a few fields of any content: most of these compile. */
const validFrontMatter = fc
  .record({ kind: fc.constantFrom('annex', 'notice', 'list'), extra: fc.array(fc.tuple(fc.constantFrom('to', 'note', 'label', 'b', '说明', 'cc'), text), { maxLength: 3 }) })
  .map(({ kind, extra }) => {
    const seen = new Set<string>();
    const lines = [`kind: ${kind}`, 'a: [0, 1, 2, 3]', BASES[kind]];
    for (const [k, v] of extra) if (!seen.has(k)) (seen.add(k), lines.push(`${k}: ${JSON.stringify(v)}`));
    return { kind, yaml: lines.join('\n') };
  });
const randomFrontMatter = fc
  .record({
    kind: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KINDS) }, { weight: 1, arbitrary: text }),
    fields: fc.array(
      fc.tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom('title', 'issuer', 'number', 'date', 'to', 'signature', 'note', 'cc', 'label', 'a', 'columns', 'number', 'merge', 'sheet', 'orientation', 'attachments') }, { weight: 1, arbitrary: text }),
        yamlValue,
      ),
      { maxLength: 8 },
    ),
  })
  .map(({ kind, fields }) => {
    const keys = new Set<string>();
    const lines = [`kind: ${JSON.stringify(kind)}`, 'a: [0, 1, 2, 3]'];
    for (const [k, v] of fields) {
      if (keys.has(k) || k === 'kind' || k === 'a' || k === 'data') continue;
      keys.add(k);
      lines.push(`${/^[\w\u4e00-\u9fff]+$/.test(k) ? k : JSON.stringify(k)}: ${v}`);
    }
    return { kind, yaml: lines.join('\n') };
  });

const frontMatter = fc.oneof({ weight: 2, arbitrary: validFrontMatter }, { weight: 1, arbitrary: randomFrontMatter });

const cells = fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

const fuzzCase = fc.record({
  fm: frontMatter,
  body: fc.array(text, { maxLength: 6 }).map((xs) => xs.join('\n')),
  template: fc.option(fc.array(fc.oneof(text, fc.constantFrom('```gw:annex-title\n{{json title}}\n```', '```gw:body\n```', '{{#if label}}', '{{/if}}')), { maxLength: 6 }).map((xs) => xs.join('\n')), { freq: 4 }),
  data: fc.option(fc.record({ format: fc.constantFrom('csv', 'xlsx'), header: fc.array(text, { minLength: 1, maxLength: 4 }), rows: cells }), { freq: 2 }),
  record: fc.option(fc.dictionary(fc.constantFrom('title', '名称', '说明', 'a'), text, { maxKeys: 3 }), { freq: 2 }),
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('fuzz: a document or diagnostics, nothing else', () => {
  it(`${RUNS} generated documents (seed ${SEED}) end in a model or diagnostics, in bounded time and memory`, async () => {
    const cases = fc.sample(fuzzCase, { seed: SEED, numRuns: RUNS });
    const jobs: { file: string; project: string; record?: Record<string, string> }[] = [];
    for (const [i, c] of cases.entries()) {
      const project = join(dir, `p${i}`);
      mkdirSync(project, { recursive: true });
      let yaml = c.fm.yaml;
      if (c.data && !yaml.includes('\nrows:')) {
        const name = `data.${c.data.format}`;
        yaml += `\ndata: ${name}`;
        if (c.data.format === 'csv') {
          writeFileSync(join(project, name), [c.data.header, ...c.data.rows].map((r) => r.map(csvField).join(',')).join('\r\n'));
        } else {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Sheet1');
          ws.addRow(c.data.header);
          for (const r of c.data.rows) ws.addRow(r);
          writeFileSync(join(project, name), Buffer.from(await wb.xlsx.writeBuffer()));
        }
      }
      if (c.template !== null && KINDS.includes(c.fm.kind)) {
        mkdirSync(join(project, 'templates', c.fm.kind), { recursive: true });
        writeFileSync(join(project, 'templates', c.fm.kind, `${c.fm.kind}.hbs`), c.template);
      }
      const file = join(project, 'doc.md');
      writeFileSync(file, `---\n${yaml}\n---\n\n${c.body}\n`);
      jobs.push({ file, project, record: c.record ?? undefined });
    }
    // The list goes in a file: an argument is limited to 128 KB.
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    const r = runChild(
      `const { compileFile } = await import(DIST + '/pipeline/compile.js');
       const { renderDocx } = await import(DIST + '/write/docx/index.js');
       const jobs = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(join(dir, 'jobs.json'))}, 'utf8'));
       const out = { models: 0, diagnosed: 0, failures: [], slowest: 0, rules: {} };
       for (const [i, j] of jobs.entries()) {
         process.stderr.write('case ' + i + '\\n');
         const t = Date.now();
         try {
           const c = await compileFile(j.file, { projectDir: j.project, record: j.record });
           const internal = c.diagnostics.filter((d) => /internal error|Cannot read prop|is not a function|undefined \\(reading/.test(d.message));
           if (internal.length) out.failures.push({ i, what: internal.map((d) => d.ruleId + ': ' + d.message).join('; ') });
           if (c.model && !c.diagnostics.some((d) => d.severity === 'error')) {
             const docx = await renderDocx(c.model);
             if (!(docx.length > 1000)) out.failures.push({ i, what: 'empty DOCX' });
             out.models++;
           } else if (c.diagnostics.length) {
             out.diagnosed++;
             for (const d of c.diagnostics) if (d.severity === 'error') out.rules[d.ruleId] = (out.rules[d.ruleId] ?? 0) + 1;
           }
           else out.failures.push({ i, what: 'no model and no diagnostics' });
         } catch (e) {
           out.failures.push({ i, what: 'threw: ' + (e && e.stack ? e.stack.split('\\n').slice(0, 3).join(' | ') : String(e)) });
         }
         out.slowest = Math.max(out.slowest, Date.now() - t);
       }
       report(out);`,
      { heapMB: 768, timeoutMs: 300_000, cwd: dir },
    );
    const last = /case (\d+)\n[^]*$/.exec(r.stderr);
    expect(r.status, `${r.signal ?? ''} after ${last ? JSON.stringify(cases[Number(last[1])]).slice(0, 1500) : ''}\n${r.stderr.slice(-1500)}`).toBe(0);
    const v = r.value as { models: number; diagnosed: number; failures: { i: number; what: string }[]; slowest: number; rules: Record<string, number> };
    if (process.env.GONGWEN_FUZZ_RULES) console.log(v.rules);
    const shown = v.failures.slice(0, 5).map((f) => `case ${f.i}: ${f.what}\n${JSON.stringify(cases[f.i]).slice(0, 600)}`);
    expect(shown).toEqual([]);
    expect(v.models + v.diagnosed).toBe(RUNS);
    // Both outcomes occur: the generator reaches documents that compile, not only errors.
    expect(v.models).toBeGreaterThan(RUNS / 20);
    expect(v.slowest).toBeLessThan(20_000);
    expect(r.rssMB).toBeLessThan(1200);
    console.log(`fuzz: ${RUNS} cases, ${v.models} documents, ${v.diagnosed} with diagnostics; slowest ${v.slowest} ms; ${r.ms} ms in all; peak RSS ${r.rssMB} MB`);
  }, 600_000);
});

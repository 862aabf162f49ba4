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
import { deflateSync } from 'node:zlib';
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

  // Issue 23: generators for what reads files, images and nesting. Each case is a notice with an
  // SVG or raster figure and seal, a data file of any bytes, and Markdown, front matter or
  // template nesting of any depth; the answer is a model or located diagnostics, in bounded time.
  it(`${Math.max(60, RUNS / 3)} generated SVG, image, data and nesting cases (seed ${SEED}) end in a model or diagnostics`, () => {
    const n = Math.max(60, Math.floor(RUNS / 3));
    const shape = fc.constantFrom(
      '<rect x="1" y="1" width="50" height="30" fill="#e60012"/>',
      '<circle cx="50" cy="50" r="40" fill="none" stroke="red" stroke-width="4"/>',
      '<path d="M10 10 Q 50 90 90 10 A 20 20 0 0 1 10 10 Z" fill-rule="evenodd"/>',
      '<text x="10" y="50" font-size="20">示例印章</text>',
      '<g transform="rotate(30 50 50) scale(0.5)" opacity="0.5"><rect width="10" height="10"/></g>',
      '<linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient><rect width="20" height="20" fill="url(#g)"/>',
      '<clipPath id="c"><circle cx="5" cy="5" r="5"/></clipPath><rect width="20" height="20" clip-path="url(#c)"/>',
      '<use href="#s"/>', '<use xlink:href="#s"/>', '<g id="s"><use href="#s"/></g>', '<rect id="s" width="3" height="3"/>',
      '<image href="file:///etc/passwd" width="5" height="5"/>', '<image href="http://example.com/a.png"/>', '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>',
      '<image href="data:image/png;base64,iVBORw0KGgo="/>', '<script>1</script>', '<foreignObject/>', '<style>@import "a.css";</style>',
      '<rect style="fill:url(http://x/y)"/>', '<a href="javascript:x"><rect/></a>', '<animate attributeName="href" to="http://x"/>',
      '<rect onload="x()" width="1" height="1"/>', '<!-- c -->', '<![CDATA[x]]>', '&amp;', '&xxe;', '<', '>', '"', '<g>', '</g>', '<text><textPath href="#s">字</textPath></text>',
    );
    const svgDoc = fc.record({
      head: fc.constantFrom('', '', '', '<?xml version="1.0"?>\n', '<!DOCTYPE svg SYSTEM "http://x/e.dtd">\n', '<!DOCTYPE svg [<!ENTITY a "b">]>\n', '\ufeff'),
      size: fc.constantFrom('width="100" height="100"', 'viewBox="0 0 200 100"', 'width="100" height="100"', '', 'width="0" height="0"', 'width="1e9" height="1e9"'),
      body: fc.oneof({ weight: 2, arbitrary: fc.array(fc.constantFrom(...BENIGN_SHAPES), { maxLength: 6 }) }, { weight: 1, arbitrary: fc.array(shape, { maxLength: 10 }) }),
      nest: fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 4 }) }, { weight: 1, arbitrary: fc.nat({ max: 30 }) }),
      fan: fc.integer({ min: 1, max: 6 }),
    }).map(({ head, size, body, nest, fan }) => {
      let defs = '<rect id="u0" width="1" height="1"/>';
      for (let i = 1; i <= nest; i++) defs += `<g id="u${i}">${`<use href="#u${i - 1}"/>`.repeat(fan)}</g>`;
      return `${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${size}><defs>${defs}</defs>${body.join('')}${nest ? `<use href="#u${nest}"/>` : ''}</svg>`;
    });
    const pngBytes = fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }), flip: fc.oneof(fc.constant(0), fc.nat({ max: 400 })) }).map(({ cut, flip }) => {
      const b = Buffer.from(PNG_SAMPLE);
      if (flip < b.length && flip > 8) b[flip] ^= 0x5a;
      return b.subarray(0, Math.max(8, Math.floor(b.length * (cut < 0.5 ? 1 : cut))));
    });
    const dataBytes = fc.oneof(
      fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }).map((rows) => Buffer.from(rows.map((r) => r.map(csvField).join(',')).join('\n'))),
      fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.concat([Buffer.from('名称,说明\n'), Buffer.from(u)])),
      fc.constantFrom(
        Buffer.concat([Buffer.from('名称\n甲\n'), Buffer.from([0xd2, 0xd2, 0x0a])]),
        Buffer.from(`名称,说明\n甲,"${'长'.repeat(40_000)}"\n`),
        Buffer.from(`${Array.from({ length: 3000 }, (_, i) => `c${i}`).join(',')}\n`),
        Buffer.from([0xff, 0xfe, 0x00, 0xd8]),
      ),
    );
    const nesting = fc.record({ kind: fc.constantFrom('list', 'quote', 'if', 'fm'), depth: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }) }) });
    const media = fc.record({ svg: svgDoc, png: pngBytes, data: dataBytes, nest: nesting, as: fc.constantFrom('figure', 'seal', 'both') });
    const cases = fc.sample(media, { seed: SEED + 23, numRuns: n });
    const jobs: { file: string; project: string }[] = [];
    for (const [i, c] of cases.entries()) {
      const project = join(dir, `m${i}`);
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'f.svg'), c.svg);
      writeFileSync(join(project, 'p.png'), c.png);
      writeFileSync(join(project, 'd.csv'), c.data);
      const { kind, depth } = c.nest;
      const nestBody =
        kind === 'list' ? Array.from({ length: depth }, (_, k) => `${'  '.repeat(k)}- 项${k}`).join('\n')
        : kind === 'quote' ? `${'>'.repeat(depth)} 引\n`
        : kind === 'if' ? `${'{{#if title}}'.repeat(depth)}x${'{{/if}}'.repeat(depth)}`
        : '';
      const fmNest = kind === 'fm' ? `\nn: ${'['.repeat(depth)}1${']'.repeat(depth)}` : '';
      const seal = c.as === 'figure' ? '' : '\nseal: f.svg';
      const fig = c.as === 'seal' ? '' : '![图](f.svg)\n\n![图](p.png)\n';
      const file = join(project, 'doc.md');
      writeFileSync(file, `---\nkind: notice\nissuer: 某局\ntitle: 关于测试的通知\ndate: 2020-11-06${seal}${fmNest}\n---\n\n正文。\n\n${fig}\n${nestBody}\n`);
      jobs.push({ file, project });
    }
    writeFileSync(join(dir, 'media-jobs.json'), JSON.stringify(jobs));
    const r = runChild(
      `const { compileFile } = await import(DIST + '/pipeline/compile.js');
       const { loadRecords } = await import(DIST + '/data/index.js');
       const jobs = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(join(dir, 'media-jobs.json'))}, 'utf8'));
       const out = { models: 0, diagnosed: 0, failures: [], slowest: 0 };
       for (const [i, j] of jobs.entries()) {
         process.stderr.write('case ' + i + '\\n');
         const t = Date.now();
         try {
           const c = await compileFile(j.file, { projectDir: j.project, checks: false });
           const d = await loadRecords('d.csv', { projectDir: j.project });
           const all = [...c.diagnostics, ...d.diagnostics];
           const internal = all.filter((x) => /internal error|Cannot read prop|is not a function|undefined \\(reading|    at /.test(x.message));
           if (internal.length) out.failures.push({ i, what: internal.map((x) => x.ruleId + ': ' + x.message).join('; ') });
           const unlocated = all.filter((x) => x.severity === 'error' && !x.file);
           if (unlocated.length) out.failures.push({ i, what: 'no file: ' + unlocated[0].message });
           if (c.model && !c.diagnostics.some((x) => x.severity === 'error')) out.models++;
           else if (c.diagnostics.length) out.diagnosed++;
           else out.failures.push({ i, what: 'no model and no diagnostics' });
         } catch (e) {
           out.failures.push({ i, what: 'threw: ' + (e && e.stack ? e.stack.split('\\n').slice(0, 3).join(' | ') : String(e)) });
         }
         out.slowest = Math.max(out.slowest, Date.now() - t);
       }
       report(out);`,
      { heapMB: 1024, timeoutMs: 300_000, cwd: dir },
    );
    const last = /case (\d+)\n[^]*$/.exec(r.stderr);
    expect(r.status, `${r.signal ?? ''} after ${last ? JSON.stringify(cases[Number(last[1])]).slice(0, 1500) : ''}\n${r.stderr.slice(-1500)}`).toBe(0);
    const v = r.value as { models: number; diagnosed: number; failures: { i: number; what: string }[]; slowest: number };
    expect(v.failures.slice(0, 5).map((f) => `case ${f.i}: ${f.what}\n${JSON.stringify(cases[f.i]).slice(0, 600)}`)).toEqual([]);
    expect(v.models + v.diagnosed).toBe(n);
    expect(v.models).toBeGreaterThan(0);
    expect(v.slowest).toBeLessThan(30_000);
    expect(r.rssMB).toBeLessThan(1024);
    console.log(`fuzz (media): ${n} cases, ${v.models} documents, ${v.diagnosed} with diagnostics; slowest ${v.slowest} ms; peak RSS ${r.rssMB} MB`);
  }, 600_000);
});

const BENIGN_SHAPES = [
  '<rect x="1" y="1" width="50" height="30" fill="#e60012"/>',
  '<circle cx="50" cy="50" r="40" fill="none" stroke="red" stroke-width="4"/>',
  '<path d="M10 10 Q 50 90 90 10 A 20 20 0 0 1 10 10 Z" fill-rule="evenodd"/>',
  '<text x="10" y="50" font-size="20">示例印章</text>',
  '<g transform="rotate(30 50 50) scale(0.5)" opacity="0.5"><rect width="10" height="10"/></g>',
];

/** A valid 4×4 RGBA PNG (one IDAT), cut and flipped by the media generator. */
const PNG_SAMPLE = (() => {
  const crcTable = Array.from({ length: 256 }, (_, k) => {
    let c = k;
    for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 4, 0, 0, 0, 4, 8, 6, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(4 * 17, 0x80))), chunk('IEND', Buffer.alloc(0))]);
})();

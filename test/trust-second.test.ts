// Untrusted input, second pass (issue 23): every file read through one guarded reader, images
// checked by content, SVG reduced to a safe subset, bounds on what data, front matter, Markdown
// and templates expand to, one encoding per data file, writes that keep what they replace.
// Where the input made gongwen hang or grow without bound, the case runs in a child process with
// a timeout and a heap bound, so that a regression fails the test instead of hanging the suite.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../src/pipeline/compile.js';
import { formatDiagnostic } from '../src/diagnostics/diagnostic.js';
import type { Block, FigureBlock, SignatureBlock } from '../src/model/types.js';
import { runChild } from './fixtures/child.js';
import { discPng } from './fixtures/seal-images.js';
import { rawXlsx, strCell } from './fixtures/xlsx-raw.js';

let dir: string;
let outside: string;

function write(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}
const fifo = (name: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  execFileSync('mkfifo', [p]);
  return p;
};

const NOTICE = (extra: string, body = '正文。') => `---
kind: notice
issuer: 示例市科学技术局
title: 关于开展示例工作的通知
date: 2026-11-20
${extra}
---

${body}
`;

const blocksOf = (r: Awaited<ReturnType<typeof compileFile>>): Block[] => (r.model ? r.model.sections.flatMap((s) => s.blocks) : []);
const errorsOf = (r: Awaited<ReturnType<typeof compileFile>>) => r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);

async function compile(name: string, text: string) {
  const p = write(name, text);
  const r = await compileFile(p, { projectDir: dir, checks: false });
  return { r, errors: errorsOf(r), blocks: blocksOf(r) };
}

/** compileFile of `name` in a child: bounded in time (30 s) and heap (1 GiB), as the issue asks. */
function compileInChild(name: string) {
  return runChild(
    `const { compileFile } = await import(DIST + '/pipeline/compile.js');
     const { formatDiagnostic } = await import(DIST + '/diagnostics/diagnostic.js');
     const r = await compileFile(${JSON.stringify(join(dir, name))}, { projectDir: ${JSON.stringify(dir)}, checks: false });
     report(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));`,
    { heapMB: 1024, timeoutMs: 30_000 },
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-trust2-'));
  outside = mkdtempSync(join(tmpdir(), 'gw-trust2-out-'));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: join(import.meta.dirname, '..') });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('one guarded reader: no FIFO, device, folder or link out', () => {
  it('a named pipe as content ends with a located error (it hung check forever)', () => {
    fifo('pipe.md');
    const r = compileInChild('pipe.md');
    expect(r.signal, r.stderr).toBeNull();
    expect((r.value as string[]).join('\n')).toMatch(/pipe\.md error read: .*命名管道/);
  });

  it('a named pipe as a kind template, an attachment or a data file ends with a located error', async () => {
    fifo('tplproj/templates/notice/notice.hbs');
    write('tplproj/doc.md', NOTICE(''));
    const t = runChild(
      `const { compileFile } = await import(DIST + '/pipeline/compile.js');
       const { formatDiagnostic } = await import(DIST + '/diagnostics/diagnostic.js');
       const r = await compileFile(${JSON.stringify(join(dir, 'tplproj/doc.md'))}, { projectDir: ${JSON.stringify(join(dir, 'tplproj'))}, checks: false });
       report(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));`,
      { heapMB: 512, timeoutMs: 30_000 },
    );
    expect(t.signal, t.stderr).toBeNull();
    expect((t.value as string[]).join('\n')).toMatch(/notice\.hbs error template: .*命名管道/);

    fifo('att.pdf');
    write('att.md', NOTICE('attachments:\n  - title: 附表\n    file: att.pdf'));
    const a = compileInChild('att.md');
    expect(a.signal, a.stderr).toBeNull();
    expect((a.value as string[]).join('\n')).toMatch(/att\.md:\d+:\d+ error attachments: .*命名管道/);

    fifo('pipe.csv');
    const { loadRecords } = await import('../src/data/index.js');
    const d = await loadRecords('pipe.csv', { projectDir: dir });
    expect(d.diagnostics.map((x) => x.ruleId + ': ' + x.message).join('\n')).toMatch(/data-unreadable: .*命名管道/);
  });

  it('a named pipe as gongwen.yaml is passed over: build and check end (they hung), and a gongwen.yaml linked outside is refused', () => {
    const bin = join(import.meta.dirname, '..', 'bin/gongwen.js');
    fifo('cfgpipe/gongwen.yaml');
    write('cfgpipe/a.md', NOTICE(''));
    for (const command of [['check', 'a.md'], ['build', 'a.md', '--format', 'pdf']]) {
      const r = spawnSync(process.execPath, [bin, ...command], { cwd: join(dir, 'cfgpipe'), encoding: 'utf8', timeout: 60_000 });
      expect(r.signal, `${command[0]}: ${r.stderr}`).toBeNull();
      expect(r.status, r.stderr).toBe(0);
    }
    writeFileSync(join(outside, 'gongwen.yaml'), 'rules:\n  dash: off\n');
    mkdirSync(join(dir, 'cfglink'));
    symlinkSync(join(outside, 'gongwen.yaml'), join(dir, 'cfglink/gongwen.yaml'));
    write('cfglink/a.md', NOTICE(''));
    const r = spawnSync(process.execPath, [bin, 'check', 'a.md'], { cwd: join(dir, 'cfglink'), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/gongwen\.yaml error config: .*在项目文件夹之外/);
  });

  it('a project template linked to a file outside is refused, and its text is not in the model', async () => {
    writeFileSync(join(outside, 'secret.hbs'), 'SECRET-OUTSIDE {{title}}');
    mkdirSync(join(dir, 'lnk/templates/notice'), { recursive: true });
    symlinkSync(join(outside, 'secret.hbs'), join(dir, 'lnk/templates/notice/notice.hbs'));
    const p = write('lnk/doc.md', NOTICE(''));
    const r = await compileFile(p, { projectDir: join(dir, 'lnk'), checks: false });
    expect(errorsOf(r).join('\n')).toMatch(/notice\.hbs error template: .*项目文件夹之外/);
    expect(JSON.stringify(r.model ?? {})).not.toContain('SECRET-OUTSIDE');
  });

  it('a project template linked to /dev/zero is refused in bounded time, without an internal error', () => {
    mkdirSync(join(dir, 'zero/templates/notice'), { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'zero/templates/notice/notice.hbs'));
    write('zero/doc.md', NOTICE(''));
    const r = runChild(
      `const { compileFile } = await import(DIST + '/pipeline/compile.js');
       const { formatDiagnostic } = await import(DIST + '/diagnostics/diagnostic.js');
       const r = await compileFile(${JSON.stringify(join(dir, 'zero/doc.md'))}, { projectDir: ${JSON.stringify(join(dir, 'zero'))}, checks: false });
       report(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));`,
      { heapMB: 512, timeoutMs: 30_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect((r.value as string[]).join('\n')).toMatch(/notice\.hbs error template: .*(项目文件夹之外|设备)/);
  });

  it('a folder or a device as a figure is an error at the image line', async () => {
    mkdirSync(join(dir, 'figdir.png'), { recursive: true });
    const { errors } = await compile('figdir.md', NOTICE('', '正文。\n\n![图](figdir.png)\n'));
    expect(errors.join('\n')).toMatch(/figdir\.md:11:1 error figure: .*是文件夹/);
  });
});

describe('images checked by content before use', () => {
  it('a truncated seal PNG is an error at the seal line (it printed its top third, exit 0)', async () => {
    const png = discPng(64, [255, 0, 0]);
    write('seals/cut.png', png.subarray(0, Math.floor(png.length / 2)));
    const { errors } = await compile('cut.md', NOTICE('seal: seals/cut.png'));
    expect(errors.join('\n')).toMatch(/cut\.md:6:\d+ error seal: 印章图片「seals\/cut\.png」PNG 文件(不完整|已损坏)/);
  });

  it('a PNG with a bad chunk checksum, a JPEG cut before its end, a PNG named .jpg are errors at the image line', async () => {
    const png = Buffer.from(discPng(16, [0, 0, 255]));
    png[png.length - 20] ^= 0xff; // inside the IDAT data: its CRC no longer matches
    write('bad-crc.png', png);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.alloc(14), Buffer.from([0xff, 0xc0, 0, 11, 8, 0, 10, 0, 20, 1, 1, 0x11, 0]), Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]), Buffer.alloc(50, 0x12)]);
    write('cut.jpg', jpeg);
    write('png-as.jpg', discPng(8, [0, 0, 0]));
    const { errors } = await compile('imgs.md', NOTICE('', '![甲](bad-crc.png)\n\n![乙](cut.jpg)\n\n![丙](png-as.jpg)\n'));
    expect(errors.join('\n')).toMatch(/imgs\.md:9:1 error figure: 图片「bad-crc\.png」PNG 文件/);
    expect(errors.join('\n')).toMatch(/imgs\.md:11:1 error figure: 图片「cut\.jpg」JPEG 文件不完整/);
    expect(errors.join('\n')).toMatch(/imgs\.md:13:1 error figure: 图片「png-as\.jpg」内容是 PNG/);
  });

  it('an image larger than the pixel bound is refused before it is decoded', async () => {
    // A valid IHDR of 30000×30000 and an IDAT of a few bytes: decoding would need 3.6 GB.
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(30000, 0);
    ihdr.writeUInt32BE(30000, 4);
    ihdr[8] = 8;
    ihdr[9] = 6;
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
    };
    write('huge.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(10))), chunk('IEND', Buffer.alloc(0))]));
    const { errors } = await compile('huge.md', NOTICE('', '![大](huge.png)\n'));
    expect(errors.join('\n')).toMatch(/huge\.md:9:1 error figure: 图片「huge\.png」有 30000×30000 像素，超过上限/);
  });
});

describe('SVG reduced to a safe subset, for figures and seals alike', () => {
  const svg = (inner: string, head = '') => `${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100" viewBox="0 0 100 100">\n${inner}\n</svg>`;
  const hostile: [string, string, RegExp][] = [
    ['file', '<image href="file:///etc/passwd" width="10" height="10"/>', /引用了外部内容/],
    ['http', '<image xlink:href="http://example.com/x.png" width="10" height="10"/>', /引用了外部内容/],
    ['nested-data-svg', `<image href="data:image/svg+xml;base64,${Buffer.from(svg('<image href="file:///etc/passwd"/>')).toString('base64')}" width="10" height="10"/>`, /引用了外部内容/],
    ['use-outside', '<use href="other.svg#a"/>', /引用了外部内容/],
    ['css-url', '<rect width="10" height="10" style="fill:url(http://example.com/p)"/>', /外部内容/],
    ['script', '<script>alert(1)</script>', /<script>/],
    ['foreign', '<foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>', /<foreignObject>/],
    ['style-import', '<style>@import url(http://example.com/a.css);</style>', /<style>/],
    ['style-attr-import', '<rect width="1" height="1" style="@import \'x.css\'"/>', /@import/],
  ];

  it.each(hostile)('%s: refused at the figure line and at the seal line', async (name, inner, why) => {
    write(`svg/${name}.svg`, svg(inner));
    const fig = await compile(`svgfig-${name}.md`, NOTICE('', `![图](svg/${name}.svg)\n`));
    expect(fig.errors.join('\n')).toMatch(new RegExp(`svgfig-${name}\\.md:9:1 error figure: 图片「svg/${name}\\.svg」第 2 行`));
    expect(fig.errors.join('\n')).toMatch(why);
    const seal = await compile(`svgseal-${name}.md`, NOTICE(`seal: svg/${name}.svg`));
    expect(seal.errors.join('\n')).toMatch(new RegExp(`svgseal-${name}\\.md:6:\\d+ error seal: 印章图片「svg/${name}\\.svg」第 2 行`));
  });

  it('a DTD (external or with entities) is refused', async () => {
    write('svg/dtd.svg', svg('<rect width="1" height="1"/>', '<!DOCTYPE svg SYSTEM "http://example.com/evil.dtd">\n'));
    write('svg/ent.svg', svg('<text>&xxe;</text>', '<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'));
    const { errors } = await compile('dtd.md', NOTICE('', '![甲](svg/dtd.svg)\n\n![乙](svg/ent.svg)\n'));
    expect(errors.join('\n')).toMatch(/dtd\.md:9:1 error figure: .*DTD/);
    expect(errors.join('\n')).toMatch(/dtd\.md:11:1 error figure: .*DTD/);
  });

  it('a 2.4 KB SVG of nested <use> is refused in bounded time and memory (it took 9 GB and 122 s)', () => {
    let defs = '<path id="u0" d="M0 0 L1 1"/>';
    for (let i = 1; i <= 24; i++) defs += `<g id="u${i}">${Array.from({ length: 4 }, () => `<use href="#u${i - 1}"/>`).join('')}</g>`;
    const bomb = svg(`<defs>${defs}</defs><use href="#u24"/>`);
    expect(bomb.length).toBeLessThan(4000);
    write('svg/bomb.svg', bomb);
    write('bomb-fig.md', NOTICE('', '![炸](svg/bomb.svg)\n'));
    write('bomb-seal.md', NOTICE('seal: svg/bomb.svg'));
    for (const [name, rule] of [['bomb-fig.md', 'figure'], ['bomb-seal.md', 'seal']]) {
      const r = compileInChild(name);
      expect(r.signal, r.stderr).toBeNull();
      expect(r.status, r.stderr).toBe(0);
      expect((r.value as string[]).join('\n')).toMatch(new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+ error ${rule}: .*展开后超过`));
      expect(r.rssMB).toBeLessThan(1024);
    }
  });

  it('filters and text are charged what they cost the renderer: 300 blurred shapes or 60,000 characters are refused', async () => {
    write('svg/blur.svg', svg(`<filter id="b"><feGaussianBlur stdDeviation="30"/></filter>${'<rect width="100" height="100" filter="url(#b)"/>'.repeat(300)}`));
    write('svg/text.svg', svg(`<text x="0" y="10">${'字'.repeat(60_000)}</text>`));
    const { errors } = await compile('costly.md', NOTICE('', '![甲](svg/blur.svg)\n\n![乙](svg/text.svg)\n'));
    expect(errors.join('\n')).toMatch(/costly\.md:9:1 error figure: .*展开后超过/);
    expect(errors.join('\n')).toMatch(/costly\.md:11:1 error figure: .*展开后超过/);
  });

  it('a <use> that refers to itself is refused', async () => {
    write('svg/loop.svg', svg('<g id="a"><use href="#a"/></g>'));
    const { errors } = await compile('loop.md', NOTICE('', '![环](svg/loop.svg)\n'));
    expect(errors.join('\n')).toMatch(/loop\.md:9:1 error figure: .*循环引用/);
  });

  it('the example seal becomes paths (its lettering too), a PNG, and an SVG without text or references', async () => {
    write('seals/example.svg', readFileSync(join(import.meta.dirname, '../content/seals/example-seal.svg')));
    const { errors, blocks } = await compile('example-seal.md', NOTICE('seal: seals/example.svg'));
    expect(errors).toEqual([]);
    const img = blocks.find((b): b is SignatureBlock => b.type === 'signature')!.seal!.images[0]!;
    const text = Buffer.from(img.bytes).toString('utf8');
    expect(text).not.toMatch(/<text|<textPath|href=|font-family/);
    expect(img.vector!.viewBox).toEqual([0, 0, 200, 200]);
    // The ring, the star and the lettering (one path per text run at least).
    expect(img.vector!.paths.length).toBeGreaterThanOrEqual(3);
    expect(img.vector!.paths.every((p) => p.ops[0].op === 'M' && p.ops.every((o) => o.op !== 'Z' || true))).toBe(true);
    expect(img.vector!.paths.some((p) => p.fill === '#e60012')).toBe(true);
    // 600 dpi at 42 mm: 992 px wide, a PNG that decodes.
    const { PNG } = await import('pngjs');
    const png = PNG.sync.read(Buffer.from(img.raster!));
    expect(png.width).toBe(992);
  });

  it('a figure SVG goes to the model reduced: the file\'s own bytes (with a comment and metadata) never', async () => {
    write('svg/fig.svg', svg('<metadata>private</metadata><!-- note --><rect x="10" y="10" width="80" height="40" fill="#1f4e79" onclick="x()"/>'));
    const { errors, blocks } = await compile('fig.md', NOTICE('', '![图](svg/fig.svg)\n'));
    expect(errors).toEqual([]);
    const fig = blocks.find((b): b is FigureBlock => b.type === 'figure')!;
    const text = Buffer.from(fig.bytes!).toString('utf8');
    expect(text).not.toMatch(/private|note|onclick/);
    expect(fig.vector!.paths).toHaveLength(1);
    expect(fig.vector!.paths[0]).toMatchObject({ fill: '#1f4e79', transform: [1, 0, 0, 1, 0, 0] });
    expect(fig.vector!.paths[0].ops.map((o) => o.op).join('')).toBe('MLLLZ');
  });
});

describe('bounds on what input expands to', () => {
  it('a 10 MB CSV cell and 100,000 columns are located errors, quickly (163 s and 205 s before, check passed)', () => {
    write('big-cell.csv', `姓名,说明\n张三,"${'长'.repeat(3_500_000)}"\n`);
    write('wide.csv', `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 100_000 }, () => '1').join(',')}\n`);
    const r = runChild(
      `const { loadRecords } = await import(DIST + '/data/index.js');
       const out = [];
       for (const f of ['big-cell.csv', 'wide.csv']) {
         const r = await loadRecords(f, { projectDir: ${JSON.stringify(dir)} });
         out.push(r.diagnostics.map((d) => d.line + ':' + d.column + ' ' + d.ruleId + ': ' + d.message).join('\\n'));
       }
       report(out);`,
      { heapMB: 1024, timeoutMs: 30_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const [cell, wide] = r.value as string[];
    expect(cell).toMatch(/^2:2 data-too-large: column 2 holds 3,500,000 characters; one value is limited to 32,767/);
    expect(wide).toMatch(/^1:1001 data-too-large: this row has 100,000 columns; data files are limited to 1,000 columns/);
  });

  it('front matter of 60,000 keys ends quickly with a limit error (133 s before: yaml\'s unique-key check is quadratic)', () => {
    write('keys.md', `---\nkind: annex\ntitle: 键\n${Array.from({ length: 60_000 }, (_, i) => `k${i}: v`).join('\n')}\n---\n\n正文。\n`);
    const r = compileInChild('keys.md');
    expect(r.signal, r.stderr).toBeNull();
    expect((r.value as string[]).join('\n')).toMatch(/keys\.md:\d+:1 error limit: 文件头有 10000 个以上的字段/);
  });

  it('duplicate front-matter keys are still an error at the second one', async () => {
    const { errors } = await compile('dup.md', '---\nkind: annex\ntitle: 甲\ntitle: 乙\n---\n\n正文。\n');
    expect(errors.join('\n')).toMatch(/dup\.md:4:1 error yaml: 字段「title」重复/);
  });

  it('front matter nested deeper than the bound is an error', async () => {
    const deep = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}a${i}:`).join('\n') + ' x';
    const { errors } = await compile('deep-fm.md', `---\nkind: annex\ntitle: 深\n${deep}\n---\n\n正文。\n`);
    expect(errors.join('\n')).toMatch(/deep-fm\.md:\d+:\d+ error limit: 文件头嵌套超过 32 层/);
  });

  it('text nested past ~50 list levels or 100 quote levels is an error at its line, never lost silently', async () => {
    const list = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- 第${i}项`).join('\n');
    const l = await compile('deep-list.md', NOTICE('', `${list}\n\n结尾段落。\n`));
    expect(l.errors.join('\n')).toMatch(/deep-list\.md:\d+:\d+ error markdown-nesting: 列表或引用嵌套太深/);
    const q = await compile('deep-quote.md', NOTICE('', `${'>'.repeat(120)} 深处的话\n\n结尾段落。\n`));
    expect(q.errors.join('\n')).toMatch(/deep-quote\.md:9:\d+ error markdown-nesting/);
    const ok = await compile('ok-list.md', NOTICE('', `${Array.from({ length: 5 }, (_, i) => `${'  '.repeat(i)}- 第${i}项`).join('\n')}\n`));
    expect(ok.errors).toEqual([]);
  });

  it('20,000 nested {{#if}} in a body are an error at the line, quickly (past 150 s before)', () => {
    const body = `${'{{#if title}}\n'.repeat(20_000)}深\n${'{{/if}}\n'.repeat(20_000)}`;
    write('ifs.md', NOTICE('', body));
    const r = compileInChild('ifs.md');
    expect(r.signal, r.stderr).toBeNull();
    expect((r.value as string[]).join('\n')).toMatch(/ifs\.md:\d+:\d+ error template: 块嵌套超过 64 层/);
    expect((r.value as string[]).join('\n')).not.toMatch(/at |Error:|Maximum call stack/);
  });
});

describe('data read as it was saved', () => {
  it('an XLSX formula whose saved result is 0 or FALSE shows it; no saved result at all is a located warning', async () => {
    write(
      'formula.xlsx',
      rawXlsx(
        `<row r="1">${strCell('A1', '名称')}${strCell('B1', '数')}${strCell('C1', '真')}</row>` +
          `<row r="2">${strCell('A2', '甲')}<c r="B2"><f>1-1</f><v>0</v></c><c r="C2" t="b"><f>1=2</f><v>0</v></c></row>` +
          `<row r="3">${strCell('A3', '乙')}<c r="B3"><f>1+1</f></c><c r="C3" t="b"><f>1=1</f><v>1</v></c></row>`,
      ),
    );
    const { loadRecords } = await import('../src/data/index.js');
    const r = await loadRecords('formula.xlsx', { projectDir: dir });
    expect(r.records).toEqual([
      { 名称: '甲', 数: '0', 真: 'FALSE' },
      { 名称: '乙', 数: '', 真: 'TRUE' },
    ]);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['3:2 warning data-xlsx-formula']);
  });

  it('a CSV mixing UTF-8 and GBK lines is an error naming the lines and the encodings tried', async () => {
    const buf = Buffer.concat([Buffer.from('姓名,单位\n张三,科技局\n'), iconv.encode('李四,财政局\n', 'gbk')]);
    write('mixed.csv', buf);
    const { loadRecords } = await import('../src/data/index.js');
    const r = await loadRecords('mixed.csv', { projectDir: dir });
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.line} ${d.ruleId}: ${d.message}`)).toEqual([
      expect.stringMatching(/^3 data-encoding: the file mixes two encodings: line 1 is UTF-8, line 3 is not .*tried UTF-8 and GB18030/),
    ]);
    // A whole GBK file is still read.
    write('gbk.csv', iconv.encode('姓名,单位\n李四,财政局\n', 'gbk'));
    expect((await loadRecords('gbk.csv', { projectDir: dir })).records).toEqual([{ 姓名: '李四', 单位: '财政局' }]);
  });
});

describe('writes keep what they replace', () => {
  it('keeps a private file private, refuses a read-only one, follows a link inside the project, refuses one that leads out', async () => {
    const { writeFileAtomic } = await import('../src/util/atomic-write.js');
    const priv = write('w/private.md', 'old');
    chmodSync(priv, 0o600);
    await writeFileAtomic(priv, 'new');
    expect(readFileSync(priv, 'utf8')).toBe('new');
    expect(statSync(priv).mode & 0o777).toBe(0o600);

    const ro = write('w/ro.md', 'old');
    chmodSync(ro, 0o444);
    await expect(writeFileAtomic(ro, 'new')).rejects.toThrow(/ro\.md 是只读文件/);
    expect(readFileSync(ro, 'utf8')).toBe('old');

    const target = write('w/real.md', 'old');
    symlinkSync(target, join(dir, 'w/link.md'));
    await writeFileAtomic(join(dir, 'w/link.md'), 'fixed', { followLinksInside: dir });
    expect(lstatSync(join(dir, 'w/link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('fixed');

    writeFileSync(join(outside, 'victim.md'), 'keep');
    symlinkSync(join(outside, 'victim.md'), join(dir, 'w/out.md'));
    await expect(writeFileAtomic(join(dir, 'w/out.md'), 'x', { followLinksInside: dir })).rejects.toThrow(/项目文件夹之外/);
    expect(readFileSync(join(outside, 'victim.md'), 'utf8')).toBe('keep');
  });

  it('a temporary file left by a killed writer is removed by the next write to that folder', async () => {
    const { writeFileAtomic } = await import('../src/util/atomic-write.js');
    mkdirSync(join(dir, 'out'), { recursive: true });
    // A pid that is not running: a SIGKILLed gongwen's leftover.
    const stale = join(dir, 'out', '.doc.docx.gongwen-999999-0123abcd.tmp');
    writeFileSync(stale, 'half');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(stale, old, old);
    await writeFileAtomic(join(dir, 'out', 'doc.docx'), 'whole');
    expect(readdirSync(join(dir, 'out'))).toEqual(['doc.docx']);
  });

  it('a failed write names the path and leaves the old files', async () => {
    const { writeFilesAtomic } = await import('../src/util/atomic-write.js');
    const a = write('w2/a.docx', 'old-a');
    mkdirSync(join(dir, 'w2/b.pdf'), { recursive: true }); // a folder where the PDF goes
    await expect(writeFilesAtomic([{ path: a, data: 'new' }, { path: join(dir, 'w2/b.pdf'), data: 'new' }])).rejects.toThrow(/无法写入 .*b\.pdf：这个位置是文件夹/);
    expect(readFileSync(a, 'utf8')).toBe('old-a');
    expect(readdirSync(join(dir, 'w2')).sort()).toEqual(['a.docx', 'b.pdf']);
  });
});

// The command line as an author meets it in their own folder (issue 13): node <gongwen>/bin/gongwen.js
// run from temporary folders outside the checkout, on a private compiled copy of src/ (see
// check-cli.test.ts for why not the shared dist/).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliCopy } from './fixtures/cli-copy.js';
import { unzipSync, strFromU8 } from 'fflate';
import { NOTICE_SCHEMA } from '../src/source/front-matter.js';
import { soffice } from './helpers/soffice.js';

const REPO = resolve(import.meta.dirname, '..');
let tmp = '';
let gw = '';
let bin = '';

function gongwen(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 170_000, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GONGWEN_LANG: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);

function write(dir: string, files: Record<string, string>): string {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** The paragraphs of a DOCX's document.xml, as text. */
function docxParagraphs(path: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(path))['word/document.xml']);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).filter(Boolean);
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-authoring-'));
  gw = join(tmp, 'gongwen');
  bin = cliCopy(gw);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('gongwen init', () => {
  it('makes a notice project that checks clean and builds from a subfolder, -o FILE naming the output', () => {
    const r = gongwen(['init', 'notice', 'my-notice'], tmp);
    expect(r.status).toBe(0);
    const dir = join(tmp, 'my-notice');
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'content', 'gongwen.yaml', 'schemas']);
    const text = readFileSync(join(dir, 'content/notice.md'), 'utf8');
    expect(text.split('\n')[1]).toBe('# yaml-language-server: $schema=../schemas/notice.schema.json');
    // The schema is the kinds' own field specs: every key, the required ones required.
    const schema = JSON.parse(readFileSync(join(dir, 'schemas/notice.schema.json'), 'utf8'));
    for (const k of ['kind', ...Object.keys(NOTICE_SCHEMA)]) expect(schema.properties[k]).toBeDefined();
    // Each required field by any of its names (the Chinese ones: cli-conventions.test.ts).
    expect(schema.allOf.map((a: { anyOf: { required: string[] }[] }) => a.anyOf[0].required[0])).toEqual(['kind', 'issuer', 'title', 'date']);
    expect(schema.properties.date.pattern).toBeDefined();
    // From content/ the project is still my-notice/ (gongwen.yaml above), so the annex is inside it.
    const c = gongwen(['check', 'notice.md'], join(dir, 'content'));
    expect(c.stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
    expect(c.status).toBe(0);
    const b = gongwen(['build', 'notice.md', '-o', '../通知.docx'], join(dir, 'content'));
    expect(b.status).toBe(0);
    expect(existsSync(join(dir, '通知.docx'))).toBe(true);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(docxParagraphs(join(dir, '通知.docx'))).toContain('关于开展2026年度科技创新项目申报工作的通知');
    // A second init into the same folder is refused.
    expect(gongwen(['init', 'notice', 'my-notice'], tmp).status).toBe(2);
  });

  it('list, plan and application projects check clean; an unknown kind is bad usage', () => {
    for (const kind of ['list', 'plan', 'application']) {
      expect(gongwen(['init', kind], tmp).status).toBe(0);
      const c = gongwen(['check', '.'], join(tmp, kind));
      expect(c.stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
    }
    expect(existsSync(join(tmp, 'list/data/list.csv'))).toBe(true);
    const bad = gongwen(['init', 'memo'], tmp);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown kind "memo"; one of application, list, notice, plan/);
  });
});

describe('folders and outputs', () => {
  it('a folder skips node_modules/, dot-folders and what .gitignore ignores', () => {
    const bad = '---\nkind: notice\n---\n';
    const dir = write(join(tmp, 'walk'), {
      'gongwen.yaml': 'rules: {}\n',
      '.gitignore': 'drafts/\n*.tmp.md\n!keep.tmp.md\n',
      'content/a.md': '---\nkind: annex\ntitle: 甲\n---\n\n正文。\n',
      'content/b.tmp.md': bad,
      'content/keep.tmp.md': '---\nkind: annex\ntitle: 乙\n---\n\n正文。\n',
      'drafts/x.md': bad,
      'node_modules/pkg/README.md': bad,
      '.cache/y.md': bad,
    });
    const r = gongwen(['check', '.'], dir);
    expect(r.stderr).toBe('2 files checked: 0 errors, 0 warnings\n');
  });

  it('a folder holding two projects checks each file with its own gongwen.yaml', () => {
    const doc = '---\nkind: annex\ntitle: 甲\n---\n\n现将有关事项通知如下,请遵照执行。\n';
    const dir = write(join(tmp, 'multi'), { 'p1/gongwen.yaml': 'rules:\n  punct-halfwidth: off\n', 'p1/content/a.md': doc, 'p2/content/b.md': doc });
    const r = gongwen(['check', '.'], dir);
    expect([...lines(r.stdout), ...lines(r.stderr)]).toEqual(['p2/content/b.md:6:11 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」', '2 files checked: 0 errors, 1 warning']);
  });

  it('an output folder that cannot be written is one line before any rendering, exit 2', () => {
    const dir = write(join(tmp, 'unwritable'), { 'content/a.md': '---\nkind: annex\ntitle: 甲\n---\n\n正文。\n', 'blocker': 'a file' });
    const r = gongwen(['build', 'content', '--out', 'blocker/out'], dir);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)[0]).toBe('gongwen: --out blocker/out: cannot write to the output folder (a file of that name is in the way); choose another with --out');
    const o = gongwen(['build', 'content/a.md', '-o', 'a'], dir);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/must end in \.pdf, \.docx or \.ofd \(for a folder, write --out a\)/);
  });

  it('-o FILE.pdf writes that one PDF', () => {
    const dir = write(join(tmp, 'pdf'), { 'a.md': '---\nkind: annex\ntitle: 一页\n---\n\n正文。\n' });
    const r = gongwen(['build', 'a.md', '-o', 'x.pdf', '-q'], dir);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'x.pdf']);
    expect(readFileSync(join(dir, 'x.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // --quiet is quiet: the summary only.
    expect(lines(r.stderr)).toHaveLength(1);
  });
});

describe('the command line', () => {
  it('per-command help lists every option with an example', () => {
    const b = gongwen(['batch', '--help'], tmp);
    expect(b.status).toBe(0);
    for (const o of ['--data', '--each', '--group-by', '--name', '--force', '--jobs', '--sheet', '--format', '--out', '--project', '--quiet', '--verbose']) expect(b.stdout).toContain(o);
    expect(b.stdout).toContain('Examples:');
    const build = gongwen(['build', '--help'], tmp);
    expect(build.stdout).toMatch(/^Usage: gongwen build/);
    expect(build.stdout).toContain('-o, --output <file>');
  });

  it('suggests commands and options, exits 2 on bad usage', () => {
    const c = gongwen(['biuld', 'x.md'], tmp);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('(Did you mean build?)');
    const o = gongwen(['build', 'x.md', '--formt', 'pdf'], tmp);
    expect(o.status).toBe(2);
    expect(o.stderr).toContain('(Did you mean --format?)');
    const dir = write(join(tmp, 'nodata'), { 'n.md': '---\nkind: annex\ntitle: 甲\n---\n' });
    const n = gongwen(['batch', 'n.md', '--each'], dir);
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/needs --data FILE/);
  });

  it("batch --group-by reads a list's own sheet:", () => {
    const dir = join(tmp, 'sheet');
    mkdirSync(join(dir, 'content'), { recursive: true });
    copyFileSync(join(REPO, 'test/fixtures/data-merged.xlsx'), join(dir, 'content/data.xlsx'));
    write(dir, { 'content/list.md': '---\nkind: list\ntitle: 名单\ndata: data.xlsx\nsheet: 其他\n---\n' });
    const r = gongwen(['batch', 'content/list.md', '--group-by', '名称', '--format', 'docx'], dir);
    expect(r.stderr).toMatch(/1 built/);
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('list-甲.docx');
  });

  it('a checkout that was never set up says what to run', () => {
    const fresh = join(tmp, 'fresh');
    mkdirSync(join(fresh, 'bin'), { recursive: true });
    copyFileSync(join(REPO, 'bin/gongwen.js'), join(fresh, 'bin/gongwen.js'));
    writeFileSync(join(fresh, 'package.json'), '{"type":"module"}');
    const r = spawnSync(process.execPath, [join(fresh, 'bin/gongwen.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('gongwen is not set up');
    expect(r.stderr).toContain('npm install');
    expect(r.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
  });

  it('--version loads no command, --help no stage, check no renderer, layout or reader it does not need', () => {
    // What a process loads: every ES module (a loader hook sees each one) and every CommonJS one
    // (require.cache at exit: the hook does not see require() in Node 20).
    const log = join(tmp, 'loaded.txt');
    const hook = join(tmp, 'hook.mjs');
    writeFileSync(join(tmp, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, ctx, next) { appendFileSync(process.env.GW_LOG, url + '\\n'); return next(url, ctx); }\n`);
    writeFileSync(
      hook,
      `import { register, createRequire } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregister(${JSON.stringify('file://' + join(tmp, 'hooks.mjs'))});\n` +
        `const cache = createRequire(import.meta.url).cache;\nprocess.on('exit', () => appendFileSync(process.env.GW_LOG, Object.keys(cache).join('\\n') + '\\n'));\n`,
    );
    const loaded = (args: string[]) => {
      rmSync(log, { force: true });
      const r = spawnSync(process.execPath, ['--import', hook, bin, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, GW_LOG: log } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(log, 'utf8');
    };
    const v = loaded(['--version']);
    expect(v).toContain('dist/cli/main.js');
    expect(v).not.toMatch(/commander|dist\/cli\/program\.js|dist\/build\//);
    for (const args of [['--help'], ['build', '--help']]) {
      const l = loaded(args);
      expect(l).toContain('dist/cli/program.js');
      expect(l).not.toMatch(/exceljs|pdf-lib|fontkit|harfbuzzjs|wawoff2|resvg|markdown-it|handlebars|dist\/build\/|dist\/write\/|dist\/fonts\//);
    }
    // The seed notice with its CSV list: the compiler, the checks and csv-parse, nothing else.
    const c = loaded(['check', 'content/2020-191.md']);
    expect(c).toContain('dist/pipeline/check.js');
    expect(c).toContain('node_modules/csv-parse/');
    for (const never of ['pdf-lib', 'fontkit', 'harfbuzzjs', 'wawoff2', '@resvg/resvg-js', 'exceljs', 'mammoth', 'chokidar', '@node-rs/jieba', 'iconv-lite', 'image-size', 'gray-matter', 'js-yaml', 'source-map']) {
      expect(c).not.toContain(`node_modules/${never}/`);
    }
    // Neither the writers (PDF, OFD, DOCX), the font book nor the layout stage.
    expect(c).not.toMatch(/dist\/write\/|dist\/fonts\/|dist\/layout\/index\.js|dist\/layout\/frame\/|dist\/kinds\/application\.js/);
  });
});

describe('gongwen import', () => {
  it("reads gongwen's own DOCX back (notices, a plan): built again, the same paragraphs", () => {
    const dir = join(tmp, 'roundtrip');
    mkdirSync(dir, { recursive: true });
    const first = gongwen(['build', 'content/2020-183.md', 'content/2020-191.md', 'content/2021-zhuzhou-cluster-plan.md', '--format', 'docx', '--out', join(dir, 'first')], REPO);
    expect(first.status).toBe(0);
    for (const name of ['2020-183', '2020-191', '2021-zhuzhou-cluster-plan']) {
      const imp = gongwen(['import', join(dir, 'first', `${name}.docx`), '-o', `content/${name}.md`], dir);
      expect(imp.status).toBe(0);
      const b = gongwen(['build', `content/${name}.md`, '--format', 'docx', '--out', 'again'], dir);
      expect(b.stderr).toMatch(/^1 of 1 document built/m);
      const a = docxParagraphs(join(dir, 'first', `${name}.docx`));
      const again = docxParagraphs(join(dir, 'again', `${name}.docx`));
      if (name !== '2020-191') expect(again).toEqual(a);
      else {
        // The list's merged 省市 cells are written once each: the same text, fewer merges.
        expect(again.join('')).toBe(a.join(''));
        expect(imp.stderr).toContain('note: 表格有合并单元格');
      }
    }
    const front = readFileSync(join(dir, 'content/2020-191.md'), 'utf8');
    expect(front).toContain('number: 国科火字〔2020〕191号');
    expect(front).toContain('  - title: 2020年度国家火炬特色产业基地复核名单\n    file: 2020-191-annex1.md');
    expect(front).toContain('# 复核材料内容');
    // The plan: cover fields, no contents page (gongwen makes it), a warning saying so.
    const plan = readFileSync(join(dir, 'content/2021-zhuzhou-cluster-plan.md'), 'utf8');
    expect(plan.startsWith('---\nkind: plan\ntitle: 株洲轨道交通装备制造创新型产业集群发展规划（2021—2023）\nauthor: 株洲高新技术产业开发区管理委员会\ndate: 2021-03-20\n---\n')).toBe(true);
    expect(plan).not.toContain('目　录');
  });

  it('reads a DOCX that LibreOffice saved from plain text: fields, headings from numbers, warnings', () => {
    const dir = join(tmp, 'lo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '旧通知.txt'),
      [
        '某某市科学技术局文件',
        '某科字〔2025〕7号',
        '关于做好2025年度统计工作的通知',
        '各区县科技局：',
        '为做好统计工作，现将有关事项通知如下：',
        '一、工作任务',
        '（一）按时报送',
        '各单位于6月30日前报送数据。',
        '（二）确保质量。各单位要对数据质量负责，认真核对。',
        '二、工作要求',
        '请认真组织实施。',
        '附件：1．统计报表',
        '2．填报说明',
        '某某市科学技术局',
        '2025年5月6日',
        '（联系人：王某，电话：12345678）',
      ].join('\n') + '\n',
    );
    const conv = soffice(['--headless', '--infilter=Text (encoded):UTF8,LF,,', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, join(dir, '旧通知.txt')], { timeout: 170_000, env: { HOME: dir } });
    expect(existsSync(join(dir, '旧通知.docx')), conv.stderr).toBe(true);
    const r = gongwen(['import', '旧通知.docx'], dir);
    expect(r.status).toBe(0);
    const md = readFileSync(join(dir, '旧通知.md'), 'utf8');
    expect(md).toBe(`---
kind: notice
issuer: 某某市科学技术局
number: 某科字〔2025〕7号
title: 关于做好2025年度统计工作的通知
to: 各区县科技局
date: 2025-05-06
note: 联系人：王某，电话：12345678
attachments: [统计报表, 填报说明]
---

为做好统计工作，现将有关事项通知如下：

# 工作任务

## 按时报送

各单位于6月30日前报送数据。

（二）确保质量。各单位要对数据质量负责，认真核对。

# 工作要求

请认真组织实施。
`);
    expect(gongwen(['check', '旧通知.md'], dir).status).toBe(0);
  });
});

// `gongwen check` (and `build` of a document with a check error) through the real command:
// node bin/gongwen.js on a compiled copy of src/, in temporary project folders.
//
// The CLI is compiled into a private folder (tmp/gw/dist, with the repo's package.json,
// node_modules, templates/ and outlines/ linked beside it) rather than the shared dist/: other
// engineers run `tsc -p .` in the same checkout, and a half-rewritten dist/ made a run fail
// with "does not provide an export named …" while this test was written.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliCopy } from './fixtures/cli-copy.js';

const REPO = resolve(import.meta.dirname, '..');
let tmp = '';
let bin = '';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function gongwen(args: string[], cwd: string): Run {
  // English messages whatever the machine's locale (the Chinese ones: cli-conventions.test.ts).
  const env = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', GONGWEN_LANG: '' };
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);
/** The findings (stdout), then the summary (stderr). */
const both = (r: Run) => [...lines(r.stdout), ...lines(r.stderr)];

/** A project folder with the given files (paths relative to it). */
function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

// A notice with eight problems: two errors, six warnings, on lines 12, 16, 18 and 20.
const BAD_NOTICE = `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
mark: [科学技术部火炬, 高技术产业开发中心, 文件]
number: 国科火字〔2020〕183号
title: 关于开展2021年度评价工作的通知
to: 各省、自治区、直辖市科技厅（委、局）
signature: 科技部火炬中心
date: 2021-03-05
---

根据《创新型产业集群试点认定管理办法》（国科发火[2013]230号）,现将有关事项通知如下.

一、工作安排

请于2021-2023年间完成评价工作...

三、有关要求

请各单位认真组织，确保质量“按时报送.
`;

const BAD_LINES = [
  'content/bad.md:12:25 error cited-doc-number: 引用的文号年份应使用六角括号〔〕，不用「[]」：应写作「〔2013〕230号」',
  'content/bad.md:12:36 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」',
  'content/bad.md:12:47 warning punct-halfwidth: 中文中应使用全角「。」，不用半角「.」',
  'content/bad.md:16:7 warning range-hyphen: 年份范围用「—」，不用「-」：写作「2021—2023」',
  'content/bad.md:16:20 warning ellipsis: 省略号应写作「……」（两个 U+2026），不用「...」',
  'content/bad.md:18:1 warning heading-number-skip: 编号跳号：「一、」之后是「三、」，缺少 1 个编号',
  'content/bad.md:20:14 error punct-pair: 「“」在本段中没有配对的「”」',
  'content/bad.md:20:19 warning punct-halfwidth: 中文中应使用全角「。」，不用半角「.」',
];

// A plan of 38 字 against an outline of the project that asks for 500 (and 30 for 建设背景).
const SHORT_OUTLINE = `title: 小型方案
minWords: 500
sections:
  - title: 建设背景
    minWords: 30
  - 建设目标
`;
const SHORT_PLAN = `---
kind: plan
title: 某某集群建设方案
outline: mini
author: 某某高新区管委会
date: 2022-05-10
---

# 建设背景

集群已有企业120家，产值约35亿元。

# 建设目标

到2025年，集群产值达到50亿元。
`;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-check-cli-'));
  bin = cliCopy(join(tmp, 'gw'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('gongwen check', () => {
  it('exits 0 on the clean content of the repo', () => {
    const files = readdirSync(join(REPO, 'content')).filter((f) => f.endsWith('.md')).map((f) => `content/${f}`);
    const r = gongwen(['check', ...files], REPO);
    expect(r.stderr).toBe(`${files.length} files checked: 0 errors, 0 warnings\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('prints one file:line:col severity rule: message line per problem and exits 1', () => {
    const dir = project('lint', { 'content/bad.md': BAD_NOTICE });
    const r = gongwen(['check', 'content/bad.md'], dir);
    expect(lines(r.stdout)).toEqual(BAD_LINES);
    expect(r.stderr).toBe('1 file checked: 2 errors, 6 warnings\n');
    expect(r.status).toBe(1);
    // --quiet keeps the errors and the summary.
    const q = gongwen(['check', 'content/bad.md', '--quiet'], dir);
    expect(both(q)).toEqual([...BAD_LINES.filter((l) => l.includes(' error ')), '1 file checked: 2 errors, 6 warnings']);
    expect(q.status).toBe(1);
    // A folder means its .md files; paths show relative to the working folder.
    const d = gongwen(['check', join(dir, 'content')], tmp);
    expect(lines(d.stdout)[0]).toBe(BAD_LINES[0].replace('content/', 'lint/content/'));
  });

  it("a notice's wrong 发文字号 is reported once, by the doc-number rule, in Chinese", () => {
    const dir = project('number', { 'content/n.md': BAD_NOTICE.replace('国科火字〔2020〕183号', '国科火字[2020]183号') });
    const r = gongwen(['check', 'content/n.md'], dir);
    const at5 = lines(r.stdout).filter((l) => l.startsWith('content/n.md:5:'));
    expect(at5).toEqual(['content/n.md:5:13 error doc-number: 发文字号的年份应使用六角括号〔〕，不用「[]」，应写作「国科火字〔2020〕183号」']);
    expect(r.status).toBe(1);
  });

  it('--json prints the documented shape (report-json.ts): per file, counts and messages with spans, rule ids and fixes', () => {
    const dir = project('json', { 'content/bad.md': BAD_NOTICE, 'content/good.md': BAD_NOTICE.split('\n\n')[0] + '\n\n正文。\n' });
    const r = gongwen(['check', 'content/bad.md', 'content/good.md', '--json'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      version: number;
      errors: number;
      warnings: number;
      files: { path: string; errors: number; warnings: number; messages: { line: number; column: number; endLine: number; endColumn: number; severity: string; ruleId: string; message: string; fix?: { line: number; column: number; endLine: number; endColumn: number; text: string } }[] }[];
    };
    expect(out).toMatchObject({ version: 1, errors: 2, warnings: 6 });
    expect(out.files.map((f) => [f.path, f.errors, f.warnings, f.messages.length])).toEqual([
      ['content/bad.md', 2, 6, 8],
      ['content/good.md', 0, 0, 0],
    ]);
    const bad = out.files[0].messages;
    expect(bad.map((d) => `content/bad.md:${d.line}:${d.column} ${d.severity} ${d.ruleId}: ${d.message}`)).toEqual(BAD_LINES);
    // The span of the cited number: 〔…〕 replaces 10 characters, [2013]230号.
    expect(bad[0]).toMatchObject({ endLine: 12, endColumn: 35, fix: { line: 12, column: 25, endLine: 12, endColumn: 35, text: '〔2013〕230号' } });
    expect(bad[1].fix).toEqual({ line: 12, column: 36, endLine: 12, endColumn: 37, text: '，' });
    // No fix where the replacement is not certain (a skipped number, an unpaired quote).
    expect(bad.filter((d) => d.fix).map((d) => d.ruleId)).toEqual(['cited-doc-number', 'punct-halfwidth', 'punct-halfwidth', 'ellipsis', 'punct-halfwidth']);
  });

  it('--fix on a file with ten kinds of slips leaves a file that checks clean', () => {
    const slips = `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
number: 国科火字[2020]183号
title: 关于开展2021年度评价工作的通知
to: 各省、自治区、直辖市科技厅(委、局)
date: 2021-03-05
---

根据《管理办法》(国科发火(2013)230号),现将有关事项通知如下:

请各单位高度重视;材料是否齐全?务必按时报送!

所谓"双创"工作,即「大众创业」--万众创新...等内容.
`;
    const dir = project('fix', { 'content/slips.md': slips });
    const before = gongwen(['check', 'content/slips.md'], dir);
    const kinds = new Set(lines(before.stdout).map((l) => l.split(' ')[2] + l.replace(/^.*?: /, '').replace(/[^「」]*「([^」]*)」[^「」]*「([^」]*)」.*/, ' $1 $2')));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    const r = gongwen(['check', 'content/slips.md', '--fix'], dir);
    expect(lines(r.stderr).at(-1)).toBe('1 file checked: 0 errors, 0 warnings');
    expect(r.status).toBe(0);
    const fixed = readFileSync(join(dir, 'content/slips.md'), 'utf8');
    expect(fixed).toContain('number: 国科火字〔2020〕183号');
    expect(fixed).toContain('to: 各省、自治区、直辖市科技厅（委、局）');
    expect(fixed).toContain('根据《管理办法》（国科发火〔2013〕230号），现将有关事项通知如下：');
    expect(fixed).toContain('请各单位高度重视；材料是否齐全？务必按时报送！');
    expect(fixed).toContain('所谓“双创”工作，即“大众创业”——万众创新……等内容。');
    expect(gongwen(['check', 'content/slips.md'], dir).status).toBe(0);
  });

  it('--fix keeps what the file was: its mode, a link to it (fixed at its target), a read-only file untouched', () => {
    const slip = BAD_NOTICE.split('\n\n')[0] + '\n\n根据有关规定,现将事项通知如下.\n';
    const dir = project('fix-kept', { 'content/private.md': slip, 'content/real/target.md': slip, 'content/readonly.md': slip });
    chmodSync(join(dir, 'content/private.md'), 0o600);
    symlinkSync('real/target.md', join(dir, 'content/linked.md'));
    chmodSync(join(dir, 'content/readonly.md'), 0o444);
    gongwen(['check', 'content/private.md', '--fix'], dir);
    expect(statSync(join(dir, 'content/private.md')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'content/private.md'), 'utf8')).toContain('根据有关规定，现将事项通知如下。');
    gongwen(['check', 'content/linked.md', '--fix'], dir);
    expect(lstatSync(join(dir, 'content/linked.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'content/real/target.md'), 'utf8')).toContain('根据有关规定，现将事项通知如下。');
    const r = gongwen(['check', 'content/readonly.md', '--fix'], dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toContain('只读');
    expect(readFileSync(join(dir, 'content/readonly.md'), 'utf8')).toBe(slip);
    expect(statSync(join(dir, 'content/readonly.md')).mode & 0o777).toBe(0o444);
  });

  it('the same problem repeated more than three times is summarised', () => {
    const body = Array.from({ length: 12 }, (_, i) => `第${i + 1}段内容,应当整改。`).join('\n\n');
    const dir = project('repeat', { 'content/rep.md': BAD_NOTICE.split('\n\n')[0] + '\n\n' + body + '\n' });
    const out = both(gongwen(['check', 'content/rep.md'], dir));
    expect(out).toEqual([
      'content/rep.md:12:6 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」',
      'content/rep.md:14:6 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」',
      'content/rep.md:16:6 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」',
      'content/rep.md: 还有 9 处同类问题（punct-halfwidth：中文中应使用全角「，」，不用半角「,」）',
      '1 file checked: 0 errors, 12 warnings',
    ]);
  });

  it('--stats prints 字数 per section of the example plan, the opening text and 合计', () => {
    const r = gongwen(['check', 'content/2021-zhuzhou-cluster-plan.md', '--stats'], REPO);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
    const out = lines(r.stdout);
    expect(out[0]).toBe('content/2021-zhuzhou-cluster-plan.md');
    expect(out[1]).toMatch(/^章节\s+字数\s+要求$/);
    expect(out[2]).toMatch(/^─+$/);
    expect(out.at(-2)).toBe(out[2]);
    expect(out.at(-1)).toMatch(/^合计（字符数 11,356）\s+11,064\s+≥ 10,000$/);
    const num = (l: string) => Number(l.trim().split(/\s+/).at(-1)!.replace(/,/g, ''));
    const lead = out.find((l) => l.startsWith('（首个标题前的正文）'))!;
    expect(num(lead)).toBe(153);
    const chapters = out.filter((l) => /^[一二三四五六七八九十]+、/.test(l));
    expect(chapters.map((l) => l.split(/\s+/)[0])).toEqual([
      '一、集群基本情况',
      '二、集群产业链、创新链发展状况',
      '三、集群发展面临的问题与对策',
      '四、集群发展的思路、目标与任务',
      '五、集群发展规划的推进机制与保障措施',
    ]);
    // The opening text and the chapters add up to 合计.
    expect(num(lead) + chapters.reduce((s, l) => s + num(l), 0)).toBe(11_064);
    expect(out).toContain('  （一）集群现状及主要形成过程                     828');
    expect(out).toContain('    1.实施关键核心技术攻关行动                     221');
  });

  it('--stats of a notice without headings: head, one rule, 合计', () => {
    const r = gongwen(['check', 'content/2020-183.md', '--stats'], REPO);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toBe('content/2020-183.md');
    expect(out[2]).toMatch(/^─+$/);
    expect(out[3]).toMatch(/^合计（字符数 135）\s+135$/);
  });

  it('--stats of a plan under its minimum: the table and the wordcount-min error', () => {
    const dir = project('short', { 'outlines/mini.yaml': SHORT_OUTLINE, 'content/short.md': SHORT_PLAN });
    const r = gongwen(['check', 'content/short.md', '--stats'], dir);
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toEqual([
      'content/short.md:4:10 error wordcount-min: 全文 38 字，少于要求的 500 字（还差 462 字）',
      'content/short.md:9:1 warning outline-section-min: 「建设背景」20 字，少于要求的 30 字（还差 10 字）',
      'content/short.md',
      '章节               字数  要求',
      '─'.repeat(32),
      '一、建设背景         20  ≥ 30 ✗',
      '二、建设目标         18',
      '─'.repeat(32),
      '合计（字符数 45）    38  ≥ 500 ✗',
    ]);
    expect(lines(r.stderr)).toEqual(['1 file checked: 1 error, 1 warning']);
  });

  it("follows the project's gongwen.yaml: a rule off, a rule made an error, an unknown id warned", () => {
    const yaml = 'rules:\n  punct-halfwidth: off\n  range-hyphen: error\n  no-such-rule: warning\n';
    const dir = project('config', { 'content/bad.md': BAD_NOTICE, 'gongwen.yaml': yaml });
    const r = gongwen(['check', 'content/bad.md'], dir);
    const out = both(r);
    expect(out[0]).toMatch(/^gongwen\.yaml:4:3 warning config: rules 中的规则编号「no-such-rule」不存在：规则编号见 README/);
    expect(out.slice(1)).toEqual([
      ...BAD_LINES.filter((l) => !l.includes(' punct-halfwidth: ')).map((l) => l.replace('warning range-hyphen', 'error range-hyphen')),
      '1 file checked: 3 errors, 3 warnings',
    ]);
    expect(r.status).toBe(1);
    // The same from outside the project, with --project.
    const p = gongwen(['check', 'config/content/bad.md', '--project', 'config'], tmp);
    expect(both(p)[0]).toMatch(/^config\/gongwen\.yaml:4:3 warning config: rules 中的规则编号「no-such-rule」不存在/);
    expect(both(p)).toContain('config/content/bad.md:16:7 error range-hyphen: 年份范围用「—」，不用「-」：写作「2021—2023」');
  });

  it('a gongwen.yaml that only turns warnings off lets a clean-but-for-warnings file pass', () => {
    const text = BAD_NOTICE.replace('国科发火[2013]230号', '国科发火〔2013〕230号').replace('质量“按时', '质量，按时');
    const yaml = 'rules:\n  punct-halfwidth: off\n  range-hyphen: off\n  ellipsis: off\n  heading-number-skip: off\n';
    const dir = project('quiet', { 'content/ok.md': text, 'gongwen.yaml': yaml });
    const r = gongwen(['check', 'content/ok.md'], dir);
    expect(r.stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
    expect(r.status).toBe(0);
  });

  it('exits 2 on bad usage', () => {
    const none = gongwen(['check'], tmp);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe("gongwen: missing required argument 'inputs'\n(add --help for the options and examples)\n");
    const unknown = gongwen(['check', '--bogus', 'x.md'], tmp);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^gongwen: unknown option '--bogus'/);
  });

  it('a missing file is a slip in the command: said, exit 2', () => {
    const r = gongwen(['check', 'nope.md'], tmp);
    expect(lines(r.stderr)).toEqual(['gongwen: nope.md: no such file or folder', 'Run "gongwen check --help" for usage.']);
    expect(r.status).toBe(2);
  });
});

describe('gongwen build with a check error', () => {
  it('writes nothing and exits 1', () => {
    const dir = project('build', { 'content/bad.md': BAD_NOTICE });
    const r = gongwen(['build', 'content/bad.md'], dir);
    expect(r.status).toBe(1);
    const err = lines(r.stderr);
    for (const l of BAD_LINES) expect(err).toContain(l);
    expect(err.at(-1)).toMatch(/^0 of 1 document built, 0 files written in [\d.]+ s; 1 failed$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['content']);
    expect(readdirSync(join(dir, 'content'))).toEqual(['bad.md']);
  });
});

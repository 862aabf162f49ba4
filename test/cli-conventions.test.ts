// A clerk's everyday use of the command line (issue 22): node bin/gongwen.js on a private compiled
// copy of src/ (fixtures/cli-copy.ts), in temporary project folders, with the locale set as the
// user's would be; what came out on stdout and stderr is read. The pure pieces (locale choice,
// both catalogues, the schema's date pattern against the check) are tested without a process.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCopy } from './fixtures/cli-copy.js';
import { catalogues, localeLang } from '../src/cli/messages.js';
import { dateProblem } from '../src/checks/rules/date-format.js';
import { DATE_PATTERN, jsonSchemaOf } from '../src/kinds/json-schema.js';
import { Progress } from '../src/cli/progress.js';

let tmp = '';
let bin = '';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const EN = { LANG: 'en_US.UTF-8' };
const ZH = { LANG: 'zh_CN.UTF-8' };

function gongwen(args: string[], cwd: string, env: Record<string, string> = EN, input?: string): Run {
  const base = { ...process.env, LC_ALL: '', LC_MESSAGES: '', GONGWEN_LANG: '', FORCE_COLOR: '', NO_COLOR: '' };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...base, ...env }, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);

function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'content'), { recursive: true });
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const NOTICE = (head: string) => `---\nkind: notice\nissuer: 某某市科学技术局\ntitle: 关于开展科技项目申报工作的通知\n${head}date: 2026-03-02\n---\n\n现将有关事项通知如下。\n`;
// One warning (a half-width comma), no error.
const ONE_WARNING = NOTICE('').replace('现将有关事项通知如下。', '现将有关事项通知如下,请遵照执行。');

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gongwen-conventions-'));
  bin = cliCopy(join(tmp, 'gw'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the language of the command line', () => {
  it('follows LC_ALL, LC_MESSAGES, LANG in that order, GONGWEN_LANG first, Intl last', () => {
    expect(localeLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeLang({ LANG: 'zh_TW.UTF-8' })).toBe('zh');
    expect(localeLang({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeLang({ LANG: 'C' })).toBe('en');
    expect(localeLang({ LC_ALL: 'C.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeLang({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(localeLang({ GONGWEN_LANG: 'zh', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(localeLang({}, 'zh-CN')).toBe('zh');
    expect(localeLang({}, 'en-US')).toBe('en');
  });

  it('has every message in both languages, with Chinese and English counts right', () => {
    expect(Object.keys(catalogues.zh).sort()).toEqual(Object.keys(catalogues.en).sort());
    expect([1, 2].map((n) => catalogues.en.pages(n))).toEqual(['1 page', '2 pages']);
    expect([1, 2].map((n) => catalogues.zh.pages(n))).toEqual(['1 页', '2 页']);
    expect(catalogues.en.checkTotal(1, 1, 0)).toBe('1 file checked: 1 error, 0 warnings');
    expect(catalogues.en.built('out/a.pdf', 1)).toBe('built out/a.pdf (1 page)');
  });

  it('help in Chinese for a Chinese locale, English otherwise, --lang and GONGWEN_LANG choosing', () => {
    const zh = gongwen(['--help'], tmp, ZH);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toMatch(/^用法：/);
    expect(zh.stdout).toContain('命令：');
    expect(zh.stdout).toContain('只检查，不生成文件');
    const en = gongwen(['check', '--help'], tmp, EN);
    expect(en.stdout).toMatch(/^Usage: gongwen check/);
    expect(en.stdout).toContain('--max-warnings <n>');
    expect(gongwen(['--help', '--lang', 'en'], tmp, ZH).stdout).toMatch(/^Usage:/);
    expect(gongwen(['--lang=zh', 'build', '--help'], tmp, EN).stdout).toContain('示例：');
    expect(gongwen(['--help'], tmp, { LANG: 'en_US.UTF-8', GONGWEN_LANG: 'zh' }).stdout).toMatch(/^用法：/);
    const bad = gongwen(['--lang', 'fr', '--help'], tmp, EN);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('gongwen: --lang takes zh or en (not "fr")\n');
  });

  it("commander's own errors in Chinese too", () => {
    const r = gongwen(['check'], tmp, ZH);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('gongwen: 缺少参数「inputs」\n（加 --help 查看选项和示例）\n');
  });
});

describe('check as a script uses it', () => {
  it('findings on stdout, the summary on stderr, in the locale', () => {
    const dir = project('streams', { 'content/a.md': ONE_WARNING, 'content/b.md': NOTICE('') });
    const en = gongwen(['check', 'content'], dir);
    expect(en.status).toBe(0);
    expect(lines(en.stdout)).toEqual(['content/a.md:8:11 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」']);
    expect(en.stderr).toBe('2 files checked: 0 errors, 1 warning\n');
    const zh = gongwen(['check', 'content/b.md'], dir, ZH);
    expect(zh.stderr).toBe('检查了 1 个文件：0 个错误，0 个警告\n');
  });

  it('--max-warnings N: exit 1 above N', () => {
    const dir = project('maxw', { 'content/a.md': ONE_WARNING });
    expect(gongwen(['check', 'content/a.md', '--max-warnings', '1'], dir).status).toBe(0);
    const over = gongwen(['check', 'content/a.md', '--max-warnings', '0'], dir);
    expect(over.status).toBe(1);
    expect(lines(over.stderr).at(-1)).toBe('gongwen: 1 warning, more than --max-warnings 0');
    expect(gongwen(['check', 'content/a.md', '--max-warnings', 'many'], dir).status).toBe(2);
  });

  it('- reads the document from standard input, in the current folder', () => {
    const dir = project('stdin', { 'content/a.md': NOTICE('') });
    const r = gongwen(['check', '-'], dir, EN, ONE_WARNING);
    expect(lines(r.stdout)).toEqual(['<stdin>:8:11 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」']);
    expect(r.stderr).toBe('1 file checked: 0 errors, 1 warning\n');
    const json = JSON.parse(gongwen(['check', '-', '--json'], dir, EN, ONE_WARNING).stdout) as { files: { path: string; warnings: number }[] };
    expect(json.files).toMatchObject([{ path: '<stdin>', warnings: 1 }]);
    expect(gongwen(['check', '-', 'content/a.md'], dir).status).toBe(2);
  });

  it('a missing input exits 2 and says so; the build does not count "0 of 0"', () => {
    const r = gongwen(['build', 'nosuch.md'], tmp);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('gongwen: nosuch.md: no such file or folder\nRun "gongwen build --help" for usage.\n');
    const zh = gongwen(['build', 'nosuch.md'], tmp, ZH);
    expect(lines(zh.stderr)[0]).toBe('gongwen: nosuch.md：文件或文件夹不存在');
  });

  it('a closed pipe ends quietly, exit 0', () => {
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" --help | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', env: { ...process.env, ...EN } });
      expect(r.stdout).toBe('Usage: gongwen [options] [command]\n');
      expect(r.stderr).toBe('status 0\n');
    }
  });

  it('colours: --color and FORCE_COLOR on a pipe, --no-color and NO_COLOR off', () => {
    const dir = project('colour', { 'content/a.md': ONE_WARNING });
    const esc = '\x1b[';
    expect(gongwen(['check', 'content/a.md'], dir).stdout).not.toContain(esc);
    expect(gongwen(['check', 'content/a.md', '--color'], dir).stdout).toContain(esc);
    expect(gongwen(['check', 'content/a.md'], dir, { ...EN, FORCE_COLOR: '1' }).stdout).toContain(esc);
    expect(gongwen(['check', 'content/a.md', '--no-color'], dir, { ...EN, FORCE_COLOR: '1' }).stdout).not.toContain(esc);
  });

  it('build - -o - writes the one document to stdout', () => {
    const dir = project('stdout', {});
    const r = spawnSync(process.execPath, [bin, 'build', '-', '-o', '-', '--format', 'docx'], { cwd: dir, input: NOTICE(''), env: { ...process.env, ...EN } });
    expect(r.status, String(r.stderr)).toBe(0);
    expect(r.stdout.subarray(0, 2).toString()).toBe('PK');
    expect(String(r.stderr)).toMatch(/^1 of 1 document built, 1 file written in [\d.]+ s\n$/);
    const two = gongwen(['build', '-', '-o', '-'], dir, EN, NOTICE(''));
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('--format pdf, --format docx or --format ofd');
  });

  it('the progress line is cleared before the summary', () => {
    let out = '';
    const stream = { isTTY: true, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
    const p = new Progress(3, false, stream);
    for (let i = 0; i < 3; i++) {
      p.start(`a${i}.md`);
      p.done(true);
    }
    p.finish();
    expect(out.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('front matter as a clerk writes it', () => {
  it('Chinese keys and kind: 通知 are the fields; the notice checks clean', () => {
    const text = '---\n文种: 通知\n发文机关: 某某市科学技术局\n发文字号: 某科发〔2026〕3号\n标题: 关于开展科技项目申报工作的通知\n主送: 各区科技局\n成文日期: 2026年3月2日\n附注: 此件公开发布\n抄送: 市政府办公室\n印发机关: 某某市科学技术局办公室\n印发日期: 2026-03-03\n---\n\n现将有关事项通知如下。\n';
    const dir = project('aliases', { 'content/a.md': text });
    const r = gongwen(['check', 'content/a.md'], dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('1 file checked: 0 errors, 0 warnings\n');
    expect(r.status).toBe(0);
    // A name list with its keys in Chinese: its data file is read (a path, not prose to check).
    const list = project('aliases-list', { 'content/名单.md': '---\n文种: 名单\n标题: 基地名单\n数据文件: 数据/基地.csv\n页面方向: landscape\n---\n', 'content/数据/基地.csv': '名称,备注\n甲基地,"内容,说明"\n' });
    const l = gongwen(['check', 'content/名单.md'], list);
    expect(lines(l.stdout)).toEqual(['content/数据/基地.csv:2:2 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」']);
  });

  it('a key one edit from a field is an error with the suggestion; a field written twice is an error', () => {
    const dir = project('typo', { 'content/a.md': NOTICE('attachment:\n  - title: 申报表\n'), 'content/b.md': NOTICE('to: 各区科技局\n主送: 各区科技局\n') });
    const a = gongwen(['check', 'content/a.md'], dir);
    expect(a.status).toBe(1);
    expect(lines(a.stdout)).toEqual(['content/a.md:5:1 error field-unknown: 文件头字段「attachment」不是已知字段：是否应为「attachments」？改为 attachments:']);
    const b = gongwen(['check', 'content/b.md'], dir);
    expect(b.stdout).toContain('content/b.md:6:1 error field-unknown: 「主送」与「to」是同一字段：只写一个');
  });

  it('an empty title is said to be empty, not missing', () => {
    const dir = project('empty', { 'content/a.md': NOTICE('').replace(/title: .*\n/, 'title:\n') });
    const r = gongwen(['check', 'content/a.md'], dir);
    expect(lines(r.stdout)).toEqual(['content/a.md:4:1 error field-missing: 必填字段「title」（标题）是空的：在 title: 后写上内容']);
  });

  it("a date's leading zero: the message shows the user's date corrected, --fix writes exactly that and says so", () => {
    const text = NOTICE('').replace('date: 2026-03-02', 'date: 2026年03月02日');
    const dir = project('date', { 'content/a.md': text });
    const r = gongwen(['check', 'content/a.md'], dir);
    expect(lines(r.stdout)).toEqual(['content/a.md:5:12 error date-format: 成文日期的月、日不编虚位（不加前导0）：「2026年03月02日」写作「2026年3月2日」']);
    const dry = gongwen(['check', 'content/a.md', '--fix', '--dry-run'], dir);
    expect(lines(dry.stdout)[0]).toBe('content/a.md:5: 2026年03月02日 → 2026年3月2日');
    expect(lines(dry.stderr)[0]).toBe('1 fix to apply (--dry-run: nothing written)');
    expect(readFileSync(join(dir, 'content/a.md'), 'utf8')).toBe(text);
    const fix = gongwen(['check', 'content/a.md', '--fix'], dir);
    expect(lines(fix.stdout)).toEqual(['content/a.md:5: 2026年03月02日 → 2026年3月2日']);
    expect(lines(fix.stderr)).toEqual(['1 fix applied', '1 file checked: 0 errors, 0 warnings']);
    expect(fix.status).toBe(0);
    expect(readFileSync(join(dir, 'content/a.md'), 'utf8')).toBe(text.replace('2026年03月02日', '2026年3月2日'));
  });
});

describe('messages that point at the slip', () => {
  it("a name list's cells are checked like body text, at the data cell", () => {
    const dir = project('listcells', { 'content/l.md': '---\nkind: list\ntitle: 名单\ndata: a.csv\n---\n', 'content/a.csv': '名称,备注\n甲基地,"内容,说明"\n乙基地,无\n' });
    const r = gongwen(['check', 'content/l.md'], dir);
    expect(lines(r.stdout)).toEqual(['content/a.csv:2:2 warning punct-halfwidth: 中文中应使用全角「，」，不用半角「,」']);
  });

  it('a missing closing --- is named as such', () => {
    const dir = project('fence', { 'content/a.md': NOTICE('').replace('---\n\n现将', '\n现将') });
    const r = gongwen(['check', 'content/a.md'], dir);
    expect(r.status).toBe(1);
    expect(lines(r.stdout)).toEqual(['content/a.md:1:1 error front-matter: 文件头缺少结尾的 ---：第 1 行的 --- 之后没有另一行 ---。在字段之后、正文之前另起一行写 ---']);
  });
});

describe('the JSON Schema and the date check agree', () => {
  const cases = ['2026-03-02', '2026-3-2', '2026-03-2', '2026年3月2日', '2026年03月02日', '2026年12月31日', '2026年13月1日', '2026/3/2', '2026.3.2', '26年3月2日', '二〇二六年三月二日', '2026年3月2', '2026-02-30'];
  const pattern = new RegExp(DATE_PATTERN, 'u');
  it.each(cases)('%s', (d) => {
    // The schema's pattern says the form; the check also knows the calendar (2026-02-30).
    const formOk = pattern.test(d);
    const checkOk = dateProblem(d) === undefined;
    if (d === '2026-02-30') expect([formOk, checkOk]).toEqual([true, false]);
    else expect(formOk).toBe(checkOk);
  });

  it("the schema names the Chinese keys and the 文种 name, and a required field by any of its names", () => {
    const s = jsonSchemaOf('notice') as { properties: Record<string, { enum?: string[]; pattern?: string }>; allOf: { anyOf: { required: string[] }[] }[] };
    expect(s.properties['主送'] ?? s.properties['主送机关']).toBeDefined();
    expect(s.properties['成文日期'].pattern).toBe(DATE_PATTERN);
    expect(s.properties.kind.enum).toEqual(['notice', '通知']);
    expect(s.allOf.find((a) => a.anyOf[0].required[0] === 'title')!.anyOf.map((x) => x.required[0])).toEqual(['title', '标题']);
  });
});

describe('doctor', () => {
  it('names a face per role, LibreOffice, the cache and the versions', () => {
    const r = gongwen(['doctor'], tmp, ZH);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('字体（用途：实际使用的字体）');
    for (const role of ['仿宋', '小标宋', '黑体', '楷体', '宋体']) expect(out.some((l) => l.startsWith(`  ${role}：`))).toBe(true);
    expect(out.some((l) => l.startsWith('LibreOffice：'))).toBe(true);
    expect(out.some((l) => l.startsWith('缓存'))).toBe(true);
    expect(out.at(-1)).toMatch(/^gongwen \d+\.\d+\.\d+，Node \d+/);
  });
});

describe('the package', () => {
  it('builds dist/ when packed (prepack), not on every install (prepare warned), and ships the Chinese README', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg.scripts.prepack).toMatch(/tsc -p tsconfig\.json && node scripts\/write-schemas\.mjs/);
    expect(pkg.files).toContain('README.zh.md');
    expect(pkg.exports['.'].require).toBe('./dist/index.js');
  });
});

describe('the library from CommonJS', () => {
  it('require("gongwen") gives build and check', () => {
    const dir = join(tmp, 'req');
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    // The package as installed: package.json (its exports) and the compiled dist/ beside it.
    const pkg = join(tmp, 'gw');
    spawnSync('ln', ['-s', pkg, join(dir, 'node_modules/gongwen')]);
    const r = spawnSync(process.execPath, ['-e', 'const g = require("gongwen"); console.log(typeof g.build, typeof g.check)'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe('function function\n');
  });
});

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticError } from '../src/diagnostics/diagnostic.js';
import { countWords, displayWidth, documentStats, formatStatsTable, loadCheckConfig, loadOutline, resolveOutline, runChecks, sectionStats, shippedOutlines } from '../src/checks/index.js';
import type { CheckConfig, Outline } from '../src/checks/index.js';
import type { Block, DocumentModel } from '../src/model/types.js';
import { h, item, makeSource, model, p, table } from './fixtures/checks-source.js';

const repo = join(import.meta.dirname, '..');
const cfg: CheckConfig = { rules: {} };
const scheme = await loadOutline('cluster-scheme-2022', repo);
// These two are about structure; their 10,000 字 minimum is tested in outline-minimum.test.ts.
const plan = { ...(await loadOutline('cluster-plan-2021', repo)), minWords: undefined };
const torch = { ...(await loadOutline('torch-base-plan-2021', repo)), minWords: undefined };

function check(m: DocumentModel, outline: Outline, config = cfg) {
  return runChecks({ source: makeSource('正文\n'), model: m, kind: 'plan', config, outline }).filter((d) => d.ruleId.startsWith('outline') || d.ruleId === 'wordcount-min');
}
const zh = (n: number) => '发'.repeat(n);
const schemeTitles = ['建设背景及必要性', '组织架构与运行机制', '产业发展现状', '产业发展环境', '面临的形势与挑战', '未来三年重点任务', '下年度工作计划', '保障措施'];
const cn = ['一', '二', '三', '四', '五', '六', '七', '八'];
/** The 建设方案 with each chapter as a heading (numbered as the front end would) and text. */
function schemeModel(titles = schemeTitles, words = 1300): Block[] {
  return titles.flatMap((t, i) => [h(1, t, 10 * i + 1, `${cn[i]}、`), p(zh(words), 10 * i + 3)]);
}

describe('shipped outlines', () => {
  it('are the three from the seeds, with their shapes', async () => {
    expect(await shippedOutlines()).toEqual(['cluster-plan-2021', 'cluster-scheme-2022', 'torch-base-plan-2021']);
    expect(plan.sections.map((s) => s.sections.length)).toEqual([7, 3, 0, 0, 0]);
    expect(scheme.sections.map((s) => s.title)).toEqual(schemeTitles);
    expect(scheme.minWords).toBe(10000);
    expect(torch.sections).toHaveLength(7);
    expect(scheme.sections[2]).toMatchObject({ required: true, note: '主要包括产业链、供应链、创新链等方面情况' });
  });
});

describe('loadOutline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-outline-'));
  mkdirSync(join(dir, 'outlines'));
  writeFileSync(join(dir, 'outlines', 'mine.yaml'), 'title: 我的提纲\nminWords: 500\nsections:\n  - 第一部分\n  - title: 第二部分\n    required: false\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'bad.yaml'), 'title: 坏提纲\nminWords: 一万\nsections:\n  - title: 甲\n    colour: red\n  - aliases: [乙]\n  - title: 丙\n    aliases: [甲]\n');
  it('loads a project outline by name or by path, shorthand titles included', async () => {
    const o = await loadOutline('mine', dir);
    expect(o).toMatchObject({ name: 'mine', title: '我的提纲', minWords: 500 });
    expect(o.sections.map((s) => [s.title, s.required])).toEqual([['第一部分', true], ['第二部分', false]]);
    expect((await loadOutline('outlines/mine.yaml', dir)).title).toBe('我的提纲');
  });
  it('reports every schema problem at file:line:col', async () => {
    const err = await loadOutline('bad.yaml', dir).catch((e) => e);
    expect(err).toBeInstanceOf(DiagnosticError);
    const ds = (err as DiagnosticError).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(ds[0]).toMatch(/^2:11 `minWords` must be a positive whole number/);
    expect(ds.some((d) => d.startsWith('5:5 unknown key `colour`'))).toBe(true);
    expect(ds.some((d) => d.startsWith('6:5 missing `title`'))).toBe(true);
    expect(ds.some((d) => d.startsWith('7:5') && d.includes('would match both'))).toBe(true);
    expect((err as DiagnosticError).diagnostics[0].file).toMatch(/bad\.yaml$/);
  });
  it('refuses paths outside the project and unknown names', async () => {
    await expect(loadOutline('../etc/passwd', dir)).rejects.toThrow(/outside the project/);
    await expect(loadOutline('no-such-outline', dir)).rejects.toThrow(/cluster-scheme-2022/);
  });
  it('resolveOutline reads the front matter field and reports at it', async () => {
    const ok = await resolveOutline(makeSource('---\noutline: cluster-scheme-2022\n---\n'), dir);
    expect(ok.outline?.title).toBe('创新型产业集群建设方案');
    const bad = await resolveOutline(makeSource('---\ntitle: x\noutline: nope\n---\n'), dir);
    expect(bad.diagnostics[0]).toMatchObject({ line: 3, column: 10, severity: 'error' });
  });
});

describe('outline checks', () => {
  it('pass a complete 建设方案 of 10,400 字', () => {
    expect(check(model(schemeModel()), scheme)).toEqual([]);
  });
  it('match ignoring numbering, spaces, punctuation width and aliases', () => {
    const titles = ['（一）建设背景与必要性', '(二) 组织架构和运行机制', '三、产业 发展现状', '4.产业发展环境', '第五章 面临的形势与挑战', '（6）未来三年重点任务', '下一年度工作计划', '保障措施。'];
    expect(check(model(titles.flatMap((t, i) => [h(2, t, i + 1), p(zh(1300))])), scheme)).toEqual([]);
  });
  it('report a missing required section by name and where it belongs', () => {
    const ds = check(model(schemeModel(schemeTitles.filter((t) => t !== '产业发展现状'), 1500)), scheme);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'outline-missing', severity: 'error', line: 21 });
    expect(ds[0].message).toBe('缺少「产业发展现状」（提纲第 3 项），应在「组织架构与运行机制」之后；提纲说明：主要包括产业链、供应链、创新链等方面情况');
  });
  it('report sections out of order, empty, unknown', () => {
    const titles = [...schemeTitles];
    [titles[5], titles[6]] = [titles[6], titles[5]];
    const blocks = schemeModel(titles, 1500);
    blocks.splice(2, 0, h(1, '专家意见', 5)); // an unknown chapter, empty
    (blocks[blocks.length - 1] as { runs: { text: string }[] }).runs = [{ text: '' }]; // 保障措施 left empty
    const ds = check(model(blocks), scheme);
    expect(ds.map((d) => d.ruleId).sort()).toEqual(['outline-empty', 'outline-order', 'outline-unknown']);
    expect(ds.find((d) => d.ruleId === 'outline-order')!.message).toBe('「下年度工作计划」的顺序不对：按提纲应在「未来三年重点任务」之后');
    expect(ds.find((d) => d.ruleId === 'outline-unknown')).toMatchObject({ line: 5, severity: 'warning' });
    expect(ds.find((d) => d.ruleId === 'outline-empty')!.message).toContain('「保障措施」下面没有正文');
  });
  it('report the whole below its minimum, in the reviewers\' words', () => {
    const blocks = schemeModel(schemeTitles, 1);
    const headingWords = schemeTitles.reduce((n, t) => n + countWords(t), 0) + schemeTitles.length;
    blocks.push(p(zh(9812 - headingWords)));
    const ds = check(model(blocks), scheme);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'wordcount-min', severity: 'error' });
    expect(ds[0].message).toBe('全文 9,812 字，少于要求的 10,000 字（还差 188 字）');
  });
  it('count only the outline\'s chapter of a 申报书, tables included, title and annexes excluded', () => {
    const blocks: Block[] = [
      { type: 'title', variant: 'document', lines: ['创新型产业集群申报书（2022）'] },
      h(1, '创新型产业集群申报表', 1, '一、'),
      table([['集群名称', '营业收入'], [zh(5000), '100']]),
      h(1, '创新型产业集群建设方案', 20, '二、'),
      ...schemeTitles.flatMap((t, i) => [h(2, t, 21 + i, `（${cn[i]}）`), p(zh(1000))]),
      table([['指标', '数值'], ['营业收入', '300亿元']]),
    ];
    const m = model(blocks);
    m.sections.push({ orientation: 'portrait', pageNumbers: true, part: 'annex', blocks: [{ type: 'annexLabel', text: '附件' }, p(zh(5000))] });
    const stats = documentStats(m, scheme);
    const expected = 8000 + schemeTitles.reduce((n, t) => n + countWords(t), 0) + 2 + 2 + 4 + 3;
    expect(stats.words).toBe(expected);
    const ds = check(m, scheme);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'wordcount-min', line: 20 });
  });
  it('report a section under its own minimum', () => {
    const o: Outline = { ...scheme, minWords: undefined, sections: scheme.sections.map((s, i) => (i === 0 ? { ...s, minWords: 2000 } : s)) };
    const ds = check(model(schemeModel()), o);
    expect(ds.map((d) => d.message)).toEqual([`「建设背景及必要性」${(1300 + 8).toLocaleString('en-US')} 字，少于要求的 2,000 字（还差 692 字）`]);
  });
  it('nested outline: children matched under their chapter, misplaced ones reported', () => {
    const c1 = plan.sections[0].sections.map((s) => s.title);
    const blocks: Block[] = [
      h(1, '集群基本情况', 1, '一、'),
      ...c1.map((t, i) => [h(2, t, 2 + i, `（${cn[i]}）`), p(zh(200))]).flat(),
      h(1, '集群产业链、创新链发展状况', 20, '二、'),
      h(2, '集群产业国内外发展概况与趋势', 21), p(zh(200)),
      h(2, '集群产业链描述（包括领军企业、核心技术与产品、大中小企业融通发展情况等）', 22), p(zh(200)),
      h(1, '集群发展面临的问题与对策', 30), p(zh(200)),
      h(2, '集群创新链描述', 31), p(zh(200)), // under the wrong chapter
      h(1, '集群发展的思路、目标与任务', 40), p(zh(200)),
      h(1, '推进机制与保障措施', 50), p(zh(200)),
    ];
    const ds = check(model(blocks), plan);
    expect(ds.map((d) => [d.ruleId, d.line, d.message])).toEqual([['outline-order', 31, '「集群创新链描述」的位置不对：按提纲应在「集群产业链、创新链发展状况」下']]);
  });
  it('accept numbered paragraphs standing for items (torch base plan)', () => {
    const items = torch.sections.map((s, i) => item(`${i + 1}.`, 3, `${s.aliases[0] ?? s.title}。具体内容${zh(50)}`, i + 1));
    expect(check(model(items), torch)).toEqual([]);
    const ds = check(model(items.filter((_, i) => i !== 6)), torch);
    expect(ds.map((d) => d.message)).toEqual(['缺少「量化后的基地三年经济预期指标」（提纲第 7 项），应在「坚持创新驱动，走更加环保、高效、节能，安全生产，集约化发展，可持续发展之路」之后']);
  });
});

describe('stats table', () => {
  it('lists sections with 字数 and minimums, aligned for CJK', () => {
    const m = model([h(1, '建设方案总体', 1, '一、'), p('创新型产业集群2022年建设'), h(2, '建设背景及必要性', 2, '（一）'), p(zh(120))]);
    const rows = sectionStats(m);
    expect(rows).toEqual([
      { number: '一、', title: '建设方案总体', level: 1, words: 6 + 11 + 128 },
      { number: '（一）', title: '建设背景及必要性', level: 2, words: 128 },
    ]);
    const text = formatStatsTable(rows, { words: 143, chars: 150, min: 10000 });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^章节\s+字数\s+要求$/);
    expect(text).toContain('合计（字符数 150）');
    expect(text).toContain('≥ 10,000 ✗');
    // every 字数 column ends at the same display column
    const ends = lines.filter((l) => /\d\s*(≥.*)?$/.test(l) && !l.startsWith('─')).map((l) => displayWidth(l.replace(/\s*(≥.*)?$/, '')));
    expect(new Set(ends).size).toBe(1);
  });
});

describe('configuration and diagnostics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'gongwen.yaml'), 'fonts: {}\nrules:\n  punct-halfwidth: off\n  dash: error\n  no-such-rule: warning\n  ellipsis: loud\n');
  it('reads gongwen.yaml: settings, unknown ids as warnings, bad values as errors', async () => {
    const { config, diagnostics } = await loadCheckConfig(dir);
    expect(config.rules).toEqual({ 'punct-halfwidth': 'off', dash: 'error', 'no-such-rule': 'warning' });
    expect(diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([[5, 3, 'warning'], [6, 13, 'error']]);
    expect((await loadCheckConfig(join(dir, 'nothing-here'))).config).toEqual({ rules: {} });
  });
  it('applies severities: off drops, error raises; diagnostics are plain JSON', async () => {
    const { config } = await loadCheckConfig(dir);
    const source = makeSource('各省科技厅(局)报送--完毕。\n');
    const before = runChecks({ source, kind: 'notice', config: cfg });
    expect(before.filter((d) => d.ruleId === 'punct-halfwidth')).toHaveLength(2);
    expect(before.find((d) => d.ruleId === 'dash')!.severity).toBe('warning');
    const after = runChecks({ source, kind: 'notice', config });
    expect(after.filter((d) => d.ruleId === 'punct-halfwidth')).toHaveLength(0);
    expect(after.find((d) => d.ruleId === 'dash')).toMatchObject({ severity: 'error', file: 'content/test.md', line: 1, column: 11, endColumn: 13, source: 'check' });
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });
});

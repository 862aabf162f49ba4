// Every diagnostic id is a rule gongwen.yaml can set; misspelled names get the nearest valid one;
// YAML syntax errors say which slip it likely is, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { configureDiagnostics, parseCheckConfig, parseOutline, ruleIds, rules, runChecks, STAGE_RULES, stopRuleIds, type CheckConfig } from '../src/checks/index.js';
import { h, makeSource, model, p } from './fixtures/checks-source.js';
import { compileFile } from '../src/pipeline/compile.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../src/diagnostics/diagnostic.js';
import { nearestName } from '../src/util/nearest.js';
import { yamlSlip } from '../src/source/yaml-hints.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gw-rule-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOTICE = (front = '', body = '正文。') => `---
kind: notice
issuer: 科学技术部火炬高技术产业开发中心
title: 关于开展评价工作的通知
date: 2021-03-05
${front}---

${body}
`;

/** Compiles `content` in a project of its own with `yaml` as its gongwen.yaml. */
async function compileWith(yaml: string, content: string) {
  const proj = mkdtempSync(join(dir, 'p-'));
  if (yaml) writeFileSync(join(proj, 'gongwen.yaml'), yaml);
  writeFileSync(join(proj, 'a.md'), content);
  return compileFile(join(proj, 'a.md'), { projectDir: proj });
}

describe('every diagnostic id is a rule', () => {
  it('gongwen.yaml accepts every id: check rules and the stages before them', () => {
    expect(ruleIds.size).toBe(rules.length + STAGE_RULES.length);
    const yaml = 'rules:\n' + [...ruleIds].map((id) => `  ${id}: ${stopRuleIds.has(id) ? 'error' : 'warning'}`).join('\n') + '\n';
    expect(parseCheckConfig(yaml, 'gongwen.yaml', ruleIds, stopRuleIds).diagnostics).toEqual([]);
  });

  it('ids the parser raises (heading-skip, heading-depth, link, raw-html, heading-number-level) can be set off or lowered', async () => {
    const body = '# 一级\n\n### 三级\n\n##### 五级\n\n见[网站](ftp://x.cn)。\n\n## 1、发展定位\n';
    const plain = await compileWith('', NOTICE('', body));
    const ids = (r: typeof plain) => [...new Set(r.diagnostics.map((d) => `${d.ruleId}:${d.severity}`))].sort();
    expect(ids(plain)).toEqual(['heading-depth:error', 'heading-number-level:warning', 'heading-skip:warning', 'link:warning']);
    // heading-depth is a check now: the model is kept for --stats, the error stops the build.
    expect(hasErrors(plain.diagnostics)).toBe(true);
    const set = await compileWith('rules:\n  heading-skip: off\n  heading-depth: warning\n  link: off\n  heading-number-level: error\n', NOTICE('', body));
    expect(ids(set)).toEqual(['heading-depth:warning', 'heading-number-level:error']);
  });

  it('front-matter ids (field-missing, field-value, doc-number) follow the settings too', async () => {
    const r = await compileWith('rules:\n  doc-number: warning\n', NOTICE('number: 国科火字[2020]1号\n'));
    expect(r.diagnostics.map((d) => `${d.ruleId}:${d.severity}`)).toEqual(['doc-number:warning']);
    expect(r.model).toBeDefined();
  });

  it('every rule module, iterated: off drops its findings, a setting changes their severity', () => {
    // A content file that trips every text, front-matter and structure rule once or more.
    const text = [
      '---',
      'number: 国科火字[2020]1号',
      'date: 2020年01月06日',
      'to: "{{单位}}"',
      'attachments:',
      '  - title: 名单。',
      'applicant:',
      '  creditCode: 91350100M000100Y44',
      '---',
      '# 一、总体',
      '',
      '### 三级',
      '',
      '##### 五级',
      '',
      '## 1、发展定位',
      '',
      '见[网站](ftp://x.cn)，依据国科发火[2013]230号,所谓"双创"，《办法，材料--齐全...，第２批，2021-2023年。',
      '',
      '1、甲',
      '',
      '三、乙',
      '',
      '附件: 名单',
      '',
    ].join('\n');
    const source = makeSource(text);
    // A plan against an outline of its own: out of order, unknown, empty, short, one missing.
    const outline = parseOutline('title: 提纲\nminWords: 5000\nsections:\n  - title: 甲章\n    minWords: 100\n  - 乙章\n  - 丙章\n  - 丁章\n', 'o.yaml', 'o');
    const planModel = model([h(1, '乙章', 1, '一、'), p('发'.repeat(50), 2), h(1, '甲章', 3, '二、'), p('发'.repeat(50), 4), h(1, '戊章', 5, '三、'), p('发', 6), h(1, '丙章', 7, '四、')]);
    const run = (config: CheckConfig) => [
      ...runChecks({ source, kind: 'notice', config, record: { 单位: '' } }),
      ...runChecks({ source: makeSource('正文\n'), model: planModel, kind: 'plan', config, outline }),
    ];
    const plain = run({ rules: {} });
    for (const rule of rules) {
      const own = plain.filter((d) => d.ruleId === rule.id);
      expect(own.length, `${rule.id} fires`).toBeGreaterThan(0);
      expect(run({ rules: { [rule.id]: 'off' } }).filter((d) => d.ruleId === rule.id), `${rule.id}: off`).toEqual([]);
      const other = rule.defaultSeverity === 'error' ? 'warning' : 'error';
      expect(new Set(run({ rules: { [rule.id]: other } }).filter((d) => d.ruleId === rule.id).map((d) => d.severity)), `${rule.id}: ${other}`).toEqual(new Set([other]));
    }
  });

  it('every stage rule in the registry follows the settings, except those that stop a stage', () => {
    for (const r of STAGE_RULES) {
      const d: Diagnostic = { file: 'a.md', line: 1, column: 1, severity: r.defaultSeverity, ruleId: r.id, message: 'x', source: 'markdown' };
      const off = configureDiagnostics([d], { rules: { [r.id]: 'off' } }, stopRuleIds);
      const info = configureDiagnostics([d], { rules: { [r.id]: 'info' } }, stopRuleIds);
      if (r.stops) {
        expect(off, r.id).toEqual([d]);
      } else {
        expect(off, r.id).toEqual([]);
        expect(info.map((x) => x.severity), r.id).toEqual(['info']);
      }
    }
  });

  it('a rule that stops a stage cannot be switched off', () => {
    const { diagnostics } = parseCheckConfig('rules:\n  yaml: off\n  template: warning\n', 'gongwen.yaml', ruleIds, stopRuleIds);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`)).toEqual([
      '2:9 error 规则「yaml」不能设为 off：出现这类错误时无法继续生成文件，请改正内容',
      '3:13 error 规则「template」不能设为 warning：出现这类错误时无法继续生成文件，请改正内容',
    ]);
  });
});

describe('nearest names', () => {
  it('finds close names and nothing for unrelated ones', () => {
    expect(nearestName('tittle', ['title', 'to', 'date'])).toBe('title');
    expect(nearestName('punct-halfwith', ruleIds)).toBe('punct-halfwidth');
    expect(nearestName('heading-skp', ruleIds)).toBe('heading-skip');
    expect(nearestName('isuer', ['issuer', 'number'])).toBe('issuer');
    expect(nearestName('phone', ['title', 'to', 'date'])).toBeUndefined();
  });

  it('a misspelled required key: the error is at it, with the name to write', async () => {
    const r = await compileWith('', NOTICE().replace('title:', 'tittle:'));
    expect(r.diagnostics.map(formatDiagnostic).map((l) => l.replace(/^.*?a\.md/, 'a.md'))).toEqual([
      'a.md:4:9 error field-missing: 缺少必填字段「title」（标题）：「tittle」是否应为「title」？改为 title:',
    ]);
  });

  it('a key one edit from an optional field is an error with the field (the build would go on without it)', async () => {
    const r = await compileWith('', NOTICE('nuber: 国科火字〔2020〕1号\n'));
    expect(r.diagnostics.map((d) => `${d.line} ${d.severity} ${d.ruleId}: ${d.message}`)).toEqual(['6 error field-unknown: 文件头字段「nuber」不是已知字段：是否应为「number」？改为 number:']);
  });

  it('a key further from a field is a warning with the nearest field', async () => {
    const r = await compileWith('', NOTICE('signatre_: 某某\n'));
    expect(r.diagnostics.map((d) => `${d.line} ${d.severity} ${d.ruleId}: ${d.message}`)).toEqual(['6 warning field-unknown: 文件头字段「signatre_」不是已知字段：是否应为「signature」？']);
  });

  it('an unknown kind and a misspelled rule id in gongwen.yaml', async () => {
    const r = await compileWith('', NOTICE().replace('kind: notice', 'kind: notic'));
    expect(r.diagnostics[0].message).toBe('未知文种「notic」：kind 写 notice、annex、list、plan、application 之一（是否应为「notice」？）');
    const { diagnostics } = parseCheckConfig('rules:\n  heading-skp: off\n  punct-halfwidth: warnig\n', 'gongwen.yaml', ruleIds, stopRuleIds);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'rules 中的规则编号「heading-skp」不存在：是否应为「heading-skip」？',
      'rules.punct-halfwidth 不能是「warnig」：写 error、warning、info 或 off（是否应为「warning」？）',
    ]);
  });
});

describe('YAML syntax errors', () => {
  const yamlErr = async (front: string) => {
    const r = await compileWith('', `---\nkind: notice\nissuer: 科技部\n${front}date: 2021-03-05\n---\n\n正文。\n`);
    return r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}: ${d.message.replace(/（解析器：.*）$/, '')}`);
  };
  it('a half-width colon inside a value: quote it or use "："', async () => {
    expect(await yamlErr('to: 各市科技局: 山西综改示范区\n')).toEqual([
      '4:5 yaml: YAML 语法错误：「to」的值中有半角冒号「:」：把值加引号（to: "各市科技局: 山西综改示范区"）或改用全角「：」（to: 各市科技局：山西综改示范区）',
    ]);
  });
  it('a tab for indentation', async () => {
    expect(await yamlErr('cc:\n\t- 甲\n')).toEqual(['5:1 yaml: YAML 语法错误：这一行用制表符（Tab）缩进：YAML 只能用空格缩进，同级对齐']);
  });
  it('one indentation slip is one error, at the slipped line', async () => {
    const out = await yamlErr('title: 关于\n title2: x\nnote: 附注\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^5:1 yaml: YAML 语法错误：这一行比上一行多缩进 1 个空格：同级的项应对齐/);
  });
  it('the slips as read from one line', () => {
    expect(yamlSlip('  -甲')).toBe('「-」后缺少空格：写作「- 甲」');
    expect(yamlSlip('title：关于通知')).toBe('字段名后用了全角冒号「：」：写作「title: …」（半角冒号加空格）');
    expect(yamlSlip('title:关于通知')).toBe('「title:」后缺少空格：写作「title: …」');
    expect(yamlSlip('title: 关于通知')).toBeUndefined();
    expect(yamlSlip('url: "http://x.cn"')).toBeUndefined();
  });
});

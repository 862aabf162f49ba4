import { describe, expect, it } from 'vitest';
import { runChecks, rules, validateCreditCode } from '../src/checks/index.js';
import type { CheckConfig } from '../src/checks/index.js';
import { makeSource } from './fixtures/checks-source.js';

const cfg: CheckConfig = { rules: {} };
function lint(ruleId: string, text: string, config = cfg, kind = 'notice') {
  const rule = rules.find((r) => r.id === ruleId)!;
  expect(rule, ruleId).toBeDefined();
  return runChecks({ source: makeSource(text), kind, config }, [rule]);
}
const where = (ds: { line: number; column: number }[]) => ds.map((d) => `${d.line}:${d.column}`);

const docNo = (text: string) => lint('doc-number', text, cfg, 'plan');

describe('doc-number', () => {
  it('flags wrong brackets at the bracket, with the fix', () => {
    const ds = docNo('---\nnumber: 国科火字[2020]191号\n---\n正文。\n');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'doc-number', severity: 'error', line: 2, column: 13, file: 'content/test.md' });
    expect(ds[0].message).toContain('国科火字〔2020〕191号');
  });
  it('flags 第, leading zeros, a missing 号 and a two-digit year', () => {
    expect(docNo('---\nnumber: 国科火字〔2020〕第191号\n---\n')[0].column).toBe(19);
    expect(docNo('---\nnumber: "国科火字〔2020〕019号"\n---\n')[0]).toMatchObject({ line: 2, column: 20 });
    expect(docNo('---\nnumber: 国科火字〔2020〕191\n---\n')[0].message).toContain('号');
    expect(docNo('---\nnumber: 国科火字〔20〕191号\n---\n')[0].message).toContain('四位');
    expect(docNo('---\nnumber: 国科火字 (2021) 45 号\n---\n').map((d) => d.message).join()).toContain('国科火字〔2021〕45号');
  });
  it('is the one 发文字号 rule for a notice too (its schema no longer reports it)', () => {
    expect(lint('doc-number', '---\nnumber: 国科火字[2020]191号\n---\n').map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['2:13 doc-number']);
  });
  it('passes a well-formed number and a document without one', () => {
    expect(docNo('---\nnumber: 国科火字〔2020〕191号\n---\n')).toEqual([]);
    expect(docNo('---\ntitle: 通知\n---\n')).toEqual([]);
    const list = makeSource('---\nkind: list\nnumber: 序号\n---\n');
    expect(runChecks({ source: list, kind: 'list', config: cfg }, rules.filter((r) => r.id === 'doc-number'))).toEqual([]);
  });
});

describe('cited-doc-number', () => {
  it('flags cited numbers with [] () （） as in seeds 001 and 002', () => {
    const text = '根据《创新型产业集群试点认定管理办法》（国科发火[2013]230号）和《指引》(国科火字(2020)183号)开展工作。\n';
    const ds = lint('cited-doc-number', text);
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ line: 1, column: 25, endColumn: 35 });
    expect(ds[0].message).toContain('〔2013〕230号');
    expect(ds[1].message).toContain('〔2020〕183号');
  });
  it('flags the spaced OCR form and 第', () => {
    expect(lint('cited-doc-number', '《办法》(国科发火 (2013) 230 号)\n')).toHaveLength(1);
    expect(lint('cited-doc-number', '依据国科发火〔2013〕第230号文件。\n')[0].message).toContain('第');
  });
  it('passes 〔〕 and other bracketed years', () => {
    expect(lint('cited-doc-number', '根据《办法》（国科火字〔2015〕163号）有关规定，申报书（2022）见附件。\n')).toEqual([]);
  });
  it('checks front-matter prose too', () => {
    const ds = lint('cited-doc-number', '---\ntitle: 关于转发国科发火[2013]230号文件的通知\n---\n');
    expect(ds[0]).toMatchObject({ line: 2, column: 16 });
  });
});

describe('date-format', () => {
  it('accepts the YAML date and 2020年11月6日', () => {
    expect(lint('date-format', '---\ndate: 2020-11-06\n---\n')).toEqual([]);
    expect(lint('date-format', '---\ndate: 2020年11月6日\n---\n')).toEqual([]);
  });
  it('flags Chinese numerals, leading zeros and two-digit years', () => {
    expect(lint('date-format', '---\ndate: 二〇二〇年十一月六日\n---\n')[0]).toMatchObject({ line: 2, column: 7, severity: 'error' });
    const z = lint('date-format', '---\ndate: 2020年01月06日\n---\n');
    expect(z[0]).toMatchObject({ line: 2, column: 12 });
    expect(lint('date-format', '---\ndate: 20年1月6日\n---\n')[0].message).toContain('四位');
    expect(lint('date-format', '---\ndate: 2020年2月30日\n---\n')[0].message).toContain('不存在');
  });
});

describe('punct-pair', () => {
  it('flags an unpaired opener and closer in a paragraph', () => {
    const ds = lint('punct-pair', '依据《办法的规定，开展工作。\n\n他说：“好。\n\n见附件）。\n');
    expect(where(ds)).toEqual(['1:3', '3:4', '5:4']);
  });
  it('pairs across the lines of one paragraph, and （ with ) next to Chinese', () => {
    expect(lint('punct-pair', '依据《国家火炬\n特色产业基地建设管理办法》执行，科技厅(局）负责。\n')).toEqual([]);
    expect(lint('punct-pair', '“创新‘驱动’发展”\n')).toEqual([]);
  });
});

describe('punct-halfwidth', () => {
  it('flags , : ( ) next to Chinese, at the character', () => {
    const ds = lint('punct-halfwidth', '各省科技厅(局),请于2020年12月10日前报送.\n联系人: 孙翔宇\n');
    expect(where(ds)).toEqual(['1:6', '1:8', '1:9', '1:26', '2:4']);
    expect(ds[3].message).toContain('。');
    expect(ds[0].severity).toBe('warning');
  });
  it('judges brackets as a pair, and leaves a typed number to heading-number-style', () => {
    expect(where(lint('punct-halfwidth', '说明如下：\n(1)申报材料受理。\n'))).toEqual(['2:1', '2:3']);
    expect(lint('punct-halfwidth', '(三) 根据规定办理。\n')).toEqual([]);
    expect(lint('heading-number-style', '(三) 根据规定办理。\n')).toHaveLength(1);
  });
  it('reads front-matter prose at its file position, block scalars included', () => {
    const ds = lint('punct-halfwidth', '---\ntitle: 关于开展复核工作的通知\nsummary: |\n  第一行没有问题。\n  第二行有问题,对吧\n---\n正文。\n');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 5, column: 9 });
  });
  it('leaves decimals, times, URLs, e-mail, code and English alone', () => {
    const text = [
      '金额1,000元，时间10:30，比例3.5%。依据GB/T 9704-2012.',
      '平台网址：https://tyrz.chinatorch.org.cn/a,b:c（登录）。',
      '邮箱：jiqc1@ctp.gov.cn，代码`a(b)`。',
      '英文 Hello, world: yes (really)!',
      '```',
      '中文(代码)',
      '```',
    ].join('\n');
    expect(lint('punct-halfwidth', text)).toEqual([]);
  });
});

describe('heading numbers', () => {
  it('heading-number-skip flags 一、 then 三、 at the number', () => {
    const ds = lint('heading-number-skip', '# 一、总体要求\n\n正文。\n\n# 三、保障措施\n');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 5, column: 3 });
    expect(ds[0].message).toContain('跳号');
  });
  it('heading-number-skip: lower levels restart under a new higher number', () => {
    const text = '一、甲\n\n（一）乙\n\n1.丙\n\n2.丁\n\n（二）戊\n\n1.己\n\n二、庚\n\n（一）辛\n';
    expect(lint('heading-number-skip', text)).toEqual([]);
    expect(lint('heading-number-skip', '1. 第一项\n2. 第二项\n4. 第四项\n')[0]).toMatchObject({ line: 3, column: 1 });
    expect(lint('heading-number-skip', '一、甲\n\n二、乙\n\n附件2\n\n一、丙\n\n二、丁\n')).toEqual([]);
    // nested Markdown lists number on their own (content/2020-191.md)
    expect(lint('heading-number-skip', '1. 甲\n\n   1. 子一\n   2. 子二\n\n2. 乙\n\n   1. 子三\n')).toEqual([]);
    expect(lint('heading-number-skip', '1. 甲\n\n   1. 子一\n   3. 子三\n')[0]).toMatchObject({ line: 4, column: 4 });
  });
  it('heading-number-style flags （一）、 1、 一. 1） (1)', () => {
    const text = '（一）、甲\n\n1、乙\n\n一.丙\n\n1）丁\n\n(1)戊\n';
    const ds = lint('heading-number-style', text);
    expect(ds.map((d) => d.message)).toEqual([
      '序号「（一）、」应写作「（一）」',
      '序号「1、」应写作「1.」',
      '序号「一.」应写作「一、」',
      '序号「1）」应写作「（1）」',
      '序号「(1)」应写作「（1）」',
    ]);
    expect(lint('heading-number-style', '一、甲\n\n（一）乙\n\n1.丙\n\n（1）丁\n\n1.5亿元的投入。\n')).toEqual([]);
  });
});

describe('attachment-note', () => {
  const fm = '---\nattachments:\n  - title: 省级科技主管部门创新型产业集群账号\n  - title: 创新型产业集群申报书（2022）\n---\n';
  it('flags a hand-written note that disagrees with attachments', () => {
    const ds = lint('attachment-note', fm + '正文。\n\n附件：1.省级科技主管部门创新型产业集群账号\n2.创新型产业集群申报表。\n');
    const msgs = ds.map((d) => d.message);
    expect(msgs.some((m) => m.includes('不一致'))).toBe(true);
    expect(msgs.some((m) => m.includes('不加标点'))).toBe(true);
    expect(ds.find((d) => d.message.includes('不一致'))).toMatchObject({ line: 9, column: 3 });
  });
  it('flags a half-width colon and attachment titles ending with punctuation', () => {
    const ds = lint('attachment-note', '---\nattachments:\n  - title: 复核名单。\n---\n附件: 复核名单\n');
    expect(ds.find((d) => d.line === 3)).toMatchObject({ column: 16, severity: 'error' });
    expect(ds.find((d) => d.message.includes('全角冒号'))).toMatchObject({ line: 5, column: 3 });
  });
  it('passes attachments without a hand-written note', () => {
    expect(lint('attachment-note', fm + '正文。\n')).toEqual([]);
  });
});

describe('GB/T 15834/15835 marks', () => {
  it('dash', () => {
    expect(where(lint('dash', '创新--发展，改革—开放。\n'))).toEqual(['1:3', '1:10']);
    expect(lint('dash', '创新——发展，2021—2023年，English -- text。\n')).toEqual([]);
  });
  it('ellipsis', () => {
    expect(where(lint('ellipsis', '原材料...等，设备。。。等，产品…\n'))).toEqual(['1:4', '1:11', '1:18']);
    expect(lint('ellipsis', '原材料……等。Wait... what\n')).toEqual([]);
  });
  it('quotes-straight', () => {
    expect(where(lint('quotes-straight', '按"一区一主导产业集群"的原则，「试点」。\n'))).toEqual(['1:2', '1:12', '1:17', '1:20']);
    expect(lint('quotes-straight', '按“一区一主导”的原则，don\'t say "no" 中文。\n')).toEqual([]);
    expect(where(lint('quotes-straight', '所谓"the best"是"最好"。\n'))).toEqual(['1:14', '1:17']);
  });
  it('fullwidth-alnum', () => {
    const ds = lint('fullwidth-alnum', '２０２２年ＡＢＣ类\n');
    expect(ds.map((d) => [d.column, d.endColumn])).toEqual([[1, 5], [6, 9]]);
    expect(ds[0].message).toContain('2022');
    expect(lint('fullwidth-alnum', '2022年ABC类，＊＊省※※市\n')).toEqual([]);
  });
  it('range-hyphen', () => {
    const ds = lint('range-hyphen', '规划（2021-2023）要求，优秀企业（1-2家），比例15~30%，9月30日-10月17日。\n');
    expect(ds.map((d) => d.message)).toEqual([
      '年份范围用「—」，不用「-」：写作「2021—2023」',
      '数值范围用「～」，不用「-」：写作「1～2」',
      '数值范围用「～」，不用「~」：写作「15%～30%」',
      '日期范围用「—」，不用「-」',
    ]);
    expect(ds[0].column).toBe(8);
    expect(lint('range-hyphen', '电话：010-88656275，标准GB/T 9704-2012，日期2020-11-06，规划2021—2023年，25～30个。\n')).toEqual([]);
  });
});

describe('credit-code', () => {
  it('validateCreditCode: the GB 32100 example and its failures', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(validateCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, expected: '3' });
    expect(validateCreditCode('91350100M000100Y4').reason).toContain('18位');
    expect(validateCreditCode('91350100M000100O43').reason).toContain('I、O、S、V、Z');
    expect(validateCreditCode('91350100m000100y43').reason).toContain('大写');
  });
  it('reports a bad code in the front matter at the field, and in the body', () => {
    const ds = lint('credit-code', '---\napplicant:\n  name: 某公司\n  creditCode: 91350100M000100Y44\n---\n统一社会信用代码：91350100M000100Y44。\n');
    expect(where(ds)).toEqual(['4:15', '6:10']);
    expect(lint('credit-code', '---\ncreditCode: 91350100M000100Y43\n---\n')).toEqual([]);
  });
  it('can be lowered or turned off for one field', () => {
    const text = '---\napplicant:\n  creditCode: 91350100M000100Y44\nother:\n  creditCode: 91350100M000100Y40\n---\n';
    const ds = lint('credit-code', text, { rules: {}, fields: { 'applicant.creditCode': { 'credit-code': 'off' }, 'other.creditCode': { 'credit-code': 'warning' } } });
    expect(ds.map((d) => [d.line, d.severity])).toEqual([[5, 'warning']]);
  });
});

describe('robustness', () => {
  it('lints a long document and pathological lines quickly', () => {
    const para = '为推进区域特色产业高质量发展,根据《办法》(国科火字[2015]163号)有关规定，开展2021-2023年的工作...\n\n';
    const long = 'a'.repeat(200_000) + '`'.repeat(3) + 'b'.repeat(1000) + '<!--'.repeat(20_000) + 'x@'.repeat(10_000);
    const text = '---\nnumber: 国科火字〔2020〕191号\n---\n' + para.repeat(5000) + long + '\n' + '中'.repeat(100_000) + '\n';
    const t0 = performance.now();
    const ds = runChecks({ source: makeSource(text), kind: 'notice', config: cfg });
    const ms = performance.now() - t0;
    expect(ds.length).toBeGreaterThan(5000 * 5);
    // About 1 s on an idle core, 2.7 s at load 8 on two cores; a quadratic rule would take minutes.
    expect(ms).toBeLessThan(15_000);
  });
});

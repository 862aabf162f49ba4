// The display-line breaker (src/layout/lines/display.ts) on real titles and 发文机关标志 of the
// Torch Center, ministries and provinces, each with the breaks a person sets (seeds 000, 001,
// 003 and the published documents): phrases whole, 《》 titles whole when they fit, nothing of
// one or two characters alone, lines balanced. Pure logic: no fonts are read.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { breakDisplay } from '../src/layout/lines/display.js';
import { gridWidth } from '../src/layout/measure/text-width.js';
import { TITLE } from '../src/profile/gbt9704.js';
import { MARK_MAX_CHARS } from '../src/layout/lines/index.js';

/** Titles at 2号 on the 156 mm text block: 20 characters a line. */
const TITLES: [string, string[]][] = [
  ['关于开展2021年创新型产业集群评价推荐工作的通知', ['关于开展2021年创新型产业集群', '评价推荐工作的通知']],
  ['关于开展2020年国家火炬特色产业基地复核工作的通知', ['关于开展2020年国家火炬特色产业基地', '复核工作的通知']],
  ['关于修订印发《高新技术企业认定管理办法》的通知', ['关于修订印发', '《高新技术企业认定管理办法》的通知']],
  ['创新型产业集群发展规划（2021—2023）提纲', ['创新型产业集群发展规划（2021—2023）提纲']],
  ['关于开展2022年创新型产业集群申报工作的通知', ['关于开展2022年创新型产业集群', '申报工作的通知']],
  ['关于印发《创新型产业集群评价指引（试行）》的通知', ['关于印发', '《创新型产业集群评价指引（试行）》的通知']],
  ['关于组织开展2018年国家高新技术产业化基地、创新型产业集群和火炬特色产业基地申报工作的通知', ['关于组织开展2018年', '国家高新技术产业化基地、创新型产业集群', '和火炬特色产业基地申报工作的通知']],
  ['科技部关于印发《国家高新技术产业开发区综合评价指标体系》的通知', ['科技部关于印发《国家高新技术产业开发区', '综合评价指标体系》的通知']],
  ['国务院关于促进国家高新技术产业开发区高质量发展的若干意见', ['国务院关于促进国家高新技术产业开发区', '高质量发展的若干意见']],
  ['国务院办公厅关于推广第二批支持创新相关改革举措的通知', ['国务院办公厅关于推广第二批', '支持创新相关改革举措的通知']],
  ['关于做好2021年度高新技术企业认定管理工作的通知', ['关于做好2021年度高新技术企业', '认定管理工作的通知']],
  ['关于公布2021年度国家火炬特色产业基地名单的通知', ['关于公布2021年度', '国家火炬特色产业基地名单的通知']],
  ['北京市人民政府办公厅关于印发《北京市进一步优化营商环境行动计划》的通知', ['北京市人民政府办公厅关于印发', '《北京市进一步优化营商环境行动计划》', '的通知']],
  ['江苏省科学技术厅关于组织开展2022年度省级高新技术产业开发区评价工作的通知', ['江苏省科学技术厅关于组织开展2022年度', '省级高新技术产业开发区评价工作的通知']],
  ['关于深入推进创新型产业集群高质量发展的意见', ['关于深入推进创新型产业集群', '高质量发展的意见']],
  ['科技部关于印发《“十四五”技术要素市场专项规划》的通知', ['科技部关于印发', '《“十四五”技术要素市场专项规划》的通知']],
  ['关于进一步做好国家高新技术产业化基地认定和管理工作的通知', ['关于进一步做好国家高新技术产业化基地', '认定和管理工作的通知']],
  ['国务院关于印发“十四五”数字经济发展规划的通知', ['国务院关于印发', '“十四五”数字经济发展规划的通知']],
  ['财政部 税务总局 科技部关于提高研究开发费用税前加计扣除比例的通知', ['财政部 税务总局 科技部关于提高', '研究开发费用税前加计扣除比例的通知']],
  ['关于做好2020年度国家科技计划项目验收工作的通知', ['关于做好2020年度', '国家科技计划项目验收工作的通知']],
  ['关于组织推荐2021年度国家科技型中小企业评价工作的通知', ['关于组织推荐2021年度', '国家科技型中小企业评价工作的通知']],
  ['国家知识产权局关于印发《知识产权强国建设纲要和“十四五”规划实施年度推进计划》的通知', ['国家知识产权局关于印发', '《知识产权强国建设纲要和', '“十四五”规划实施年度推进计划》的通知']],
  ['关于公布第二批国家级创新型产业集群试点名单的通知', ['关于公布第二批国家级创新型产业集群', '试点名单的通知']],
  ['关于开展火炬统计调查工作的通知', ['关于开展火炬统计调查工作的通知']],
  ['湖南省科学技术厅关于开展2021年度湖南省创新型产业集群认定工作的通知', ['湖南省科学技术厅关于开展2021年度', '湖南省创新型产业集群认定工作的通知']],
  ['浙江省人民政府关于加快建设创新型省份的若干意见', ['浙江省人民政府', '关于加快建设创新型省份的若干意见']],
  ['四川省人民政府办公厅关于印发四川省创新型产业集群培育方案的通知', ['四川省人民政府办公厅关于印发', '四川省创新型产业集群培育方案的通知']],
  ['关于进一步加强国家高新区知识产权工作的指导意见', ['关于进一步加强国家高新区', '知识产权工作的指导意见']],
  ['科技部办公厅关于开展2021年度国家技术转移示范机构评价工作的通知', ['科技部办公厅关于开展2021年度', '国家技术转移示范机构评价工作的通知']],
  ['教育部 科技部关于加强高等学校科技成果转移转化工作的若干意见', ['教育部 科技部关于加强高等学校', '科技成果转移转化工作的若干意见']],
  ['关于发布国家重点研发计划“变革性技术关键科学问题”重点专项2021年度项目申报指南的通知', ['关于发布国家重点研发计划', '“变革性技术关键科学问题”重点专项', '2021年度项目申报指南的通知']],
  ['株洲轨道交通装备制造创新型产业集群发展规划（2021—2023）', ['株洲轨道交通装备制造', '创新型产业集群发展规划（2021—2023）']],
  ['2020年度国家火炬特色产业基地复核名单', ['2020年度国家火炬特色产业基地复核名单']],
  ['科技部 财政部关于印发《国家技术创新中心建设运行管理办法（暂行）》的通知', ['科技部 财政部关于印发《国家技术创新中心', '建设运行管理办法（暂行）》的通知']],
  ['广东省科学技术厅关于组织开展2022年度高新技术企业认定工作的通知', ['广东省科学技术厅关于组织开展2022年度', '高新技术企业认定工作的通知']],
  ['关于下达2021年度国家火炬计划项目的通知', ['关于下达2021年度国家火炬计划项目的通知']],
  ['山西省科学技术厅关于组织开展2018年国家高新技术产业化基地申报工作的通知', ['山西省科学技术厅关于组织开展2018年', '国家高新技术产业化基地申报工作的通知']],
  ['关于进一步支持火炬特色产业基地高质量发展的若干措施', ['关于进一步支持火炬特色产业基地', '高质量发展的若干措施']],
  ['工业和信息化部办公厅关于开展2022年度中小企业特色产业集群申报工作的通知', ['工业和信息化部办公厅关于开展2022年度', '中小企业特色产业集群申报工作的通知']],
  ['中共中央办公厅 国务院办公厅印发《关于深化项目评审、人才评价、机构评估改革的意见》的通知', ['中共中央办公厅 国务院办公厅印发', '《关于深化项目评审、人才评价、', '机构评估改革的意见》的通知']],
  ['上海市科学技术委员会关于组织开展2022年度上海市科技小巨人工程申报工作的通知', ['上海市科学技术委员会关于组织开展2022年度', '上海市科技小巨人工程申报工作的通知']],
  // Issue 21: names of programmes whole (国家技术转移示范机构, 国家备案众创空间), never 18 字 over 5.
  ['关于开展2022年度国家技术转移示范机构考核评价工作的通知', ['关于开展2022年度国家技术转移示范机构', '考核评价工作的通知']],
  ['关于公布2021年度国家备案众创空间名单的通知', ['关于公布2021年度', '国家备案众创空间名单的通知']],
  ['关于进一步做好国家高新技术产业化基地工作的通知', ['关于进一步做好', '国家高新技术产业化基地工作的通知']],
  // Seeds 000–004 and the Torch Center's published titles.
  ['关于公布国家技术转移机构考核评价结果的通知', ['关于公布国家技术转移机构', '考核评价结果的通知']],
  ['关于支持山西省进一步深化改革促进资源型经济转型发展的意见', ['关于支持山西省进一步深化改革', '促进资源型经济转型发展的意见']],
  ['关于组织开展2018年国家高新技术产业化基地、创新型产业集群、火炬特色产业基地申报工作的通知', ['关于组织开展2018年', '国家高新技术产业化基地、创新型产业集群、', '火炬特色产业基地申报工作的通知']],
  ['关于开展季度调查监测的通知', ['关于开展季度调查监测的通知']],
  ['关于开展2022年度国家大学科技园认定工作的通知', ['关于开展2022年度', '国家大学科技园认定工作的通知']],
  ['关于公布2022年度国家级科技企业孵化器名单的通知', ['关于公布2022年度', '国家级科技企业孵化器名单的通知']],
  ['关于推荐第三批国家级新型工业化产业示范基地的通知', ['关于推荐第三批', '国家级新型工业化产业示范基地的通知']],
  ['科技部火炬中心关于组织开展2023年度国家火炬特色产业基地认定工作的通知', ['科技部火炬中心关于组织开展2023年度', '国家火炬特色产业基地认定工作的通知']],
  ['关于发布2022年度国家技术转移示范机构评价结果的通知', ['关于发布2022年度', '国家技术转移示范机构评价结果的通知']],
  ['关于做好2022年度科技型中小企业评价工作的通知', ['关于做好2022年度', '科技型中小企业评价工作的通知']],
];

/** 发文机关标志 too long for one line with 文件: set on two. */
const MARKS: [string, string[]][] = [
  ['科学技术部火炬高技术产业开发中心', ['科学技术部火炬', '高技术产业开发中心']],
  ['工业和信息化部中小企业发展促进中心', ['工业和信息化部', '中小企业发展促进中心']],
  ['武汉东湖新技术开发区管理委员会', ['武汉东湖新技术开发区', '管理委员会']],
  ['中关村科技园区管理委员会', ['中关村科技园区', '管理委员会']],
  ['湖南省科学技术厅办公室', ['湖南省科学技术厅', '办公室']],
  ['上海市浦东新区科技和经济委员会', ['上海市浦东新区', '科技和经济委员会']],
  ['国家知识产权局专利局专利审查协作北京中心', ['国家知识产权局专利局', '专利审查协作北京中心']],
];

describe('display lines: titles', () => {
  test('the table has at least 40 titles and names', () => {
    expect(TITLES.length + MARKS.length).toBeGreaterThanOrEqual(40);
  });
  test.each(TITLES)('%s', (title, lines) => {
    const got = breakDisplay(title, { maxWidth: TITLE.maxCharsPerLine });
    expect(got).toEqual(lines);
    for (const l of got) {
      expect(gridWidth(l)).toBeLessThanOrEqual(TITLE.maxCharsPerLine);
      expect(gridWidth(l)).toBeGreaterThan(2);
    }
  });
});

describe('display lines: 发文机关标志', () => {
  test.each(MARKS)('%s', (name, lines) => {
    expect(breakDisplay(name, { maxWidth: MARK_MAX_CHARS, mode: 'mark', minLines: 2 })).toEqual(lines);
  });
});

describe('display lines: rules', () => {
  test('lines the author forced are kept; each is broken further only when too wide', () => {
    expect(breakDisplay('关于开展2021年\n创新型产业集群评价推荐工作的通知', { maxWidth: 20 })).toEqual(['关于开展2021年', '创新型产业集群评价推荐工作的通知']);
    expect(breakDisplay(['第一行', '第二行'], { maxWidth: 20 })).toEqual(['第一行', '第二行']);
  });
  test('text that fits stays on one line; empty text has no lines', () => {
    expect(breakDisplay('关于开展火炬统计调查工作的通知', { maxWidth: 20 })).toEqual(['关于开展火炬统计调查工作的通知']);
    expect(breakDisplay('  ', { maxWidth: 20 })).toEqual([]);
  });
  test('a word wider than a line is cut rather than overflow', () => {
    const long = '甲'.repeat(45);
    const got = breakDisplay(long, { maxWidth: 20 });
    expect(got.join('')).toBe(long);
    for (const l of got) expect(gridWidth(l)).toBeLessThanOrEqual(20);
  });
  test('never one or two characters alone, on generated titles', () => {
    const orgs = ['科学技术部', '江苏省科学技术厅', '国务院办公厅', '工业和信息化部'];
    const matters = ['开展2023年度国家高新技术企业认定', '做好创新型产业集群申报', '推进火炬特色产业基地建设', '组织开展科技型中小企业评价'];
    for (const o of orgs)
      for (const m of matters) {
        const t = `${o}关于${m}工作的通知`;
        const got = breakDisplay(t, { maxWidth: 20 });
        expect(got.join('')).toBe(t);
        for (const l of got) expect(gridWidth(l)).toBeGreaterThan(2);
      }
  });
});

/** Widths as a PDF's fonts draw them: digits and Latin wider than the grid's half (0.56 em). */
const realWidth = (t: string) => {
  let w = 0;
  for (const c of t) w += c.codePointAt(0)! >= 0x2e80 || '—“”‘’…'.includes(c) ? 1 : 0.56;
  return w;
};

describe('display lines: a width function (the PDF writer\'s real advances)', () => {
  test('an annex title wider than the text block at real widths wraps (创新型产业集群发展规划（2021—2023）提纲)', () => {
    const t = '创新型产业集群发展规划（2021—2023）提纲';
    expect(breakDisplay(t, { maxWidth: TITLE.maxCharsPerLine })).toEqual([t]);
    expect(realWidth(t)).toBeGreaterThan(TITLE.maxCharsPerLine);
    expect(breakDisplay(t, { maxWidth: TITLE.maxCharsPerLine, widthOf: realWidth })).toEqual(['创新型产业集群发展规划', '（2021—2023）提纲']);
  });
  test('every line fits the width function, names whole where a fitting break keeps them (generated titles)', () => {
    const issuers = ['', '科技部', '科技部火炬中心', '江苏省科学技术厅', '工业和信息化部办公厅'];
    const verbs = ['开展', '组织开展', '公布', '做好', '进一步做好', '推荐'];
    const years = ['', '2021年度', '2022年', '第二批'];
    const names = ['国家技术转移示范机构', '国家备案众创空间', '国家高新技术产业化基地', '国家火炬特色产业基地', '国家级科技企业孵化器', '湖南省创新型产业集群'];
    const matters = ['考核评价工作', '名单', '认定工作', '复核工作', '申报工作', '评价结果', '工作'];
    const kinds = ['通知', '意见', '若干措施'];
    const arb = fc.record({
      issuer: fc.constantFrom(...issuers), verb: fc.constantFrom(...verbs), year: fc.constantFrom(...years),
      name: fc.constantFrom(...names), matter: fc.constantFrom(...matters), kind: fc.constantFrom(...kinds),
      maxWidth: fc.constantFrom(16, 18, 20), real: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const t = `${a.issuer}关于${a.verb}${a.year}${a.name}${a.matter}的${a.kind}`;
        const widthOf = a.real ? realWidth : gridWidth;
        const got = breakDisplay(t, { maxWidth: a.maxWidth, widthOf });
        expect(got.join('')).toBe(t);
        for (const l of got) {
          expect(widthOf(l)).toBeLessThanOrEqual(a.maxWidth + 1e-6);
          expect(gridWidth(l)).toBeGreaterThan(2);
        }
        // The name is torn only when no line holds it with what precedes or follows on its line.
        if (got.length === 2 && widthOf(a.name) <= a.maxWidth) {
          const at = t.indexOf(a.name);
          const cut = got[0].length;
          const torn = cut > at && cut < at + a.name.length;
          const fitsBefore = widthOf(t.slice(0, at)) <= a.maxWidth && widthOf(t.slice(at)) <= a.maxWidth;
          const fitsAfter = widthOf(t.slice(0, at + a.name.length)) <= a.maxWidth && widthOf(t.slice(at + a.name.length)) <= a.maxWidth;
          if (torn) expect(fitsBefore || fitsAfter, `${got.join(' / ')}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// kind: application — application books (申报书) on official forms, selected by `form:`:
// `cluster-2022` (创新型产业集群申报书（2022）: cover, four tables, the 建设方案 chapters in
// Markdown, the list of 附件材料) and `cluster-eval-2021` (创新型产业集群评价申请表: 表一–表三).
// The data is YAML (front matter, or the file `data:` names); the enterprise rows may come
// from CSV/XLSX (the name lists' loaders). `blank: true` (or `gongwen build --blank`) gives the
// empty official form. Modules: application-schema (values), -derived (computed figures),
// -choices (☑/□), -rows (产业链, enterprises, 研发服务体系 read from the data), -tables (the
// form tables); the templates under templates/application/ own
// the order of the parts.

import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { SourceFile } from '../source/types.js';
import type { Block, Place, Section } from '../model/types.js';
import { displayPath, resolveInside } from '../source/paths.js';
import { loadOutline } from '../checks/index.js';
import type { Outline } from '../checks/index.js';
import { DiagnosticError, type DiagnosticBag } from '../diagnostics/diagnostic.js';
import { FieldReader } from './fields.js';
import { chineseDate } from '../util/dates.js';
import { bodyBlocks, composePart, type PartContext } from './compose.js';
import type { KindResult, KindServices } from './kind.js';
import { FormData, formatMoney, readNumber, readText, readYamlData, report, type Path } from './application-schema.js';
import { readIndicators } from './application-derived.js';
import { APPLICATION_STATE, INDUSTRY_FIELDS, STRATEGIC_REGIONS, TECH_FIELDS, YES_NO_FIELD, readChoice } from './application-choices.js';
import {
  basicTable2022,
  chainTable,
  enterpriseTable,
  evalBasicTable,
  evalIndicatorTable,
  evalLeaderTable,
  servicesTable,
  BLANK_CHAIN,
  type Leader,
  type Person,
} from './application-tables.js';
import { readChain, readEnterprises, readServices } from './application-rows.js';

export const FORMS = ['cluster-2022', 'cluster-eval-2021'] as const;
export type FormName = (typeof FORMS)[number];

/** The outline of the 2022 book's chapter 二 (建设方案), for the outline and 字数 checks. */
export const SCHEME_OUTLINE = 'cluster-scheme-2022';


export interface ApplicationOptions {
  /** `gongwen build --blank`: the empty form whatever the file says. */
  blank?: boolean;
}

export async function compileApplicationKind(source: SourceFile, ctx: PartContext, _services: KindServices, opts: ApplicationOptions = {}): Promise<KindResult> {
  const f = new FieldReader(source, ctx.bag);
  const formName = f.oneOf('form', FORMS, 'cluster-2022');
  if (!f.has('form')) f.error(['form'], `missing required field \`form\` (表格): one of ${FORMS.join(', ')}`, 'form');
  const blank = opts.blank || f.boolean('blank', false);

  let dataFile: SourceFile | undefined;
  const dataPath = f.string('data');
  if (dataPath) {
    const abs = resolveInside(ctx.projectDir, dataPath, dirname(source.absPath));
    if (!abs) f.error(['data'], `data file "${dataPath}" is outside the project folder`, 'data');
    else if (!['.yaml', '.yml'].includes(extname(abs).toLowerCase())) f.error(['data'], `the form's data file must be YAML (.yaml), not "${dataPath}"`, 'data');
    else {
      try {
        dataFile = readYamlData(displayPath(abs), abs, await readFile(abs, 'utf8'));
      } catch (err) {
        if (err instanceof DiagnosticError) ctx.bag.items.push(...err.diagnostics);
        else f.error(['data'], `cannot read data file "${dataPath}": ${(err as Error).message}`, 'data');
      }
    }
  }
  const form = new FormData(source, dataFile);
  const appendPdfs = readAttachments(form, ctx, source);
  const build = formName === 'cluster-eval-2021' ? buildEval2021 : build2022;
  const built = await build(form, ctx, source, blank);
  return {
    sections: built.sections,
    appendPdfs: blank ? [] : appendPdfs,
    sources: form.sources(),
    meta: { title: built.title, lang: 'zh-CN' },
    outline: built.outline,
  };
}

interface Built {
  sections: Section[];
  title: string;
  outline?: Outline;
}

const section = (part: Section['part'], blocks: Block[], pageNumbers: boolean): Section => ({ orientation: 'portrait', pageNumbers, part, blocks });

/** `attachments: [{title, file}]`: PDFs merged after the book (page numbers continue). */
function readAttachments(form: FormData, ctx: PartContext, source: SourceFile): string[] {
  const list = form.get(['attachments']);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    report(ctx.bag, form.where(['attachments']), 'attachments', '`attachments` 应为列表：- {title: 名称, file: files/x.pdf}');
    return [];
  }
  const out: string[] = [];
  list.forEach((_, i) => {
    const file = readText(form, ['attachments', i, 'file'], '附件文件', ctx.bag);
    if (!file) return;
    const abs = resolveInside(ctx.projectDir, file, form.dirOf(['attachments']));
    const at = form.where(['attachments', i, 'file']);
    if (!abs) report(ctx.bag, at, 'attachments', `附件「${file}」在项目文件夹之外`);
    else if (extname(abs).toLowerCase() !== '.pdf') report(ctx.bag, at, 'attachments', `附件「${file}」应为 PDF 文件（其它材料请先转为 PDF）`);
    else out.push(abs);
  });
  return out;
}

const person = (form: FormData, path: Path, bag: DiagnosticBag, blank: boolean): Person =>
  blank ? {} : { name: readText(form, [...path, 'name'], '姓名', bag), title: readText(form, [...path, 'title'], '职称/职务', bag), phone: readText(form, [...path, 'phone'], '电话', bag) };

// ---------------------------------------------------------------------------------------------

async function build2022(form: FormData, ctx: PartContext, source: SourceFile, blank: boolean): Promise<Built> {
  const bag = ctx.bag;
  const t = (p: Path, label: string) => (blank ? undefined : readText(form, p, label, bag));
  const cluster = t(['cluster'], '集群名称');
  if (!blank && !cluster) report(bag, form.where(['cluster']), 'cluster', 'missing required field `cluster` (集群名称)');
  const applicant = t(['applicant'], '申报单位');
  const dateText = t(['date'], '申报时间');
  const none = new Set<number>();
  const choice = (p: Path, f: Parameters<typeof readChoice>[2]) => (blank ? none : readChoice(form, p, f, bag));
  const figures = blank ? {} : readIndicators(form, ['basic'], bag);

  const basic = basicTable2022({
    cluster,
    unit: t(['basic', 'unit'], '单位全称'),
    leader: person(form, ['basic', 'leader'], bag, blank),
    head: person(form, ['basic', 'head'], bag, blank),
    contact: person(form, ['basic', 'contact'], bag, blank),
    address: t(['basic', 'address'], '地址'),
    postcode: t(['basic', 'postcode'], '邮编'),
    inHighTechZone: choice(['basic', 'inHighTechZone'], YES_NO_FIELD('是否位于国家高新区')),
    torchBase: choice(['basic', 'torchBase'], YES_NO_FIELD('是否国家火炬特色产业基地')),
    strategicRegions: choice(['basic', 'strategicRegions'], STRATEGIC_REGIONS),
    techFields: choice(['basic', 'techFields'], TECH_FIELDS),
    techFieldOther: t(['basic', 'techFieldOther'], '所属技术领域（其它）'),
    industryFields: choice(['basic', 'industryFields'], INDUSTRY_FIELDS),
    industryFieldOther: t(['basic', 'industryFieldOther'], '所属产业领域（其它）'),
    figures,
  });
  const chainName = t(['chain', 'name'], '产业链名称') ?? (blank ? '××产业链' : '');
  const chain = chainTable(chainName, blank ? BLANK_CHAIN : readChain(form, bag));
  const enterprises = enterpriseTable(blank ? [] : await readEnterprises(form, ctx, source), blank);
  const services = servicesTable(blank ? new Map() : readServices(form, bag), blank);
  const tables: Record<string, Block> = { basic, chain, enterprises, services };

  const outline = await loadOutline(SCHEME_OUTLINE, ctx.projectDir);
  const view = {
    blank,
    title: '创新型产业集群申报书',
    titleLines: ['创新型产业集群申报书', '（2022）'],
    cover: [`集群名称：${cluster ?? ''}`, `申报单位：${applicant ?? ''}（盖章有效）`, `申报时间：${dateText ? toChineseDate(dateText) : ''}`],
    statement: '声明：本申报书上填写的有关内容和提交的数据等资料均准确、真实、合法、有效、无涉密信息，本单位愿为此承担有关法律责任。',
    schemeSections: outline.sections.map((s) => ({ title: s.title, note: s.note ?? null })),
    schemeMin: outline.minWords ?? 10000,
  };
  const extra = { 'form-table': (v: unknown, place: Place) => formTable(tables, v, place, bag) };
  const cover = await composePart('application', view, [], ctx, extra, 'cluster-2022-cover');
  // The chapters are （一）…（八） under the template's 二、: the body's headings are `##`.
  const body = blank ? [] : bodyBlocks(source, ctx, 1);
  const main = await composePart('application', view, body, ctx, extra, 'cluster-2022');
  // Chapter 二 is the content's body: the outline and 字数 findings about the chapter as a
  // whole (a missing section, too few 字) point at the body's first line, not at the template.
  for (const b of main) {
    if (b.type === 'heading' && b.level === 1 && b.runs.map((r) => r.text).join('').includes(outline.title)) b.place = { file: source.path, line: source.bodyLine, column: 1 };
  }
  const sections: Section[] = [];
  if (cover.length) sections.push(section('cover', cover, false));
  sections.push(section('body', main, true));
  return { sections, title: `创新型产业集群申报书（2022）${cluster ? `：${cluster}` : ''}`, outline: blank ? undefined : outline };
}

function toChineseDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? chineseDate(s) : s;
}

function formTable(tables: Record<string, Block>, v: unknown, place: Place, bag: DiagnosticBag): Block[] {
  const name = typeof v === 'string' ? v.trim() : '';
  const t = tables[name];
  if (!t) bag.add({ file: place.file, line: place.line, column: 1, severity: 'error', ruleId: 'gw-block', message: `gw:form-table: unknown table "${name}" (known: ${Object.keys(tables).join(', ')})`, source: 'template' });
  return t ? [t] : [];
}

// ---------------------------------------------------------------------------------------------

async function buildEval2021(form: FormData, ctx: PartContext, source: SourceFile, blank: boolean): Promise<Built> {
  const bag = ctx.bag;
  const t = (p: Path, label: string) => (blank ? undefined : readText(form, p, label, bag));
  const cluster = t(['cluster'], '集群名称');
  if (!blank && !cluster) report(bag, form.where(['cluster']), 'cluster', 'missing required field `cluster` (集群名称)');
  const years = {
    actual: (blank ? undefined : readNumber(form, ['years', 'actual'], '实际数年份', 'count', bag)) ?? 2020,
    target: (blank ? undefined : readNumber(form, ['years', 'target'], '目标数年份', 'count', bag)) ?? 2023,
  };
  const obj = (base: string, keys: string[]) => Object.fromEntries(keys.map((k) => [k, t([base, k], k)]));
  const basic = evalBasicTable({
    cluster,
    builder: obj('builder', ['name', 'leaderName', 'leaderTitle', 'address', 'postcode']),
    contact: obj('contact', ['department', 'name', 'title', 'mobile', 'fax', 'email']),
    platform: obj('platform', ['unit', 'name', 'title', 'mobile', 'fax', 'email']),
    summary: t(['summary'], '集群发展现状和规划目标概述'),
    state: blank ? new Set() : readChoice(form, ['state'], APPLICATION_STATE, bag),
  });
  const actual = blank ? {} : readIndicators(form, ['indicators', 'actual'], bag);
  const target = blank ? {} : readIndicators(form, ['indicators', 'target'], bag);
  const indicators = evalIndicatorTable(actual, target, years);
  const leadersRaw = blank ? undefined : form.get(['leaders']);
  const leaders: Leader[] = (Array.isArray(leadersRaw) ? leadersRaw : []).map((_, i) => {
    const rev = readNumber(form, ['leaders', i, 'revenue'], '营业收入', 'money', bag);
    return { name: t(['leaders', i, 'name'], '企业名称') ?? '', products: t(['leaders', i, 'products'], '主要产品') ?? '', revenue: rev === undefined ? '' : formatMoney(rev) };
  });
  const tables: Record<string, Block> = { basic, indicators, leaders: evalLeaderTable(leaders, years.actual, blank) };
  const view = { blank, title: '创新型产业集群评价申请表', note: '注：指标说明详见《创新型产业集群评价指引（试行）》。' };
  const blocks = await composePart('application', view, [], ctx, { 'form-table': (v: unknown, place: Place) => formTable(tables, v, place, bag) }, 'cluster-eval-2021');
  return { sections: [section('body', blocks, true)], title: `创新型产业集群评价申请表${cluster ? `：${cluster}` : ''}` };
}

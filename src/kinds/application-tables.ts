// The forms' tables as plain model tables (TableBlock): merged cells as rowSpan/colSpan,
// head rows marked, grouped row heads (上游, 研发机构, …) flagged repeatMergedOnBreak so
// that the layout repeats them on a new page. Rows follow the official forms of the seeds
// (003_1eae271a092132c8: 申报书（2022）; 001_b16f0f5099440f5d 附件1: 评价申请表) cell by cell;
// `blank` gives the empty form (every label and □, no values).

import type { Run, TableBlock, TableCell } from '../model/types.js';
import { INDICATOR, formatValue } from './application-schema.js';
import { CHECKED, choiceText, INDUSTRY_FIELDS, STRATEGIC_REGIONS, TECH_FIELDS, YES_NO_FIELD, APPLICATION_STATE, type ChoiceField } from './application-choices.js';

export interface CellOpts {
  rowSpan?: number;
  colSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  valign?: 'top' | 'middle' | 'bottom';
}

/** A cell of text; "\n" separates paragraphs; empty text is an empty cell (never "undefined"). */
export function cell(text: string | number | undefined | null, o: CellOpts = {}): TableCell {
  const t = text === undefined || text === null ? '' : String(text);
  const paragraphs: Run[][] = t === '' ? [[]] : t.split('\n').map((p) => (p ? [{ text: p }] : []));
  const c: TableCell = { paragraphs, valign: o.valign ?? 'middle' };
  if (o.rowSpan && o.rowSpan > 1) c.rowSpan = o.rowSpan;
  if (o.colSpan && o.colSpan > 1) c.colSpan = o.colSpan;
  if (o.align) c.align = o.align;
  if (o.bold) c.bold = true;
  return c;
}

/** A row of `n` slots from cells placed left to right; spans leave null slots (also below). */
export class Grid {
  readonly rows: (TableCell | null)[][] = [];
  private covered = new Set<string>();
  constructor(readonly ncols: number) {}

  row(...cells: TableCell[]): this {
    const r = this.rows.length;
    const row: (TableCell | null)[] = new Array(this.ncols).fill(null);
    let c = 0;
    for (const x of cells) {
      while (c < this.ncols && this.covered.has(`${r}:${c}`)) c++;
      if (c >= this.ncols) throw new Error(`form table: row ${r + 1} has more cells than its ${this.ncols} columns`);
      row[c] = x;
      const rs = x.rowSpan ?? 1;
      const cs = x.colSpan ?? 1;
      for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) if (i !== r || j !== c) this.covered.add(`${i}:${j}`);
      c += cs;
    }
    this.rows.push(row);
    return this;
  }

  table(shares: number[], headerRows: number, extra: Partial<TableBlock> = {}): TableBlock {
    // 小四 unless the table says otherwise (extra.size).
    const total = shares.reduce((a, b) => a + b, 0);
    return { type: 'table', columns: shares.map((s) => ({ share: s / total })), headerRows, rows: this.rows, size: 'small', fixedColumns: true, ...extra };
  }
}

const lbl = (t: string, o: CellOpts = {}) => cell(t, { align: 'center', ...o });
const val = (t: string | undefined, o: CellOpts = {}) => cell(t ?? '', { align: 'center', ...o });
const fig = (v: Record<string, number | undefined>, key: string) => formatValue(v[key], INDICATOR[key].type);

// ---------------------------------------------------------------------------------------------
// 申报书（2022）

export interface Person {
  name?: string;
  title?: string;
  phone?: string;
}

export interface Basic2022 {
  cluster?: string;
  unit?: string;
  leader: Person;
  head: Person;
  contact: Person;
  address?: string;
  postcode?: string;
  inHighTechZone: Set<number>;
  torchBase: Set<number>;
  strategicRegions: Set<number>;
  techFields: Set<number>;
  techFieldOther?: string;
  industryFields: Set<number>;
  industryFieldOther?: string;
  figures: Record<string, number | undefined>;
}

/** （一）基本情况一览表: eight columns — row head, then label/value cells side by side. */
export function basicTable2022(b: Basic2022): TableBlock {
  const g = new Grid(8);
  const people: [string, Person, string][] = [
    ['主管领导', b.leader, '座机'],
    ['负责人', b.head, '手机'],
    ['联系人', b.contact, '手机'],
  ];
  g.row(lbl('管理工作基本情况', { rowSpan: 5 }), lbl('单位全称\n（国家高新区管委会或国家战略区域地市级科技主管部门法人单位名称）', { colSpan: 2 }), val(b.unit, { colSpan: 5 }));
  for (const [role, p, phone] of people) g.row(lbl(role), lbl('姓名'), val(p.name), lbl('职称/职务'), val(p.title), lbl(phone), val(p.phone));
  g.row(lbl('地址'), val(b.address, { colSpan: 4 }), lbl('邮编'), val(b.postcode));
  g.row(
    lbl('所属地域'),
    lbl('是否位于国家高新区', { colSpan: 2 }),
    val(choiceText(YES_NO_FIELD('是否位于国家高新区'), b.inHighTechZone)),
    lbl('是否国家火炬特色产业基地', { colSpan: 2 }),
    val(choiceText(YES_NO_FIELD('是否国家火炬特色产业基地'), b.torchBase), { colSpan: 2 }),
  );
  const choiceRow = (f: ChoiceField, chosen: Set<number>, note?: string) => [lbl(f.label, { colSpan: 2 }), cell(choiceText(f, chosen, note), { colSpan: 5, align: 'left' })];
  g.row(lbl('所属领域', { rowSpan: 3 }), ...choiceRow(STRATEGIC_REGIONS, b.strategicRegions));
  g.row(...choiceRow(TECH_FIELDS, b.techFields, b.techFieldOther));
  g.row(...choiceRow(INDUSTRY_FIELDS, b.industryFields, b.industryFieldOther));
  const pair = (k1: string, l1: string, k2: string | undefined, l2: string | undefined) => {
    const out = [lbl(l1, { colSpan: 2 }), val(fig(b.figures, k1))];
    if (k2 && l2) out.push(lbl(l2, { colSpan: 2 }), val(fig(b.figures, k2), { colSpan: 2 }));
    else out.push(cell('', { colSpan: 4 }));
    return out;
  };
  const group = (title: string, rows: [string, string, string | undefined, string | undefined][]) => {
    rows.forEach((r, i) => g.row(...(i === 0 ? [lbl(title, { rowSpan: rows.length })] : []), ...pair(...r)));
  };
  group('申报产业基本情况', [
    ['industrialOutput', '工业总产值（千元）', 'leadingShare', '主导产业占有率（%）\n（申报主导产业营业收入占当地产业营业收入的比值）'],
    ['revenue', '营业收入（千元）', 'revenueGrowth', '营业收入三年平均增长率（%）'],
    ['netProfit', '净利润（千元）', 'profitMargin', '营业收入净利润率（%）'],
    ['taxes', '实际上缴税费总额（千元）', 'rdShare', '企业研发经费支出占比（%）'],
  ]);
  group('企业发展情况', [
    ['companies', '集群企业总数（家）', 'highTechCompanies', '其中高新技术企业数（家）'],
    ['companiesOver1b', '其中营业收入≥10亿元人民币企业数（家）', 'highTechShare', '高新技术企业占比（%）'],
    ['companies1to10b', '其中营业收入≥1<10亿元人民币企业数（家）', 'staff', '集群人员总数（人）'],
  ]);
  group('研发与服务情况', [
    ['rdInstitutions', '研发机构数（个）', 'patentsPer10k', '万人拥有有效发明专利数（项）'],
    ['standards', '当年形成标准数（项）', 'alliances', '产业联盟组织数（个）'],
    ['incubators', '国家级孵化器和国家备案众创空间数（个）', 'incubatees', '在孵企业数（家）'],
    ['financeInstitutions', '金融服务机构数（个）', 'ventureCapital', '当年获得的风险投资额（千元）'],
  ]);
  return g.table([1.0, 1.1, 0.9, 1.5, 1.1, 2.0, 0.8, 1.9], 0, { caption: `集群名称：${b.cluster ?? ''}` });
}

export interface ChainItem {
  direction: string;
  products: string;
  companies: string;
  technologies: string;
}
export interface ChainStage {
  stage: string;
  items: ChainItem[];
}

/** The empty form's 产业链 rows, as the official template has them. */
export const BLANK_CHAIN: ChainStage[] = [
  { stage: '上游\n（原材料）', items: ['原材料1', '原材料2', '…'] },
  { stage: '中游\n（加工）', items: ['设计', '关键零部件', '加工工艺', '加工装备', '…'] },
  { stage: '下游\n（整体加工）', items: ['设计', '制造', '…'] },
  { stage: '后期应用市场', items: ['应用1', '应用2', '…'] },
].map((s) => ({ stage: s.stage, items: s.items.map((d) => ({ direction: d, products: '', companies: '', technologies: '' })) }));

/** （二）产业链全景表: the chain's name spans every row, each stage spans its items. */
export function chainTable(name: string, stages: ChainStage[]): TableBlock {
  const g = new Grid(6);
  g.row(lbl('名称'), lbl('产业链'), lbl('细分方向'), lbl('关键产品'), lbl('代表企业'), lbl('关键技术'));
  const total = stages.reduce((n, s) => n + Math.max(1, s.items.length), 0);
  let first = true;
  for (const s of stages) {
    const items = s.items.length ? s.items : [{ direction: '', products: '', companies: '', technologies: '' }];
    items.forEach((it, i) => {
      const lead = [];
      if (first) lead.push(lbl(name, { rowSpan: total }));
      if (i === 0) lead.push(lbl(s.stage, { rowSpan: items.length }));
      first = false;
      g.row(...lead, val(it.direction), cell(it.products), cell(it.companies), cell(it.technologies));
    });
  }
  return g.table([0.9, 1.0, 1.3, 2.3, 2.5, 2.3], 1, { repeatMergedOnBreak: true, size: 'form' });
}

export interface Enterprise {
  name: string;
  creditCode: string;
  category: string;
  revenue: string;
  rdIntensity: string;
  projects: string;
  products: string;
}

/** （三）企业情况一览表. The empty form has rows 1, 2, 3 and "…". */
export function enterpriseTable(rows: Enterprise[], blank: boolean): TableBlock {
  const g = new Grid(8);
  g.row(lbl('序号'), lbl('企业名称'), lbl('统一社会信用代码'), lbl('企业类别＊'), lbl('营业收入（千元）'), lbl('R&D投入强度（%）'), lbl('承担国家级/省级项目数'), lbl('主要产品'));
  if (blank) for (const n of ['1', '2', '3', '…']) g.row(val(n), ...Array.from({ length: 7 }, () => cell('')));
  rows.forEach((e, i) => g.row(val(String(i + 1)), cell(e.name), val(e.creditCode), val(e.category), cell(e.revenue, { align: 'right' }), val(e.rdIntensity), val(e.projects), cell(e.products)));
  // 五号: the 18-character code and a seven-digit 千元 figure stay on one line (measured at
  // 小四: 6.4 pt a digit in the substitute font, so 115 pt for a code; at 五号 100 pt + padding).
  return g.table([0.05, 0.18, 0.27, 0.07, 0.13, 0.085, 0.085, 0.13], 1, { size: 'form' });
}

export interface ServiceKind {
  kind: string;
  /** 国家级/省级 applies; otherwise the form shows "\" in 类别. */
  leveled: boolean;
}
export interface ServiceGroup {
  group: string;
  kinds: ServiceKind[];
}

/** The 大类 and 小类 of 研发服务体系一览表, in the form's order. */
export const SERVICE_GROUPS: ServiceGroup[] = [
  {
    group: '创新服务机构',
    kinds: [
      { kind: '科技企业孵化器', leveled: true },
      { kind: '众创空间', leveled: true },
      { kind: '技术转移机构', leveled: true },
      { kind: '产品检验检测机构', leveled: false },
      { kind: '人才服务机构', leveled: false },
      { kind: '知识产权服务机构', leveled: false },
    ],
  },
  {
    group: '研发机构',
    kinds: ['国家实验室', '全国重点实验室', '国家技术创新中心', '研究院所', '博士后科研工作站', '院士工作站', '省级及以上工程技术研究中心'].map((kind) => ({ kind, leveled: false })),
  },
  {
    group: '金融服务机构',
    kinds: ['创业风险投资机构', '担保公司', '小额贷款公司', '科技金融服务机构'].map((kind) => ({ kind, leveled: false })),
  },
];

export interface ServiceEntry {
  name: string;
  level: string;
}

/** （四）研发服务体系一览表: 大类 and 小类 span their rows; empty kinds show the form's 1, 2, …. */
export function servicesTable(entries: Map<string, ServiceEntry[]>, blank: boolean): TableBlock {
  const g = new Grid(4);
  g.row(lbl('大类'), lbl('小类'), lbl('名称'), lbl('类别（国家级/省级）'));
  for (const grp of SERVICE_GROUPS) {
    const rowsOf = (k: ServiceKind): ServiceEntry[] => {
      const got = entries.get(k.kind) ?? [];
      if (got.length) return got.map((e, i) => ({ name: `${i + 1}. ${e.name}`, level: k.leveled ? e.level : '\\' }));
      const filler = blank ? ['1', '2', '…'] : [''];
      return filler.map((n) => ({ name: n, level: k.leveled ? '' : '\\' }));
    };
    const all = grp.kinds.map((k) => ({ k, rows: rowsOf(k) }));
    const total = all.reduce((n, x) => n + x.rows.length, 0);
    let first = true;
    for (const { k, rows } of all) {
      rows.forEach((r, i) => {
        const lead = [];
        if (first) lead.push(lbl(grp.group, { rowSpan: total }));
        if (i === 0) lead.push(lbl(k.kind, { rowSpan: rows.length }));
        first = false;
        g.row(...lead, cell(r.name), val(r.level));
      });
    }
  }
  return g.table([1.3, 2.2, 4.5, 1.8], 1, { repeatMergedOnBreak: true });
}

// ---------------------------------------------------------------------------------------------
// 评价申请表（2021）

export interface Eval2021Basic {
  cluster?: string;
  builder: { name?: string; leaderName?: string; leaderTitle?: string; address?: string; postcode?: string };
  contact: { department?: string; name?: string; title?: string; mobile?: string; fax?: string; email?: string };
  platform: { unit?: string; name?: string; title?: string; mobile?: string; fax?: string; email?: string };
  summary?: string;
  state: Set<number>;
}

/** 表一 基本信息: eight columns. */
export function evalBasicTable(b: Eval2021Basic): TableBlock {
  const g = new Grid(8);
  g.row(lbl('集群名称', { colSpan: 2 }), val(b.cluster, { colSpan: 6 }));
  // As the seed's form: 集群建设单位 spans its 名称, 地址 and 联系人 rows; 联系人 spans 部门 and 手机.
  g.row(lbl('集群\n建设单位', { rowSpan: 4 }), lbl('名称'), val(b.builder.name, { colSpan: 2 }), lbl('分管领导姓名'), val(b.builder.leaderName), lbl('职务'), val(b.builder.leaderTitle));
  g.row(lbl('地址'), val(b.builder.address, { colSpan: 4 }), lbl('邮编'), val(b.builder.postcode));
  g.row(lbl('联系人', { rowSpan: 2 }), lbl('部门'), val(b.contact.department), lbl('姓名'), val(b.contact.name), lbl('职务'), val(b.contact.title));
  g.row(lbl('手机'), val(b.contact.mobile), lbl('传真'), val(b.contact.fax), lbl('E-mail'), val(b.contact.email));
  g.row(lbl('集群专业化服务平台机构联系人', { rowSpan: 2 }), lbl('单位'), val(b.platform.unit, { colSpan: 2 }), lbl('姓名'), val(b.platform.name), lbl('职务'), val(b.platform.title));
  g.row(lbl('手机'), val(b.platform.mobile, { colSpan: 2 }), lbl('传真'), val(b.platform.fax), lbl('E-mail'), val(b.platform.email));
  g.row(cell(`集群发展现状和规划目标概述：\n${b.summary ?? '\n\n\n'}`, { colSpan: 8, align: 'left', valign: 'top' }));
  const state = APPLICATION_STATE.options.map((o, i) => `${b.state.has(i) ? CHECKED : '□'}${o}`).join('\n');
  g.row(lbl('申请状态', { colSpan: 2 }), cell(state, { colSpan: 2, align: 'left' }), cell('集群建设单位：\n\n（印章）\n\n年　　月　　日', { colSpan: 4, align: 'right' }));
  return g.table([1.0, 0.8, 0.8, 2.0, 0.9, 1.1, 1.0, 2.4], 0, { caption: '创新型产业集群评价申请表（表一　基本信息）' });
}

/** The indicators of 表二, in the form's order. */
export const EVAL_INDICATORS = [
  'revenue', 'netProfit', 'taxes', 'companies', 'highTechCompanies', 'companiesOver1b', 'companies1to10b', 'staff',
  'profitMargin', 'revenueGrowth', 'highTechShare', 'rdShare', 'patentsPer10k', 'standards', 'incubators', 'incubatees',
  'rdInstitutions', 'serviceInstitutions', 'alliances', 'financeInstitutions', 'ventureCapital',
];

/** 表二 指标数据: 指标 | 单位 | 2020年实际数 | 2023年目标数, two head rows. */
export function evalIndicatorTable(actual: Record<string, number | undefined>, target: Record<string, number | undefined>, years: { actual: number; target: number }): TableBlock {
  const g = new Grid(4);
  g.row(lbl('指标', { rowSpan: 2 }), lbl('单位', { rowSpan: 2 }), lbl('数据', { colSpan: 2 }));
  g.row(lbl(`${years.actual}年实际数`), lbl(`${years.target}年目标数`));
  for (const k of EVAL_INDICATORS) {
    const ind = INDICATOR[k];
    g.row(cell(ind.label.replace('≥1<10亿', '≥1亿<10亿')), val(ind.unit), cell(fig(actual, k), { align: 'right' }), cell(fig(target, k), { align: 'right' }));
  }
  return g.table([5, 1, 2.2, 2.2], 2, { caption: '创新型产业集群评价申请表（表二　指标数据）' });
}

export interface Leader {
  name: string;
  products: string;
  revenue: string;
}

/** 表三 集群领军企业. */
export function evalLeaderTable(rows: Leader[], year: number, blank: boolean): TableBlock {
  const g = new Grid(3);
  g.row(lbl('企业名称'), lbl('主要产品'), lbl(`${year}年营业收入（千元）`));
  if (blank) for (let i = 0; i < 5; i++) g.row(cell(''), cell(''), cell(''));
  for (const r of rows) g.row(cell(r.name), cell(r.products), cell(r.revenue, { align: 'right' }));
  return g.table([3.5, 3.5, 2.5], 1, { caption: '创新型产业集群评价申请表（表三　集群领军企业）' });
}

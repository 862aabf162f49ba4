// The rows of the 2022 book's lists, read from the data: the 产业链 (YAML), the enterprises
// (a CSV/XLSX file through the name lists' loaders, or a YAML list) and the 研发服务体系 (YAML,
// by 小类). Each value is checked where it is read, with its file and line (or CSV row).

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/types.js';
import { relative } from 'node:path';
import { resolveInside } from '../source/paths.js';
import { validateCreditCode } from '../checks/credit-code.js';
import { loadRecords } from '../data/index.js';
import type { PartContext } from './compose.js';
import { formatMoney, readText, report, type FormData, type Path } from './application-schema.js';
import { BLANK_CHAIN, SERVICE_GROUPS, type ChainStage, type Enterprise, type ServiceEntry } from './application-tables.js';

/** 企业类别 of the 2022 form's note: A高新技术企业 … G省级专精特新. */
export const ENTERPRISE_CATEGORIES = 'ABCDEFG';

/** Marks an item of the 产业链 outside the cluster (the form's note: 属于本集群外的…请注明). */
export const OUTSIDE_MARK = '（集群外）';
/** Text of a list or a string: "A、B、C"; names listed under `outside` get （集群外）. */
function listText(form: FormData, p: Path, label: string, outside: Set<string>, bag: DiagnosticBag): string {
  const v = form.get(p);
  const items = Array.isArray(v) ? v.map((_, i) => readText(form, [...p, i], label, bag) ?? '') : [readText(form, p, label, bag) ?? ''];
  return items.filter(Boolean).map((x) => (outside.has(x) ? `${x}${OUTSIDE_MARK}` : x)).join('、');
}

export function readChain(form: FormData, bag: DiagnosticBag): ChainStage[] {
  const stages = form.get(['chain', 'stages']);
  // Not filled in: the form's four stages with empty rows.
  if (stages === undefined || stages === null) return BLANK_CHAIN.map((s) => ({ stage: s.stage, items: [] }));
  if (!Array.isArray(stages)) {
    report(bag, form.where(['chain']), 'chain', '`chain.stages` 应为列表：- {stage: 上游（原材料）, items: [{direction, products, companies, technologies}]}');
    return [];
  }
  return stages.map((_, i) => {
    const base: Path = ['chain', 'stages', i];
    const items = form.get([...base, 'items']);
    return {
      stage: readText(form, [...base, 'stage'], '产业链环节', bag) ?? '',
      items: (Array.isArray(items) ? items : []).map((__, j) => {
        const p: Path = [...base, 'items', j];
        const outsideRaw = form.get([...p, 'outside']);
        const outside = new Set(Array.isArray(outsideRaw) ? outsideRaw.map(String) : outsideRaw ? [String(outsideRaw)] : []);
        return {
          direction: readText(form, [...p, 'direction'], '细分方向', bag) ?? '',
          products: listText(form, [...p, 'products'], '关键产品', outside, bag),
          companies: listText(form, [...p, 'companies'], '代表企业', outside, bag),
          technologies: listText(form, [...p, 'technologies'], '关键技术', outside, bag),
        };
      }),
    };
  });
}

/** Columns of the enterprise rows (CSV/XLSX headers, or keys of YAML rows). */
export const ENTERPRISE_COLUMNS = ['企业名称', '统一社会信用代码', '企业类别', '营业收入', 'R&D投入强度', '国家级项目数', '省级项目数', '主要产品'] as const;

export async function readEnterprises(form: FormData, ctx: PartContext, source: SourceFile): Promise<Enterprise[]> {
  const bag = ctx.bag;
  const v = form.get(['enterprises']);
  if (v === undefined || v === null) return [];
  type Row = { get(col: string): string; where(col: string): { file: string; line: number; column: number }; fromFile: boolean };
  let rows: Row[] = [];
  if (typeof v === 'string') {
    const abs = resolveInside(ctx.projectDir, v, form.dirOf(['enterprises']));
    if (!abs) {
      report(bag, form.where(['enterprises']), 'enterprises', `data file "${v}" is outside the project folder`);
      return [];
    }
    const loaded = await (ctx.reads ? ctx.reads.records.bind(ctx.reads) : loadRecords)(relative(ctx.projectDir, abs), { projectDir: ctx.projectDir, sheet: readText(form, ['enterprisesSheet'], 'sheet', bag) });
    bag.items.push(...loaded.diagnostics);
    const missing = ['企业名称', '统一社会信用代码'].filter((c) => !loaded.columns.includes(c));
    if (missing.length) report(bag, form.where(['enterprises']), 'enterprises', `企业数据「${v}」缺少列：${missing.join('、')}（现有列：${loaded.columns.join('、')}；可用列：${ENTERPRISE_COLUMNS.join('、')}）`);
    rows = loaded.records.map((r, i) => ({ get: (c) => (r[c] ?? '').trim(), where: () => ({ file: loaded.file, line: loaded.rowNumbers[i] ?? 0, column: 1 }), fromFile: true }));
  } else if (Array.isArray(v)) {
    rows = v.map((_, i) => ({
      get: (c) => readText(form, ['enterprises', i, c], c, bag) ?? '',
      where: (c) => form.where(['enterprises', i, c]),
      fromFile: false,
    }));
  } else {
    report(bag, form.where(['enterprises']), 'enterprises', '`enterprises` 应为数据文件（CSV、XLSX）的路径或企业列表');
    return [];
  }
  return rows.map((r) => {
    const code = r.get('统一社会信用代码');
    // Front-matter codes are checked by the credit-code rule (which a project may relax per field).
    if (code && r.fromFile) {
      const ok = validateCreditCode(code);
      if (!ok.ok) report(bag, r.where('统一社会信用代码'), 'credit-code', `「${r.get('企业名称')}」：${ok.reason}`);
    }
    const catRaw = r.get('企业类别').toUpperCase();
    const cats = catRaw.split(/[\s,，、;；/]+|(?<=[A-Z])(?=[A-Z])/).filter(Boolean);
    const bad = cats.filter((c) => !(c.length === 1 && ENTERPRISE_CATEGORIES.includes(c)));
    if (bad.length) report(bag, r.where('企业类别'), 'form-category', `「${r.get('企业名称')}」的企业类别「${bad.join('、')}」不在 A–G 之中（A高新技术企业 B科技型中小企业 C上市企业 D独角兽企业 E瞪羚企业 F国家级专精特新 G省级专精特新）`);
    const num = (col: string, type: 'money' | 'percent' | 'count'): string => {
      const raw = r.get(col);
      if (!raw) return '';
      const n = Number(raw.replace(/[,%\s]/g, ''));
      const where = r.where(col);
      if (!Number.isFinite(n) || !/^[-+]?[\d,]*\.?\d+%?$/.test(raw.replace(/\s/g, ''))) report(bag, where, 'form-number', `「${r.get('企业名称')}」的${col}应为数字，这里是「${raw}」`);
      else if (type === 'count' && (!Number.isInteger(n) || n < 0)) report(bag, where, 'form-count', `「${r.get('企业名称')}」的${col}应为整数，这里是「${raw}」`);
      else if (type === 'percent' && (n < 0 || n > 100)) report(bag, where, 'form-percent', `「${r.get('企业名称')}」的${col}是百分比，应在 0–100 之间，这里是「${raw}」`);
      else if (n < 0) report(bag, where, 'form-number', `「${r.get('企业名称')}」的${col}不能为负数`);
      else return type === 'money' ? formatMoney(n) : String(n);
      return raw;
    };
    const nat = num('国家级项目数', 'count');
    const prov = num('省级项目数', 'count');
    return {
      name: r.get('企业名称'),
      creditCode: code,
      category: cats.filter((c) => !bad.includes(c)).join(''),
      revenue: num('营业收入', 'money'),
      rdIntensity: num('R&D投入强度', 'percent'),
      projects: nat || prov ? `${nat || 0}/${prov || 0}` : '',
      products: r.get('主要产品'),
    };
  });
}

/** `services: {科技企业孵化器: [{name, level}], …}` keyed by the form's 小类. */
export function readServices(form: FormData, bag: DiagnosticBag): Map<string, ServiceEntry[]> {
  const out = new Map<string, ServiceEntry[]>();
  const v = form.get(['services']);
  if (v === undefined || v === null) return out;
  if (typeof v !== 'object' || Array.isArray(v)) {
    report(bag, form.where(['services']), 'services', '`services` 应为以小类为键的映射：科技企业孵化器: [{name: …, level: 国家级}]');
    return out;
  }
  const known = new Map(SERVICE_GROUPS.flatMap((g) => g.kinds.map((k) => [k.kind, k] as const)));
  for (const [kind, list] of Object.entries(v as Record<string, unknown>)) {
    const k = known.get(kind);
    if (!k) {
      report(bag, form.where(['services', kind]), 'services', `研发服务体系没有小类「${kind}」：可用 ${[...known.keys()].join('、')}`);
      continue;
    }
    const items = Array.isArray(list) ? list : [];
    out.set(
      kind,
      items.map((item, i) => {
        const p: Path = ['services', kind, i];
        const name = typeof item === 'string' ? item : readText(form, [...p, 'name'], '名称', bag) ?? '';
        const level = typeof item === 'string' ? '' : readText(form, [...p, 'level'], '类别', bag) ?? '';
        if (level && !['国家级', '省级'].includes(level)) report(bag, form.where([...p, 'level']), 'form-choice', `「${name}」的类别应为「国家级」或「省级」，这里是「${level}」`);
        if (level && !k.leveled) report(bag, form.where([...p, 'level']), 'form-choice', `「${kind}」在表中不分国家级/省级（类别栏为“\\”）：请删去 level`);
        return { name, level };
      }),
    );
  }
  return out;
}

// Figures the forms derive from others, computed by gongwen: a reviewer recomputes them, so a
// typed value that disagrees is an error showing both values. Percentages are compared at the
// form's precision: two figures within DERIVED_TOLERANCE percentage points agree (a value
// typed to one decimal, 10.2 for 10.23, is not wrong).

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { INDICATOR, INDICATORS, SUB_COUNTS, readNumber, report, type FormData, type Path } from './application-schema.js';

export const DERIVED_TOLERANCE = 0.05;

export interface Derivation {
  key: string;
  /** How it is computed, in the reviewer's words. */
  formula: string;
  compute(v: Record<string, number | undefined>): number | undefined;
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : (a / b) * 100);

export const DERIVATIONS: Derivation[] = [
  { key: 'profitMargin', formula: '净利润 ÷ 营业收入 × 100', compute: (v) => ratio(v.netProfit, v.revenue) },
  { key: 'highTechShare', formula: '高新技术企业数 ÷ 集群企业总数 × 100', compute: (v) => ratio(v.highTechCompanies, v.companies) },
];

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Reads every indicator under `base` (e.g. ['basic'] or ['indicators', 'actual']), checks the
 * types, computes the derived ones and checks sub-counts against totals.
 */
export function readIndicators(form: FormData, base: Path, bag: DiagnosticBag): Record<string, number | undefined> {
  const v: Record<string, number | undefined> = {};
  for (const ind of INDICATORS) v[ind.key] = readNumber(form, [...base, ind.key], ind.label, ind.type, bag, ind.signed);
  for (const d of DERIVATIONS) {
    const computed = d.compute(v);
    if (computed === undefined) continue;
    const typed = v[d.key];
    if (typed !== undefined && Math.abs(typed - computed) > DERIVED_TOLERANCE) {
      const label = INDICATOR[d.key].label;
      report(bag, form.where([...base, d.key]), 'form-derived', `「${label}」填写为 ${typed}，但按 ${d.formula} 计算为 ${round2(computed)}：请改为 ${round2(computed)}，或删去此项由 gongwen 计算`);
    }
    v[d.key] = round2(computed);
  }
  for (const [sub, total] of SUB_COUNTS) {
    const s = v[sub];
    const t = v[total];
    if (s !== undefined && t !== undefined && s > t) {
      report(bag, form.where([...base, sub]), 'form-subcount', `「${INDICATOR[sub].label}」${s} 家，多于「${INDICATOR[total].label}」${t} 家：分项不能超过总数`);
    }
  }
  const a = v.companiesOver1b;
  const b = v.companies1to10b;
  if (a !== undefined && b !== undefined && v.companies !== undefined && a + b > v.companies) {
    report(bag, form.where([...base, 'companies1to10b']), 'form-subcount', `营业收入≥10亿元（${a} 家）与 1–10亿元（${b} 家）的企业合计 ${a + b} 家，多于「集群企业总数」${v.companies} 家`);
  }
  return v;
}

// The checks stage: text rules on the document's text (the model's, with positions), front-matter
// rules on the fields, outline and 字数 rules on the model's structure. Rules are small modules
// with an id and a default severity (remark-lint's layout); this file only lists them and runs them.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckConfig, CheckContext, Report, ReportInput, Rule } from './types.js';
import type { Segment } from './segments.js';
import { bodySegments, segments } from './document-text.js';
import { readCheckConfig, severityFor } from './config.js';
import { STAGE_RULES } from './registry.js';
import { docNumber } from './rules/doc-number.js';
import { citedDocNumber } from './rules/cited-doc-number.js';
import { dateFormat } from './rules/date-format.js';
import { punctPair } from './rules/punct-pair.js';
import { punctHalfwidth } from './rules/punct-halfwidth.js';
import { headingNumberSkip } from './rules/heading-number-skip.js';
import { headingNumberStyle } from './rules/heading-number-style.js';
import { attachmentNote } from './rules/attachment-note.js';
import { dash } from './rules/dash.js';
import { ellipsis } from './rules/ellipsis.js';
import { quotesStraight } from './rules/quotes-straight.js';
import { fullwidthAlnum } from './rules/fullwidth-alnum.js';
import { rangeHyphen } from './rules/range-hyphen.js';
import { creditCode } from './rules/credit-code.js';
import { headingDepth } from './rules/heading-depth.js';
import { headingSkip } from './rules/heading-skip.js';
import { headingNumberLevel } from './rules/heading-number-level.js';
import { link } from './rules/link.js';
import { fieldEmpty } from './rules/field-empty.js';
import { outlineEmpty, outlineMissing, outlineOrder, outlineSectionMin, outlineUnknown, wordcountMin } from './outline/rules.js';

export type { CheckConfig, CheckContext, Rule, Report, ReportInput, RuleSetting, Outline, OutlineSection } from './types.js';
export { countWords, countChars } from './wordcount.js';
export { validateCreditCode, creditCheckChar, type CreditCodeResult } from './credit-code.js';
export { loadOutline, parseOutline, shippedOutlines, SHIPPED_OUTLINES_DIR } from './outline/load.js';
export { sectionStats, documentStats, formatStatsTable, displayWidth, type StatsRow, type DocumentStats } from './outline/stats.js';
export { parseCheckConfig, severityFor, configureDiagnostics } from './config.js';
export { STAGE_RULES, type RuleInfo } from './registry.js';
export { resolveOutline } from './outline/resolve.js';
export { DOC_NUMBER, docNumberProblems, suggestDocNumber } from './rules/doc-number.js';
export { dateProblem } from './rules/date-format.js';
export { titleKey, stripNumber } from './outline/match-title.js';

/** Every rule, in the order their findings are most useful to read. */
export const rules: Rule[] = [
  headingDepth,
  headingSkip,
  headingNumberLevel,
  link,
  fieldEmpty,
  docNumber,
  dateFormat,
  attachmentNote,
  creditCode,
  outlineMissing,
  outlineOrder,
  outlineUnknown,
  outlineEmpty,
  outlineSectionMin,
  wordcountMin,
  citedDocNumber,
  punctPair,
  punctHalfwidth,
  quotesStraight,
  dash,
  ellipsis,
  rangeHyphen,
  fullwidthAlnum,
  headingNumberSkip,
  headingNumberStyle,
];

/** Every rule id gongwen.yaml may set: the checks' rules and the earlier stages' (registry.ts). */
export const ruleIds: ReadonlySet<string> = new Set([...rules.map((r) => r.id), ...STAGE_RULES.map((r) => r.id)]);

/** Rules after which a stage cannot go on: they stay errors. */
export const stopRuleIds: ReadonlySet<string> = new Set(STAGE_RULES.filter((r) => r.stops).map((r) => r.id));

export const defaultCheckConfig = (): CheckConfig => ({ rules: {} });

/**
 * Runs every rule that applies to the context's kind and is not turned off; returns the
 * diagnostics sorted by position, with the configured severities. A rule that throws (a bug,
 * or input no one foresaw) becomes one error diagnostic instead of stopping the others.
 */
export function runChecks(ctx: CheckContext, only: readonly Rule[] = rules): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of only) {
    if (rule.kinds && !rule.kinds.includes(ctx.kind)) continue;
    const fieldOverride = ctx.config.fields && Object.values(ctx.config.fields).some((f) => f[rule.id] && f[rule.id] !== 'off');
    if (ctx.config.rules[rule.id] === 'off' && !fieldOverride) continue;
    const report: Report = (d) => {
      const severity = severityFor(ctx.config, rule.id, d.severity ?? rule.defaultSeverity, d.field);
      if (severity === 'off') return;
      const diag: Diagnostic = { file: d.file ?? ctx.source.path, line: d.line, column: d.column, severity, ruleId: rule.id, message: d.message, source: 'check' };
      if (d.endLine !== undefined) diag.endLine = d.endLine;
      if (d.endColumn !== undefined) diag.endColumn = d.endColumn;
      if (d.fix) diag.fix = d.fix;
      out.push(diag);
    };
    try {
      rule.run?.(ctx, report);
      if (rule.segment) for (const seg of rule.over === 'body' ? bodySegments(ctx) : segments(ctx)) segmentFindings(rule, seg, report);
    } catch (err) {
      out.push({ file: ctx.source.path, line: 0, column: 0, severity: 'error', ruleId: rule.id, message: `internal error in rule ${rule.id}: ${(err as Error).message}`, source: 'check' });
    }
  }
  // A record's value shown twice (in the title and the body) is one finding at its cell.
  const seen = new Set<string>();
  const unique = out.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

/**
 * A segment shared by a batch's documents (frozen: a block alike from record to record, the
 * annex list's cells) is read by each rule once; its findings are given again to every later
 * document. The text rules read 200 such segments a notice of the bench's batch.
 */
const findings = new WeakMap<Segment, Map<string, ReportInput[]>>();

function segmentFindings(rule: Rule, seg: Segment, report: Report): void {
  if (!Object.isFrozen(seg)) return rule.segment!(seg, report);
  let byRule = findings.get(seg);
  if (!byRule) findings.set(seg, (byRule = new Map()));
  let found = byRule.get(rule.id);
  if (!found) {
    const kept: ReportInput[] = [];
    rule.segment!(seg, (d) => kept.push(d));
    byRule.set(rule.id, (found = kept));
  }
  for (const d of found) report(d);
}

/** Reads gongwen.yaml in `projectDir` if present (YAML only); unknown rule ids are warnings. */
export function loadCheckConfig(projectDir: string): Promise<{ config: CheckConfig; diagnostics: Diagnostic[] }> {
  return readCheckConfig(projectDir, ruleIds, stopRuleIds);
}

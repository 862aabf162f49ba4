// The contract of a check: small rule modules with an id and a default severity
// (remark-lint's layout), each a function that visits the document: its text with where every
// character came from (document-text.ts), its front matter, and the model for structure.

import type { Diagnostic, Fix, Severity } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../model/types.js';
import type { SourceFile } from '../source/types.js';
import type { Outline } from './outline/types.js';
import type { Segment } from './segments.js';
import type { ValueAt } from './field-text.js';

export type { Outline, OutlineSection } from './outline/types.js';
export type { Diagnostic, Severity };

/** A rule's severity as configured: a severity, or 'off' to skip the rule. */
export type RuleSetting = Severity | 'off';

/** The `rules:` part of the project's gongwen.yaml. */
export interface CheckConfig {
  /** Rule id → severity or 'off'. Rules not named keep their default severity. */
  rules: Record<string, RuleSetting>;
  /**
   * Per-field overrides, for rules that report on a front-matter or data field (credit-code):
   * dotted field path ("applicant.creditCode", "enterprises.2.code") → rule id → setting.
   * Wins over `rules`. Lets a user accept one early 统一社会信用代码 that fails the check.
   */
  fields?: Record<string, Record<string, RuleSetting>>;
  /**
   * Per-outline settings: outline name (cluster-plan-2021, or a project outline's file name) →
   * its minimum 字数, instead of the one the outline file gives (shipped plans: 10,000).
   */
  outlines?: Record<string, { minWords?: number }>;
}

export interface CheckContext {
  source: SourceFile;
  /** The parsed document; rules that need structure (outline, 字数) skip when it is absent. */
  model?: DocumentModel;
  /** The document kind ('notice', 'plan', …); rules may be limited to some kinds. */
  kind: string;
  config: CheckConfig;
  /** The outline the document must follow (kind: plan), loaded with loadOutline. */
  outline?: Outline;
  /**
   * The body text the text rules read: the document model's (document-text.ts), templates'
   * and annexes' included. Absent: the source's own body, parsed on its own.
   */
  body?: Segment[];
  /** Where a batch record's fields are (its data cells), for front-matter values it filled. */
  valueAt?: ValueAt;
  /** A batch record's values (field-empty). */
  record?: Record<string, unknown>;
}

/** What a rule reports. Lines and columns are 1-based, columns in characters (code points). */
export interface ReportInput {
  line: number;
  column: number;
  message: string;
  endLine?: number;
  endColumn?: number;
  /** The file, when not the source's own (a heading placed by a template). */
  file?: string;
  /** The front-matter field the problem is in, for per-field overrides (CheckConfig.fields). */
  field?: (string | number)[];
  /** A rule may report some findings at another severity than its default; config still wins. */
  severity?: Severity;
  /** The safe replacement, when the rule knows it (check --fix applies it). */
  fix?: Fix;
}

export type Report = (d: ReportInput) => void;

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  description: string;
  /** Document kinds the rule applies to; every kind when absent. */
  kinds?: string[];
  /** What the rule reads as a whole (front matter, structure, text across paragraphs). */
  run?(ctx: CheckContext, report: Report): void;
  /**
   * What the rule finds in one segment of text, whatever the others hold: called for each
   * segment of `over` (the front matter's and the body's, or the body's), after `run`.
   */
  segment?(seg: Segment, report: Report): void;
  over?: 'all' | 'body';
}

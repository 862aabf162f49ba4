// Rules raised by the stages before the checks (reading, front matter, templates, data, batch)
// while they work: every diagnostic id gongwen prints is a rule here or a rule module in
// index.ts's `rules` (which visit the model: heading-depth, heading-skip, heading-number-level
// and link among them), so gongwen.yaml can set each to error, warning, info or off. Rules that stop a stage (the file
// cannot be read, the YAML cannot be parsed, a template does not compile) have nothing to go on
// with: they are `stops` and cannot be switched off or lowered.

import type { Severity } from '../diagnostics/diagnostic.js';

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  description: string;
  /** The stage cannot go on after it: the setting may not be off, warning or info. */
  stops?: boolean;
}

export const STAGE_RULES: RuleInfo[] = [
  { id: 'read', defaultSeverity: 'error', description: 'the file can be read', stops: true },
  { id: 'encoding', defaultSeverity: 'error', description: 'the file is UTF-8 text', stops: true },
  { id: 'limit', defaultSeverity: 'error', description: 'input stays within its size limits', stops: true },
  { id: 'path', defaultSeverity: 'error', description: 'paths stay inside the project folder', stops: true },
  { id: 'yaml', defaultSeverity: 'error', description: 'front matter is valid YAML', stops: true },
  { id: 'front-matter', defaultSeverity: 'error', description: 'front matter is a YAML mapping', stops: true },
  { id: 'config', defaultSeverity: 'error', description: 'gongwen.yaml is valid', stops: true },
  { id: 'field-missing', defaultSeverity: 'error', description: 'required front-matter fields are present' },
  { id: 'field-type', defaultSeverity: 'error', description: 'front-matter fields have the right type' },
  { id: 'field-value', defaultSeverity: 'error', description: 'front-matter values are valid' },
  { id: 'field-unknown', defaultSeverity: 'warning', description: 'a front-matter key is spelled like a known field' },
  { id: 'attachments', defaultSeverity: 'error', description: 'attachments are listed with a title and an existing file' },
  { id: 'template', defaultSeverity: 'error', description: 'templates compile and run', stops: true },
  { id: 'gw-block', defaultSeverity: 'error', description: 'gw: blocks are known and valid' },
  { id: 'figure', defaultSeverity: 'error', description: 'images stand alone in their paragraph and can be read' },
  { id: 'raw-html', defaultSeverity: 'error', description: 'no raw HTML in content' },
  { id: 'outline', defaultSeverity: 'error', description: 'the plan outline can be read' },
  { id: 'outline-schema', defaultSeverity: 'error', description: 'the plan outline is valid' },
  { id: 'list-spec', defaultSeverity: 'error', description: 'a list names valid columns' },
  { id: 'list-columns', defaultSeverity: 'error', description: 'list columns exist in the data' },
  { id: 'list-merge', defaultSeverity: 'warning', description: 'merged list cells are consistent' },
  { id: 'list-number', defaultSeverity: 'warning', description: 'list numbers run in sequence' },
  { id: 'list-orientation', defaultSeverity: 'warning', description: 'a wide list is landscape' },
  { id: 'list-empty', defaultSeverity: 'warning', description: 'a list has rows' },
  { id: 'list-width', defaultSeverity: 'warning', description: 'list columns fit the page' },
  { id: 'data', defaultSeverity: 'error', description: 'a list names its data' },
  { id: 'data-path', defaultSeverity: 'error', description: 'data files are inside the project', stops: true },
  { id: 'data-unreadable', defaultSeverity: 'error', description: 'data files can be read', stops: true },
  { id: 'data-too-large', defaultSeverity: 'error', description: 'data files stay within the size limit', stops: true },
  { id: 'data-too-many-rows', defaultSeverity: 'error', description: 'data stays within the row limit', stops: true },
  { id: 'data-empty', defaultSeverity: 'error', description: 'data has rows' },
  { id: 'data-header-empty', defaultSeverity: 'error', description: 'every data column has a name' },
  { id: 'data-header-duplicate', defaultSeverity: 'error', description: 'data column names are unique' },
  { id: 'data-format', defaultSeverity: 'error', description: 'data files are CSV, XLSX, YAML or JSON', stops: true },
  { id: 'data-csv-syntax', defaultSeverity: 'error', description: 'CSV is well formed', stops: true },
  { id: 'data-csv-fields', defaultSeverity: 'error', description: 'CSV rows have the header\'s number of fields' },
  { id: 'data-yaml-syntax', defaultSeverity: 'error', description: 'YAML data is valid', stops: true },
  { id: 'data-yaml-shape', defaultSeverity: 'error', description: 'YAML data is a list of records' },
  { id: 'data-yaml-record', defaultSeverity: 'error', description: 'YAML data records are mappings' },
  { id: 'data-yaml-value', defaultSeverity: 'error', description: 'YAML data values are text or numbers' },
  { id: 'data-sheet', defaultSeverity: 'warning', description: 'the XLSX sheet is named' },
  { id: 'data-xlsx-formula', defaultSeverity: 'warning', description: 'XLSX formulas have cached values' },
  { id: 'data-xlsx-error', defaultSeverity: 'warning', description: 'XLSX cells hold no errors' },
  { id: 'batch', defaultSeverity: 'error', description: 'batch options are valid', stops: true },
  { id: 'record', defaultSeverity: 'error', description: 'each batch record builds', stops: true },
  { id: 'render', defaultSeverity: 'error', description: 'rendering succeeds', stops: true },
  { id: 'font-missing-glyph', defaultSeverity: 'warning', description: 'fonts cover the text' },
  { id: 'font-cff', defaultSeverity: 'warning', description: 'user fonts are TrueType outlines' },
  { id: 'font-collection-index', defaultSeverity: 'warning', description: 'font collections name their face' },
  { id: 'font-outside', defaultSeverity: 'warning', description: 'user fonts are inside the project' },
  { id: 'font-unreadable', defaultSeverity: 'warning', description: 'user fonts can be read' },
];

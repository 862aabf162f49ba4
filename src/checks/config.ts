// The project's check configuration: the `rules:` (and `fields:`) parts of gongwen.yaml.
//
//   rules:
//     punct-halfwidth: off        # error | warning | info | off
//     wordcount-min: warning
//   fields:
//     applicant.creditCode:       # a dotted front-matter or data field path
//       credit-code: warning      # an early code known to fail the check
//
// YAML only (the `yaml` package, no custom tags). Other top-level keys belong to other parts of
// gongwen and are left alone. An unknown rule id is a warning (a typo must not pass silently).

import { join } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import { yamlErrors } from '../source/yaml-hints.js';
import { GuardedReadError, readGuarded } from '../source/guarded-read.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { displayPath } from '../source/paths.js';
import type { CheckConfig, RuleSetting } from './types.js';
import { nearestName } from '../util/nearest.js';

const SETTINGS = ['error', 'warning', 'info', 'off'];
const MAX_CONFIG_BYTES = 256 * 1024;
const RULE = 'config';

const CONFIG_FILES = ['gongwen.yaml', 'gongwen.yml'];

/**
 * gongwen.yaml's text, for both its readers (the rules here, the output settings in
 * pipeline/output-settings.ts), read as every project file is (source/guarded-read.ts). A FIFO
 * named gongwen.yaml made `build` and `check` hang for good: the output settings' reader opened
 * it with readFile, which blocks in open(2). A folder or a FIFO of that name is no
 * configuration and is passed over, as the rules' reader did; one linked out of the project,
 * over the size bound or unreadable is an error at the file.
 */
export function readConfigText(projectDir: string): { file: string; text: string } | { file: string; error: Diagnostic } | undefined {
  for (const name of CONFIG_FILES) {
    const file = displayPath(join(projectDir, name));
    try {
      return { file, text: readGuarded(name, { projectDir, maxBytes: MAX_CONFIG_BYTES, what: '设置文件' }).bytes.toString('utf8') };
    } catch (err) {
      if (!(err instanceof GuardedReadError)) throw err;
      if (err.fault === 'missing' || err.fault === 'not-file') continue;
      const message = err.fault === 'too-large' ? `gongwen.yaml 超过 ${MAX_CONFIG_BYTES} 字节的上限：只写 rules: 和 fields: 等设置` : err.message;
      return { file, error: { file, line: 0, column: 0, severity: 'error', ruleId: RULE, message, source: 'check' } };
    }
  }
  return undefined;
}

/** Reads the rule settings of gongwen.yaml in `projectDir`; no file means defaults. */
export async function readCheckConfig(projectDir: string, knownRules: ReadonlySet<string>, stops: ReadonlySet<string> = new Set()): Promise<{ config: CheckConfig; diagnostics: Diagnostic[] }> {
  const read = readConfigText(projectDir);
  if (!read) return { config: { rules: {} }, diagnostics: [] };
  if ('error' in read) return { config: { rules: {} }, diagnostics: [read.error] };
  return parseCheckConfig(read.text, read.file, knownRules, stops);
}

/** Parses gongwen.yaml text for its `rules:` and `fields:` parts. */
export function parseCheckConfig(text: string, file: string, knownRules: ReadonlySet<string>, stops: ReadonlySet<string> = new Set()): { config: CheckConfig; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, customTags: [], uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const config: CheckConfig = { rules: {} };
  const add = (node: Node | null | undefined, severity: Severity, message: string) => {
    const p = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    diagnostics.push({ file, line: p.line, column: p.col, severity, ruleId: RULE, message, source: 'check' });
  };
  for (const d of yamlErrors(text, doc.errors, lc)) diagnostics.push({ file, ...d, severity: 'error', ruleId: RULE, source: 'check' });
  if (doc.errors.length > 0) return { config, diagnostics };
  const root = doc.contents as Node | null;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return { config, diagnostics };
  if (!isMap(root)) {
    add(root, 'error', 'gongwen.yaml 应为 key: value 形式的设置，如 rules: 下写 punct-halfwidth: warning');
    return { config, diagnostics };
  }
  const readSettings = (map: Node | null, where: string): Record<string, RuleSetting> => {
    const out: Record<string, RuleSetting> = Object.create(null);
    if (map === null || (isScalar(map) && map.value === null)) return out;
    if (!isMap(map)) {
      add(map, 'error', `${where} 下应写「规则编号: error/warning/info/off」，如 punct-halfwidth: warning`);
      return out;
    }
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      // YAML 1.2 reads `off` as text; `false` also means off.
      const raw = isScalar(v) ? (v.value === false ? 'off' : String(v.value)) : '';
      if (!SETTINGS.includes(raw)) {
        const near = nearestName(raw, SETTINGS);
        add(v ?? (pair.key as Node), 'error', `${where}.${key} 不能是「${raw}」：写 error、warning、info 或 off${near ? `（是否应为「${near}」？）` : ''}`);
        continue;
      }
      if (!knownRules.has(key)) {
        const near = nearestName(key, knownRules);
        add(pair.key as Node, 'warning', `${where} 中的规则编号「${key}」不存在：${near ? `是否应为「${near}」？` : `规则编号见 README「Checks」一节（如 punct-halfwidth、heading-skip）`}`);
      } else if (stops.has(key) && raw !== 'error') {
        add(v ?? (pair.key as Node), 'error', `规则「${key}」不能设为 ${raw}：出现这类错误时无法继续生成文件，请改正内容`);
        continue;
      }
      out[key] = raw as RuleSetting;
    }
    return out;
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'rules') config.rules = readSettings(pair.value as Node | null, 'rules');
    if (key === 'outlines') {
      const v = pair.value as Node | null;
      if (!isMap(v)) {
        if (v !== null) add(v, 'error', 'outlines 下应写「提纲名: { minWords: 字数 }」，如 cluster-plan-2021: { minWords: 8000 }');
        continue;
      }
      config.outlines = Object.create(null);
      for (const op of v.items) {
        const name = isScalar(op.key) ? String(op.key.value) : '';
        const set = op.value as Node | null;
        const min = isMap(set) ? set.items.find((i) => isScalar(i.key) && i.key.value === 'minWords') : undefined;
        const n = min && isScalar(min.value) ? Number(min.value.value) : NaN;
        if (!min || !Number.isInteger(n) || n < 0) {
          add(set ?? (op.key as Node), 'error', `outlines.${name} 应写 { minWords: 字数 }（不小于 0 的整数），如 { minWords: 8000 }`);
          continue;
        }
        config.outlines![name] = { minWords: n };
      }
    }
    if (key === 'fields') {
      const v = pair.value as Node | null;
      if (!isMap(v)) {
        if (v !== null) add(v, 'error', 'fields 下应写「字段路径: 规则设置」，如 applicant.creditCode: 下写 credit-code: warning');
        continue;
      }
      config.fields = Object.create(null);
      for (const fp of v.items) {
        const path = isScalar(fp.key) ? String(fp.key.value) : '';
        config.fields![path] = readSettings(fp.value as Node | null, `fields.${path}`);
      }
    }
  }
  return { config, diagnostics };
}

/**
 * The severity a finding gets: a per-field setting, else the project's rule setting, else the
 * severity the rule gave the finding, else the rule's default. 'off' drops it.
 */
export function severityFor(config: CheckConfig, ruleId: string, fallback: Severity, field?: (string | number)[]): RuleSetting {
  if (field && config.fields) {
    const set = config.fields[field.join('.')]?.[ruleId];
    if (set) return set;
  }
  return config.rules[ruleId] ?? fallback;
}

/**
 * The project's settings applied to what the stages before the checks reported (Markdown,
 * front matter, templates): the checks' own findings got theirs in runChecks. Off drops one.
 */
export function configureDiagnostics(diags: readonly Diagnostic[], config: CheckConfig, stops: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diags) {
    if (d.source === 'check' || stops.has(d.ruleId)) {
      out.push(d);
      continue;
    }
    const set = config.rules[d.ruleId];
    if (set === 'off') continue;
    out.push(set ? { ...d, severity: set } : d);
  }
  return out;
}

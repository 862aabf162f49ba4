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

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { displayPath } from '../source/paths.js';
import type { CheckConfig, RuleSetting } from './types.js';

const SETTINGS = ['error', 'warning', 'info', 'off'];
const MAX_CONFIG_BYTES = 256 * 1024;
const RULE = 'config';

export const CONFIG_FILES = ['gongwen.yaml', 'gongwen.yml'];

/** Reads the rule settings of gongwen.yaml in `projectDir`; no file means defaults. */
export async function readCheckConfig(projectDir: string, knownRules: ReadonlySet<string>): Promise<{ config: CheckConfig; diagnostics: Diagnostic[] }> {
  for (const name of CONFIG_FILES) {
    const abs = join(projectDir, name);
    let text: string;
    try {
      const st = await stat(abs);
      if (!st.isFile()) continue;
      const shown = displayPath(abs);
      if (st.size > MAX_CONFIG_BYTES) {
        return { config: { rules: {} }, diagnostics: [{ file: shown, line: 0, column: 0, severity: 'error', ruleId: RULE, message: `gongwen.yaml is ${st.size} bytes; the limit is ${MAX_CONFIG_BYTES}`, source: 'check' }] };
      }
      text = await readFile(abs, 'utf8');
      return parseCheckConfig(text, shown, knownRules);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return { config: { rules: {} }, diagnostics: [{ file: displayPath(abs), line: 0, column: 0, severity: 'error', ruleId: RULE, message: `cannot read: ${(err as Error).message}`, source: 'check' }] };
    }
  }
  return { config: { rules: {} }, diagnostics: [] };
}

/** Parses gongwen.yaml text for its `rules:` and `fields:` parts. */
export function parseCheckConfig(text: string, file: string, knownRules: ReadonlySet<string>): { config: CheckConfig; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, customTags: [], uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const config: CheckConfig = { rules: {} };
  const add = (node: Node | null | undefined, severity: Severity, message: string) => {
    const p = node?.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    diagnostics.push({ file, line: p.line, column: p.col, severity, ruleId: RULE, message, source: 'check' });
  };
  for (const e of doc.errors) {
    const p = lc.linePos(e.pos[0]);
    diagnostics.push({ file, line: p.line, column: p.col, severity: 'error', ruleId: RULE, message: `YAML syntax error: ${e.message.split('\n')[0]}`, source: 'check' });
  }
  if (doc.errors.length > 0) return { config, diagnostics };
  const root = doc.contents as Node | null;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return { config, diagnostics };
  if (!isMap(root)) {
    add(root, 'error', 'gongwen.yaml must be a mapping (key: value)');
    return { config, diagnostics };
  }
  const readSettings = (map: Node | null, where: string): Record<string, RuleSetting> => {
    const out: Record<string, RuleSetting> = Object.create(null);
    if (map === null || (isScalar(map) && map.value === null)) return out;
    if (!isMap(map)) {
      add(map, 'error', `${where} must map rule ids to error, warning, info or off`);
      return out;
    }
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      // YAML 1.2 reads `off` as text; `false` also means off.
      const raw = isScalar(v) ? (v.value === false ? 'off' : String(v.value)) : '';
      if (!SETTINGS.includes(raw)) {
        add(v ?? (pair.key as Node), 'error', `${where}.${key} must be error, warning, info or off, not "${raw}"`);
        continue;
      }
      if (!knownRules.has(key)) {
        add(pair.key as Node, 'warning', `unknown rule id "${key}" in ${where} (known rules: ${[...knownRules].sort().join(', ')})`);
      }
      out[key] = raw as RuleSetting;
    }
    return out;
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'rules') config.rules = readSettings(pair.value as Node | null, 'rules');
    if (key === 'fields') {
      const v = pair.value as Node | null;
      if (!isMap(v)) {
        if (v !== null) add(v, 'error', 'fields must map field paths (applicant.creditCode) to rule settings');
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

// YAML and JSON data: a list of objects, or an object holding one such list
// (`bases: [...]`). JSON is read by the same YAML parser (JSON is YAML 1.2), so both report
// line and column. Scalars keep the text the user typed: 007 stays "007", 1.50 stays "1.50"
// (the core schema would make them 7 and 1.5), dates stay as written.

import { yamlErrors } from '../source/yaml-hints.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { cleanValue, type GridRecords } from './grid-records.js';
import { decodeText } from './decode-text.js';
import { MAX_CELL_CHARS, MAX_DATA_COLUMNS, MAX_DATA_ROWS } from './limits.js';

export function parseYamlRecords(buf: Uint8Array, bag: DiagnosticBag): GridRecords {
  const empty: GridRecords = { records: [], columns: [], rowNumbers: [], headerRow: 0 };
  const { text, problem } = decodeText(buf);
  if (problem) {
    bag.error('data-encoding', problem.message, problem.line, 1, 'data');
    return empty;
  }
  const lc = new LineCounter();
  // uniqueKeys off: yaml compares each key with every earlier one (quadratic); a Set per record below.
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  const at = (node: Node | null | undefined) => {
    const off = node?.range?.[0];
    return off === undefined ? { line: 0, col: 0 } : lc.linePos(off);
  };
  if (doc.errors.length > 0) {
    for (const p of yamlErrors(text, doc.errors, lc)) bag.error('data-yaml-syntax', p.message, p.line, p.column, 'data');
    return empty;
  }
  let list: YAMLSeq | undefined;
  const root = doc.contents;
  if (isSeq(root)) list = root;
  else if (isMap(root)) {
    const lists = (root as YAMLMap).items.filter((p) => isSeq(p.value));
    if (lists.length === 1) list = lists[0].value as YAMLSeq;
    else {
      const names = lists.map((p) => `"${String(isScalar(p.key) ? p.key.value : p.key)}"`).join(', ');
      const p = at(root);
      bag.error(
        'data-yaml-shape',
        lists.length === 0 ? 'the file must hold a list of records (- 名称: …), or an object with one such list' : `the file holds several lists (${names}); keep one`,
        p.line,
        p.col,
        'data',
      );
      return empty;
    }
  } else {
    bag.error('data-yaml-shape', 'the file must hold a list of records (- 名称: …), or an object with one such list', 1, 1, 'data');
    return empty;
  }
  if (list.items.length > MAX_DATA_ROWS) {
    bag.error('data-too-many-rows', `the file has ${list.items.length} records; the limit is ${MAX_DATA_ROWS}`, at(list).line, at(list).col, 'data');
    return empty;
  }

  const columns: string[] = [];
  const known = new Set<string>();
  const records: Record<string, string>[] = [];
  const rowNumbers: number[] = [];
  for (const item of list.items as Node[]) {
    const p = at(item);
    if (!isMap(item)) {
      bag.error('data-yaml-record', 'each record must be a set of 名称: 值 pairs', p.line, p.col, 'data');
      continue;
    }
    const rec: Record<string, string> = Object.create(null);
    const seenKeys = new Set<string>();
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? cleanValue(String(pair.key.value ?? '')) : '';
      const kp = at(pair.key as Node);
      if (key === '') {
        bag.error('data-header-empty', 'a field has no name', kp.line, kp.col, 'data');
        continue;
      }
      if (seenKeys.has(key)) {
        bag.error('data-yaml-syntax', `the field "${key}" appears twice in this record`, kp.line, kp.col, 'data');
        continue;
      }
      seenKeys.add(key);
      const v = pair.value as Node | null;
      let value = '';
      if (v === null || v === undefined) value = '';
      else if (isScalar(v)) {
        if (v.value === null) value = '';
        else if (typeof v.value === 'string') value = v.value;
        else value = v.source ?? String(v.value);
      } else {
        const vp = at(v);
        bag.error('data-yaml-value', `the value of "${key}" must be text or a number, not a ${isSeq(v) ? 'list' : 'mapping'}`, vp.line, vp.col, 'data');
        continue;
      }
      if (value.length > MAX_CELL_CHARS) {
        bag.error('data-too-large', `the value of "${key}" holds ${value.length.toLocaleString('en')} characters; one value is limited to ${MAX_CELL_CHARS.toLocaleString('en')}`, kp.line, kp.col, 'data');
        return empty;
      }
      rec[key] = cleanValue(value);
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
        if (columns.length > MAX_DATA_COLUMNS) {
          bag.error('data-too-large', `the records have more than ${MAX_DATA_COLUMNS.toLocaleString('en')} different fields; data files are limited to ${MAX_DATA_COLUMNS.toLocaleString('en')} columns`, kp.line, kp.col, 'data');
          return empty;
        }
      }
    }
    records.push(rec);
    rowNumbers.push(p.line);
  }
  // Every record has every column, '' where a record leaves a field out.
  for (const r of records) for (const c of columns) if (!(c in r)) r[c] = '';
  return { records, columns, rowNumbers, headerRow: 0 };
}

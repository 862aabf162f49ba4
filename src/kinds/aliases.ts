// Front-matter keys as a clerk writes them: the fields' names in GB/T 9704 (主送机关, 成文日期,
// 发文字号, 附件说明, …, each field's `label` in schema.ts, and the short forms 主送, 附件, 文号,
// 文种…) are the same fields as to, date, number, attachments; and `kind: 通知` is kind notice.
// They were silently ignored (the notice built without its 主送), so they are read here, once,
// before anything reads the front matter: every stage sees the English keys, and a field's place
// in the file is still its Chinese key's. A key written both ways is left for FieldReader to
// report (fields.ts).

import type { SourceFile } from '../source/types.js';
import { KIND_SCHEMAS } from './schema.js';

/** Short forms beside the labels, and `kind` itself. */
const EXTRA_ALIASES: Record<string, string> = {
  文种: 'kind',
  主送: 'to',
  附件: 'attachments',
  文号: 'number',
  发文机关署名: 'signature',
  抄送机关: 'cc',
  密级和保密期限: 'secrecy',
  方向: 'orientation',
};

/** 文种 names of the kinds: `kind: 通知` means kind notice. */
export const KIND_NAMES: Readonly<Record<string, string>> = {
  通知: 'notice',
  附件: 'annex',
  名单: 'list',
  规划: 'plan',
  申报书: 'application',
};

function aliasTable(): Map<string, string> {
  const table = new Map<string, string>(Object.entries(EXTRA_ALIASES));
  for (const schema of Object.values(KIND_SCHEMAS)) {
    for (const [key, spec] of Object.entries(schema)) {
      const had = table.get(spec.label);
      // One name, two fields (none today): neither is guessed.
      if (had !== undefined && had !== key) throw new Error(`front-matter alias ${spec.label} names both ${had} and ${key}`);
      table.set(spec.label, key);
    }
  }
  return table;
}

/** Chinese name → key (主送 → to, 成文日期 → date). */
export const KEY_ALIASES: ReadonlyMap<string, string> = aliasTable();

const canonical = new WeakSet<SourceFile>();

/**
 * The source with its Chinese keys read as the fields they name and a 文种 name as its kind;
 * the same object when there is nothing to rename. Where a field is stays where it was written.
 */
export function canonicalSource(source: SourceFile): SourceFile {
  if (canonical.has(source)) return source;
  const renamed = new Map<string, string>(); // key → the alias written
  const data: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(source.data)) {
    const key = KEY_ALIASES.get(k);
    if (key !== undefined && !(key in source.data) && !renamed.has(key)) {
      renamed.set(key, k);
      data[key] = v;
    } else data[k] = v;
  }
  if (typeof data.kind === 'string' && KIND_NAMES[data.kind.trim()]) data.kind = KIND_NAMES[data.kind.trim()];
  if (renamed.size === 0 && data.kind === source.data.kind) {
    canonical.add(source);
    return source;
  }
  const out: SourceFile = {
    ...source,
    data,
    placeOf: (path) => source.placeOf(typeof path[0] === 'string' && renamed.has(path[0]) ? [renamed.get(path[0])!, ...path.slice(1)] : path),
  };
  canonical.add(out);
  return out;
}

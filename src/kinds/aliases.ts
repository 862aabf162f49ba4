// Front-matter keys as a clerk writes them: the fields' names in GB/T 9704 (主送机关, 成文日期,
// 发文字号, 附件说明, …, each field's `label` in source/front-matter.ts, and the short forms 主送,
// 附件, 文号, 文种…) are the same fields as to, date, number, attachments; and `kind: 通知` is kind notice.
// They were silently ignored (the notice built without its 主送), so they are read here, once,
// before anything reads the front matter: every stage sees the English keys, and a field's place
// in the file is still its Chinese key's. A key written both ways is left for FieldReader to
// report (fields.ts).

import type { SourceFile } from '../source/types.js';
import { KEY_ALIASES, KIND_NAMES } from '../source/front-matter.js';

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

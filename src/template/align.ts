// Where each character of a template's output came from: the template's own text (a literal,
// at its line and column) or a {{…}} value (a field of the view, at the mustache's column).
// Output lines are traced to template lines by engine.ts; within a line, when every mustache
// is a plain {{field}} whose value is known, the line is rebuilt from the template and the
// values and, when that is the output, the mapping is exact — a value that repeats the text
// around it included. Otherwise (block helpers, loops, helpers) the template's literal pieces
// are found in the output in order, the first as a prefix and the last as a suffix where they
// can be, and what lies between them is the output of the mustaches between them. A Markdown
// body bound with a batch record, a kind's .hbs template and a front-matter value with {{…}}
// are read the same way.

/** A stretch [from, to) of an output line and where it came from in the template line. */
export interface AlignedPiece {
  from: number;
  to: number;
  /** UTF-16 offset in the template line of `from` (a literal), or of the mustache (a value). */
  at: number;
  /** A value: the field name when the stretch is the output of one plain {{name}}; '' otherwise. */
  value?: string;
}

/** The text of a plain field's value in the view, or undefined when it is not one. */
export type ValueOf = (field: string) => string | undefined;

const MUSTACHE = /\{\{\{?([^{}]*)\}?\}\}/g;

/** The plain field a mustache shows ({{name}}, {{{a.b}}}), or '' (a helper, a block, a comment). */
function plainField(expr: string): string {
  const e = expr.trim();
  return /^[^\s#/^!>&=(){}"']+$/.test(e) && e !== 'else' && e !== 'this' ? e : '';
}

type Part = { literal: string; at: number } | { expr: string; at: number };

function partsOf(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(MUSTACHE)) {
    if (m.index! > last) parts.push({ literal: template.slice(last, m.index), at: last });
    parts.push({ expr: m[1], at: m.index! });
    last = m.index! + m[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last), at: last });
  return parts;
}

/** The exact mapping when the line is the template with its plain fields' values put in. */
function rebuilt(parts: Part[], output: string, valueOf: ValueOf): AlignedPiece[] | undefined {
  const out: AlignedPiece[] = [];
  let built = 0;
  for (const p of parts) {
    if ('literal' in p) {
      if (!output.startsWith(p.literal, built)) return undefined;
      out.push({ from: built, to: built + p.literal.length, at: p.at });
      built += p.literal.length;
      continue;
    }
    if (p.expr.trim().startsWith('!')) continue; // a comment shows nothing
    const field = plainField(p.expr);
    const v = field ? valueOf(field) : undefined;
    if (v === undefined || !output.startsWith(v, built)) return undefined;
    if (v) out.push({ from: built, to: built + v.length, at: p.at, value: field });
    built += v.length;
  }
  return built === output.length ? out : undefined;
}

/**
 * Aligns one output line with the template line that produced it. Identical lines are one
 * literal piece; `valueOf` (the view's plain values) makes the mapping exact where it can.
 */
export function alignLine(template: string, output: string, valueOf?: ValueOf): AlignedPiece[] {
  if (template === output) return output ? [{ from: 0, to: output.length, at: 0 }] : [];
  const parts = partsOf(template);
  const exact = valueOf && rebuilt(parts, output, valueOf);
  if (exact) return exact;
  const out: AlignedPiece[] = [];
  let cursor = 0;
  let between: { expr: string; at: number }[] = [];
  const gap = (to: number) => {
    if (to <= cursor) return;
    const fields = between.filter((m) => !/^\s*[#/^!]/.test(m.expr));
    const value = fields.length === 1 ? plainField(fields[0].expr) : '';
    out.push({ from: cursor, to, at: (fields[0] ?? between[0])?.at ?? 0, value });
  };
  parts.forEach((p, k) => {
    if ('expr' in p) {
      between.push(p);
      return;
    }
    // Leading indentation may be dropped by a standalone block helper: match the text itself.
    const lit = cursor === 0 && out.length === 0 ? p.literal.trimStart() : p.literal;
    const shift = p.literal.length - lit.length;
    if (!lit) return;
    let found = -1;
    if (k === parts.length - 1 && output.endsWith(lit) && output.length - lit.length >= cursor) found = output.length - lit.length;
    else if (k === 0 && output.startsWith(lit)) found = 0;
    else found = output.indexOf(lit, cursor);
    if (found < 0) return; // inside an {{#if}} that was false
    gap(found);
    out.push({ from: found, to: found + lit.length, at: p.at + shift });
    cursor = found + lit.length;
    between = [];
  });
  gap(output.length);
  return out;
}

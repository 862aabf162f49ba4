// Where each character of a template's output came from: the template's own text (a literal,
// at its line and column) or a {{…}} value (a field of the view, at the mustache's column).
// Output lines are traced to template lines by engine.ts; within a line the template's
// literal pieces are found in the output in order, and what lies between them is the
// output of the mustaches between them. A Markdown body bound with a batch record and a
// kind's .hbs template are read the same way, and so are front-matter values with {{…}}.

/** A stretch [from, to) of an output line and where it came from in the template line. */
export interface AlignedPiece {
  from: number;
  to: number;
  /** UTF-16 offset in the template line of `from` (a literal), or of the mustache (a value). */
  at: number;
  /** A value: the field name when the stretch is the output of one plain {{name}}; '' otherwise. */
  value?: string;
}

const MUSTACHE = /\{\{\{?([^{}]*)\}?\}\}/g;

/** The plain field a mustache shows ({{name}}, {{{a.b}}}), or '' (a helper, a block, a comment). */
function plainField(expr: string): string {
  const e = expr.trim();
  return /^[^\s#/^!>&=(){}"']+$/.test(e) && e !== 'else' && e !== 'this' ? e : '';
}

/**
 * Aligns one output line with the template line that produced it. Identical lines are one
 * literal piece. Literal pieces are looked for in order; one that is not found (inside an
 * {{#if}} that was false) is skipped. Stretches between found literals are values.
 */
export function alignLine(template: string, output: string): AlignedPiece[] {
  if (template === output) return output ? [{ from: 0, to: output.length, at: 0 }] : [];
  const parts: { literal: string; at: number; mustaches: { expr: string; at: number }[] }[] = [];
  let last = 0;
  let pending: { expr: string; at: number }[] = [];
  for (const m of template.matchAll(MUSTACHE)) {
    if (m.index! > last) {
      parts.push({ literal: template.slice(last, m.index), at: last, mustaches: pending });
      pending = [];
    }
    pending.push({ expr: m[1], at: m.index! });
    last = m.index! + m[0].length;
  }
  if (last < template.length) {
    parts.push({ literal: template.slice(last), at: last, mustaches: pending });
    pending = [];
  }
  const out: AlignedPiece[] = [];
  let cursor = 0;
  let between: { expr: string; at: number }[] = [];
  const gap = (to: number) => {
    if (to <= cursor) return;
    const fields = between.filter((m) => !/^\s*[#/^!]/.test(m.expr));
    const value = fields.length === 1 ? plainField(fields[0].expr) : '';
    out.push({ from: cursor, to, at: (fields[0] ?? between[0])?.at ?? 0, value });
  };
  for (const p of parts) {
    between.push(...p.mustaches);
    // Leading indentation may be dropped by a standalone block helper: match the text itself.
    const lit = out.length === 0 && cursor === 0 ? p.literal.trimStart() : p.literal;
    const shift = p.literal.length - lit.length;
    if (!lit) continue;
    const found = output.indexOf(lit, cursor);
    if (found < 0) continue;
    gap(found);
    out.push({ from: found, to: found + lit.length, at: p.at + shift });
    cursor = found + lit.length;
    between = [];
  }
  between.push(...pending);
  gap(output.length);
  return out;
}

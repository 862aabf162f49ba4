// The same problem repeated more than a few times is shown a few times and then summarised
// ("还有 58 处同类问题"): one CSV mistake once printed 62 identical lines, and the line that
// mattered scrolled away. Same problem = same file, rule and message.

import type { Diagnostic } from './diagnostic.js';

/** How many of one problem are shown before the summary line. */
export const SHOWN_REPEATS = 3;

export type SummaryLine = { diagnostic: Diagnostic } | { more: number; like: Diagnostic };

/** The diagnostics in order, each repeated problem cut after SHOWN_REPEATS with one summary line. */
export function summariseRepeats(diags: readonly Diagnostic[]): SummaryLine[] {
  const key = (d: Diagnostic) => `${d.file}\u0000${d.ruleId}\u0000${d.message}`;
  const total = new Map<string, number>();
  for (const d of diags) total.set(key(d), (total.get(key(d)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: SummaryLine[] = [];
  for (const d of diags) {
    const k = key(d);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    const all = total.get(k)!;
    // A summary only saves lines when at least two are cut.
    if (all <= SHOWN_REPEATS + 1 || n <= SHOWN_REPEATS) out.push({ diagnostic: d });
    else if (n === SHOWN_REPEATS + 1) out.push({ more: all - SHOWN_REPEATS, like: d });
  }
  return out;
}

/** `content/a.md: 还有 58 处同类问题（punct-halfwidth：…）` */
export function formatSummary(more: number, like: Diagnostic): string {
  return `${like.file}: 还有 ${more} 处同类问题（${like.ruleId}：${like.message}）`;
}

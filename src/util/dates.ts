// Dates as documents write them: read from a field or a template value, written in the 成文日期
// form. Below template/, checks/ and kinds/, which all read or format dates.

/** Accepts 2020-11-06, 2020-1-6, 2020/11/6, 2020.11.6 and 2020年11月6日; validates the calendar. */
export function parseDate(s: string): string | undefined {
  const m = /^(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 成文日期 form (§7.3.5.4): Arabic numerals, full year, no leading zeros: 2020年11月6日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The two ways a date field may be written (GB/T 9704 §7.3.5.4: Arabic numerals, full year, no
 * leading zeros; and the YAML date, which gongwen writes out in that form). The date-format check
 * and the JSON Schema's pattern are these two expressions: the schema once accepted 2026-3-2,
 * which the check rejects.
 */
export const DATE_FORMS = {
  iso: /^(\d{4})-(\d{2})-(\d{2})$/,
  chinese: /^(\d{4})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$/u,
} as const;

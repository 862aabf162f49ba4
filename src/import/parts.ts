// The parts of a 公文 recognised by their text, as GB/T 9704 places them: 发文字号, 成文日期,
// the 附件 labels of annex pages, and the 版记's 抄送 and 印发 lines.

export const DOC_NUMBER = /^(.{1,30}?〔\d{4}〕\d+号)(?:\s*签发人[:：]\s*(.+))?$/;
const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CN_DATE = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const CN_DIGITS = '〇一二三四五六七八九';

function cnSmall(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + CN_DIGITS.indexOf(s[1]);
  if (s.length === 3) return CN_DIGITS.indexOf(s[0]) * 10 + CN_DIGITS.indexOf(s[2]);
  if (s.endsWith('十')) return CN_DIGITS.indexOf(s[0]) * 10;
  return CN_DIGITS.indexOf(s);
}

/** 2020年11月6日 or 二〇二〇年十一月六日 → 2020-11-06, when it is a real date. */
export function isoDate(s: string): string | undefined {
  const t = s.replace(/\s+/g, '').replace(/零/g, '〇');
  let y: number, m: number, d: number;
  let found = DATE.exec(t);
  if (found) [y, m, d] = [Number(found[1]), Number(found[2]), Number(found[3])];
  else if ((found = CN_DATE.exec(t))) [y, m, d] = [Number([...found[1]].map((c) => CN_DIGITS.indexOf(c)).join('')), cnSmall(found[2]), cnSmall(found[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An annex page's label line: 附件, 附件2, 附件 3, 附件2： — its number, 0 when it has none. */
export function annexLabel(s: string): number | undefined {
  const m = /^附\s*件\s*(\d{0,3})\s*[:：]?$/.exec(s.trim());
  return m ? (m[1] ? Number(m[1]) : 0) : undefined;
}

export const CC_LINE = /^抄\s*送\s*[:：]\s*(.*?)[。.]?$/;
export const PRINTED_LINE = /^(.+?)\s*((?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)\s*印\s*发$/;

export const isImprintLine = (t: string) => CC_LINE.test(t.trim()) || PRINTED_LINE.test(t.trim());

/** 抄送 organs: separated by ，or , (、 joins within one). */
export const ccList = (s: string) =>
  s
    .split(/[，,；;]/)
    .map((x) => x.trim())
    .filter(Boolean);

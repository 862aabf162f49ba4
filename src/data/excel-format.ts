// Numbers and dates as Excel shows them. A spreadsheet stores 1 and 2020-11-06 as numbers with
// a display format; a name list wants the text the officer saw: "1", "2020年11月6日", "12.50".
// This is a small formatter for the formats offices use (General, 0.00, #,##0, percentages,
// dates and times with literal text), not the whole Excel format language: unknown parts fall
// back to General. [DBNum] (Chinese numerals) and fractions are not rendered as such.

/** Excel's 1900 date system: serial 1 = 1900-01-01, with its fictitious 1900-02-29 (serial 60). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}

export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
}

/**
 * Excel's built-in number formats by id: a cell's style names the id and the file carries no
 * <numFmt> for it. The CJK date ids (27–36, 50–58) are as a Chinese (zh-CN) Excel shows them:
 * 31 is yyyy"年"m"月"d"日", the one it picks for 2020年11月6日.
 */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"', 35: '上午/下午 h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** Ids 14 and 22 as a Chinese Excel displays them: "mm-dd-yy" shows as 2020/11/6. */
const LOCALE_FORMATS: Record<string, string> = {
  'mm-dd-yy': 'yyyy/m/d',
  'm/d/yy "h":mm': 'yyyy/m/d h:mm',
  'd-mmm-yy': 'd-mmm-yy',
};

/** General: up to 15 significant digits (Excel's precision), so 0.1+0.2 shows 0.3 and 1 shows 1. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const p = Number(n.toPrecision(15));
  const s = String(p);
  if (!s.includes('e')) return s;
  // Excel writes 1.23457E+20; keep the digits the user typed instead of JS's 1.23e+21.
  const [m, e] = p.toExponential().split('e');
  const exp = Number(e);
  return `${m}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The format without quoted text, escapes and [..] tags: what decides date vs number. */
function bare(section: string): string {
  return section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

function isDateSection(section: string): boolean {
  const b = bare(section).replace(/E[+-]/gi, '');
  return /[yYdDhHsS]|[mM]|aaa|AM\/PM|上午\/下午/.test(b) && !/[0#?]/.test(b);
}

type Token = { kind: 'lit'; text: string } | { kind: 'code'; text: string };

function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  const s = section.replace(/\[[^\]]*\]/g, '');
  let i = 0;
  const lit = (t: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'lit') last.text += t;
    else tokens.push({ kind: 'lit', text: t });
  };
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      lit(s.slice(i + 1, end < 0 ? s.length : end));
      i = end < 0 ? s.length : end + 1;
    } else if (ch === '\\') {
      lit(s[i + 1] ?? '');
      i += 2;
    } else if (ch === '_') {
      lit(' '); // _x: a space as wide as x
      i += 2;
    } else if (ch === '*') {
      i += 2; // *x: fill with x; no cell width here
    } else if (s.startsWith('AM/PM', i) || s.startsWith('上午/下午', i)) {
      const t = s.startsWith('AM/PM', i) ? 'AM/PM' : '上午/下午';
      tokens.push({ kind: 'code', text: t });
      i += t.length;
    } else if (/[yYmMdDhHsSa]/.test(ch)) {
      let j = i;
      while (j < s.length && s[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: 'code', text: s.slice(i, j).toLowerCase() });
      i = j;
    } else if (ch === '.' && /0/.test(s[i + 1] ?? '')) {
      let j = i + 1;
      while (j < s.length && s[j] === '0') j++;
      tokens.push({ kind: 'code', text: s.slice(i, j) }); // fractional seconds
      i = j;
    } else {
      lit(ch);
      i++;
    }
  }
  return tokens;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];

function formatDate(d: Date, section: string): string {
  const tokens = tokenize(section);
  const hasAmPm = tokens.some((t) => t.kind === 'code' && (t.text === 'AM/PM' || t.text === '上午/下午'));
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'lit') {
      out += t.text;
      continue;
    }
    const c = t.text;
    // "m" is minutes right after an hour or right before seconds, months otherwise.
    const prevCode = tokens.slice(0, k).reverse().find((x) => x.kind === 'code');
    const nextCode = tokens.slice(k + 1).find((x) => x.kind === 'code');
    const isMinute = c[0] === 'm' && c.length <= 2 && ((prevCode && prevCode.text[0] === 'h') || (nextCode && nextCode.text[0] === 's'));
    const hours = d.getUTCHours();
    switch (c[0]) {
      case 'y':
        out += c.length <= 2 ? pad(d.getUTCFullYear() % 100, 2) : String(d.getUTCFullYear());
        break;
      case 'm':
        if (isMinute) out += c.length === 2 ? pad(d.getUTCMinutes(), 2) : String(d.getUTCMinutes());
        else if (c.length === 1) out += String(d.getUTCMonth() + 1);
        else if (c.length === 2) out += pad(d.getUTCMonth() + 1, 2);
        else if (c.length === 3) out += MONTHS[d.getUTCMonth()].slice(0, 3);
        else out += MONTHS[d.getUTCMonth()];
        break;
      case 'd':
        if (c.length === 1) out += String(d.getUTCDate());
        else if (c.length === 2) out += pad(d.getUTCDate(), 2);
        else if (c.length === 3) out += DAYS_EN[d.getUTCDay()].slice(0, 3);
        else out += DAYS_EN[d.getUTCDay()];
        break;
      case 'a':
        // aaa: 五; aaaa: 星期五 (Chinese Excel's weekday codes)
        out += c.length >= 4 ? `星期${DAYS_ZH[d.getUTCDay()]}` : DAYS_ZH[d.getUTCDay()];
        break;
      case 'h': {
        const h = hasAmPm ? ((hours + 11) % 12) + 1 : hours;
        out += c.length >= 2 ? pad(h, 2) : String(h);
        break;
      }
      case 's':
        out += c.length >= 2 ? pad(d.getUTCSeconds(), 2) : String(d.getUTCSeconds());
        break;
      case '.':
        out += '.' + pad(d.getUTCMilliseconds(), 3).slice(0, c.length - 1);
        break;
      default:
        if (c === 'AM/PM') out += hours < 12 ? 'AM' : 'PM';
        else if (c === '上午/下午') out += hours < 12 ? '上午' : '下午';
    }
  }
  return out;
}

function addThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumber(n: number, section: string): string {
  // Split into literal prefix, the numeric pattern, literal suffix.
  const tokens: { lit: boolean; text: string }[] = [];
  const s = section.replace(/\[[^\]]*\]/g, '');
  for (let i = 0; i < s.length; ) {
    const ch = s[i];
    if (ch === '"') {
      const end = s.indexOf('"', i + 1);
      tokens.push({ lit: true, text: s.slice(i + 1, end < 0 ? s.length : end) });
      i = end < 0 ? s.length : end + 1;
    } else if (ch === '\\') {
      tokens.push({ lit: true, text: s[i + 1] ?? '' });
      i += 2;
    } else if (ch === '_' || ch === '*') {
      if (ch === '_') tokens.push({ lit: true, text: ' ' });
      i += 2;
    } else if (/[0#?,.]/.test(ch) || ((ch === 'E' || ch === 'e') && /[+-]/.test(s[i + 1] ?? ''))) {
      let j = i;
      while (j < s.length && (/[0#?,.]/.test(s[j]) || ((s[j] === 'E' || s[j] === 'e') && /[+-]/.test(s[j + 1] ?? '')) || (/[+-]/.test(s[j]) && /[Ee]/.test(s[j - 1] ?? '')))) j++;
      tokens.push({ lit: false, text: s.slice(i, j) });
      i = j;
    } else {
      tokens.push({ lit: true, text: ch });
      i++;
    }
  }
  const pattern = tokens.filter((t) => !t.lit).map((t) => t.text).join('');
  if (pattern === '') return tokens.map((t) => t.text).join('') || formatGeneral(n);
  const percent = tokens.some((t) => t.lit && t.text.includes('%'));
  let v = percent ? n * 100 : n;
  let numText: string;
  const expMatch = /[Ee][+-]/.exec(pattern);
  if (expMatch) {
    const mant = pattern.slice(0, expMatch.index);
    const decimals = (mant.split('.')[1] ?? '').replace(/[^0#?]/g, '').length;
    const [m, e] = Math.abs(v).toExponential(decimals).split('e');
    const exp = Number(e);
    const expDigits = pattern.slice(expMatch.index + 2).length || 2;
    numText = `${m}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(expDigits, '0')}`;
  } else {
    // A trailing comma scales by 1000 (#,##0, shows thousands).
    let p = pattern;
    while (p.endsWith(',')) {
      v /= 1000;
      p = p.slice(0, -1);
    }
    const [intPat, fracPat = ''] = p.split('.');
    const minDecimals = (fracPat.match(/0/g) ?? []).length;
    const maxDecimals = (fracPat.match(/[0#?]/g) ?? []).length;
    let fixed = Math.abs(v).toFixed(maxDecimals);
    if (maxDecimals > minDecimals) {
      // Optional decimals (#): drop trailing zeros down to the required ones.
      let [ip, fp = ''] = fixed.split('.');
      while (fp.length > minDecimals && fp.endsWith('0')) fp = fp.slice(0, -1);
      fixed = fp ? `${ip}.${fp}` : ip;
    }
    let [ip, fp] = fixed.split('.');
    const minInt = (intPat.match(/0/g) ?? []).length;
    if (ip === '0' && minInt === 0) ip = '';
    ip = ip.padStart(minInt, '0');
    if (intPat.includes(',')) ip = addThousands(ip);
    numText = fp !== undefined ? `${ip}.${fp}` : ip;
  }
  // The sign: with one section Excel writes "-" itself; a negative section gets |n| and its own text.
  const sign = n < 0 ? '-' : '';
  let out = '';
  let placed = false;
  for (const t of tokens) {
    if (t.lit) out += t.text;
    else if (!placed) {
      out += sign + numText;
      placed = true;
    }
  }
  return out;
}

/** Whether a number shown with `numFmt` is a date or time (its first section decides, as in Excel). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const section = splitSections(LOCALE_FORMATS[numFmt] ?? numFmt)[0];
  const plain = bare(section).trim();
  return plain !== '' && !/^general$/i.test(plain) && plain !== '@' && isDateSection(section);
}

/** Formats a number or date the way Excel displays it with `numFmt` (undefined = General). */
export function formatExcelValue(value: number | Date, numFmt: string | undefined): string {
  let fmt = numFmt && numFmt.trim() !== '' ? numFmt : 'General';
  fmt = LOCALE_FORMATS[fmt] ?? fmt;
  const sections = splitSections(fmt);
  const num = value instanceof Date ? dateToSerial(value) : value;
  let section = sections[0];
  let negativeSection = false;
  if (num < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1];
    negativeSection = true;
  } else if (num === 0 && sections.length >= 3 && sections[2] !== '') {
    section = sections[2];
  }
  const plain = bare(section).trim();
  if (plain === '' || /^general$/i.test(plain) || plain === '@') {
    if (value instanceof Date) return formatDate(value, value.getUTCHours() || value.getUTCMinutes() ? 'yyyy/m/d h:mm' : 'yyyy/m/d');
    return formatGeneral(num);
  }
  if (isDateSection(section)) {
    const d = value instanceof Date ? value : serialToDate(num);
    return formatDate(d, section);
  }
  return formatNumber(negativeSection ? Math.abs(num) : num, section);
}

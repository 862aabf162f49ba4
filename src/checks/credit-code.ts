// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A–Y without I O S V Z; the last
// is a check character over the first 17 (weights 3^(i−1) mod 31). Positions 9–17 are the
// organisation code of GB 11714, whose own check (position 17) is verified too. Exported for the
// data loaders (tables of enterprises) as well as the credit-code rule.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export interface CreditCodeResult {
  ok: boolean;
  /** Why it is wrong, in words a user can act on. */
  reason?: string;
  /** The check character the first 17 characters call for, when they are valid. */
  expected?: string;
}

/** The GB 32100 check character for the first 17 characters, or undefined if one is invalid. */
export function creditCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character of an organisation code body (8 characters). */
function orgCheckChar(body8: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : -1;
    if (v < 0) return undefined;
    sum += v * ORG_WEIGHTS[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

export function validateCreditCode(code: string): CreditCodeResult {
  if (typeof code !== 'string') return { ok: false, reason: '统一社会信用代码应为文字' };
  if (/\s/.test(code)) return { ok: false, reason: '统一社会信用代码中不应有空格' };
  const chars = [...code];
  if (chars.length !== 18) return { ok: false, reason: `统一社会信用代码应为18位，这里是 ${chars.length} 位` };
  if (/[a-z]/.test(code)) return { ok: false, reason: '统一社会信用代码中的字母应大写' };
  for (let i = 0; i < 18; i++) {
    if (!CHARSET.includes(chars[i])) {
      const hint = /[IOSVZ]/.test(chars[i]) ? '（代码不使用 I、O、S、V、Z）' : '';
      return { ok: false, reason: `统一社会信用代码第 ${i + 1} 位「${chars[i]}」不是有效字符${hint}` };
    }
  }
  const expected = creditCheckChar(code.slice(0, 17))!;
  if (code[17] !== expected) {
    return { ok: false, expected, reason: `统一社会信用代码校验码不符：第18位应为「${expected}」，这里是「${code[17]}」（请核对代码是否抄错）` };
  }
  const org = orgCheckChar(code.slice(8, 16));
  if (org !== undefined && code[16] !== org) {
    return { ok: false, expected, reason: `统一社会信用代码第9–17位（组织机构代码）校验码不符：第17位应为「${org}」，这里是「${code[16]}」` };
  }
  return { ok: true };
}

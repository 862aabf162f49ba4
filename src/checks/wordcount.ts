// 字数 as reviewers count it: Word's 审阅 → 字数统计 → 字数 (spec/gbt9704.md, "How reviewers
// count 字数"). Reviewers check "不少于10000字" with that figure, so gongwen counts the same way.
//
// - Each East Asian character counts 1: CJK ideographs (all planes), kana, hangul, bopomofo and
//   every character of the CJK Symbols and Punctuation (U+3000–303F, except the ideographic
//   space U+3000, which is a space) and Halfwidth and Fullwidth Forms (U+FF00–FFEF) blocks.
// - Each run of other non-space characters counts 1: "2025", "GB/T", "9704-2012" are one word
//   each. Marks outside those blocks (“ ” ‘ ’ — … ·) are not East Asian for this count, so they
//   join the runs of non-Asian characters ("——" is one word; “创新” is 4).
//
// 字符数(不计空格) is a different figure: every character that is not a space.

/** True for a code point that Word counts as one East Asian character. */
export function isEastAsian(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x20000 && cp <= 0x3134f) || // Extensions B–H (planes 2 and 3)
    (cp >= 0xf900 && cp <= 0xfaff) || // Compatibility Ideographs
    (cp >= 0x2f800 && cp <= 0x2fa1f) || // Compatibility Ideographs Supplement
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    (cp >= 0x3001 && cp <= 0x303f) || // CJK Symbols and Punctuation (not U+3000, a space)
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0x3100 && cp <= 0x312f) || // bopomofo
    (cp >= 0x31a0 && cp <= 0x31ff) ||
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul syllables
    (cp >= 0xfe10 && cp <= 0xfe1f) || // vertical forms
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff01 && cp <= 0xffef) // Halfwidth and Fullwidth Forms
  );
}

/** Whitespace for counting: Unicode white space, including the ideographic space U+3000. */
function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x3000 || cp === 0xa0 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x2000 && cp <= 0x200b) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0xfeff || cp === 0x1680 || cp === 0x85;
}

/** Word's 字数: East Asian characters plus runs of other non-space characters. */
export function countWords(text: string): number {
  let n = 0;
  let inRun = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isSpace(cp)) {
      inRun = false;
    } else if (isEastAsian(cp)) {
      n++;
      inRun = false;
    } else if (!inRun) {
      n++;
      inRun = true;
    }
  }
  return n;
}

/** 字符数(不计空格): every character (code point) that is not white space. */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of text) if (!isSpace(ch.codePointAt(0)!)) n++;
  return n;
}

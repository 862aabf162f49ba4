// Heading titles are compared with outline titles ignoring what authors vary freely:
// numbering (一、 （一） 1. （1） 第一章 ①), spaces, punctuation and its width (（） and (),
// —/-/～ in year ranges, 、 or none between items). What is left are the words and digits.

const CN = '零〇一二三四五六七八九十百两';
const NUMBERING = new RegExp(
  [
    `^第[${CN}\\d]+(?:部分|[章节篇部条])`,
    `^[${CN}]+\\s*[、.．]`,
    `^[（(]\\s*[${CN}\\d]+\\s*[）)]\\s*[、.．]?`,
    `^\\d+(?:\\.\\d+)+\\s+`,
    `^\\d+\\s*[.．、)）](?!\\d)`,
    '^[①-⑳]',
  ].join('|'),
  'u',
);

/** The title without a leading number, e.g. "（一）建设背景及必要性" → "建设背景及必要性". */
export function stripNumber(title: string): string {
  return title.trim().replace(NUMBERING, '').trim();
}

/** The comparison key of a title: no number, NFKC, no spaces, no punctuation or symbols. */
export function titleKey(title: string): string {
  const clean = (s: string) => s.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '').toLowerCase();
  // A title that is only a number ("第一部分") is compared as it is.
  return clean(stripNumber(title.normalize('NFKC'))) || clean(title.normalize('NFKC'));
}

/** The keys a title may match by: itself, and without a trailing parenthetical remark. */
export function titleKeys(title: string): string[] {
  const keys = [titleKey(title)];
  const short = title.replace(/\s*[（(][^（()）]*[）)]\s*[。.]?\s*$/u, '');
  if (short !== title && short.trim()) keys.push(titleKey(short));
  return keys.filter((k) => k.length > 0);
}

/** For a numbered paragraph ("基地发展目标与重点发展产业。围绕……"): its leading clause. */
export function leadingClause(text: string): string {
  const m = /^[^。；;：:！？!?\n]+/u.exec(text.trim());
  return m ? m[0] : text;
}

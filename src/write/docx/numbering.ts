// Real Word numbering for 结构层次序数 (一、 （一） 1. （1）): one abstract definition and one
// w:num per model `sequence`, so the body and each annex restart. A level restarts under
// each parent (Word's default lvlRestart). The model already holds the computed numbers;
// we track Word's counters and use real numbering only when the glyphs Word will draw equal
// the model's — otherwise (a gap, an odd start, > 99) the number is written as literal text.

import type { HeadingLevel } from '../../profile/gbt9704.js';
import { BODY } from '../../profile/gbt9704.js';
import { XML_DECL, NS_W } from './xml.js';
import { charsTw } from './units.js';

const DIGITS = '〇一二三四五六七八九';

/** Word's chineseCounting for 1–99 (一 … 十 十一 … 九十九); undefined beyond. */
export function chineseCounting(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 99) return undefined;
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : DIGITS[tens]) + '十' + (ones ? DIGITS[ones] : '');
}

const LEVELS: { fmt: string; text: string; label: (n: number) => string | undefined }[] = [
  { fmt: 'chineseCounting', text: '%1、', label: (n) => (chineseCounting(n) ?? '\u0000') + '、' },
  { fmt: 'chineseCounting', text: '（%2）', label: (n) => `（${chineseCounting(n) ?? '\u0000'}）` },
  { fmt: 'decimal', text: '%3.', label: (n) => `${n}.` },
  { fmt: 'decimal', text: '（%4）', label: (n) => `（${n}）` },
];

export class Numbering {
  /** numId by model sequence, in order of first use. */
  private readonly nums = new Map<number, number>();
  private readonly counters = new Map<number, number[]>();

  /**
   * Returns the w:numPr for a numbered paragraph when Word's counters will draw exactly
   * `number`, advancing them; undefined when the number must be written literally.
   */
  numPr(sequence: number, level: HeadingLevel, number: string): string | undefined {
    const c = this.counters.get(sequence) ?? [0, 0, 0, 0];
    const next = c[level - 1] + 1;
    if (LEVELS[level - 1].label(next) !== number.trim()) return undefined;
    c[level - 1] = next;
    for (let i = level; i < 4; i++) c[i] = 0;
    this.counters.set(sequence, c);
    let id = this.nums.get(sequence);
    if (id === undefined) {
      id = this.nums.size + 1;
      this.nums.set(sequence, id);
    }
    return `<w:numPr><w:ilvl w:val="${level - 1}"/><w:numId w:val="${id}"/></w:numPr>`;
  }

  get used(): boolean {
    return this.nums.size > 0;
  }

  xml(): string {
    // Indent inside the level equals the body's, so numbered text keeps its two-character indent.
    const ind = `<w:ind w:left="0" w:firstLineChars="${BODY.firstLineChars * 100}" w:firstLine="${charsTw(BODY.firstLineChars)}"/>`;
    let abstracts = '';
    let nums = '';
    for (const id of this.nums.values()) {
      const abs = id - 1;
      let lvls = '';
      LEVELS.forEach((l, i) => {
        lvls +=
          `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${l.fmt}"/><w:suff w:val="nothing"/>` +
          `<w:lvlText w:val="${l.text}"/><w:lvlJc w:val="left"/><w:pPr>${ind}</w:pPr></w:lvl>`;
      });
      // A distinct abstract definition per sequence: Word continues counting across w:num
      // instances that share one, so sharing would not restart the annexes.
      const nsid = (0x47570000 + abs).toString(16).toUpperCase();
      abstracts +=
        `<w:abstractNum w:abstractNumId="${abs}"><w:nsid w:val="${nsid}"/><w:multiLevelType w:val="multilevel"/>` +
        `<w:tmpl w:val="${nsid}"/>${lvls}</w:abstractNum>`;
      nums += `<w:num w:numId="${id}"><w:abstractNumId w:val="${abs}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
    }
    return `${XML_DECL}<w:numbering xmlns:w="${NS_W}">${abstracts}${nums}</w:numbering>`;
  }
}

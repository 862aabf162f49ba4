import { describe, expect, it } from 'vitest';
import { countChars, countWords } from '../src/checks/wordcount.js';

describe('字数 (Word 审阅 → 字数统计 → 字数)', () => {
  it('counts East Asian characters one each and runs of other characters one each', () => {
    expect(countWords('东京2024奥运会')).toBe(6);
    expect(countWords('Hello、World。')).toBe(4);
    expect(countWords('2025')).toBe(1);
    expect(countWords('GB/T 9704-2012')).toBe(2);
    expect(countWords('依据GB/T 9704-2012《党政机关公文格式》')).toBe(2 + 1 + 1 + 10);
  });
  it('treats “ ” — … as non-Asian marks that join runs', () => {
    expect(countWords('“创新”')).toBe(4);
    expect(countWords('发展——创新')).toBe(5);
    expect(countWords('等等……')).toBe(3);
    expect(countWords('A“B”')).toBe(1);
  });
  it('counts full-width forms and CJK punctuation, not spaces (the ideographic space included)', () => {
    expect(countWords('２０２５年')).toBe(5);
    expect(countWords('联系人：孙翔宇　陈思澍')).toBe(10);
    expect(countWords('  \n\t')).toBe(0);
    expect(countWords('𠀀字')).toBe(2); // Extension B counts as one
  });
  it('counts mixed Chinese, English and numbers as Word does', () => {
    // 营业收入(9) 大于(2) 300(1) 亿元(2) ，(1) 或(1) 占(1) 30%(1) 以上(2) ；(1) R&D(1) 投入(2)
    expect(countWords('营业收入大于300亿元，或占30%以上；R&D投入')).toBe(4 + 2 + 1 + 2 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 2);
  });
  it('字符数(不计空格) counts every non-space character', () => {
    expect(countChars('东京2024奥运会')).toBe(9);
    expect(countChars('GB/T 9704-2012')).toBe(13);
    expect(countChars('孙翔宇　陈思澍 ')).toBe(6);
  });
});

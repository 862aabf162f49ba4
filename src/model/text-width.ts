// Width of text in grid characters, the one rule every stage uses: title and 标志 line breaks in
// the model, the 标志's size in both renderers, signature geometry in the DOCX. A CJK character
// or full-width form takes one character; quotes, dash and ellipsis are drawn by the Chinese
// font and so take one too; everything else (Latin letters, digits) takes half.

const FULL_WIDTH_PUNCT = new Set([0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]);

export function gridWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x2e80 || FULL_WIDTH_PUNCT.has(c) ? 1 : 0.5;
  }
  return w;
}

// The one style profile: every GB/T 9704-2012 measure both renderers use, in millimetres and
// points. write/docx converts to twips and half-points, render/html to CSS lengths; neither
// types a number of its own (design.md: "A value typed twice is a bug").

/**
 * Font roles of GB/T 9704. DOCX names the official fonts for each role; the PDF maps each
 * role to a font file (src/fonts). `song` is the 宋体 of page numbers and tables' Latin text.
 */
export const FONT_ROLES = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'song'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

/** 结构层次序数: 一、 （一） 1. （1） */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** 号 sizes in points. */
export const SIZE = {
  er: 22, // 2号
  san: 16, // 3号
  si: 14, // 4号
  xiaosi: 12, // 小四
  wu: 10.5, // 5号
} as const;

export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  /** 天头 (§5.2.1). */
  topMm: 37,
  /** 订口 (§5.2.1). */
  leftMm: 28,
  textWidthMm: 156,
  textHeightMm: 225,
  /** The derived margins: 297 − 37 − 225 and 210 − 28 − 156. */
  get bottomMm() {
    return this.heightMm - this.topMm - this.textHeightMm;
  },
  get rightMm() {
    return this.widthMm - this.leftMm - this.textWidthMm;
  },
} as const;

/**
 * Landscape pages (wide name lists) keep the same text block turned round: the binding edge
 * stays the long edge, so the margins rotate with the paper (§8: page numbers stay put).
 */
export const LANDSCAPE = {
  widthMm: 297,
  heightMm: 210,
  topMm: 28,
  leftMm: 37,
  textWidthMm: 225,
  textHeightMm: 156,
  bottomMm: 26,
  rightMm: 35,
} as const;

/** The character grid (§5.2.2): 22 lines of 28 characters. */
export const GRID = {
  linesPerPage: 22,
  charsPerLine: 28,
  /** Body font size; the grid's character pitch is measured against it. */
  bodySizePt: SIZE.san,
} as const;

export const MM_PER_PT = 25.4 / 72;

export function mmToPt(mm: number): number {
  return mm / MM_PER_PT;
}

export function ptToMm(pt: number): number {
  return pt * MM_PER_PT;
}

/** Line pitch: 225 mm / 22 ≈ 28.99 pt. DOCX rounds it to whole twips (579 = 28.95 pt). */
export const LINE_PITCH_MM = PAGE.textHeightMm / GRID.linesPerPage;
/** Character pitch: 156 mm / 28 ≈ 15.79 pt. */
export const CHAR_PITCH_MM = PAGE.textWidthMm / GRID.charsPerLine;

/** Colours, as RGB hex without '#'. 红色 of the 版头 (Y80% M80% is a print colour; screen red). */
export const COLOR = {
  red: 'FF0000',
  black: '000000',
} as const;

/** Fonts by role: the names Word and WPS know, with the alternative a system without the first has. */
export const FONT_NAMES: Record<FontRole, { primary: string; alternative: string }> = {
  fangsong: { primary: '仿宋_GB2312', alternative: '仿宋' },
  xiaobiaosong: { primary: '方正小标宋简体', alternative: '宋体' },
  heiti: { primary: '黑体', alternative: 'SimHei' },
  kaiti: { primary: '楷体_GB2312', alternative: '楷体' },
  song: { primary: '宋体', alternative: 'SimSun' },
};

/** Latin text beside Chinese: Times New Roman is what offices' templates use. */
export const LATIN_FONT = 'Times New Roman';

/** Heading levels of 结构层次序数 (§7.3.3): font role per level, all 3号. */
export const HEADING: Record<HeadingLevel, { role: FontRole; sizePt: number; bold: boolean }> = {
  1: { role: 'heiti', sizePt: SIZE.san, bold: false },
  2: { role: 'kaiti', sizePt: SIZE.san, bold: false },
  3: { role: 'fangsong', sizePt: SIZE.san, bold: false },
  4: { role: 'fangsong', sizePt: SIZE.san, bold: false },
};

/** Elements of the notice, in the order they appear. Distances in mm or in body lines. */
export const HEADER = {
  /** Top of the 发文机关标志 below the top of the text block (§7.2.4). */
  markTopMm: 35,
  /** Largest 标志 size; the size is reduced so that the widest line fits the text block. */
  markMaxSizePt: 42,
  /**
   * Smallest size of a one-line 标志: a name that would need a smaller size (with 文件) is set on
   * two lines instead (科学技术部火炬 / 高技术产业开发中心, seeds 000 and 001).
   */
  markOneLineMinPt: 30,
  /** Inter-line spacing of stacked 标志 lines, as a multiple of the size. */
  markLineFactor: 1.15,
  /** Blank body lines between the 标志 and the 发文字号 (§7.2.5). */
  numberGapLines: 2,
  /** Red separator 4 mm below the 发文字号 (§7.2.7), thickness by practice. */
  ruleGapMm: 4,
  ruleWidthPt: 1.5,
  /** Blank lines between the red line and the title (§7.3.1). */
  titleGapLines: 2,
} as const;

export const TITLE = {
  sizePt: SIZE.er,
  role: 'xiaobiaosong' as FontRole,
  /** Line pitch of title lines; practice: the body pitch, a title line takes one grid line. */
  maxCharsPerLine: Math.floor(mmToPt(PAGE.textWidthMm) / SIZE.er),
  /** Blank lines after the title, before 主送 (§7.3.2). */
  gapAfterLines: 1,
} as const;

export const ANNEX = {
  labelRole: 'heiti' as FontRole,
  /** The annex title stands on line 3: one blank line after the label. */
  titleGapLines: 1,
  gapAfterTitleLines: 1,
} as const;

export const SIGNATURE = {
  /** Blank lines above the 署名 (§7.3.5.2). */
  gapBeforeLines: 1,
  /** Right indent of the name, in characters. */
  nameRightChars: 2,
  /** The date starts two characters right of the name's first character. */
  dateOffsetChars: 2,
} as const;

/**
 * The sealed form (§7.3.5.1): the date four 字 in from the right, the 署名 centred over it, the
 * seal upright and centred over both, which sit a little below its centre, its top within one
 * line of the body. Joint issuance: one seal over each name, in rows that neither touch nor
 * overlap. The seal's size is the real one: 42 mm across is the common office seal (国务院
 * 《印章管理办法》: 国务院部门 42–45 mm, 直属机构 and lower ones 42 mm or less).
 */
export const SEAL = {
  /** Right indent of the 成文日期, in characters. */
  dateRightChars: 4,
  defaultSizeMm: 42,
  /** Sizes a `sealSize` may take; outside them a seal cannot sit as §7.3.5.1 wants on the 22-line grid. */
  minSizeMm: 20,
  maxSizeMm: 60,
  /**
   * How far below the seal's centre the 署名/日期 pair's centre sits, in lines ("居印章中心偏下").
   * Half a line: with 42 mm the seal's top then falls 0.45 line below the body.
   */
  belowCentreLines: 0.5,
  /** Clear space between two seals of a joint issuance (互不相交或相切), in mm. */
  gapMm: 4,
  /** Clear space between two 署名 side by side under their seals, in characters. */
  nameGapChars: 1,
} as const;

export const ATTACHMENT_NOTE = {
  gapBeforeLines: 1,
  /** "附件：" is indented two characters. */
  indentChars: 2,
} as const;

export const IMPRINT = {
  sizePt: SIZE.si,
  role: 'fangsong' as FontRole,
  /** One character in on both sides, in characters of the 版记 size. */
  sideIndentChars: 1,
  outerRuleMm: 0.35,
  innerRuleMm: 0.25,
} as const;

export const PAGE_NUMBER = {
  sizePt: SIZE.si,
  role: 'song' as FontRole,
  /** The dashes' line sits 7 mm below the text block. */
  belowTextMm: 7,
  /** One character (of the 4号 size) in from the outer edge of the text block. */
  sideIndentChars: 1,
  /** "— 1 —": em dash, space, number, space, em dash. */
  prefix: '— ',
  suffix: ' —',
} as const;

export const TABLE = {
  /** Text size by table kind. */
  /** `form`: 五号, the dense tables of application forms (18-character credit codes on one line). */
  sizePt: { body: SIZE.san, list: SIZE.si, small: SIZE.xiaosi, form: SIZE.wu },
  headRole: 'heiti' as FontRole,
  bodyRole: 'fangsong' as FontRole,
  /** Tables do not sit on the 28.95 pt grid: single spacing of their own size times this. */
  lineFactor: 1.25,
  /**
   * Cell padding on all four sides, in the PDF and the DOCX alike: LibreOffice's rows are then
   * as tall as the layout's (17.5 × n + 8.5 + 0.75 pt at 4号, measured when Chromium drew
   * the PDF) and start its pages on the same rows.
   */
  cellPaddingMm: 1.5,
  /**
   * Cell borders. 0.75 pt, not Word's usual 0.5: Chromium, when it drew the PDF, laid out any
   * border under 1 px as 1 px (0.75 pt; measured: rows of 0.5 pt and 0.75 pt borders had the
   * same pitch in its PDF), while Word and LibreOffice add the border's true width to every row. With 0.5 pt a
   * DOCX row is 0.25 pt shorter than the PDF's, 10 pt over a 40-row page, and the two page
   * breaks drift apart; at 0.75 pt both renderers agree (and it is one of Word's own widths).
   */
  borderPt: 0.75,
  /**
   * Space between a table in the body and the text line above or the heading below, in body
   * lines (practice: a table touching the text reads as part of it).
   */
  spaceAroundLines: 0.5,
} as const;

/** Body paragraphs: first-line indent of two characters. */
export const BODY = {
  role: 'fangsong' as FontRole,
  sizePt: SIZE.san,
  firstLineChars: 2,
} as const;

// ---- Added by render/html (PDF) ----

/** Stacked 标志 lines with "文件" to their right: the gap between them, in 标志 characters. */
export const MARK_SUFFIX = {
  gapChars: 0.5,
} as const;

/**
 * A plan's cover page (practice, not GB/T 9704): 一号 title in 小标宋, centred; author and
 * date below. Shared by both renderers (merged from the two renderers' first drafts).
 */
export const COVER = {
  /** 一号 (26 pt) title. */
  titleSizePt: 26,
  titleRole: 'xiaobiaosong' as FontRole,
  textSizePt: SIZE.san,
  textRole: 'fangsong' as FontRole,
  /** Blank body lines above the title. */
  titleTopLines: 5,
  /** Blank body lines between the title and the author/date lines. */
  gapLines: 4,
  infoGapLines: 8,
  /** A form's cover (申报书): title 3 lines down, 声明 3 lines under the info lines, all on one page. */
  formTopLines: 3,
  formStatementGapLines: 3,
  infoRole: 'kaiti' as FontRole,
} as const;

/** Contents page: title like a document title, entries in body text, indented per level. */
export const TOC = {
  titleSizePt: SIZE.er,
  titleRole: 'xiaobiaosong' as FontRole,
  indentCharsPerLevel: 1,
  /** Room kept at the end of an entry's last line for the dotted leader and the page number, in characters. */
  numberChars: 3,
  gapAfterTitleLines: 1,
} as const;

/**
 * Figures (practice, not GB/T 9704): natural size at 96 px an inch, never wider than the text
 * block nor taller than most of it (room is left for the caption line), caption 仿宋 centred.
 */
export const FIGURE = {
  pxPerInch: 96,
  /** Largest height: the text block less three body lines (caption and its gaps). */
  maxHeightMm: PAGE.textHeightMm - 3 * LINE_PITCH_MM,
  captionRole: 'fangsong' as FontRole,
  captionSizePt: SIZE.san,
} as const;

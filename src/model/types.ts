// The document model: the only input of the renderers (design.md, "The pipeline").
// Parsing and templates produce it; checks read it; write/docx and render/html consume it.
// A renderer never looks at front matter, Markdown or templates, so everything a renderer
// needs — computed heading numbers, formatted dates, broken title lines — is here already.

/**
 * Where something came from, for diagnostics (unist's position, flattened). Lines and columns
 * are 1-based, columns in characters. `file` is the content file for text written there, the
 * template (templates/notice/notice.hbs) for text a template wrote, and the data file for text
 * a batch record put in: then `line` is the record's row and `column` its field's column.
 */
import type { FontRole, HeadingLevel } from '../profile/gbt9704.js';
import type { VectorImage } from '../source/images/vector.js';
export type { PathOp, VectorPath, VectorImage } from '../source/images/vector.js';
// Type only: the path commands are the positioned-page contract's, so a vector picture goes to the page unchanged.

export interface Place {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A run of text with one style. Text is plain Unicode: no markup, no escapes. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Overrides the font role of the enclosing block. */
  role?: FontRole;
  /** An http(s) or mailto address; renderers show `text` and may link it. */
  link?: string;
  /**
   * A forced line break: the run's text is "\n" and both renderers break the line there.
   * 'author': a Markdown hard break (trailing backslash or two spaces); 'layout': a cell line
   * filled by the layout stage (layout/measure/columns.ts), which it may redo.
   */
  lineBreak?: 'author' | 'layout';
}

export interface HeadingBlock {
  type: 'heading';
  level: HeadingLevel;
  /** The computed number with its punctuation, e.g. "一、", "（二）", "3.", "（4）". Empty when unnumbered. */
  number: string;
  /** The heading text without its number. */
  runs: Run[];
  /** Stable anchor for contents pages and bookmarks, e.g. "h-3". */
  id: string;
  /**
   * Index of the numbering sequence this heading belongs to. Numbering restarts per
   * sequence (the body is one, each annex another), so DOCX can give each its own w:num.
   */
  sequence: number;
  place?: Place;
}

/**
 * A body paragraph. `number` is set for list items that GB/T 9704 writes as numbered
 * paragraphs running into their text ("1. 基地主导产业发展概况。包括……"): the number is drawn
 * like a heading of `numberLevel`, but the paragraph is body text (仿宋, first-line indent).
 */
export interface ParagraphBlock {
  type: 'paragraph';
  runs: Run[];
  /** 'first': two-character first-line indent (default body); 'none': flush left; 'center'; 'right'. */
  indent?: 'first' | 'none';
  align?: 'justify' | 'left' | 'center' | 'right';
  number?: string;
  numberLevel?: HeadingLevel;
  /** Numbering sequence, as for headings, when `number` is set. */
  sequence?: number;
  /** Marker of an unnumbered list item ("•"), drawn before the text like `number`. */
  bullet?: string;
  /**
   * Set by the layout stage (layout/flow/keeps.ts) on the body's last paragraph before the 附件说明
   * or 署名 (§7.3.5.3: they never stand on a page without body text): 'whole' — it moves to the
   * next page with them, its lines together; 'lines' — a page break may split it, at least its
   * last two lines go with them. The text itself is never split for it.
   */
  keepWithNext?: 'whole' | 'lines';
  /**
   * Set by the layout stage (applyFacts) where its paginator carried lines of this paragraph to
   * the next page to stand with the 附件说明 or 署名 after it, or where the paragraph stands with
   * them on one page when moved there whole: the DOCX holds a 'lines' paragraph with
   * keep-with-next only then (layout/flow/keeps.ts).
   */
  held?: boolean;
  place?: Place;
}

export type CellAlign = 'left' | 'center' | 'right';

export interface TableCell {
  /** One entry per paragraph inside the cell. */
  paragraphs: Run[][];
  /** Rows this cell spans downwards (>= 1). Covered cells are `null` in later rows. */
  rowSpan?: number;
  /** Columns this cell spans to the right (>= 1). Covered cells are `null` in the same row. */
  colSpan?: number;
  align?: CellAlign;
  /** Vertical alignment; merged cells of name lists are centred on their rows. Default top. */
  valign?: 'top' | 'middle' | 'bottom';
  bold?: boolean;
}

export interface TableColumn {
  /**
   * Width as a share of the text block width; the shares of a table add up to 1. Filled by the
   * layout stage (layout/measure/columns.ts) from the content; until then equal shares.
   */
  share: number;
  /** A width the author gave (name lists' `width`), in millimetres of content; the layout stage keeps it. */
  widthMm?: number;
  align?: CellAlign;
  header?: string;
}

export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  /** The first `headerRows` rows are the head: repeated on every page, 黑体. */
  headerRows: number;
  /**
   * Every row has exactly one entry per column: a cell, or `null` where a span from above or
   * from the left covers it.
   */
  rows: (TableCell | null)[][];
  /**
   * The columns' shares are the form's own (an official form's layout, set by its template):
   * the layout stage keeps them and does not re-allocate them from the content.
   */
  fixedColumns?: boolean;
  /** 'body': 3号 like the text; 'list': 4号 name-list tables; 'small': 小四; 'form': 五号 (dense form tables). */
  size: 'body' | 'list' | 'small' | 'form';
  /**
   * When a vertical merge crosses a page break, show the value again on the new page
   * (name lists: 省市 merged across its rows). Renderers that cannot know page breaks may ignore it.
   */
  repeatMergedOnBreak?: boolean;
  /** Optional caption/title drawn above the table. */
  caption?: string;
  /**
   * Set by the layout stage (layout/flow/keeps.ts): rows, head included, that stand together
   * where the table starts, and the rows a page may not start with (inside a merged cell that
   * is not cut at page starts). Renderers draw these; they decide none.
   */
  keptRows?: number;
  keepWithPrevious?: number[];
  place?: Place;
}

export interface PageBreakBlock {
  type: 'pageBreak';
}

/** 版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人, red separator. */
export interface RedHeaderBlock {
  type: 'redHeader';
  /**
   * The lines of the 发文机关标志 without the suffix: one line for a single issuer, several
   * stacked for 联合行文 (lead office first) or as the author gave them. The layout stage breaks
   * a single name too long for one line in two (layout/lines).
   */
  lines: string[];
  /** "文件", or "" for a 标志 without it. Drawn right of the stacked lines, centred on them. */
  suffix: string;
  /** 发文字号, e.g. 国科火字〔2020〕191号. */
  number?: string;
  /** 签发人 names (upward documents): the number then sits left, on the line of the last signer. */
  signers?: string[];
  copyNumber?: string;
  secrecy?: string;
  urgency?: string;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/**
 * The document title (标题) or an annex title. Before the layout stage `lines` are the lines the
 * author forced (usually one); layout/lines breaks them (trapezoid, no word split).
 */
export interface TitleBlock {
  type: 'title';
  lines: string[];
  variant: 'document' | 'annex';
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/** 主送机关, including its final "：". */
export interface RecipientsBlock {
  type: 'recipients';
  text: string;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/** 附件说明. One item: "附件：名称"; several: "附件：1. 名称" with hanging alignment. */
export interface AttachmentNoteBlock {
  type: 'attachmentNote';
  items: string[];
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/**
 * A seal image, read from the project folder by the kind (never fetched, never written but into
 * the document's own outputs). PNG (with transparency) or SVG; its size on the page is the
 * seal's `sizeMm` across, the height following the image's proportions.
 */


export interface SealImage {
  format: 'png' | 'svg';
  bytes: Uint8Array;
  /** Project-relative path, for diagnostics and alt text. */
  path: string;
  /** Pixel (PNG) or user-unit (SVG) size, for the proportions. */
  width: number;
  height: number;
  /** SHA-256 of the bytes (hex): the image's name in the outputs, the same image once per document. */
  sha256: string;
  /**
   * An SVG seal drawn as PNG (by resvg when it is read, 600 dpi at its printed size) for the DOCX:
   * Word 2016+ and WPS read the SVG, LibreOffice 7.4 and older Word only this picture of it.
   * Absent for PNG seals.
   */
  raster?: Uint8Array;
  /** An SVG seal as paths (absent for a PNG, or an SVG using clips, masks or filters). */
  vector?: VectorImage;
}

/** The sealed form (§7.3.5.1). `images` has one entry per seal; null: space for a hand stamp. */
export interface SignatureSeal {
  /** Width of each seal on the page, in mm. */
  sizeMm: number;
  /** One per office in the order of `names` (one when `names` is empty). */
  images: (SealImage | null)[];
}

/**
 * 发文机关署名 and 成文日期: without `seal` the form without seal (§7.3.5.2); with it the sealed
 * form (§7.3.5.1), laid out by layout/measure/signature.ts (names side by side under their seals, the date
 * four 字 in from the right, the block as high as the seals need).
 */
export interface SignatureBlock {
  type: 'signature';
  /** Names in order, lead office first; may be empty when the document is signed by the header only. */
  names: string[];
  /** Formatted 成文日期: "2020年11月6日". */
  date: string;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
  seal?: SignatureSeal;
}

/** 附注, already in parentheses: "（此件主动公开）". */
export interface NoteBlock {
  type: 'note';
  text: string;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/** The annex label on line 1 of an annex page: "附件" or "附件2". */
export interface AnnexLabelBlock {
  type: 'annexLabel';
  text: string;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/** A plan's cover page. */
export interface CoverBlock {
  type: 'cover';
  /** Title lines: the author's before the layout stage, broken to fit after it (as TitleBlock's). */
  title: string[];
  author?: string;
  date?: string;
  /** Lines below the title instead of author and date (a form's 集群名称：…, 申报单位：…). */
  info?: string[];
  /** A body paragraph at the foot of the cover (a form's 声明). */
  statement?: string;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/** A contents page; renderers list the headings up to `depth`. */
export interface TocBlock {
  type: 'toc';
  title: string;
  depth: HeadingLevel;
  /**
   * Page numbers of headings by id, from the layout stage (src/layout). Absent before layout;
   * renderers then draw the entries without numbers (or let the word processor fill them).
   */
  pages?: Record<string, number>;
  /** The gw: block of the template that made it (its text is the front matter's). */
  place?: Place;
}

/** 版记: 抄送, 印发机关 and 印发日期, with its rules. Placed at the foot of an even last page. */
export interface ImprintBlock {
  type: 'imprint';
  /** 抄送 offices joined with "，", ending with "。", without the "抄送：" label. */
  cc?: string;
  /** 主送 moved to the 版记 (§7.3.2), without label. */
  to?: string;
  printer?: string;
  /** "2020年11月9日" (the renderer appends 印发). */
  printed?: string;
}

/**
 * A picture from the content (a Markdown image standing alone in its paragraph): placed
 * centred at its natural size (96 px an inch) or scaled down to the text block, its caption
 * "图N 名称" centred below. The file was found inside the project when the model was built.
 */
export interface FigureBlock {
  type: 'figure';
  /** Absolute path of the image file (inside the project). */
  path: string;
  format: 'png' | 'jpeg' | 'svg';
  /** Size drawn, in millimetres (already scaled to fit the text block). */
  widthMm: number;
  heightMm: number;
  /** "图1", "图2", … numbered through the document. */
  label: string;
  /** The image's alt text: the caption after the label. */
  caption: string;
  /** SHA-256 of the file: a changed picture changes the model (build cache); the outputs name the picture by it. */
  digest: string;
  place?: Place;
  /**
   * The image as the outputs carry it, checked (src/source/images): for an SVG, the reduced and
   * simplified SVG (never the file's own bytes); for PNG and JPEG the file's bytes. Every figure
   * carries them (model/figures.ts reads and checks the file once): no later stage reads the file.
   */
  bytes: Uint8Array;
  /**
   * An SVG figure drawn as PNG (resvg, 300 dpi at its printed width): what the positioned pages
   * show where the SVG has no paths (clips, masks, filters). The DOCX carries the SVG itself,
   * which LibreOffice 7.4 draws inline (write/docx/media.ts); a seal's PNG is its raster blip.
   */
  raster?: Uint8Array;
  /** An SVG figure as paths (absent for PNG/JPEG, or an SVG using clips, masks or filters). */
  vector?: VectorImage;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | TableBlock
  | PageBreakBlock
  | RedHeaderBlock
  | TitleBlock
  | RecipientsBlock
  | AttachmentNoteBlock
  | SignatureBlock
  | NoteBlock
  | AnnexLabelBlock
  | CoverBlock
  | TocBlock
  | FigureBlock;

export interface Section {
  orientation: 'portrait' | 'landscape';
  /** Whether pages of this section carry "— N —" page numbers (a cover page does not). */
  pageNumbers: boolean;
  /** Role of this part, for renderers that treat parts differently (e.g. page restarts). */
  part: 'cover' | 'toc' | 'body' | 'annex';
  /** Set by the layout stage: a blank unnumbered page before this section (a plan's body on a right-hand page). */
  blankPageBefore?: boolean;
  blocks: Block[];
}

/**
 * Where the 版记 goes, decided by the layout stage (the page count and the space left on
 * its last page) or estimated when only DOCX is built:
 * - 'same-page': at the foot of the last page, which is even and has room;
 * - 'next-page': on a new page (the last page is odd, so the next one is even);
 * - 'after-blank': a blank page, then the 版记 page (the last page is even but full).
 */
export type ImprintPlacement = 'same-page' | 'next-page' | 'after-blank';

export interface DocumentMeta {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** ISO date (YYYY-MM-DD) used for the files' fixed creation and modification dates. */
  date?: string;
  lang: string;
}

export interface DocumentModel {
  meta: DocumentMeta;
  sections: Section[];
  /** 版记 at the end of the document, if any. */
  imprint?: ImprintBlock;
  imprintPlacement?: ImprintPlacement;
  /** Set by the layout stage for 'same-page': room between the content's end and the 版记, in points. */
  imprintSpacerPt?: number;
  /** PDFs (absolute paths inside the project) merged into the PDF after the annexes, in order. */
  appendPdfs: string[];
}

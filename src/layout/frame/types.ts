// Positioned pages: what the layout stage hands every writer (PDF, OFD, the preview's SVG), as
// Typst's layout hands its exporters frames. Every decision about lines and pages is made before
// this; a writer draws these items where they stand and decides nothing: it never measures,
// breaks, moves or shrinks. A line wider than its box is a layout error a test finds.
//
// One unit everywhere: points (1/72 inch), origin at the page's top-left corner, y growing
// downwards (as OFD and SVG have it; the PDF writer turns y round itself). Text stands on its
// baseline. Colours are RGB hex without '#', as in the profile (COLOR).

import type { FaceInfo } from '../../fonts/book-types.js';
import type { FontRole } from '../../profile/gbt9704.js';
import type { DocumentMeta, VectorPath } from '../../model/types.js';
import type { GlyphRun } from './glyph-run.js';

// A glyph run and its glyph as an object live in glyph-run.ts (which imports nothing from here: no circle).
export type { GlyphRun, PlacedGlyph } from './glyph-run.js';

/**
 * A run of glyphs in one face, size and colour on one baseline. Runs are cut where the face
 * changes (a rare character drawn from a fallback face is a run of its own).
 */
export interface TextItem {
  kind: 'text';
  /** Origin of the run (its first glyph's left edge) and its baseline. */
  x: number;
  y: number;
  /** Key of the face in `PagedDocument.faces`. */
  face: string;
  sizePt: number;
  color: string;
  /** The run's glyphs: `glyphs.gid(i)`, `x(i)`, `advance(i)`, `text(i)` as in PlacedGlyph; `chars` all their text. */
  glyphs: GlyphRun;
  /**
   * Turned about the run's origin, in degrees clockwise (the page number of a landscape page
   * runs up its left edge, turned a quarter: 90 or -90). Absent: upright.
   */
  rotation?: number;
  /** Structure node this run belongs to (`PagedDocument.structure`); absent: an artifact. */
  tag?: number;
}

/** A straight rule: the red separator, the 版记's rules, table borders, a contents leader. */
export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  widthPt: number;
  color: string;
  /** Dash pattern in points (a contents page's dotted leader); absent: solid. */
  dash?: number[];
  tag?: number;
}

/** A filled rectangle (top-left corner, size). */
export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  tag?: number;
}

/** A raster image, decoded and checked before layout (src/source images), drawn into its box. */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  image: RasterImage;
  tag?: number;
}

export interface RasterImage {
  format: 'png' | 'jpeg';
  bytes: Uint8Array;
  widthPx: number;
  heightPx: number;
  /** SHA-256 (hex) of the bytes: one embedded copy per document however often it is drawn. */
  sha256: string;
}

export type { PathOp } from '../../model/types.js';

/**
 * A vector shape (an SVG figure or seal, reduced to paths before layout). Its points are mapped
 * to the page by `transform` [a b c d e f] (x' = a·x + c·y + e, y' = b·x + d·y + f, page points,
 * y down).
 */
export interface PathItem extends VectorPath {
  kind: 'path';
  tag?: number;
}

/** A clickable area (a link in the text): no drawing of its own. */
export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  uri: string;
}

export type PageItem = TextItem | LineItem | RectItem | ImageItem | PathItem | LinkItem;

export interface PositionedPage {
  widthPt: number;
  heightPt: number;
  /** A landscape page (a wide name list): the writers draw it on landscape paper as given. */
  landscape: boolean;
  /** The number the page shows ("3"), absent on an unnumbered page (cover, blank page, 版记 page after a blank). */
  number?: string;
  /** Nothing drawn on purpose (the blank page before an even-page 版记 or a plan's body). */
  blank?: boolean;
  /** Items in drawing order (later ones over earlier ones: a seal over its 署名). */
  items: PageItem[];
  /**
   * Where an attached PDF's page goes (notices that attach a PDF): the writer puts that page
   * here and draws this page's items (its number) over it.
   */
  attached?: { path: string; page: number };
}

/**
 * The GB/T 9704 elements a page item can stand for: the OFD writer names them in CustomTags
 * (GB/T 33476's 公文 semantics), the PDF writer may use them as structure titles.
 */
export type GongwenElement =
  | '份号'
  | '密级和保密期限'
  | '紧急程度'
  | '发文机关标志'
  | '发文字号'
  | '签发人'
  | '版头分隔线'
  | '标题'
  | '主送机关'
  | '正文'
  | '附件说明'
  | '发文机关署名'
  | '成文日期'
  | '印章'
  | '附注'
  | '附件'
  | '抄送机关'
  | '印发机关'
  | '印发日期'
  | '页码';

/**
 * A node of the document's logical structure (tagged PDF; OFD's CustomTags). Page items point
 * at nodes by `id` (their `tag`); a node without items of its own groups its children. A node
 * of role 'Artifact' (page numbers, the red separator, table borders) is drawn as an artifact
 * in the PDF and left out of its structure tree, but still names its element for the OFD.
 */
export interface StructureNode {
  /** Unique in the document; items name it in their `tag`. */
  id: number;
  /** PDF standard structure type. */
  role: 'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'H4' | 'P' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Caption' | 'TOC' | 'TOCI' | 'L' | 'LI' | 'Span' | 'Artifact';
  /** The GB/T 9704 element it is, where it is one. */
  element?: GongwenElement;
  /** Alternative text (figures, seals). */
  alt?: string;
  children: StructureNode[];
}

export interface OutlineEntry {
  title: string;
  /** Index of the page in `pages` (0-based) and the top of the heading's first line there. */
  page: number;
  y: number;
  level: number;
  children: OutlineEntry[];
}

/** What a face is, for a writer that embeds it: the font book's (src/fonts gives the bytes). */
export type { FaceInfo } from '../../fonts/book-types.js';

/** The document's metadata, as the model carries it (title, author, date, language). */
export type DocumentInfo = DocumentMeta;

/** A whole laid-out document: what `layoutPages` returns and every writer takes. */
export interface PagedDocument {
  pages: PositionedPage[];
  faces: Record<string, FaceInfo>;
  structure: StructureNode;
  outline: OutlineEntry[];
  info: DocumentInfo;
  /**
   * Lines the layout could not keep inside their box (a layout error, never something a writer
   * shrinks): empty for every valid input the tests know; absent: none.
   */
  overflows?: Overflow[];
}

/** A line wider than its box: which page (0-based), what text, by how much. */
export interface Overflow {
  page: number;
  text: string;
  overPt: number;
}

// A vector picture as gongwen keeps it: an SVG figure or seal reduced, when it is read, to plain
// paths (svg-vector.ts), which the layout stage places on pages and every writer draws. Types only.

/** One drawing command of a vector path, in the path's own units. */
export type PathOp =
  | { op: 'M'; x: number; y: number }
  | { op: 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

/**
 * One path of a vector picture (an SVG figure or seal reduced to paths when it was read); the
 * layout stage places it on a page as a PathItem (layout/frame/types.ts), the same fields and a
 * transform to page points.
 */
export interface VectorPath {
  ops: PathOp[];
  /** From the path's units to the picture's viewBox units (to page points, on a page). */
  transform: [number, number, number, number, number, number];
  fill?: string;
  /** Fill opacity 0–1 (1 when absent): a PDF/A-1 document may draw nothing transparent. */
  fillOpacity?: number;
  fillRule?: 'nonzero' | 'evenodd';
  stroke?: string;
  strokeOpacity?: number;
  /** In path units (scaled by the transform like the path). */
  strokeWidth?: number;
}

/**
 * An SVG (figure or seal) as paths, read by src/source/images before layout: the layout stage
 * maps `viewBox` onto the picture's box and draws the paths, no browser needed.
 */
export interface VectorImage {
  /** The SVG's own width in points, when it gives one. */
  widthPt?: number;
  viewBox: [number, number, number, number];
  paths: VectorPath[];
}

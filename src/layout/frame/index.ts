// Positioned pages (types.ts): the layout stage's answer that every writer draws.
export { layoutPages, type LayoutPagesOptions } from './pages.js';
export { bookMetrics, displayWidths } from './metrics.js';
export { glyphRun, GlyphRun } from './glyph-run.js';
export type * from './types.js';

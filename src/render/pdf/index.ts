export { PdfRenderer, missingGlyphs } from './pdf-renderer.js';
export type { PdfResult } from './pdf-renderer.js';
export { decideImprint } from './imprint-layout.js';
export { renderMany, canPrintTogether } from './render-many.js';
export { needsSealRasters, withSealRasters } from './seal-raster.js';

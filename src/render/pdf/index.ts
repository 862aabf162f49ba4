export { PdfRenderer, missingGlyphs } from './pdf-renderer.js';
export type { PdfResult } from './pdf-renderer.js';
export { renderMany, canPrintTogether } from './render-many.js';
export { isBrowserFault } from './browser.js';
export { needsSealRasters, withSealRasters } from './seal-raster.js';

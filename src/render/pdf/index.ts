export { PdfRenderer } from './pdf-renderer.js';
export { missingGlyphs, type PdfResult } from './facts.js';
export { isBrowserFault } from './browser.js';
export { needsSealRasters, withSealRasters } from './seal-raster.js';

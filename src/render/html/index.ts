export { renderHtml, renderBody, documentHead, collectHeadings, MARKS, sectionMarkName } from './render-html.js';
export type { HtmlOptions, ImprintLayout } from './render-html.js';
export { MARK_ORIGIN, markHref, headingMarkName, rowMarkName } from './blocks.js';
export { textByRole } from './role-text.js';
export { FIT_EPSILON_MM } from './units.js';
export { imageUrl, imagesOf, sourceUrl, IMAGE_ORIGIN, type ImageSet } from './images.js';

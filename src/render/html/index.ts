export { renderHtml, renderBody, documentHead, collectHeadings } from './render-html.js';
export { MARKS, sectionMarkName, headingMarkName, rowMarkName } from '../../layout/measure/positions.js';
export type { HtmlOptions, ImprintLayout } from './render-html.js';
export { MARK_ORIGIN, markHref, markLink } from './blocks.js';
export { textByRole } from './role-text.js';
export { FIT_EPSILON_MM } from './units.js';
export { ImageSet, IMAGE_ORIGIN, sealSourceUrl, type ImageAnswer } from './images.js';

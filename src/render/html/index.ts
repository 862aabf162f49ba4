export { renderHtml, collectHeadings, MARKS } from './render-html.js';
export type { HtmlOptions, ImprintLayout } from './render-html.js';
export { MARK_ORIGIN, markHref, headingMarkName } from './blocks.js';
export { textByRole } from './role-text.js';

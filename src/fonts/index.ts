export { loadFontMap, describeSubstitutions, FONT_ROLES, FONT_ORIGIN } from './font-map.js';
export type { FontMap, FontFace, FontFile, Substitution } from './font-map.js';
export { FAMILY_ROLES, roleOfFamily } from './families.js';
export { SUBSTITUTES } from './package-fonts.js';
export { latinWidths } from './latin-widths.js';
export type { LatinWidthsByRole } from './latin-widths.js';

// The fonts stage's entry: the font book (each role's chain of faces: the user's, the machine's,
// the shipped substitutes), the subsetter the writers embed with, and the names of the faces.
export { loadFontBook } from './book.js';
export type { FontBook, BookGlyph, Substitution } from './book-types.js';
export { FAMILY_ROLES, roleOfFamily } from './families.js';
export { SUBSTITUTES } from './package-fonts.js';

// Fills dist/package-fonts/ before the tests, as `npm run build` does: the runtime reads the
// substitute fonts from there only (src/fonts/package-fonts.ts), and a test run must not depend
// on a build having been run first. A second run copies nothing (same sizes).
import { SHIPPED_FONT_CSS } from '../../src/fonts/package-fonts.js';
import { PACKAGE_FONT_DIR } from '../../src/util/package-font-dir.js';
import { SVG_FONT_FILES } from '../../src/source/images/svg-fonts.js';
// @ts-expect-error: a plain .mjs script without types
import { copyFonts } from '../../scripts/copy-fonts.mjs';

export default function setup(): void {
  copyFonts({ css: SHIPPED_FONT_CSS, files: SVG_FONT_FILES, to: PACKAGE_FONT_DIR });
}

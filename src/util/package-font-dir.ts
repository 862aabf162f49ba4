// Where gongwen's shipped font files are: dist/package-fonts/ of the package, filled by
// scripts/copy-fonts.mjs (at `npm run build`, at `npm pack`, and by the test setup) with the
// @fontsource files the font book draws with (src/fonts/package-fonts.ts) and the SVG faces
// (src/source/images/svg-fonts.ts). Its own module, outside fonts/, so that the source stage
// can name an SVG face's file without loading the font book's modules (`check` loads none).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/package-fonts/ of the package: two folders up from src/util/ and from dist/util/. */
export const PACKAGE_FONT_DIR = fileURLToPath(new URL('../../dist/package-fonts/', import.meta.url));

/** A shipped font file's path, by its path in the @fontsource package ("@fontsource/x/files/y.woff2"). */
export function packageFontPath(file: string): string {
  const path = join(PACKAGE_FONT_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      existsSync(PACKAGE_FONT_DIR)
        ? `${path} is not among gongwen's font files: only the weights it draws with are shipped (src/fonts/package-fonts.ts)`
        : `gongwen's font files are missing (${PACKAGE_FONT_DIR}); in a checkout of gongwen, \`npm run build\` copies them there`,
    );
  }
  return path;
}

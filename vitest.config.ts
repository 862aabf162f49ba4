import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The substitute fonts are read from dist/package-fonts/ only: fill it as the build does.
    globalSetup: ['test/setup/package-fonts.ts'],
    // LibreOffice, poppler and the CLI are real programs here: give them time, and run files in
    // two workers so that two cores are not buried.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // The command line speaks the locale's language (src/cli/messages.ts); tests that read its
    // English text get English on a Chinese machine too. Tests of the Chinese text unset this.
    env: { GONGWEN_LANG: 'en' },
  },
});

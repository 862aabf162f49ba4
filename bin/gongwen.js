#!/usr/bin/env node
// The gongwen command: runs the compiled CLI (npm install / npm run build compile src/ to dist/).
// A checkout that was never set up has no dist/ or node_modules/: say what to run instead of
// printing Node's ERR_MODULE_NOT_FOUND stack.
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const checkout = dirname(dirname(fileURLToPath(import.meta.url)));
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (err) {
  if (err && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND')) {
    const what = String(err.message).includes('dist/cli/main.js') ? 'it is not compiled yet (no dist/)' : `a package is missing (${String(err.message).split('\n')[0]})`;
    process.stderr.write(
      `gongwen is not set up in ${checkout}: ${what}.\n` +
        `Run once, in that folder:\n  npm install        # installs the packages and compiles src/ to dist/\n` +
        `(or bash scripts/setup.sh on Debian).\n`,
    );
    process.exit(2);
  }
  throw err;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`gongwen: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  },
);

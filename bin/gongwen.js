#!/usr/bin/env node
// The gongwen command: runs the compiled CLI (npm run build, and npm pack, compile src/ to dist/).
// A checkout that was never set up has no dist/ or node_modules/: say what to run instead of
// printing Node's ERR_MODULE_NOT_FOUND stack.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { dirname } from 'node:path';

// The font subsetter (harfbuzz) and the WOFF2 decoder are WebAssembly. V8 compiles it twice: at
// once with its baseline compiler, then again, optimised, on background threads; on a 2-core
// machine that second compile took 0.25 s of a 0.9 s cold build from the CPUs the build needed,
// for code that runs a few tens of milliseconds a document. The baseline code alone is enough:
// a cold build of the seed notice went from 0.89 to 0.66 s. Set before any module compiles.
setFlagsFromString('--liftoff-only');

const checkout = dirname(dirname(fileURLToPath(import.meta.url)));
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (err) {
  if (err && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND')) {
    const what = String(err.message).includes('dist/cli/main.js') ? 'it is not compiled yet (no dist/)' : `a package is missing (${String(err.message).split('\n')[0]})`;
    process.stderr.write(
      `gongwen is not set up in ${checkout}: ${what}.\n` +
        `Run once, in that folder:\n  npm install && npm run build   # installs the packages, compiles src/ to dist/\n`,
    );
    process.exit(2);
  }
  throw err;
}

// When the command is done, the process ends: what it printed is flushed first, but nothing
// else is waited for (V8 went on compiling the font subsetter's WebAssembly in the background
// for about a second after a build had written its files).
const flushed = (stream) => new Promise((done) => (stream.writableLength ? stream.write('', () => done()) : done()));
const end = async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
};

main(process.argv.slice(2)).then(
  (code) => end(code),
  (err) => {
    process.stderr.write(`gongwen: internal error: ${err && err.stack ? err.stack : err}\n`);
    return end(70);
  },
);

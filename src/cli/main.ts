// The command line's entry (bin/gongwen.js): `--version` is answered here, before commander and
// the commands' registrations are loaded (~50 ms of a 0.17 s answer; Node itself starts in
// 0.11 s); everything else goes to program.ts.
//
// A reader that closes the pipe (`gongwen --help | head -3`) ends gongwen quietly: without a
// listener, the EPIPE of the next write was an uncaught 'error' event — a stack trace and exit
// status 1 in about half the runs (whether the reader had closed before the write).
import { versionLine } from './version.js';

export { UsageError } from './project.js';

function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw err;
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  if (argv.length === 1 && (argv[0] === '-v' || argv[0] === '--version')) {
    process.stdout.write(`${versionLine()}\n`);
    return 0;
  }
  const { runProgram } = await import('./program.js');
  return runProgram(argv);
}

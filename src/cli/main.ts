// The command line's entry (bin/gongwen.js): `--version` is answered here, before commander and
// the commands' registrations are loaded (~50 ms of a 0.17 s answer; Node itself starts in
// 0.11 s); everything else goes to program.ts.
import { versionLine } from './version.js';

export { UsageError } from './project.js';

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '-v' || argv[0] === '--version')) {
    process.stdout.write(`${versionLine()}\n`);
    return 0;
  }
  const { runProgram } = await import('./program.js');
  return runProgram(argv);
}

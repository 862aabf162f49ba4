// Verbose notes (`--verbose`): what gongwen decided and how long it took, for a user reporting
// a problem. One switch for the process, set by the command line; stages call `verbose()`.

let on = false;
const started = Date.now();

export function setVerbose(v: boolean): void {
  on = v;
}

export function isVerbose(): boolean {
  return on;
}

/** Writes `gongwen: +123 ms message` to stderr when --verbose is on. */
export function verbose(message: string): void {
  if (on) process.stderr.write(`gongwen: +${Date.now() - started} ms ${message}\n`);
}

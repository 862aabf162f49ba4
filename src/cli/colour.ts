// Whether the command line colours what it prints: --color / --no-color first, then FORCE_COLOR
// (set to anything but 0 or false: colours, as chalk and Node read it) and NO_COLOR (no-color.org:
// set and not empty: none), else only on a terminal that is not TERM=dumb.

let choice: boolean | undefined;

/** --color (true) or --no-color (false); undefined when neither was given. */
export function setColourChoice(c: boolean | undefined): void {
  choice = c;
}

export function useColour(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (choice !== undefined) return choice;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR) return false;
  return !!stream.isTTY && env.TERM !== 'dumb';
}

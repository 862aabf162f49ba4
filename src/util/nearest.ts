// The nearest valid name to a misspelled one (tittle → title, punct-halfwith → punct-halfwidth),
// by optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
// substring). A name is offered only when it is close: at most a third of the longer name's
// characters differ (tittle/title: 1 of 6), so that unrelated short names are not suggested;
// else the one candidate that holds the name whole (名称 → 基地名称).

export function editDistance(a: string, b: string): number {
  const x = [...a.toLowerCase()];
  const y = [...b.toLowerCase()];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
  for (let j = 1; j <= y.length; j++) d[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/** The closest candidate to `name`, or undefined when none is close enough. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    const limit = Math.max(1, Math.floor(Math.max([...name].length, [...c].length) / 3));
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best !== undefined) return best;
  // Chinese names are short: 名称 for 基地名称 is two edits of four. One candidate holding the
  // name whole (or held by it) is offered.
  if ([...name].length < 2) return undefined;
  const holding = [...candidates].filter((c) => c !== name && [...c].length >= 2 && (c.includes(name) || name.includes(c)));
  return holding.length === 1 ? holding[0] : undefined;
}

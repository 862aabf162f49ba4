// Where a process's time goes: named spans (module loading, compile, the font book, layout,
// each writer) recorded only when a tracer asked for them (bench/trace.js), so that a build
// pays one boolean test per span otherwise.

export interface Span {
  name: string;
  /** Milliseconds since the process started (performance.timeOrigin). */
  start: number;
  end: number;
}

let spans: Span[] | undefined;

/** Starts recording (and forgets what was recorded). */
export function startTracing(): void {
  spans = [];
}

export function tracedSpans(): Span[] {
  return spans ?? [];
}

/** Runs `fn`, recording its time under `name` when tracing. */
export async function traced<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!spans) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    spans.push({ name, start, end: performance.now() });
  }
}

/** `traced` for synchronous work (a native library's load). */
export function tracedSync<T>(name: string, fn: () => T): T {
  if (!spans) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    spans.push({ name, start, end: performance.now() });
  }
}

// A worker thread started with the parent's node flags where a worker takes them. Node flags of
// the parent carry over, except --input-type (a worker file is not --eval text); V8 flags on
// node's command line (--trace-gc, --max-semi-space-size=…) are refused in a worker's execArgv
// (ERR_WORKER_INVALID_EXEC_ARGV) and are the process's already, so the worker then starts
// without them. The DOCX pool once threw that inside its queue and waited for ever.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(url: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  try {
    return new Worker(url, { ...options, execArgv });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return new Worker(url, { ...options, execArgv: [] });
  }
}

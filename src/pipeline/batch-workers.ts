// A batch's whole pipeline in worker threads, one chunk at a time per worker: compile, layout,
// PDF and DOCX of a document all run in the thread that took its chunk. Before, the main thread
// compiled, laid out and drew every PDF while one DOCX worker waited 70 % of the time (a warm
// batch of the seed notice: 47 ms a document on the main thread, 12 ms in the DOCX worker).
// Each worker loads its own font book and modules (about 0.4 s and 100 MB): a batch takes
// workers only when it has enough documents to pay for them (batchWorkerCount), and
// `gongwen build` of one document never does.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BatchJob, ChunkSetting, JobOutcome } from './batch-chunk.js';
import type { BuilderOptions } from './build.js';

export interface WorkerSetup {
  setting: ChunkSetting;
  builder: Pick<BuilderOptions, 'projectDir' | 'outDir' | 'formats' | 'pdfStandard'>;
}

export interface ChunkRequest {
  id: number;
  jobs: BatchJob[];
  /** The last run's hashes of these jobs' outputs, by name. */
  cache: Record<string, string>;
}

export interface ChunkResponse {
  id: number;
  outcomes?: JobOutcome[];
  error?: { message: string; stack?: string };
}

/**
 * Documents a worker must have to pay for its start: a warm document costs 30–50 ms, a worker's
 * start (modules, font book) 0.3–0.5 s of a core.
 */
export const DOCUMENTS_PER_WORKER = 24;

/** Workers for a batch of `jobs` documents: at most `concurrency` and the cores, 0 when starting them does not pay. */
export function batchWorkerCount(jobs: number, concurrency: number, cores = availableParallelism()): number {
  const n = Math.min(concurrency, cores, Math.floor(jobs / DOCUMENTS_PER_WORKER));
  return n >= 2 ? n : 0;
}

const WORKER_URL = new URL('./batch-worker.js', import.meta.url);

/** One worker thread that builds chunks, one at a time; a dead worker is replaced for the next chunk. */
export class BatchWorker {
  private worker?: Worker;
  private nextId = 1;
  private pending?: { id: number; resolve: (o: JobOutcome[]) => void; reject: (e: Error) => void };

  constructor(private readonly setup: WorkerSetup) {}

  /** Starts the worker now (its modules and font book load while the main thread plans). */
  start(): void {
    this.worker ??= this.spawn();
  }

  run(jobs: BatchJob[], cache: Record<string, string>): Promise<JobOutcome[]> {
    const worker = (this.worker ??= this.spawn());
    return new Promise<JobOutcome[]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending = { id, resolve, reject };
      worker.ref();
      worker.postMessage({ id, jobs, cache } satisfies ChunkRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate().catch(() => 0);
  }

  private spawn(): Worker {
    // Node flags of the parent carry over, except --input-type (a worker file is not --eval text).
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const worker = new Worker(WORKER_URL, { workerData: this.setup, execArgv });
    worker.unref();
    worker.on('message', (res: ChunkResponse) => {
      const p = this.pending;
      if (!p || p.id !== res.id) return;
      this.pending = undefined;
      worker.unref();
      if (res.outcomes) p.resolve(res.outcomes);
      else p.reject(Object.assign(new Error(res.error?.message ?? 'batch worker failed'), { stack: res.error?.stack }));
    });
    let crash: Error | undefined;
    worker.on('error', (err) => (crash = err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(`the batch worker stopped (${crash?.message ?? `exit code ${code}`})`));
    });
    return worker;
  }
}

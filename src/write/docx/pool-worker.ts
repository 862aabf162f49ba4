// Worker side of DocxPool: renders one model at a time with renderDocxSync and sends the bytes
// back by transferring their buffer (no copy). A render that throws is an answer, not a crash.

import { parentPort } from 'node:worker_threads';
import { renderDocxSync } from './index.js';
import type { PoolRequest, PoolResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs inside a worker thread');

port.on('message', (req: PoolRequest) => {
  let res: PoolResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const bytes = renderDocxSync(req.model, req.opts);
    // fflate sizes its output exactly; slice only if it ever hands back a view.
    const buffer =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
    res = { id: req.id, buffer };
    transfer = [buffer];
  } catch (err) {
    const e = err as Error;
    res = { id: req.id, error: { message: e?.message ?? String(err), stack: e?.stack } };
  }
  port.postMessage(res, transfer);
});

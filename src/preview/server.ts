// The preview's web server, on 127.0.0.1 only: the page, /document.pdf (the last good PDF),
// /diagnostics.json (the `check --json` shape), the page images, and /events, a Server-Sent
// Events stream that says when a build finished. Requests naming another host are refused
// (a web page elsewhere cannot reach the preview through a DNS name that points here).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { displayPath } from '../source/paths.js';
import { previewPage } from './page.js';
import type { PreviewSession } from './session.js';

/** A comment line on idle streams, so that proxies and browsers keep them open. */
const KEEPALIVE_MS = 15_000;

export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `session` on 127.0.0.1:`port` (0: a free port). */
export async function servePreview(session: PreviewSession, port: number): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  const page = previewPage(displayPath(session.file));
  const send = (res: ServerResponse) => res.write(`event: update\ndata: ${JSON.stringify(session.state)}\n\n`);
  const stop = session.onUpdate(() => streams.forEach(send));
  const keepalive = setInterval(() => streams.forEach((res) => res.write(': keepalive\n\n')), KEEPALIVE_MS);
  keepalive.unref();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== '127.0.0.1' && host !== 'localhost') return void res.writeHead(403).end('gongwen preview answers 127.0.0.1 only\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { Allow: 'GET' }).end();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const fresh = { 'Cache-Control': 'no-store' };
    if (path === '/') return void res.writeHead(200, { ...fresh, 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    if (path === '/diagnostics.json') return void res.writeHead(200, { ...fresh, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(session.diagnostics, null, 2) + '\n');
    if (path === '/state.json') return void res.writeHead(200, { ...fresh, 'Content-Type': 'application/json' }).end(JSON.stringify(session.state));
    if (path === '/document.pdf') {
      if (!session.pdf) return void res.writeHead(404, { ...fresh, 'Content-Type': 'text/plain; charset=utf-8' }).end('no PDF yet: the document has not built (see /diagnostics.json)\n');
      return void res.writeHead(200, { ...fresh, 'Content-Type': 'application/pdf', 'Content-Length': session.pdf.length }).end(session.pdf);
    }
    const m = /^\/pages\/([0-9a-f]{32})\.jpg$/.exec(path);
    if (m) {
      // Only the pages shown now. A page's key names what draws it, so its image never changes
      // under that URL: the browser keeps the unchanged pages of the last build from its cache.
      const image = session.images.find((im) => im.key === m[1]);
      if (!image) return void res.writeHead(404).end();
      const data = await readFile(image.path);
      return void res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Cache-Control': 'max-age=31536000, immutable' }).end(data);
    }
    if (path === '/events') {
      res.writeHead(200, { ...fresh, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      streams.add(res);
      req.on('close', () => streams.delete(res));
      if (session.state.build) send(res);
      return;
    }
    res.writeHead(404).end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${err.message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    async close() {
      stop();
      clearInterval(keepalive);
      for (const res of streams) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

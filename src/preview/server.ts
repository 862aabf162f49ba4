// The preview's web server, on 127.0.0.1 only: the page, /document.pdf and /document.ofd (the
// last good pages as PDF and OFD), /diagnostics.json (the `check --json` shape), the pages as SVG, the faces and pictures
// they draw with, and /events, a Server-Sent Events stream that says when a build finished.
// Requests naming another host are refused (a web page elsewhere cannot reach the preview
// through a DNS name that points here). Connections that say nothing are closed (headers
// within 10 s, a request within 30 s, idle keep-alive after 5 s): a client that opens sockets
// and sends nothing cannot hold the server. An error page says what failed, never a path.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** Bounds on what a client may keep open without saying anything, in ms. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Serves `session` on 127.0.0.1:`port` (0: a free port). */
export async function servePreview(session: PreviewSession, port: number, lang: 'zh' | 'en' = 'zh'): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  const page = previewPage(displayPath(session.file), lang);
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
    const download = /^\/document\.(pdf|ofd)$/.exec(path);
    if (download) {
      const format = download[1] as 'pdf' | 'ofd';
      const bytes = await session.document(format);
      if (!bytes) return void res.writeHead(404, { ...fresh, 'Content-Type': 'text/plain; charset=utf-8' }).end(`no ${format.toUpperCase()} yet: the document has not built (see /diagnostics.json)\n`);
      return void res.writeHead(200, { ...fresh, 'Content-Type': format === 'pdf' ? 'application/pdf' : 'application/ofd', 'Content-Length': bytes.length }).end(bytes);
    }
    // A page's key names its drawing, a face's and a picture's their content: none ever changes
    // under its URL, so the browser keeps what it has and fetches only what a save changed.
    const immutable = { 'Cache-Control': 'max-age=31536000, immutable' };
    const pageKey = /^\/pages\/([0-9a-f]{32})\.svg$/.exec(path);
    if (pageKey) {
      const svg = session.svgs.get(pageKey[1]);
      if (svg === undefined) return void res.writeHead(404).end();
      return void res.writeHead(200, { ...immutable, 'Content-Type': 'image/svg+xml; charset=utf-8' }).end(svg);
    }
    const faceKey = /^\/fonts\/([0-9A-Za-z_-]{1,64})$/.exec(path);
    if (faceKey) {
      const data = await session.fontFile(faceKey[1]);
      if (!data) return void res.writeHead(404).end();
      return void res.writeHead(200, { ...immutable, 'Content-Type': 'font/sfnt', 'Content-Length': data.length }).end(data);
    }
    const imageKey = /^\/images\/([0-9a-f]{64})\.(png|jpg)$/.exec(path);
    if (imageKey) {
      const image = session.images.get(imageKey[1]);
      if (!image) return void res.writeHead(404).end();
      return void res.writeHead(200, { ...immutable, 'Content-Type': image.format === 'png' ? 'image/png' : 'image/jpeg' }).end(image.bytes);
    }
    if (path === '/events') {
      res.writeHead(200, { ...fresh, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      // The event stream is the one connection meant to stay open: its keep-alive comments
      // (every 15 s) are its traffic.
      req.socket.setTimeout(0);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      if (session.state.build) send(res);
      return;
    }
    res.writeHead(404).end();
  };

  // Node checks the header and request timeouts every `connectionsCheckingInterval` (30 s by
  // default): once a second, so a silent client is closed near its bound.
  const server: Server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${withoutPaths(err.message)}\n`);
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.setTimeout(REQUEST_TIMEOUT_MS, (socket) => socket.destroy());
  // Node's header timeout starts with the first byte: a socket that never sends one is closed
  // here (measured on Node 20.20: with only the settings above, a silent socket stayed open past
  // 70 s).
  server.on('connection', (socket) => {
    const silent = setTimeout(() => socket.destroy(), HEADERS_TIMEOUT_MS);
    silent.unref();
    socket.once('data', () => clearTimeout(silent));
    socket.once('close', () => clearTimeout(silent));
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

/** An error's message with absolute paths taken out (a 500 page is read by whoever asked). */
export function withoutPaths(message: string): string {
  return message.replace(/(?:[A-Za-z]:)?[\\/](?:[^\s'"`:,;()]+[\\/])+[^\s'"`:,;()]*/g, '…');
}

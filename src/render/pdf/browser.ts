// One Chromium per run and a small pool of reused pages (engineering notes: ~250 ms fixed cost
// per print; reuse pages rather than open new ones). Every page has JavaScript off and answers
// every request itself: fonts from the current font map, nothing else.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type HTTPRequest, type Page } from 'puppeteer-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Fewer processes, the same work (Chromium 156, measured 2026-11-22): no zygotes, GPU and
  // network in the browser process, no spare renderer, and none of the omnibox popup's WebUI
  // renderers that headless Chrome 156 starts with a tab. Two pages printing went from 11
  // processes (1.3 GiB RSS summed) to 4 (under 1 GiB), at the same speed.
  '--no-zygote',
  '--in-process-gpu',
  '--disable-features=SpareRendererForSitePerProcess,AudioServiceOutOfProcess,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
  '--enable-features=NetworkServiceInProcess2',
  // No DNS leaves the machine: --disable-background-networking still let Chromium 156 look up
  // accounts/clients2/update.googleapis.com (20 resolver queries a build). Every request is
  // answered by the page's interception; every host name resolves to nothing.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export type Responder = (url: string) => { body: Buffer; contentType: string } | undefined;

export interface PooledPage {
  page: Page;
  /** The responder for the document being printed on this page. */
  responder: Responder | undefined;
  /** The head of the document on the page (without its title): the next print may keep it. */
  head?: string;
  cdp?: CDPSession;
  /** Prints made on this page. */
  prints?: number;
}

/**
 * Prints between two garbage collections of a page's renderer. The bodies swapped out stay in
 * its heap until a collection: over a 700-page list a renderer grew to 400 MB; collecting every
 * fourth print keeps it near 270 MB for about 0.1 s a collection.
 */
export const GC_EVERY_PRINTS = 4;

/** Profile folders are made in the temporary folder under this prefix and removed with their browser. */
export const PROFILE_PREFIX = 'gongwen-chromium-';

/**
 * Chromium, owned by this process for its whole life:
 * - puppeteer's own SIGINT/SIGTERM/SIGHUP handlers are off (they closed Chromium under a
 *   running batch, which then blamed every remaining record); callers stop cleanly themselves;
 * - its profile folder is ours, removed when the browser process exits, however it exits;
 * - a watchdog (a detached `sh` reading a pipe from this process) kills Chromium's process
 *   group and removes the profile when this process dies, even by SIGKILL, which no handler
 *   sees: before, a killed node left a 590 MB renderer running. Chromium runs detached (its
 *   own process group, puppeteer's default), so the group is exactly its processes.
 */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  let browser: Browser;
  try {
    // A copy: puppeteer takes the --disable/--enable-features flags out of the array it is
    // given, so the second launch of a process would otherwise run without them.
    browser = await puppeteer.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...LAUNCH_ARGS],
      userDataDir: profile,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const proc = browser.process();
  const pid = proc?.pid;
  if (!proc || !pid) return browser;
  const watchdog = spawn('sh', ['-c', 'read _ ; kill -9 -"$1" 2>/dev/null ; rm -rf "$2"', 'gongwen-watchdog', String(pid), profile], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog.stdin?.on('error', () => undefined);
  proc.once('exit', () => {
    // The renderers of a killed browser go with its group; then its profile.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(profile, { recursive: true, force: true });
    try {
      if (watchdog.pid) process.kill(watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  return browser;
}

/**
 * Errors that come from the browser rather than from the document: Chromium killed, crashed or
 * closed under a print. A batch retries the document with a new browser instead of blaming it.
 */
export function isBrowserFault(err: unknown): boolean {
  const name = (err as Error | undefined)?.name ?? '';
  const msg = (err as Error | undefined)?.message ?? '';
  return (
    name === 'TargetCloseError' ||
    name === 'ConnectionClosedError' ||
    /detached Frame|Target closed|Session closed|Connection closed|Navigating frame was detached|browser has disconnected|Protocol error.*(closed|detached)|Page crashed|WebSocket is not open/i.test(msg)
  );
}

export async function preparePage(browser: Browser, reuse?: Page): Promise<PooledPage> {
  const page = reuse ?? (await browser.newPage());
  const pooled: PooledPage = { page, responder: undefined };
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (url === 'about:blank' || url.startsWith('data:')) {
      void req.continue();
      return;
    }
    const hit = pooled.responder?.(url);
    if (hit) {
      // Without Access-Control-Allow-Origin Chromium drops the font silently (engineering notes).
      void req.respond({ status: 200, contentType: hit.contentType, headers: { 'Access-Control-Allow-Origin': '*' }, body: hit.body });
    } else {
      void req.abort('blockedbyclient');
    }
  });
  return pooled;
}

/**
 * Up to `max` pages handed out one at a time; callers wait for a free one. Pages after the
 * first are opened when two prints are first wanted at once: each is a renderer process of
 * its own, which a one-document build, printing once after the other, never needs.
 */
export class PagePool {
  private free: PooledPage[];
  private opened: number;
  private waiting: ((p: PooledPage) => void)[] = [];
  constructor(
    pages: PooledPage[],
    private readonly max = pages.length,
    private readonly open?: () => Promise<PooledPage>,
  ) {
    this.free = [...pages];
    this.opened = pages.length;
  }
  async acquire(): Promise<PooledPage> {
    const p = this.free.pop();
    if (p) return p;
    if (this.open && this.opened < this.max) {
      this.opened++;
      try {
        return await this.open();
      } catch (err) {
        this.opened--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(p: PooledPage): void {
    p.responder = undefined;
    const next = this.waiting.shift();
    if (next) next(p);
    else this.free.push(p);
  }
}

/** The page's DevTools session, opened once. */
async function cdpOf(pooled: PooledPage): Promise<CDPSession> {
  return (pooled.cdp ??= await pooled.page.createCDPSession());
}

/**
 * Puts `html` on the page. When its head is the one already there (the same fonts and print
 * CSS: every print of a run), only the body is replaced, through the DevTools DOM domain (page
 * scripts stay off): the page keeps its parsed styles and decoded fonts. Reloading them for
 * every print cost a tenth of a second and, fonts decoded again each time, let the renderer's
 * memory grow by some 15 MB a print.
 */
export async function putContent(pooled: PooledPage, html: string, timeout: number): Promise<void> {
  const open = html.indexOf('<body>');
  const close = html.lastIndexOf('</body>');
  const head = open >= 0 ? html.slice(0, open).replace(/<title>[\s\S]*?<\/title>/, '') : undefined;
  if (head !== undefined && close > open && pooled.head === head) {
    try {
      const cdp = await cdpOf(pooled);
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'body' });
      await cdp.send('DOM.setOuterHTML', { nodeId, outerHTML: html.slice(open, close + '</body>'.length) });
      return;
    } catch {
      // Fall back to loading the whole document.
    }
  }
  pooled.head = undefined;
  await pooled.page.setContent(html, { waitUntil: 'load', timeout });
  pooled.head = head;
}

/** Collects the renderer's garbage every GC_EVERY_PRINTS prints (HeapProfiler works with scripts off). */
export async function collectGarbageNow(pooled: PooledPage): Promise<void> {
  pooled.prints = (pooled.prints ?? 0) + 1;
  if (pooled.prints % GC_EVERY_PRINTS !== 0) return;
  try {
    await (await cdpOf(pooled)).send('HeapProfiler.collectGarbage');
  } catch {
    // A page that cannot collect still prints.
  }
}

// One Chromium per run and a small pool of reused pages (engineering notes: ~250 ms fixed cost
// per print; reuse pages rather than open new ones). Every page has JavaScript off and answers
// every request itself: fonts from the current font map, nothing else.
import puppeteer, { type Browser, type CDPSession, type HTTPRequest, type Page } from 'puppeteer-core';
import type { ChildProcess } from 'node:child_process';
import { killGroup, takeChromium } from './chromium-process.js';

export { CHROMIUM_PATH, LAUNCH_ARGS, PROFILE_PREFIX, isBrowserFault } from './chromium-process.js';

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

/**
 * Chromium for this run: the one a command started early (chromium-process.ts), or a new one,
 * driven through its DevTools socket. puppeteer's own signal handlers never see it (they closed
 * Chromium under a running batch, which then blamed every remaining record): callers stop
 * cleanly themselves, and the process's watchdog covers the rest.
 */
export async function launchBrowser(): Promise<Browser> {
  const { proc, endpoint } = takeChromium();
  try {
    const browser = await puppeteer.connect({ browserWSEndpoint: await endpoint, defaultViewport: { width: 800, height: 600 } });
    // As puppeteer's launch does: the tab Chromium opens at start is there before the first print.
    await browser.waitForTarget((t) => t.type() === 'page', { timeout: 30_000 });
    // Closing the browser ends its process; a process that ends on its own disconnects it.
    proc.once('exit', () => void browser.disconnect().catch(() => undefined));
    processes.set(browser, proc);
    return browser;
  } catch (err) {
    killGroup(proc.pid);
    throw err;
  }
}

const processes = new WeakMap<Browser, ChildProcess>();

/**
 * Closes Chromium and waits for its process to end (its profile is removed then): a command that
 * returns after this leaves nothing behind. A Chromium that does not end within 5 s is killed.
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  const proc = processes.get(browser);
  const ended = proc && proc.exitCode === null && proc.signalCode === null ? new Promise<void>((resolve) => proc.once('exit', () => resolve())) : Promise.resolve();
  await browser.close().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      killGroup(proc?.pid);
      resolve();
    }, 5_000);
  });
  await Promise.race([ended, late]);
  clearTimeout(timer);
  await ended.catch(() => undefined);
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

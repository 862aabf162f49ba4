// Chromium, as gongwen prints with it: one browser per run with a pool of pages, a print of an
// HTML document answered only from the font map and the document's own images, and PNG
// drawings of SVG seals. What to print, and whether it came out as laid out, is the plans'
// business (documents.ts, sliced.ts), through the one executor (executor.ts).
import type { Browser } from 'puppeteer-core';
import type { FontMap } from '../../fonts/index.js';
import type { DocumentModel, SealImage } from '../../model/types.js';
import { ImageSet, sealSourceUrl, IMAGE_ORIGIN } from '../html/index.js';
import { closeBrowser, collectGarbageNow, launchBrowser, PagePool, preparePage, putContent } from './browser.js';
import { renderDocuments } from './documents.js';
import type { Printer } from './executor.js';
import type { PdfResult } from './facts.js';

/** Explicit limits: a document that takes longer to load or print is an error, not a hang. */
export const PRINT_TIMEOUT_MS = 120_000;

export class PdfRenderer implements Printer {
  private constructor(
    private readonly browser: Browser,
    private readonly pool: PagePool,
  ) {}

  static async launch(opts: { pages?: number } = {}): Promise<PdfRenderer> {
    const browser = await launchBrowser();
    try {
      // The tab Chromium opens at launch is the first page (a tab of its own costs a renderer);
      // the others open when two prints are first wanted at once.
      const [initial] = await browser.pages();
      const first = await preparePage(browser, initial);
      return new PdfRenderer(browser, new PagePool([first], Math.max(1, opts.pages ?? 2), () => preparePage(browser)));
    } catch (e) {
      await closeBrowser(browser);
      throw e;
    }
  }

  /** One document's PDF (laid out, printed once, checked: documents.ts). */
  async render(model: DocumentModel, fonts: FontMap): Promise<PdfResult> {
    const [r] = await renderDocuments(this, [model], fonts);
    if (r instanceof Error) throw r;
    return r;
  }

  /** Several documents' PDFs, sharing prints where they can; each failure in its own place. */
  renderAll(models: DocumentModel[], fonts: FontMap): Promise<(PdfResult | Error)[]> {
    return renderDocuments(this, models, fonts);
  }

  /**
   * One Chromium print (tags and bookmarks only for a document that goes out whole). The page is answered
   * from the font map and `images` (the figures and seals of the documents in `html`), nothing else.
   */
  async print(html: string, fonts: FontMap, outline: boolean, tagged: boolean, images: ImageSet = new ImageSet()): Promise<Uint8Array> {
    const pooled = await this.pool.acquire();
    try {
      pooled.responder = (url) => fonts.serve(url) ?? images.serve(url);
      await putContent(pooled, html, PRINT_TIMEOUT_MS);
      const pdf = await pooled.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, outline, waitForFonts: true, timeout: PRINT_TIMEOUT_MS });
      await collectGarbageNow(pooled);
      return pdf;
    } catch (err) {
      // Whatever the page holds now, the next print loads a whole document.
      pooled.head = undefined;
      throw err;
    } finally {
      this.pool.release(pooled);
    }
  }

  /** False once Chromium has gone (closed, killed, crashed): the next print needs a new one. */
  get alive(): boolean {
    return this.browser.connected;
  }

  /** PNG drawings of images by SHA-256 and width: a batch's one seal is drawn once a run. */
  private readonly rasters = new Map<string, Promise<Uint8Array>>();

  /**
   * An image drawn as a PNG `px` pixels wide with its transparency (an SVG seal's picture for
   * both outputs), on a page of its own that answers nothing but the image (JavaScript off),
   * closed afterwards: the print pool's pages keep their size, content and lifecycle.
   */
  rasterize(img: SealImage, px: number): Promise<Uint8Array> {
    const key = `${img.sha256}@${px}`;
    let p = this.rasters.get(key);
    if (!p) {
      p = this.drawImage(img, px);
      this.rasters.set(key, p);
      p.catch(() => this.rasters.delete(key));
    }
    return p;
  }

  private async drawImage(img: SealImage, px: number): Promise<Uint8Array> {
    const pooled = await preparePage(this.browser);
    const { page } = pooled;
    try {
      const source = new ImageSet().addSource(img);
      pooled.responder = (url) => source.serve(url);
      const w = Math.max(1, Math.round(px));
      const h = Math.max(1, Math.round((px * img.height) / img.width));
      await page.setViewport({ width: w, height: h });
      const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src ${IMAGE_ORIGIN}"><style>html, body { margin: 0; background: transparent; } img { display: block; width: ${w}px; height: ${h}px; }</style></head><body><img alt="" src="${sealSourceUrl(img)}"></body></html>`;
      await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
      return await page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: w, height: h } });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await closeBrowser(this.browser);
  }
}

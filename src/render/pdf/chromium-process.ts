// Chromium's process, started by gongwen itself and then driven by puppeteer (connect, not
// launch), so that a command that will print can start it first thing, before it loads its own
// modules: measured on a cold `gongwen build` of the seed notice, Chromium took 0.8 s to start
// and the modules 0.8 s to load, one after the other. This module needs nothing but Node's own.
//
// The process is owned by this one for its whole life:
// - its profile folder is ours, removed when the browser process exits, however it exits;
// - a watchdog (a detached `sh` reading a pipe from this process) kills Chromium's process group
//   and removes the profile when this process dies, even by SIGKILL, which no handler sees:
//   before, a killed node left a 590 MB renderer running. Chromium runs detached (its own
//   process group), so the group is exactly its processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Profile folders are made in the temporary folder under this prefix and removed with their browser. */
export const PROFILE_PREFIX = 'gongwen-chromium-';

/** gongwen's own flags (puppeteer's defaults come first: chromiumArgs). */
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

/**
 * What puppeteer 24's launch passes before gongwen's flags (`puppeteer.defaultArgs`), written
 * here so that starting Chromium does not wait for puppeteer to load (0.28 s). A test compares
 * chromiumArgs with puppeteer.defaultArgs, so an upgrade that changes them fails there.
 */
const PUPPETEER_DEFAULTS = [
  '--allow-pre-commit-input', '--disable-background-networking', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows',
  '--disable-breakpad', '--disable-client-side-phishing-detection', '--disable-component-extensions-with-background-pages', '--disable-crash-reporter',
  '--disable-default-apps', '--disable-dev-shm-usage', '--disable-hang-monitor', '--disable-infobars', '--disable-ipc-flooding-protection',
  '--disable-popup-blocking', '--disable-prompt-on-repost', '--disable-renderer-backgrounding', '--disable-search-engine-choice-screen',
  '--disable-sync', '--enable-automation', '--export-tagged-pdf', '--force-color-profile=srgb', '--generate-pdf-document-outline',
  '--metrics-recording-only', '--no-first-run', '--password-store=basic', '--use-mock-keychain',
];
const PUPPETEER_DISABLED = ['Translate', 'AcceptCHFrame', 'MediaRouter', 'OptimizationHints', 'WebUIReloadButton', 'ProcessPerSiteUpToMainFrameThreshold', 'IsolateSandboxedIframes'];
const PUPPETEER_ENABLED = ['PdfOopif'];
const PUPPETEER_HEADLESS = ['--headless=new', '--hide-scrollbars', '--mute-audio', '--disable-extensions', 'about:blank'];

/** Chromium's command line, as puppeteer's launch would make it from LAUNCH_ARGS (features merged). */
export function chromiumArgs(profile: string): string[] {
  const features = (flag: string) => LAUNCH_ARGS.filter((a) => a.startsWith(flag)).flatMap((a) => a.slice(flag.length).split(','));
  const own = LAUNCH_ARGS.filter((a) => !a.startsWith('--disable-features=') && !a.startsWith('--enable-features='));
  return [
    ...PUPPETEER_DEFAULTS,
    `--disable-features=${[...PUPPETEER_DISABLED, ...features('--disable-features=')].join(',')}`,
    `--enable-features=${[...PUPPETEER_ENABLED, ...features('--enable-features=')].join(',')}`,
    `--user-data-dir=${profile}`,
    ...PUPPETEER_HEADLESS,
    ...own,
    '--remote-debugging-port=0',
  ];
}

export interface ChromiumProcess {
  proc: ChildProcess;
  /** The DevTools WebSocket address, once Chromium says it is listening. */
  endpoint: Promise<string>;
}

/** Explicit limit: a Chromium that does not answer within this is an error, not a hang. */
const START_TIMEOUT_MS = 30_000;

/** Starts Chromium (detached, its profile ours, watched) and reads its DevTools address. */
export function startChromium(): ChromiumProcess {
  const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  let proc: ChildProcess;
  try {
    proc = spawn(CHROMIUM_PATH, chromiumArgs(profile), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const endpoint = new Promise<string>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    proc.on('error', (err) => fail(new Error(`Chromium could not start (${CHROMIUM_PATH}): ${err.message}; run scripts/setup.sh`)));
    proc.once('exit', (code) => fail(new Error(`Chromium exited at start (code ${code}): ${said.trim().split('\n').slice(-3).join(' ')}`)));
    proc.stderr!.on('data', (chunk: Buffer) => {
      said = (said + chunk.toString('utf8')).slice(-4096);
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  // Chromium's later complaints are not ours to read; a reader keeps its pipe from filling up.
  endpoint.then(() => proc.stderr!.resume(), () => undefined);
  watch(proc, profile);
  return { proc, endpoint };
}

function watch(proc: ChildProcess, profile: string): void {
  const pid = proc.pid;
  if (!pid) {
    rmSync(profile, { recursive: true, force: true });
    return;
  }
  const watchdog = spawn('sh', ['-c', 'read _ ; kill -9 -"$1" 2>/dev/null ; rm -rf "$2"', 'gongwen-watchdog', String(pid), profile], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watchdog.stdin?.on('error', () => undefined);
  // Neither Chromium nor its pipe keeps this process alive: it ends when its work does.
  proc.unref();
  (proc.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  proc.once('exit', () => {
    // The renderers of a killed browser go with its group; then its profile.
    killGroup(pid);
    rmSync(profile, { recursive: true, force: true });
    try {
      if (watchdog.pid) process.kill(watchdog.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
}

let early: ChromiumProcess | undefined;

/**
 * Starts Chromium now, for a command that knows it will print: the next launch takes it. Costs
 * nothing more than the launch it replaces; a command that ends without printing closes it.
 */
export function startChromiumEarly(): Promise<string> {
  if (!early) {
    early = startChromium();
    early.endpoint.catch(() => undefined);
  }
  return early.endpoint;
}

/** The Chromium started early, if any and still running (taken once), else a new one. */
export function takeChromium(): ChromiumProcess {
  const got = early;
  early = undefined;
  if (got && got.proc.exitCode === null && got.proc.signalCode === null) return got;
  return startChromium();
}

/**
 * Errors that come from the browser rather than from the document: Chromium killed, crashed or
 * closed under a print. A batch retries the document with a new browser instead of blaming it.
 * (Here, with nothing to load, so that a build that prints nothing need not load puppeteer.)
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

/** Stops a Chromium started early that no launch took (a build that failed before printing). */
export function stopEarlyChromium(): void {
  const got = early;
  early = undefined;
  killGroup(got?.proc.pid);
}

/** Kills Chromium's process group (its renderers with it); nothing if it is gone already. */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

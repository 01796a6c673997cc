import { type Browser, chromium } from 'playwright-core';

// ── Debian's Chromium, headless, through playwright-core (which brings no browser) ─────────────
// deploy/chromium-local/ensure-chromium.sh installs it and sets CHROMIUM_PATH.

/** Off: everything a fresh profile would fetch from Google's servers (updates, safe browsing, sync, …). */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
  '--metrics-recording-only',
  '--no-first-run',
  '--no-default-browser-check',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: QUIET_FLAGS });
}

/** A laptop screen: the dashboard must read well at 1366×768. */
export const LAPTOP = { width: 1366, height: 768 } as const;

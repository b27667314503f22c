/**
 * Launches Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through playwright-core:
 * headless, no browser download, no network beyond loopback.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The Chromium binary the suite drives; `.ci/run` installs Debian's package. */
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the binary exists, so a missing browser fails with a clear message. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** One headless Chromium for the whole file (launch once, open pages as needed). */
export function launchChromium(): Promise<Browser> {
  if (!hasChromium())
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

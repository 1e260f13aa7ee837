import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts', 'screenshots');

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchBrowser(options: { hostRules?: string } = {}): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // e.g. `MAP docs-api.test 127.0.0.1`: a public-looking host name for a service on this machine.
      ...(options.hostRules ? [`--host-resolver-rules=${options.hostRules}`] : []),
    ],
  });
}

/** Collects page errors so a test can assert that nothing failed (or ran) on the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

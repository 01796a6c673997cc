import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { LAPTOP, launchChromium } from '../test/browser/chromium';
import { openPartner, settled, signIn } from '../test/browser/dashboard-page';
import { startDemoService } from '../test/browser/demo-service';

// `npm run screenshots`: one PNG per dashboard page, at 1366×768, into docs/screenshots/ (shown in
// README.md), from the built service loaded with the demo programme.

const OUT = join(__dirname, '..', 'docs', 'screenshots');
const PARTNER = 'P-000007';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const service = await startDemoService(120);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: LAPTOP });
    await page.goto(`${service.url}/ui/`);
    await shoot(page, 'sign-in');
    await signIn(page, service.url, service.keys.admin);
    await settled(page);
    await shoot(page, 'programme');
    await page.getByRole('link', { name: 'Badges', exact: true }).click();
    await settled(page);
    await shoot(page, 'badges');
    await openPartner(page, PARTNER);
    await shoot(page, 'partner');
    const reader = await browser.newPage({ viewport: LAPTOP });
    await signIn(reader, service.url, service.keys.reader);
    await openPartner(reader, PARTNER);
    await shoot(reader, 'partner-reader');
  } finally {
    await browser.close();
    await service.stop();
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  process.stdout.write(`${path}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`screenshots failed: ${error.stack}\n`);
  process.exit(1);
});

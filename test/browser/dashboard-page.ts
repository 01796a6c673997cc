import type { Page } from 'playwright-core';

// ── Driving the dashboard as a person would: by labels and roles, waiting on what the page shows ─

export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/ui/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}

type PageGlobals = { document: { querySelectorAll: (selector: string) => { length: number } } };

/** Waits until no section of the page is loading any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('section[data-state]').first().waitFor();
  // A function, not a string: the page's CSP forbids eval. The tests compile without the DOM's types.
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('section[data-state="loading"]').length === 0);
}

export async function openPartner(page: Page, partnerId: string): Promise<void> {
  await page.getByLabel('Partner id').fill(partnerId);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { name: `Partner ${partnerId}` }).waitFor();
  await settled(page);
}

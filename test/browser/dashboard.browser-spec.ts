import type { Browser, Page } from 'playwright-core';
import { LAPTOP, launchChromium } from './chromium';
import { openPartner, settled, signIn } from './dashboard-page';
import { type DemoService, startDemoService } from './demo-service';

// ── The dashboard at /ui, driven in Debian's Chromium against the built service and the demo programme ─
// Every wait is on what the page shows (a heading, a section's state, a text), never on time.

type Change = { at: string; area: string; from: string | null; to: string | null };
type Forecast = { changes: (Change & { direction: string })[] };

const DAY_MS = 86_400_000;
let service: DemoService;
let browser: Browser;
let page: Page;

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${service.url}${path}`, { headers: { Authorization: `Bearer ${service.keys.admin}` } });
  return { status: response.status, body: (await response.json()) as T };
}

/** A partner with a tier change whose day before lies after the area's previous change: the as-of picker must show the tier before it. */
async function partnerWithPastChange(): Promise<{ partnerId: string; area: string; before: string; tierBefore: string | null; tierNow: string | null }> {
  const { body } = await api<{ items: { partnerId: string }[] }>('/v1/partners?area=data-center-virtualization&limit=100');
  for (const { partnerId } of body.items) {
    const { body: timeline } = await api<{ changes: Change[] }>(`/v1/partners/${partnerId}/timeline`);
    const { body: status } = await api<{ areas: Record<string, { tier: string | null }> }>(`/v1/partners/${partnerId}`);
    for (const [index, change] of timeline.changes.entries()) {
      const before = new Date(Date.parse(change.at.slice(0, 10)) - DAY_MS);
      const previous = timeline.changes
        .slice(0, index)
        .filter((earlier) => earlier.area === change.area)
        .at(-1);
      const tierNow = status.areas[change.area]!.tier;
      if (change.from !== tierNow && (!previous || Date.parse(previous.at) < before.getTime()))
        return { partnerId, area: change.area, before: before.toISOString().slice(0, 10), tierBefore: change.from, tierNow };
    }
  }
  throw new Error('the demo programme has no partner whose tier changed since an earlier date');
}

beforeAll(async () => {
  [service, browser] = await Promise.all([startDemoService(), launchChromium()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: LAPTOP });
});
afterEach(() => page.close());

describe('signing in', () => {
  it('refuses a wrong key plainly and keeps nothing', async () => {
    await page.goto(`${service.url}/ui/`);
    await page.getByLabel('API key').fill('not-a-key-of-this-service');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), 'The API refused this key (unknown API key).');
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
    expect(await page.getByText('Signed in as').count()).toBe(0);
  });

  it('keeps the key in sessionStorage only, survives a reload, and forgets it on sign-out', async () => {
    await page.goto(`${service.url}/ui/`);
    // By keyboard alone: the field has focus by Tab, Enter submits.
    await page.keyboard.press('Tab');
    await page.keyboard.type(service.keys.admin);
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('role'), 'admin');
    expect(await page.evaluate('[sessionStorage.length, localStorage.length, document.cookie]')).toEqual([1, 0, '']);
    await page.reload();
    await expectText(page.getByTestId('role'), 'admin');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });
});

describe('a partner, as an auditor', () => {
  it('shows the tier of an earlier date when the as-of date moves, and the current one again with Now', async () => {
    const { partnerId, area, before, tierBefore, tierNow } = await partnerWithPastChange();
    await signIn(page, service.url, service.keys.auditor);
    await openPartner(page, partnerId);
    const tier = page.getByTestId(`tier-${area}`);
    await expectText(tier, tierNow ?? 'no tier');
    await page.getByLabel('Status as of').fill(before);
    await expectText(page.getByTestId('as-of-shown'), `showing the status as of ${before}, rebuilt from the event store`);
    await settled(page);
    await expectText(tier, tierBefore ?? 'no tier');
    await page.getByRole('button', { name: 'Now' }).click();
    await settled(page);
    await expectText(tier, tierNow ?? 'no tier');
  });

  it('shows the requirements checklist, the progress to the next tier, the timeline chart and the history', async () => {
    await signIn(page, service.url, service.keys.auditor);
    await openPartner(page, 'P-000007');
    expect(await page.getByRole('list', { name: 'Requirements' }).getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await page.locator('#areas progress').count()).toBeGreaterThan(0);
    await page.locator('#timeline[data-state="ok"] canvas').waitFor();
    await page.locator('#history[data-state="ok"] td', { hasText: 'AgreementSigned' }).first().waitFor();
  });

  it('shows the facts behind each requirement, each with its upstream messageId', async () => {
    await signIn(page, service.url, service.keys.auditor);
    const probe = await api<{ requirements: { id: string; evidence: { facts: { messageId: string }[] } }[] }>('/v1/partners/P-000007?evidence=true');
    expect(probe.status).toBe(200);
    await openPartner(page, 'P-000007');
    const requirement = probe.body.requirements.find((candidate) => candidate.evidence.facts.length > 0)!;
    await page.locator('#evidence summary', { hasText: `requirement ${requirement.id}:` }).click();
    await expectText(page.locator('#evidence'), requirement.evidence.facts[0]!.messageId);
  });

  it('shows a forecast drop of a partner, with its area', async () => {
    await signIn(page, service.url, service.keys.auditor);
    const { partnerId, change } = await partnerWithForecastDrop();
    await openPartner(page, partnerId);
    await page.locator('#forecast tr[data-direction="drop"]', { hasText: change.area }).first().waitFor();
  });
});

describe('what a reader sees', () => {
  it('a partner’s status without the auditor’s parts (as-of, evidence, timeline, history)', async () => {
    await signIn(page, service.url, service.keys.reader);
    await openPartner(page, 'P-000007');
    await page.locator('#status[data-state="ok"]').waitFor();
    for (const auditorOnly of ['#evidence', '#timeline', '#history']) expect([auditorOnly, await page.locator(auditorOnly).count()]).toEqual([auditorOnly, 0]);
    expect(await page.getByLabel('Status as of').count()).toBe(0);
  });

  it('the programme page without the admin’s rejections or the notifier’s notices', async () => {
    await signIn(page, service.url, service.keys.reader);
    await settled(page);
    expect(await page.locator('#rejections, #renewal-notices, #tier-risk-notices').count()).toBe(0);
    await page.locator('#summary').waitFor();
  });

  it('the badge directory, with links to the partners', async () => {
    const { body } = await api<{ badges: { partnerId: string }[] }>('/v1/badges');
    await signIn(page, service.url, service.keys.reader);
    await page.getByRole('link', { name: 'Badges', exact: true }).click();
    await settled(page);
    expect(await page.locator('#badges tbody tr').count()).toBe(body.badges.length);
  });
});

describe('a key that may read nothing here', () => {
  it('is told so rather than shown errors', async () => {
    await signIn(page, service.url, service.keys.publisher);
    await expectText(page.getByRole('main'), 'A publisher key may not read the programme.');
  });
});

async function partnerWithForecastDrop(): Promise<{ partnerId: string; change: Change }> {
  const { body } = await api<{ items: { partnerId: string }[] }>('/v1/partners?limit=100&area=data-center-virtualization');
  for (const { partnerId } of body.items) {
    const { body: forecast } = await api<Forecast>(
      `/v1/partners/${partnerId}/forecast?until=${new Date(Date.now() + 300 * DAY_MS).toISOString().slice(0, 10)}`,
    );
    const drop = forecast.changes.find((change) => change.direction === 'drop');
    if (drop) return { partnerId, change: drop };
  }
  throw new Error('the demo programme forecasts no drop within 300 days');
}

/** Waits until the element's text contains `text` (the page updates after its calls answer). */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
  expect(await locator.first().innerText()).toContain(text);
}

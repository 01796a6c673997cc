import { DAY_MS, FORECAST_MAX_DAYS } from '@partner-program/domain';
import { booked, vmcPartner } from '../testing/facts';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';

// Time alone changes tiers: refreshDue keeps the read models true with no new event.

describe('PartnerProjector.refreshDue', () => {
  let f: ReadModelFixture;
  beforeEach(async () => {
    f = readModelFixture({ now: '2021-06-01T00:00:00Z' });
    await f.record('P-1', ...vmcPartner('2021-01-01'), booked('2021-02-01T12:00:00Z', 'D-1', 'vmc-on-aws', 60_000));
    await f.record('P-2', ...vmcPartner('2021-01-01'), booked('2021-05-01', 'D-2', 'vmc-on-aws', 70_000));
    await f.projector.catchUp();
  });
  afterEach(() => f.close());

  it('re-evaluates nobody before a partner’s next change', async () => {
    expect(await f.projector.refreshDue(new Date('2022-02-01T11:59:59.999Z'))).toBe(0);
    expect((await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier).toBe('advanced');
  });

  it('drops the tier when the deal leaves the 365-day window, recording the change and its cause', async () => {
    f.setNow('2022-03-01T00:00:00Z');
    expect(await f.projector.refreshDue()).toBe(1);
    const p1 = (await f.queries.partnerStatus('P-1'))!;
    expect(p1).toMatchObject({ evaluatedAt: '2022-03-01T00:00:00.000Z' });
    expect(p1.areas['vmc-on-aws']).toMatchObject({ tier: 'partner', credits: 0 });
    expect((await f.queries.partners({ area: 'vmc-on-aws', tier: 'advanced', limit: 10 })).items.map((item) => item.partnerId)).toEqual(['P-2']);
    // P-2's deal is still inside its window: not due, not touched.
    expect((await f.queries.partnerStatus('P-2'))!.evaluatedAt).toBe('2021-06-01T00:00:00.000Z');
    const [change] = (await f.queries.tierChanges({ afterSequence: 0, limit: 100 })).filter((c) => c.from === 'advanced');
    expect(change).toMatchObject({
      partnerId: 'P-1',
      area: 'vmc-on-aws',
      from: 'advanced',
      to: 'partner',
      badge: false,
      at: '2022-02-01T12:00:00.000Z',
      causes: [{ kind: 'deal-left-window', dealId: 'D-1' }],
    });
    expect(change!.position).toBe((await f.queries.partnerStatus('P-1'))!.position);
    expect(await f.projector.refreshDue()).toBe(0);
  });

  it('leaves out forecast changes that time has passed, and keeps the rest as they were forecast', async () => {
    const until = Date.parse('2023-06-01T00:00:00Z');
    const forecastFrom = async (after: string) => (await f.queries.forecast({ after: Date.parse(after), until, limit: 100 })).items;
    const made = await forecastFrom('2021-06-01T00:00:00Z');
    expect(made.filter((c) => c.area === 'vmc-on-aws').map((c) => [c.partnerId, c.at])).toEqual([
      ['P-1', '2022-02-01T12:00:00.000Z'],
      ['P-2', '2022-05-01T00:00:00.000Z'],
    ]);
    // No new fact and no refresh: the forecast made in June still holds in March.
    expect(await forecastFrom('2022-03-01T00:00:00Z')).toEqual(made.filter((c) => c.at > '2022-03-01'));
  });

  it('re-evaluates a partner with nothing ahead one forecast horizon later, so its stored forecast always reaches a horizon ahead', async () => {
    await f.record('P-3', ...vmcPartner('2021-01-01', '2029-12-31'));
    await f.projector.catchUp();
    const horizonLater = Date.parse('2021-06-01T00:00:00Z') + FORECAST_MAX_DAYS * DAY_MS;
    await f.projector.refreshDue(new Date(horizonLater - 1));
    expect((await f.queries.partnerStatus('P-3'))!.evaluatedAt).toBe('2021-06-01T00:00:00.000Z');
    await f.projector.refreshDue(new Date(horizonLater));
    expect((await f.queries.partnerStatus('P-3'))!.evaluatedAt).toBe(new Date(horizonLater).toISOString());
  });

  it('records a change once even when an event arrives before the refresh ran', async () => {
    f.setNow('2022-06-01T00:00:00Z');
    await f.record('P-1', booked('2022-06-01', 'D-9', 'cloud-provider', 5));
    await f.projector.catchUp();
    expect(await f.projector.refreshDue()).toBe(1);
    const drops = (await f.queries.tierChanges({ afterSequence: 0, limit: 100 })).filter((c) => c.from === 'advanced');
    expect(drops.map((c) => [c.partnerId, c.at])).toEqual([
      ['P-1', '2022-02-01T12:00:00.000Z'],
      ['P-2', '2022-05-01T00:00:00.000Z'],
    ]);
  });
});

import { foldEvents } from '../as-of';
import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import { DEFAULT_CATALOG, catalogWith } from '../rules/ruleset-catalog';
import { toMillis } from '../support/time';
import { booked, competency, goodStanding, msc, trained } from '../testing/facts';
import { PARTNER } from '../testing/given';
import { forecast } from './forecast';

const NOW = '2021-06-01';
const vmcForecast = (events: Parameters<typeof foldEvents>[0], until: string, catalog = DEFAULT_CATALOG) =>
  forecast(foldEvents(events), catalog, PARTNER, toMillis(NOW), toMillis(until)).changes.filter((c) => c.area === 'vmc-on-aws');

describe('forecast', () => {
  const qualified = [...goodStanding('2021-01-01', '2022-12-31'), competency('2021-01-01', 'vmc-on-aws'), msc('2021-01-01', 'vmc-on-aws')];

  it('tells a deal leaving the window as a drop and how many credits would keep the tier', () => {
    const events = [...qualified, booked('2021-02-01', 'D-1', 'vmc-on-aws', 40_000), booked('2021-03-01', 'D-2', 'vmc-on-aws', 22_500)];
    expect(vmcForecast(events, '2022-06-01')).toEqual([
      expect.objectContaining({
        at: '2022-02-01T00:00:00.000Z',
        from: 'advanced',
        to: 'partner',
        direction: 'drop',
        causes: [{ kind: 'deal-left-window', dealId: 'D-1' }],
        prevention: [
          {
            action: 'book-credits',
            before: '2022-02-01T00:00:00.000Z',
            area: 'vmc-on-aws',
            credits: 27_500,
            text: 'book 27,500 credits in vmc-on-aws before 2022-02-01',
          },
        ],
      }),
    ]);
  });

  it('tells an MSC expiry as a badge lost, prevented by renewing the MSC', () => {
    const events = [...qualified.slice(0, -1), msc('2021-01-01', 'vmc-on-aws', '2021-09-30'), booked('2021-02-01', 'D-1', 'vmc-on-aws', 1_000_000)];
    const [drop] = vmcForecast(events, '2021-12-31');
    expect(drop).toMatchObject({ at: '2021-10-01T00:00:00.000Z', from: 'principal', to: 'advanced', badge: false, direction: 'drop' });
    expect(drop!.prevention).toEqual([
      {
        action: 'renew-msc',
        before: '2021-10-01T00:00:00.000Z',
        area: 'vmc-on-aws',
        msc: 'vmc-on-aws',
        text: 'renew or earn the vmc-on-aws master services competency before 2021-10-01',
      },
    ]);
  });

  it('tells an agreement expiry as a drop to no tier, prevented by renewing it', () => {
    const [drop] = vmcForecast(qualified, '2023-06-01');
    expect(drop).toMatchObject({ at: '2023-01-01T00:00:00.000Z', from: 'partner', to: null, direction: 'drop' });
    expect(drop!.prevention).toEqual([expect.objectContaining({ action: 'renew-agreement', requirement: 'agreement' })]);
  });

  it('counts the learners a training expiry leaves missing', () => {
    const events = [...qualified, trained('2021-01-01', 'vsp-foundation', 'L-2', '2021-08-31')];
    const [drop] = vmcForecast(events, '2021-12-31');
    expect(drop!.prevention).toEqual([
      expect.objectContaining({
        action: 'complete-training',
        courseId: 'vsp-foundation',
        learners: 1,
        text: 'have 1 more learner complete vsp-foundation before 2021-09-01',
      }),
    ]);
  });

  it('tells a later fact already known as a rise, with nothing to prevent', () => {
    const [rise] = vmcForecast([...qualified, booked('2021-07-01', 'D-1', 'vmc-on-aws', 60_000)], '2021-12-31');
    expect(rise).toMatchObject({ from: 'partner', to: 'advanced', direction: 'rise', prevention: [] });
  });

  it('prices a stricter ruleset taking effect from its own threshold', () => {
    const stricter = { ...PARTNER_CONNECT_FY21, id: 'strict', effectiveFrom: '2021-09-01', thresholds: { advanced: 75_000, principal: 2_000_000 } };
    const [drop] = vmcForecast([...qualified, booked('2021-02-01', 'D-1', 'vmc-on-aws', 60_000)], '2021-12-31', catalogWith([stricter]));
    expect(drop).toMatchObject({ at: '2021-09-01T00:00:00.000Z', ruleset: 'strict', causes: [{ kind: 'ruleset-took-effect', rulesetId: 'strict' }] });
    expect(drop!.prevention).toEqual([expect.objectContaining({ action: 'book-credits', credits: 15_000 })]);
  });

  it('reports the range it covers', () => {
    const result = forecast(foldEvents(qualified), DEFAULT_CATALOG, PARTNER, toMillis(NOW), toMillis('2021-07-01'));
    expect(result).toEqual({ partnerId: PARTNER, from: '2021-06-01T00:00:00.000Z', until: '2021-07-01T00:00:00.000Z', changes: [] });
  });
});

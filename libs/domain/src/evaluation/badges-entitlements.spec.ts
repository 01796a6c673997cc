import { booked, competency, diligence, goodStanding, msc, mscLapsed, reversed } from '../testing/facts';
import { statusAt } from '../testing/status-at';

// Badges and entitlements (docs/programme-rules.md §6), from the rules' words, with real dates and credits.

const START = '2021-01-01';

describe('badges', () => {
  const principal = [
    ...goodStanding(START),
    msc(START, 'digital-workspace'),
    competency(START, 'desktop-virtualization'),
    competency(START, 'mobility-management'),
    booked('2021-03-10T08:00:00Z', 'D-1', 'digital-workspace', 1_000_000),
  ];

  it('is granted when principal first holds, with that time as its since', () => {
    expect(statusAt(principal, '2021-03-10T07:59:59.999Z').badges).toEqual([]);
    const granted = statusAt(principal, '2021-03-10T08:00:00Z');
    expect(granted.badges).toEqual([{ area: 'digital-workspace', since: '2021-03-10T08:00:00.000Z' }]);
    expect(granted.areas['digital-workspace']).toMatchObject({ tier: 'principal', badge: true });
  });

  it('is revoked when principal stops holding, and granted again with a new since when it holds again', () => {
    const history = [...principal, mscLapsed('2021-05-01', 'digital-workspace'), msc('2021-06-15', 'digital-workspace')];
    const revoked = statusAt(history, '2021-05-01');
    expect(revoked.badges).toEqual([]);
    expect(revoked.areas['digital-workspace']).toMatchObject({ tier: 'advanced', badge: false });
    expect(statusAt(history, '2021-06-15').badges).toEqual([{ area: 'digital-workspace', since: '2021-06-15T00:00:00.000Z' }]);
  });

  it('is revoked when a reversal takes the credits under the principal threshold', () => {
    const history = [...principal, reversed('2021-04-01', 'D-1')];
    expect(statusAt(history, '2021-04-01').badges).toEqual([]);
    expect(statusAt(history, '2021-04-01').areas['digital-workspace']).toMatchObject({ tier: 'partner', credits: 0, badge: false });
  });
});

describe('entitlements', () => {
  it('gives deal registration in every area where a solution competency is held, from either list of the area', () => {
    const status = statusAt([...goodStanding(START), competency(START, 'business-continuity'), competency(START, 'sd-wan')], '2021-02-01');
    expect(status.entitlements).toEqual({ dealRegistration: ['data-center-virtualization', 'network-security'], coSelling: [], mscIncentives: [] });
  });

  it('gives no deal registration while a requirement is missing', () => {
    const rejected = [...goodStanding(START), competency(START, 'pks'), diligence('2021-01-15', 'rejected')];
    expect(statusAt(rejected, '2021-01-14').entitlements.dealRegistration).toEqual(['modern-applications']);
    expect(statusAt(rejected, '2021-01-15').entitlements.dealRegistration).toEqual([]);
  });

  it('gives co-selling only where the partner is principal, and MSC incentives where the MSC is held', () => {
    const status = statusAt(
      [
        ...goodStanding(START),
        msc(START, 'network-virtualization'),
        competency(START, 'network-virtualization'),
        booked('2021-02-01', 'D-1', 'network-security', 1_000_000),
        msc(START, 'cloud-provider'),
      ],
      '2021-03-01',
    );
    expect(status.areas['network-security'].tier).toBe('principal');
    expect(status.areas['cloud-provider'].tier).toBeNull();
    expect(status.entitlements).toEqual({
      dealRegistration: ['network-security'],
      coSelling: ['network-security'],
      mscIncentives: ['cloud-provider', 'network-security'],
    });
  });
});

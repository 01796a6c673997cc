import { renewalNoticeId } from './agreement-view';
import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import { catalogWith } from '../rules/ruleset-catalog';
import { booked, competency, competencyLapsed, goodStanding, msc, reversed, signed } from '../testing/facts';
import { PARTNER, given } from '../testing/given';
import { statusAt } from '../testing/status-at';

// What time alone, accelerators and rule versions do to a partner's status.

const START = '2021-01-01';
const vmc = [msc(START, 'vmc-on-aws'), competency(START, 'vmc-on-aws')];
const vmcPartner = [...goodStanding(START), ...vmc];

describe('credits', () => {
  it('multiplies by the accelerator, exactly, in integer hundredths', () => {
    const deals = [
      booked('2021-02-01', 'D-1', 'vmc-on-aws', 0.1, 1.1),
      booked('2021-02-01', 'D-2', 'vmc-on-aws', 0.2, 1.1),
      booked('2021-02-01', 'D-3', 'vmc-on-aws', 33_333.33, 1.5),
    ];
    // 0.11 + 0.22 + 50000.00 (49 999.995 rounds half up): floats would give 50000.33000000001.
    expect(statusAt([...vmcPartner, ...deals], '2021-03-01').areas['vmc-on-aws']).toMatchObject({ credits: 50_000.33, tier: 'advanced' });
  });

  it('stops counting a reversed deal from the reversal on', () => {
    const events = [...vmcPartner, booked('2021-02-01', 'D-1', 'vmc-on-aws', 60_000), reversed('2021-04-01', 'D-1')];
    expect(statusAt(events, '2021-03-31').areas['vmc-on-aws']).toMatchObject({ credits: 60_000, tier: 'advanced' });
    expect(statusAt(events, '2021-04-01').areas['vmc-on-aws']).toMatchObject({ credits: 0, tier: 'partner' });
  });

  it('counts a deal for exactly 365 days after its booking', () => {
    const events = [...vmcPartner, booked('2021-02-01T12:00:00Z', 'D-1', 'vmc-on-aws', 60_000)];
    expect(statusAt(events, '2021-02-01T11:59:59.999Z').areas['vmc-on-aws'].credits).toBe(0);
    expect(statusAt(events, '2022-02-01T11:59:59.999Z').areas['vmc-on-aws'].tier).toBe('advanced');
    expect(statusAt(events, '2022-02-01T12:00:00Z').areas['vmc-on-aws']).toMatchObject({ credits: 0, tier: 'partner' });
  });
});

describe('expiry', () => {
  it('drops a competency after its expiresOn day, and on a lapse', () => {
    const events = [...goodStanding(START), competency(START, 'pks', '2021-06-30')];
    expect(statusAt(events, '2021-06-30T23:59:59Z').areas['modern-applications'].tier).toBe('partner');
    expect(statusAt(events, '2021-07-01').areas['modern-applications'].tier).toBeNull();
    const lapsed = [...goodStanding(START), competency(START, 'pks'), competencyLapsed('2021-03-01', 'pks')];
    expect(statusAt(lapsed, '2021-03-01').areas['modern-applications'].tier).toBeNull();
  });

  it('drops the MSC and with it the badge and incentives after its expiresOn', () => {
    const events = [
      ...goodStanding(START),
      msc(START, 'vmc-on-aws', '2021-09-30'),
      competency(START, 'vmc-on-aws'),
      booked('2021-02-01', 'D-1', 'vmc-on-aws', 1_000_000),
    ];
    const before = statusAt(events, '2021-09-30');
    expect(before.badges).toEqual([{ area: 'vmc-on-aws', since: '2021-02-01T00:00:00.000Z' }]);
    expect(before.entitlements).toEqual({ dealRegistration: ['vmc-on-aws'], coSelling: ['vmc-on-aws'], mscIncentives: ['vmc-on-aws'] });
    const after = statusAt(events, '2021-10-01');
    expect(after.areas['vmc-on-aws']).toMatchObject({ tier: 'advanced', badge: false });
    expect(after.badges).toEqual([]);
    expect(after.entitlements).toEqual({ dealRegistration: ['vmc-on-aws'], coSelling: [], mscIncentives: [] });
  });
});

describe('programme versions', () => {
  it('is legacy before 2020-02-01: no tier, no ruleset', () => {
    const events = [...goodStanding('2019-06-01'), competency('2019-06-01', 'pks')];
    const legacy = statusAt(events, '2020-01-31T23:59:59Z');
    expect(legacy).toMatchObject({ programme: 'legacy', ruleset: null, goodStanding: false, requirements: [] });
    expect(legacy.areas['modern-applications']).toEqual({ tier: null, credits: 0, badge: false, next: null });
    expect(statusAt(events, '2020-02-01')).toMatchObject({ programme: 'partner-connect', ruleset: 'partner-connect-fy21' });
  });

  it('applies a second ruleset from its own date, with no code change', () => {
    const fy23 = { ...PARTNER_CONNECT_FY21, id: 'fy23', effectiveFrom: '2022-02-01', thresholds: { advanced: 80_000, principal: 1_500_000 } };
    const catalog = catalogWith([JSON.parse(JSON.stringify(fy23))]);
    const events = [...vmcPartner, booked('2022-01-15', 'D-1', 'vmc-on-aws', 60_000)];
    expect(statusAt(events, '2022-01-31T23:59:59.999Z', catalog)).toMatchObject({
      ruleset: 'partner-connect-fy21',
      areas: { 'vmc-on-aws': { tier: 'advanced' } },
    });
    const later = statusAt(events, '2022-02-01', catalog);
    expect(later.ruleset).toBe('fy23');
    expect(later.areas['vmc-on-aws'].next).toEqual({ tier: 'advanced', missing: ['credits:60000/80000'] });
  });
});

describe('agreement and renewal notice', () => {
  const agreement = signed('2026-02-01', 'A-1', '2026-02-01', '2027-01-31');
  const noticeId = renewalNoticeId(PARTNER, 'A-1', '2027-01-31');

  it('is null before any agreement was signed', () => {
    expect(statusAt([agreement], '2026-01-31').agreement).toBeNull();
  });

  it('shows the term with a pending notice due 60 days before expiresOn', () => {
    expect(statusAt([agreement], '2026-11-28T09:00:00Z').agreement).toEqual({
      agreementId: 'A-1',
      status: 'active',
      effectiveFrom: '2026-02-01',
      expiresOn: '2027-01-31',
      renewalNotice: { noticeId, dueOn: '2026-12-02', status: 'pending' },
    });
  });

  it('follows the notice through issued and acknowledged', () => {
    const issue = given(agreement).when({ type: 'IssueDueRenewalNotice', partnerId: PARTNER, now: '2026-12-02T00:00:05Z' }).decision;
    if (issue.kind !== 'accepted') throw new Error('not issued');
    const ack = given(agreement, ...issue.events).when({
      type: 'AcknowledgeRenewalNotice',
      partnerId: PARTNER,
      noticeId,
      now: '2026-12-03T00:00:00Z',
    }).decision;
    if (ack.kind !== 'accepted') throw new Error('not acknowledged');
    const history = [agreement, ...issue.events, ...ack.events];
    expect(statusAt(history, '2026-12-02T00:00:00Z').agreement?.renewalNotice.status).toBe('pending');
    expect(statusAt(history, '2026-12-02T12:00:00Z').agreement?.renewalNotice.status).toBe('issued');
    expect(statusAt(history, '2026-12-04').agreement?.renewalNotice.status).toBe('acknowledged');
    expect(statusAt(history, '2027-02-01').agreement?.status).toBe('expired');
  });

  it('shows the notice of a term signed with fewer than 60 days left as due on the day of signing', () => {
    const late = signed('2026-12-20T15:00:00Z', 'A-3', '2026-12-20', '2027-01-31');
    expect(statusAt([late], '2026-12-21').agreement?.renewalNotice).toEqual({
      noticeId: renewalNoticeId(PARTNER, 'A-3', '2027-01-31'),
      dueOn: '2026-12-20',
      status: 'pending',
    });
  });

  it('shows a signed agreement before its start as not yet effective', () => {
    const early = signed('2026-01-10', 'A-2', '2026-02-01', '2027-01-31');
    expect(statusAt([early], '2026-01-20').agreement?.status).toBe('not-yet-effective');
  });

  it("keeps the running term in force until a term signed ahead starts: the partner's tiers carry on", () => {
    const history = [
      ...goodStanding('2026-02-01', '2027-01-31'),
      ...vmc.map((fact) => ({ ...fact, meta: { ...fact.meta, occurredAt: '2026-02-01T00:00:00.000Z' } })),
      booked('2026-12-01', 'D-1', 'vmc-on-aws', 60_000),
      signed('2026-12-15', 'A-2', '2027-02-01', '2028-01-31'),
    ];
    const inGap = statusAt(history, '2027-01-20');
    expect(inGap).toMatchObject({ goodStanding: true, agreement: { agreementId: 'A-1', status: 'active', expiresOn: '2027-01-31' } });
    expect(inGap.areas['vmc-on-aws'].tier).toBe('advanced');
    expect(statusAt(history, '2027-02-01')).toMatchObject({ goodStanding: true, agreement: { agreementId: 'A-2', status: 'active' } });
    // With nothing running (the old term over), the new one shows as signed but not yet effective.
    expect(
      statusAt([signed('2025-01-01', 'A-1', '2025-01-01', '2025-12-31'), signed('2026-01-10', 'A-2', '2026-02-01', '2027-01-31')], '2026-01-20').agreement,
    ).toMatchObject({ agreementId: 'A-2', status: 'not-yet-effective' });
  });
});

import { BACKEND_SOURCE } from '../events/event';
import type { PartnerEvent } from '../events/partner-event';
import { tierRiskNoticeId } from '../forecast/tier-risk';
import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import { booked, competency, goodStanding, msc } from '../testing/facts';
import { PARTNER, given } from '../testing/given';
import type { Decision } from './decision';

const review = (now: string, leadDays = 30) => ({ type: 'ReviewTierRiskNotices' as const, partnerId: PARTNER, now, leadDays, catalog: DEFAULT_CATALOG });
const acknowledge = (noticeId: string, now = '2022-01-05T00:00:00.000Z') => ({ type: 'AcknowledgeTierRiskNotice' as const, partnerId: PARTNER, noticeId, now });
const eventsOf = (decision: Decision): PartnerEvent[] => (decision.kind === 'accepted' ? decision.events : []);

describe('decide: tier-at-risk notices', () => {
  const qualified = [...goodStanding('2021-01-01', '2022-12-31'), competency('2021-01-01', 'vmc-on-aws'), msc('2021-01-01', 'vmc-on-aws')];
  // D-1 leaves the 365-day window on 2022-02-01: vmc-on-aws drops from advanced to partner.
  const history = [...qualified, booked('2021-02-01', 'D-1', 'vmc-on-aws', 40_000), booked('2021-03-01', 'D-2', 'vmc-on-aws', 22_500)];
  const noticeId = tierRiskNoticeId(PARTNER, 'vmc-on-aws', '2022-02-01', { kind: 'deal-left-window', dealId: 'D-1' });
  const issued = eventsOf(given(...history).when(review('2022-01-02T00:00:00.000Z')).decision);

  it('issues nothing before the notice is due, and the notice on the day it is, 30 days before the drop', () => {
    given(...history)
      .when(review('2022-01-01T23:59:59.999Z'))
      .then();
    expect(issued).toEqual([
      {
        type: 'TierRiskNoticeIssued',
        data: {
          noticeId,
          area: 'vmc-on-aws',
          from: 'advanced',
          to: 'partner',
          at: '2022-02-01T00:00:00.000Z',
          dropOn: '2022-02-01',
          dueOn: '2022-01-02',
          causes: [{ kind: 'deal-left-window', dealId: 'D-1' }],
          prevention: [expect.objectContaining({ action: 'book-credits', credits: 27_500, before: '2022-02-01T00:00:00.000Z' })],
        },
        meta: { messageId: `tier-risk-issued:${noticeId}`, occurredAt: '2022-01-02T00:00:00.000Z', source: BACKEND_SOURCE },
      },
    ]);
  });

  it('takes the lead time from the command', () => {
    given(...history)
      .when(review('2021-12-02T00:00:00.000Z', 61))
      .then(
        ...issued.map(
          (event) =>
            ({ ...event, data: { ...event.data, dueOn: '2021-12-02' }, meta: { ...event.meta, occurredAt: '2021-12-02T00:00:00.000Z' } }) as PartnerEvent,
        ),
      );
  });

  it('issues each notice once, however often the scheduler reviews', () => {
    given(...history, ...issued)
      .when(review('2022-01-20T00:00:00.000Z'))
      .then();
  });

  it('issues one notice per cause of a drop', () => {
    const twoDeals = [
      ...qualified,
      booked('2021-02-01', 'D-1', 'vmc-on-aws', 20_000),
      booked('2021-02-01', 'D-3', 'vmc-on-aws', 20_000),
      booked('2021-03-01', 'D-2', 'vmc-on-aws', 22_500),
    ];
    const events = eventsOf(given(...twoDeals).when(review('2022-01-02T00:00:00.000Z')).decision);
    expect(events.map((event) => event.data)).toEqual([
      expect.objectContaining({ dropOn: '2022-02-01', causes: [{ kind: 'deal-left-window', dealId: 'D-1' }] }),
      expect.objectContaining({ dropOn: '2022-02-01', causes: [{ kind: 'deal-left-window', dealId: 'D-3' }] }),
    ]);
    expect(new Set(events.map((event) => (event.data as { noticeId: string }).noticeId)).size).toBe(2);
  });

  it('cancels an issued notice when a new fact prevents the drop', () => {
    const prevented = [...history, ...issued, booked('2022-01-10', 'D-4', 'vmc-on-aws', 30_000)];
    given(...prevented)
      .when(review('2022-01-10T00:00:01.000Z'))
      .then({
        type: 'TierRiskNoticeCancelled',
        data: { noticeId, reason: 'prevented' },
        meta: { messageId: `tier-risk-cancelled:${noticeId}`, occurredAt: '2022-01-10T00:00:01.000Z', source: BACKEND_SOURCE },
      });
  });

  it('leaves a notice whose drop happened as it was', () => {
    given(...history, ...issued)
      .when(review('2022-02-01T00:00:01.000Z'))
      .then();
  });

  it('acknowledges an issued notice once; a second acknowledgement changes nothing', () => {
    const acknowledged = eventsOf(given(...history, ...issued).when(acknowledge(noticeId)).decision);
    expect(acknowledged).toEqual([
      {
        type: 'TierRiskNoticeAcknowledged',
        data: { noticeId },
        meta: { messageId: `tier-risk-acknowledged:${noticeId}`, occurredAt: '2022-01-05T00:00:00.000Z', source: BACKEND_SOURCE },
      },
    ]);
    given(...history, ...issued, ...acknowledged)
      .when(acknowledge(noticeId, '2022-01-06T00:00:00.000Z'))
      .then();
  });

  it('refuses to acknowledge an unknown or a cancelled notice', () => {
    given(...history)
      .when(acknowledge(noticeId))
      .thenRejected('notice-not-found');
    const cancelled = eventsOf(
      given(...history, ...issued, booked('2022-01-10', 'D-4', 'vmc-on-aws', 30_000)).when(review('2022-01-11T00:00:00.000Z')).decision,
    );
    given(...history, ...issued, booked('2022-01-10', 'D-4', 'vmc-on-aws', 30_000), ...cancelled)
      .when(acknowledge(noticeId, '2022-01-12T00:00:00.000Z'))
      .thenRejected('notice-cancelled');
  });
});

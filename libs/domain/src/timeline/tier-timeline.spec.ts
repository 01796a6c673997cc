import { foldEvents } from '../as-of';
import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import { DEFAULT_CATALOG, catalogWith } from '../rules/ruleset-catalog';
import { toMillis } from '../support/time';
import { booked, competency, goodStanding, msc, reversed } from '../testing/facts';
import { tierTimeline } from './tier-timeline';

const START = '2021-01-01';
const timelineOf = (events: Parameters<typeof foldEvents>[0], to: string, catalog = DEFAULT_CATALOG, from?: string) =>
  tierTimeline(foldEvents(events), catalog, { to: toMillis(to), ...(from ? { from: toMillis(from) } : {}) }).filter((c) => c.area === 'vmc-on-aws');

describe('tier timeline', () => {
  const mscEarned = msc('2021-03-01', 'vmc-on-aws', '2021-12-31');
  const bigDeal = booked('2021-04-01', 'D-1', 'vmc-on-aws', 1_000_000);
  const events = [...goodStanding(START), competency(START, 'vmc-on-aws'), mscEarned, bigDeal];

  it('lists every change with when it took effect and why', () => {
    const completeAt = events[4]!; // due diligence: the last base requirement, at the same instant
    expect(timelineOf(events, '2022-06-01')).toEqual([
      {
        at: '2021-01-01T00:00:00.000Z',
        area: 'vmc-on-aws',
        from: null,
        to: 'partner',
        badge: false,
        ruleset: 'partner-connect-fy21',
        causes: expect.arrayContaining([{ kind: 'event', type: completeAt.type, messageId: completeAt.meta.messageId }]),
      },
      {
        at: '2021-04-01T00:00:00.000Z',
        area: 'vmc-on-aws',
        from: 'partner',
        to: 'principal',
        badge: true,
        ruleset: 'partner-connect-fy21',
        causes: [{ kind: 'event', type: 'CreditsBooked', messageId: bigDeal.meta.messageId }],
      },
      {
        at: '2022-01-01T00:00:00.000Z',
        area: 'vmc-on-aws',
        from: 'principal',
        to: 'advanced',
        badge: false,
        ruleset: 'partner-connect-fy21',
        causes: [{ kind: 'expired', what: 'msc:vmc-on-aws' }],
      },
      {
        at: '2022-04-01T00:00:00.000Z',
        area: 'vmc-on-aws',
        from: 'advanced',
        to: 'partner',
        badge: false,
        ruleset: 'partner-connect-fy21',
        causes: [{ kind: 'deal-left-window', dealId: 'D-1' }],
      },
    ]);
  });

  it('names a reversal as the cause of a fall', () => {
    const reversal = reversed('2021-05-01', 'D-1');
    expect(timelineOf([...events, reversal], '2021-06-01').at(-1)).toMatchObject({
      from: 'principal',
      to: 'partner',
      causes: [{ kind: 'event', type: 'CreditsReversed' }],
    });
  });

  it('returns only the changes inside the range', () => {
    expect(timelineOf(events, '2021-12-31', DEFAULT_CATALOG, '2021-01-01').map((c) => c.at)).toEqual(['2021-04-01T00:00:00.000Z']);
  });

  it('names a ruleset taking effect as a cause', () => {
    const stricter = { ...PARTNER_CONNECT_FY21, id: 'strict', effectiveFrom: '2021-06-01', thresholds: { advanced: 50_000, principal: 2_000_000 } };
    const changes = timelineOf(events, '2021-07-01', catalogWith([stricter]));
    expect(changes.at(-1)).toEqual({
      at: '2021-06-01T00:00:00.000Z',
      area: 'vmc-on-aws',
      from: 'principal',
      to: 'advanced',
      badge: false,
      ruleset: 'strict',
      causes: [{ kind: 'ruleset-took-effect', rulesetId: 'strict' }],
    });
  });

  it('starts tiers when the programme starts for a partner qualified in the legacy era', () => {
    const legacy = [...goodStanding('2019-05-01'), competency('2019-05-01', 'vmc-on-aws')];
    expect(timelineOf(legacy, '2020-03-01')).toEqual([
      {
        at: '2020-02-01T00:00:00.000Z',
        area: 'vmc-on-aws',
        from: null,
        to: 'partner',
        badge: false,
        ruleset: 'partner-connect-fy21',
        causes: [{ kind: 'ruleset-took-effect', rulesetId: 'partner-connect-fy21' }],
      },
    ]);
  });
});

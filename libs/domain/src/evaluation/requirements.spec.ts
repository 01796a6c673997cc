import { catalogWith } from '../rules/ruleset-catalog';
import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import type { PartnerEvent } from '../events/partner-event';
import { competency, diligence, feePaid, goodStanding, modelsChanged, revoked, signed, terminated, trained } from '../testing/facts';
import { statusAt } from '../testing/status-at';

// Base and operational requirements (docs/programme-rules.md §2–§3): each one missing blocks every tier.

const START = '2021-01-01';
const NOW = '2021-06-01';
const withCompetency = (events: PartnerEvent[]) => [...events, competency(START, 'pks')];
const without = (type: string, learner?: string) =>
  goodStanding(START).filter((e) => !(e.type === type && (learner === undefined || (e.data as { learnerId?: string }).learnerId === learner)));

describe('requirements', () => {
  it('lists every base requirement as met for a partner in good standing', () => {
    const status = statusAt(withCompetency(goodStanding(START)), NOW);
    expect(status.goodStanding).toBe(true);
    expect(status.requirements).toEqual([
      { id: 'agreement', met: true, detail: 'agreement A-1 active until 2099-12-31' },
      { id: 'vsp-foundation', met: true, detail: '2 of 2 learners' },
      { id: 'ethics-compliance', met: true, detail: '1 of 1 learners' },
      { id: 'due-diligence', met: true, detail: 'approved' },
    ]);
    expect(status.areas['modern-applications'].tier).toBe('partner');
  });

  it.each([
    ['agreement', without('AgreementSigned'), 'no Partner Connect agreement signed'],
    ['vsp-foundation', without('TrainingCompleted', 'L-2'), '1 of 2 learners'],
    ['due-diligence', without('DueDiligenceCompleted'), 'not completed'],
  ])('without %s no tier holds', (id, events, detail) => {
    const status = statusAt(withCompetency(events), NOW);
    expect(status.goodStanding).toBe(false);
    expect(status.requirements.find((r) => r.id === id)).toEqual({ id, met: false, detail });
    expect(status.areas['modern-applications'].tier).toBeNull();
    expect(status.areas['modern-applications'].next?.missing).toContain(`requirement:${id}`);
  });

  it('counts two distinct people for vsp-foundation, not one person twice', () => {
    const events = [...without('TrainingCompleted', 'L-2'), trained('2021-02-01', 'vsp-foundation', 'L-1')];
    expect(statusAt(withCompetency(events), NOW).requirements[1]).toMatchObject({ id: 'vsp-foundation', met: false });
  });

  it('needs ethics-compliance, and a rejected due diligence does not count', () => {
    const noEthics = goodStanding(START).filter((e) => !(e.type === 'TrainingCompleted' && e.data.courseId === 'ethics-compliance'));
    expect(statusAt(withCompetency(noEthics), NOW).goodStanding).toBe(false);
    const rejected = [...without('DueDiligenceCompleted'), diligence(START, 'rejected')];
    expect(statusAt(rejected, NOW).requirements[3]).toEqual({ id: 'due-diligence', met: false, detail: 'rejected' });
  });

  it('drops a learner whose training was revoked', () => {
    const events = [...goodStanding(START), revoked('2021-03-01', 'vsp-foundation', 'L-2')];
    expect(statusAt(events, '2021-02-01').goodStanding).toBe(true);
    expect(statusAt(events, NOW).requirements[1]).toEqual({ id: 'vsp-foundation', met: false, detail: '1 of 2 learners' });
  });

  it.each([
    ['cloud-services', 'vop-cp'],
    ['subscription-software', 'vop-se'],
  ] as const)('a partner declaring %s also needs %s', (model, course) => {
    const declared = [...withCompetency(goodStanding(START)), modelsChanged('2021-02-01', ['solution-provider', model])];
    const blocked = statusAt(declared, NOW);
    expect(blocked.requirements.at(-1)).toEqual({ id: course, met: false, detail: '0 of 1 learners' });
    expect(blocked.areas['modern-applications'].tier).toBeNull();
    const trainedToo = statusAt([...declared, trained('2021-03-01', course, 'L-3')], NOW);
    expect(trainedToo.goodStanding).toBe(true);
    expect(trainedToo.businessModels).toEqual(['solution-provider', model]);
  });

  it('a terminated or expired agreement blocks every tier', () => {
    const ended = [...withCompetency(goodStanding(START)), terminated('2021-03-01', 'A-1')];
    expect(statusAt(ended, NOW).requirements[0]).toEqual({ id: 'agreement', met: false, detail: 'agreement A-1 terminated' });
    const short = [signed(START, 'A-1', START, '2021-05-31'), ...goodStanding(START).slice(1), competency(START, 'pks')];
    expect(statusAt(short, '2021-05-31T23:59:59.999Z').areas['modern-applications'].tier).toBe('partner');
    expect(statusAt(short, '2021-06-01').requirements[0]).toEqual({ id: 'agreement', met: false, detail: 'agreement A-1 expired on 2021-05-31' });
  });

  it('holds the agreement from 00:00 UTC of effectiveFrom: before it, signed but not yet effective, no tier', () => {
    const early = [signed('2020-12-15', 'A-1', START, '2021-12-31'), ...withCompetency(goodStanding('2020-12-15').slice(1))];
    const before = statusAt(early, '2020-12-31T23:59:59.999Z');
    expect(before.requirements[0]).toEqual({ id: 'agreement', met: false, detail: 'agreement A-1 takes effect on 2021-01-01' });
    expect(before.areas['modern-applications'].tier).toBeNull();
    expect(statusAt(early, '2021-01-01T00:00:00Z').areas['modern-applications'].tier).toBe('partner');
  });

  it('counts a learner through the expiresOn day of the training, not after', () => {
    const events = [...without('TrainingCompleted', 'L-2'), trained(START, 'vsp-foundation', 'L-2', '2021-06-30')];
    expect(statusAt(events, '2021-06-30T23:59:59.999Z').requirements[1]).toEqual({ id: 'vsp-foundation', met: true, detail: '2 of 2 learners' });
    expect(statusAt(events, '2021-07-01').requirements[1]).toEqual({ id: 'vsp-foundation', met: false, detail: '1 of 2 learners' });
  });

  it('applies an operational requirement from the business-model change that declares it, and no longer once it is dropped', () => {
    const events = [
      ...withCompetency(goodStanding(START)),
      modelsChanged('2021-03-01T12:00:00Z', ['solution-provider', 'subscription-software']),
      modelsChanged('2021-05-01', ['solution-provider']),
    ];
    const ids = (time: string) => statusAt(events, time).requirements.map((r) => r.id);
    expect(ids('2021-03-01T11:59:59.999Z')).not.toContain('vop-se');
    expect(ids('2021-03-01T12:00:00Z')).toContain('vop-se');
    expect(statusAt(events, '2021-04-01').areas['modern-applications'].tier).toBeNull();
    expect(ids('2021-05-01')).not.toContain('vop-se');
    expect(statusAt(events, '2021-05-01').areas['modern-applications'].tier).toBe('partner');
  });

  it('checks the programme fee only when a ruleset turns it on', () => {
    const withFee = {
      ...PARTNER_CONNECT_FY21,
      id: 'fee-2021',
      effectiveFrom: '2021-04-01',
      requirements: [...PARTNER_CONNECT_FY21.requirements, { id: 'programme-fee', kind: 'programme-fee' }],
    };
    const catalog = catalogWith([withFee]);
    expect(statusAt(goodStanding(START), NOW, catalog).requirements.at(-1)).toEqual({ id: 'programme-fee', met: false, detail: 'not paid for this period' });
    const paid = [...goodStanding(START), feePaid('2021-04-02', '2021-12-31')];
    expect(statusAt(paid, NOW, catalog).goodStanding).toBe(true);
    expect(statusAt(paid, '2022-01-01', catalog).goodStanding).toBe(false);
    expect(statusAt(paid, '2021-03-01', catalog).requirements.map((r) => r.id)).not.toContain('programme-fee');
  });
});

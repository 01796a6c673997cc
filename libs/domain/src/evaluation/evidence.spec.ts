import { foldEvents } from '../as-of';
import type { PartnerEvent } from '../events/partner-event';
import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import { DEFAULT_CATALOG, createRulesetCatalog } from '../rules/ruleset-catalog';
import { toMillis } from '../support/time';
import { booked, competency, diligence, feePaid, fact, modelsChanged, msc, renewed, reversed, terminated, trained } from '../testing/facts';
import { PARTNER } from '../testing/given';
import { statusAt } from '../testing/status-at';
import { evaluateStatus } from './evaluate-status';

// The evidence of a status, by example: which messages make each clause met, what is missing.

const evidenceAt = (history: PartnerEvent[], time: string) => evaluateStatus(foldEvents(history), DEFAULT_CATALOG, PARTNER, toMillis(time), { evidence: true });

describe('evidence of a status', () => {
  const agreement = fact(
    'AgreementSigned',
    '2021-01-01',
    { agreementId: 'A-1', effectiveFrom: '2021-01-01', expiresOn: '2021-12-31', businessModels: ['solution-provider'] },
    { messageId: 'crm-1' },
  );
  const renewal = { ...renewed('2021-11-01', 'A-1', '2022-12-31'), meta: { ...agreement.meta, messageId: 'crm-2', occurredAt: '2021-11-01T00:00:00.000Z' } };
  const learner1 = { ...trained('2021-01-02', 'vsp-foundation', 'L-1'), meta: { ...agreement.meta, messageId: 'lms-1' } };
  const learner2 = { ...trained('2021-01-03', 'vsp-foundation', 'L-2', '2023-01-31'), meta: { ...agreement.meta, messageId: 'lms-2' } };
  const ethics = trained('2021-01-02', 'ethics-compliance', 'L-1');
  const approved = diligence('2021-01-04');
  const hci = competency('2021-02-01', 'hci', '2027-05-01');
  const serverVirtualization = competency('2021-02-01', 'server-virtualization');
  const dcvMsc = msc('2021-02-01', 'data-center-virtualization');
  const inWindow = [booked('2021-03-01', 'D-1', 'data-center-virtualization', 600_000), booked('2021-04-01', 'D-2', 'data-center-virtualization', 300_000, 2)];
  const leftWindow = booked('2020-01-02', 'D-0', 'data-center-virtualization', 900_000);
  const reversedDeal = booked('2021-05-01', 'D-3', 'data-center-virtualization', 900_000);
  const history = [
    agreement,
    renewal,
    learner1,
    learner2,
    ethics,
    approved,
    hci,
    serverVirtualization,
    dcvMsc,
    ...inWindow,
    leftWindow,
    reversedDeal,
    reversed('2021-05-02', 'D-3'),
  ];

  it('names the agreement, its renewal, both learners, due diligence: the messages of every met requirement', () => {
    const { requirements } = evidenceAt(history, '2021-12-01');
    expect(requirements.map((r) => [r.id, r.met, r.evidence])).toEqual([
      [
        'agreement',
        true,
        {
          facts: [
            { messageId: 'crm-1', why: 'agreement A-1 signed, effective from 2021-01-01' },
            { messageId: 'crm-2', why: 'agreement A-1 renewed until 2022-12-31' },
          ],
          missing: [],
        },
      ],
      [
        'vsp-foundation',
        true,
        {
          facts: [
            { messageId: 'lms-1', why: 'learner L-1 completed vsp-foundation' },
            { messageId: 'lms-2', why: 'learner L-2 completed vsp-foundation until 2023-01-31' },
          ],
          missing: [],
        },
      ],
      ['ethics-compliance', true, { facts: [{ messageId: ethics.meta.messageId, why: 'learner L-1 completed ethics-compliance' }], missing: [] }],
      ['due-diligence', true, { facts: [{ messageId: approved.meta.messageId, why: 'due diligence approved' }], missing: [] }],
    ]);
  });

  it('names the MSC, the competencies and exactly the deals counting in the window, whose credits sum to the area credits', () => {
    const area = evidenceAt(history, '2021-12-01').areas['data-center-virtualization'];
    expect(area).toMatchObject({ tier: 'principal', credits: 1_200_000 });
    expect(area.evidence).toEqual({
      facts: [
        { messageId: dcvMsc.meta.messageId, why: 'master services competency data-center-virtualization granted' },
        { messageId: serverVirtualization.meta.messageId, why: 'competency server-virtualization granted' },
        { messageId: hci.meta.messageId, why: 'competency hci granted until 2027-05-01' },
        { messageId: inWindow[0]!.meta.messageId, why: 'deal D-1: 600,000 credits in window' },
        { messageId: inWindow[1]!.meta.messageId, why: 'deal D-2: 600,000 credits in window' },
      ],
      missing: [],
    });
  });

  it('says what is missing for an unmet clause: a learner short, and the area’s next tier the requirement it blocks', () => {
    const status = evidenceAt([agreement, learner1, ethics, approved, serverVirtualization, inWindow[0]!], '2021-06-01');
    expect(status.requirements.find((r) => r.id === 'vsp-foundation')).toEqual({
      id: 'vsp-foundation',
      met: false,
      detail: '1 of 2 learners',
      evidence: { facts: [{ messageId: 'lms-1', why: 'learner L-1 completed vsp-foundation' }], missing: ['learner:vsp-foundation:1/2'] },
    });
    const area = status.areas['data-center-virtualization'];
    expect(area.tier).toBeNull();
    expect(area.evidence.missing).toEqual(area.next!.missing);
    expect(area.evidence.missing).toEqual(['requirement:vsp-foundation']);
  });

  it('names the termination of an ended agreement and the rejecting due diligence', () => {
    const status = evidenceAt([agreement, terminated('2021-03-01', 'A-1'), diligence('2021-01-05', 'rejected')], '2021-06-01');
    const byId = Object.fromEntries(status.requirements.map((r) => [r.id, r.evidence]));
    expect(byId['agreement']!.facts.map((f) => f.why)).toEqual(['agreement A-1 signed, effective from 2021-01-01', 'agreement A-1 terminated']);
    expect(byId['agreement']!.missing).toEqual(['agreement']);
    expect(byId['due-diligence']).toEqual({ facts: [{ messageId: expect.any(String), why: 'due diligence rejected' }], missing: ['due-diligence'] });
  });

  it('names the business-model change that makes an operational requirement apply, and a fee payment', () => {
    const models = modelsChanged('2021-02-01', ['solution-provider', 'cloud-services']);
    const fee = feePaid('2021-02-01', '2021-12-31');
    const catalog = createRulesetCatalog([
      { ...PARTNER_CONNECT_FY21, requirements: [...PARTNER_CONNECT_FY21.requirements, { id: 'programme-fee', kind: 'programme-fee' }] },
    ]);
    const status = evaluateStatus(foldEvents([agreement, models, fee]), catalog, PARTNER, toMillis('2021-06-01'), { evidence: true });
    const byId = Object.fromEntries(status.requirements.map((r) => [r.id, r.evidence]));
    expect(byId['vop-cp']).toEqual({
      facts: [{ messageId: models.meta.messageId, why: 'business model cloud-services makes vop-cp apply' }],
      missing: ['learner:vop-cp:0/1'],
    });
    expect(byId['programme-fee']).toEqual({ facts: [{ messageId: fee.meta.messageId, why: 'programme fee paid through 2021-12-31' }], missing: [] });
  });

  it('leaves the status itself unchanged, and adds nothing when evidence is not asked for', () => {
    const evidenced = evidenceAt(history, '2021-12-01');
    const plain = statusAt(history, '2021-12-01');
    expect(JSON.stringify(plain)).not.toContain('evidence');
    expect(evidenced).toEqual({
      ...plain,
      requirements: plain.requirements.map((r, i) => ({ ...r, evidence: evidenced.requirements[i]!.evidence })),
      areas: Object.fromEntries(
        Object.entries(plain.areas).map(([area, s]) => [area, { ...s, evidence: evidenced.areas[area as keyof typeof plain.areas].evidence }]),
      ),
    });
    expect(evidenced.requirements.every((r) => r.evidence.facts.every((f) => history.some((e) => e.meta.messageId === f.messageId)))).toBe(true);
  });
});

import { type TestApp, envelope, startTestApp } from './test-app';

// An auditor goes from a tier to the upstream messages behind it: every evidence fact is a stored
// event of the partner's history, with the same position, type, times and source.

type Fact = { messageId: string; position: number; type: string; occurredAt: string; recordedAt: string; source: string; why: string };
type Evidence = { facts: Fact[]; missing: string[] };
type HistoryItem = { messageId: string; position: number; type: string; occurredAt: string; recordedAt: string; source: string; data: Record<string, unknown> };

describe('evidence behind a status (auditor)', () => {
  const partner = 'P-EVIDENCE-1';
  const area = 'data-center-virtualization';
  const at = (messageId: string, type: string, data: Record<string, unknown>, occurredAt: string) => envelope(type, partner, data, occurredAt, messageId);
  let t: TestApp;
  let history: HistoryItem[];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-28T09:00:00.000Z' });
    const events = [
      at(
        'crm-sign',
        'AgreementSigned',
        { agreementId: 'A-1', effectiveFrom: '2026-02-01', expiresOn: '2027-01-31', businessModels: ['solution-provider'] },
        '2026-02-01T00:00:00Z',
      ),
      at('lms-1', 'TrainingCompleted', { courseId: 'vsp-foundation', learnerId: 'L-1' }, '2026-02-01T01:00:00Z'),
      at('lms-2', 'TrainingCompleted', { courseId: 'vsp-foundation', learnerId: 'L-2' }, '2026-02-01T02:00:00Z'),
      at('lms-3', 'TrainingCompleted', { courseId: 'ethics-compliance', learnerId: 'L-1' }, '2026-02-01T03:00:00Z'),
      at('dd-1', 'DueDiligenceCompleted', { outcome: 'approved' }, '2026-02-01T04:00:00Z'),
      at('comp-sv', 'SolutionCompetencyEarned', { competency: 'server-virtualization' }, '2026-02-02T00:00:00Z'),
      at('comp-hci', 'SolutionCompetencyEarned', { competency: 'hci', expiresOn: '2027-05-01' }, '2026-02-02T00:00:00Z'),
      at('msc-dcv', 'MasterServicesCompetencyEarned', { competency: area }, '2026-02-02T00:00:00Z'),
      at('deal-old', 'CreditsBooked', { dealId: 'D-0', area, credits: 900_000 }, '2025-10-01T00:00:00Z'),
      at('deal-1', 'CreditsBooked', { dealId: 'D-1', area, credits: 700_000 }, '2026-03-01T00:00:00Z'),
      at('deal-2', 'CreditsBooked', { dealId: 'D-2', area, credits: 200_000, accelerator: { code: 'Q3', multiplier: 2 } }, '2026-04-01T00:00:00Z'),
      at('deal-3', 'CreditsBooked', { dealId: 'D-3', area, credits: 500_000 }, '2026-05-01T00:00:00Z'),
      at('deal-3-back', 'CreditsReversed', { dealId: 'D-3' }, '2026-05-02T00:00:00Z'),
    ];
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    expect(body.results.map((r: { outcome: string }) => r.outcome)).toEqual(events.map(() => 'appended'));
    history = (await t.http.get(`/v1/partners/${partner}/history`).set(t.as('auditor')).expect(200)).body.items;
  });
  afterAll(() => t.close());

  const stored = (messageId: string) => history.find((item) => item.messageId === messageId)!;
  const ids = (evidence: Evidence) => evidence.facts.map((fact) => fact.messageId);

  it('goes from the principal tier to the MSC, both competencies and the deals in the window, each a stored event', async () => {
    const { body } = await t.http.get(`/v1/partners/${partner}?evidence=true`).set(t.as('auditor')).expect(200);
    expect(body.evaluatedAt).toBe('2026-11-28T09:00:00.000Z');
    const dcv = body.areas[area] as { tier: string; credits: number; evidence: Evidence };
    expect(dcv).toMatchObject({ tier: 'principal', credits: 1_100_000, evidence: { missing: [] } });
    expect(ids(dcv.evidence)).toEqual(['msc-dcv', 'comp-sv', 'comp-hci', 'deal-1', 'deal-2']);
    for (const fact of dcv.evidence.facts) {
      const { position, type, occurredAt, recordedAt, source } = stored(fact.messageId);
      expect(fact).toEqual({ messageId: fact.messageId, position, type, occurredAt, recordedAt, source, why: expect.any(String) });
    }
    const credits = dcv.evidence.facts
      .map((fact) => stored(fact.messageId).data)
      .filter((data) => 'dealId' in data)
      .reduce((sum, data) => sum + (data['credits'] as number) * ((data['accelerator'] as { multiplier: number } | undefined)?.multiplier ?? 1), 0);
    expect(credits).toBe(dcv.credits);
    expect(dcv.evidence.facts.find((fact) => fact.messageId === 'deal-2')!.why).toBe('deal D-2: 400,000 credits in window');
  });

  it('names the two VSP learners, the agreement and due diligence behind the requirements', async () => {
    const { body } = await t.http.get(`/v1/partners/${partner}?evidence=true`).set(t.as('auditor')).expect(200);
    const byId = Object.fromEntries((body.requirements as { id: string; evidence: Evidence }[]).map((r) => [r.id, ids(r.evidence)]));
    expect(byId).toEqual({ agreement: ['crm-sign'], 'vsp-foundation': ['lms-1', 'lms-2'], 'ethics-compliance': ['lms-3'], 'due-diligence': ['dd-1'] });
  });

  it('explains an asOf status with evidence=true only: the deal then still in the window, what was missing', async () => {
    const { body } = await t.http.get(`/v1/partners/${partner}?asOf=2026-02-15&evidence=true`).set(t.as('auditor')).expect(200);
    expect(body.areas[area]).toMatchObject({ tier: 'advanced', credits: 900_000, evidence: { missing: ['credits:900000/1000000'] } });
    expect(ids(body.areas[area].evidence)).toEqual(['msc-dcv', 'comp-sv', 'comp-hci', 'deal-old']);
    const plain = await t.http.get(`/v1/partners/${partner}?asOf=2026-02-15`).set(t.as('auditor')).expect(200);
    expect(JSON.stringify(plain.body)).not.toContain('evidence');
  });

  it('is for auditors, and takes true or false only', async () => {
    const refused = await t.http.get(`/v1/partners/${partner}?evidence=true`).set(t.as('reader')).expect(403);
    expect(refused.body.message).toBe('asOf, knownAt and evidence need the auditor role; the key has reader');
    const bad = await t.http.get(`/v1/partners/${partner}?evidence=yes`).set(t.as('auditor')).expect(400);
    expect(bad.body.message).toMatch(/evidence/);
    const off = await t.http.get(`/v1/partners/${partner}?evidence=false`).set(t.as('reader')).expect(200);
    expect(JSON.stringify(off.body)).not.toContain('evidence');
    await t.http.get(`/v1/partners/P-NOBODY?evidence=true`).set(t.as('auditor')).expect(404);
  });
  it('with knownAt, names only the facts recorded by then: a back-dated deal recorded later is in the evidence of now, not of before', async () => {
    t.clock.now = new Date('2026-11-29T09:00:00.000Z');
    const late = at('deal-late', 'CreditsBooked', { dealId: 'D-9', area, credits: 50_000 }, '2026-03-10T00:00:00Z');
    await t.http.post('/v1/events').set(t.as('publisher')).send(late).expect(201);
    const before = await t.http.get(`/v1/partners/${partner}?asOf=2026-06-01&knownAt=2026-11-28T09:00:00Z&evidence=true`).set(t.as('auditor')).expect(200);
    expect(before.body).toMatchObject({ knownAt: '2026-11-28T09:00:00.000Z', areas: { [area]: { credits: 2_000_000 } } });
    expect(ids(before.body.areas[area].evidence)).toEqual(['msc-dcv', 'comp-sv', 'comp-hci', 'deal-old', 'deal-1', 'deal-2']);
    const now = await t.http.get(`/v1/partners/${partner}?asOf=2026-06-01&evidence=true`).set(t.as('auditor')).expect(200);
    expect(now.body.areas[area].credits).toBe(2_050_000);
    const fact = now.body.areas[area].evidence.facts.find((f: Fact) => f.messageId === 'deal-late');
    expect(fact).toMatchObject({ recordedAt: '2026-11-29T09:00:00.000Z', occurredAt: '2026-03-10T00:00:00Z', why: 'deal D-9: 50,000 credits in window' });
  });
});

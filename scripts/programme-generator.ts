// ── A realistic, seeded partner programme (for the demo and the benchmarks) ────────────────────
// Two years of facts per partner: an agreement (most renewed), trainings, due diligence,
// competencies (some expiring), MSCs for the strongest partners, and deals with accelerators and
// the odd reversal. Seeded, so two runs produce the same messages.

export type Envelope = { messageId: string; type: string; partnerId: string; occurredAt: string; source: string; data: Record<string, unknown> };

const AREAS: [string, string[], string][] = [
  ['data-center-virtualization', ['server-virtualization', 'hci', 'business-continuity'], 'data-center-virtualization'],
  ['cloud-management-automation', ['management-automation', 'operations-management'], 'cloud-management-automation'],
  ['vmc-on-aws', ['vmc-on-aws'], 'vmc-on-aws'],
  ['cloud-provider', ['cloud-provider'], 'cloud-provider'],
  ['modern-applications', ['pks'], 'modern-applications'],
  ['network-security', ['network-virtualization', 'sd-wan'], 'network-virtualization'],
  ['digital-workspace', ['desktop-virtualization', 'mobility-management'], 'digital-workspace'],
];
const DAY = 86_400_000;

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ProgrammeOptions = { partners: number; dealsPerPartner: number; seed?: number; end?: Date; prefix?: string };

/** Every message of the programme, partner by partner; deals arrive out of business-time order, as they do upstream. */
export function* programme(options: ProgrammeOptions): Generator<Envelope> {
  const rnd = random(options.seed ?? 42);
  const end = (options.end ?? new Date('2026-11-01T00:00:00Z')).getTime();
  for (let p = 0; p < options.partners; p++) yield* partner(`${options.prefix ?? 'P'}-${String(p).padStart(6, '0')}`, rnd, end, options.dealsPerPartner);
}

function* partner(partnerId: string, rnd: () => number, end: number, meanDeals: number): Generator<Envelope> {
  let seq = 0;
  const start = end - 730 * DAY + Math.floor(rnd() * 120) * DAY;
  const at = (t: number) => new Date(Math.min(t, end)).toISOString();
  const message = (type: string, t: number, data: Record<string, unknown>, source = 'crm'): Envelope => ({
    messageId: `${partnerId}-${++seq}`,
    type,
    partnerId,
    occurredAt: at(t),
    source,
    data,
  });
  const date = (t: number) => new Date(t).toISOString().slice(0, 10);
  const cloud = rnd() < 0.25;
  const agreementId = `A-${partnerId}`;
  yield message(
    'AgreementSigned',
    start,
    {
      agreementId,
      effectiveFrom: date(start),
      expiresOn: date(start + 364 * DAY),
      businessModels: cloud ? ['solution-provider', 'cloud-services'] : ['solution-provider'],
    },
    'contracts',
  );
  const learners = 2 + Math.floor(rnd() * 5);
  for (let l = 0; l < learners; l++)
    yield message('TrainingCompleted', start + (5 + l * 7) * DAY, { courseId: 'vsp-foundation', learnerId: `${partnerId}-L${l}` }, 'lms');
  yield message('TrainingCompleted', start + 10 * DAY, { courseId: 'ethics-compliance', learnerId: `${partnerId}-L0` }, 'lms');
  if (cloud) yield message('TrainingCompleted', start + 12 * DAY, { courseId: 'vop-cp', learnerId: `${partnerId}-L1` }, 'lms');
  yield message('DueDiligenceCompleted', start + 20 * DAY, { outcome: rnd() < 0.95 ? 'approved' : 'rejected' }, 'compliance');
  const [area, competencies, msc] = AREAS[Math.floor(rnd() * AREAS.length)]!;
  for (const competency of competencies.slice(0, 1 + Math.floor(rnd() * competencies.length))) {
    const expiresOn = rnd() < 0.3 ? { expiresOn: date(start + (200 + rnd() * 400) * DAY) } : {};
    yield message('SolutionCompetencyEarned', start + 30 * DAY, { competency, ...expiresOn }, 'lms');
  }
  const strong = rnd() < 0.3;
  if (strong) yield message('MasterServicesCompetencyEarned', start + 45 * DAY, { competency: msc }, 'lms');
  if (rnd() < 0.7) yield message('AgreementRenewed', start + 330 * DAY, { agreementId, expiresOn: date(start + 729 * DAY) }, 'contracts');
  const deals = Math.max(1, Math.round(meanDeals * (0.5 + rnd())));
  const size = strong ? 120_000 : 9_000;
  for (let d = 0; d < deals; d++) {
    const t = start + 40 * DAY + Math.floor(rnd() * 680) * DAY;
    const credits = Math.round(size * (0.2 + rnd() * 1.6) * 100) / 100;
    const accelerator = rnd() < 0.2 ? { accelerator: { code: 'Q-BOOST', multiplier: [1.1, 1.25, 1.5, 2][Math.floor(rnd() * 4)] } } : {};
    const stage = { lifecycleStage: ['land', 'adopt', 'expand', 'renew'][Math.floor(rnd() * 4)] };
    const dealArea = rnd() < 0.8 ? area : AREAS[Math.floor(rnd() * AREAS.length)]![0];
    yield message('CreditsBooked', t, { dealId: `${partnerId}-D${d}`, area: dealArea, credits, ...accelerator, ...stage });
    if (rnd() < 0.03) yield message('CreditsReversed', t + 20 * DAY, { dealId: `${partnerId}-D${d}` });
  }
}

/**
 * The same messages as concurrent upstream systems would send them: `width` partners at a time,
 * one message from each in turn, each partner's own messages still in order. A partner whose
 * messages run out is replaced by the next one.
 */
export function* interleaved(messages: Iterable<Envelope>, width: number): Generator<Envelope> {
  const source = messages[Symbol.iterator]();
  let pending = source.next();
  /** The next partner's consecutive messages, or undefined once the source is exhausted. */
  const nextPartner = (): Envelope[] | undefined => {
    if (pending.done) return undefined;
    const group = [pending.value];
    for (pending = source.next(); !pending.done && pending.value.partnerId === group[0]!.partnerId; pending = source.next()) group.push(pending.value);
    return group;
  };
  const lanes: Envelope[][] = [];
  while (lanes.length < width) {
    const group = nextPartner();
    if (!group) break;
    lanes.push(group);
  }
  while (lanes.length > 0) {
    for (let i = 0; i < lanes.length;) {
      yield lanes[i]!.shift()!;
      if (lanes[i]!.length > 0) i++;
      else {
        const refill = nextPartner();
        if (refill) lanes[i++] = refill;
        else lanes.splice(i, 1);
      }
    }
  }
}

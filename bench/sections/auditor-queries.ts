import { programme } from '../../scripts/programme-generator';
import { type BenchOptions, type Figure, round } from '../support';
import { evidenceFigures } from './evidence-cost';
import { latencyOf, postAll, withService } from './http';

// ── Auditor queries on one large partner, against the built service in a child process ───────
// One partner with ~14,000 events (1,400 with --tiny), recorded in two halves so that a knownAt
// between them folds half of the stream. Each figure: p50 over the samples, p99 beside it.
// Every auditor measurement (knownAt, evidence: evidence-cost.ts) takes the same partner: `measurements`.

/** The service and the partner every auditor measurement queries. */
export type AuditorSubject = Readonly<{ url: string; partnerId: string; events: number; midway: string; samples: number }>;

type Measurement = (subject: AuditorSubject, add: (figure: Figure) => void) => Promise<void>;

const measurements: readonly Measurement[] = [knownAtFigures, evidenceFigures];

export async function auditorFigures(o: BenchOptions, add: (figure: Figure) => void): Promise<void> {
  await withService('auditor', async (url) => {
    const messages = [...programme({ partners: 1, dealsPerPartner: o.tiny ? 1_000 : 10_000, prefix: 'AUD' })];
    const half = messages.length >> 1;
    await postAll(url, messages.slice(0, half));
    const midway = new Date().toISOString();
    await postAll(url, messages.slice(half));
    const subject = { url, partnerId: messages[0]!.partnerId, events: messages.length, midway, samples: o.tiny ? 5 : 50 };
    for (const measure of measurements) await measure(subject, add);
  });
}

/**
 * knownAt = now is answered by the cached fold (nothing in it was recorded later); a knownAt in the
 * past reads the stream whole and folds the events recorded by then afresh. Beside each, the
 * same query without knownAt (the cached fold).
 */
async function knownAtFigures(s: AuditorSubject, add: (figure: Figure) => void): Promise<void> {
  const size = `partner with ${s.events.toLocaleString('en-US')} events`;
  const latency = (path: string) => latencyOf(s.url, `/v1/partners/${s.partnerId}${path}`, s.samples);
  await latency('?asOf=2026-06-01'); // warm-up: the cached fold is built once
  const cached = await latency('?asOf=2026-06-01');
  const cachedTimeline = await latency('/timeline');
  const versus = (p50: number, plain: { p50: number }) => `${round(p50 / plain.p50, 1)}× the same query without knownAt (${round(plain.p50, 1)} ms)`;
  const figure = (id: string, label: string, result: { p50: number; p99: number }, plain: { p50: number }) =>
    add({ id, label: `${label}, ${size}`, value: result.p50, unit: 'ms', notes: `p99 ${round(result.p99, 1)} ms; ${versus(result.p50, plain)}` });
  figure('auditor-knownat-now', 'status asOf + knownAt = now (the cached fold)', await latency(`?asOf=2026-06-01&knownAt=${new Date().toISOString()}`), cached);
  figure(
    'auditor-knownat-past',
    'status asOf + knownAt between the two halves (stream read whole, half folded afresh)',
    await latency(`?asOf=2026-06-01&knownAt=${s.midway}`),
    cached,
  );
  figure('auditor-knownat-timeline', 'tier timeline with knownAt between the two halves', await latency(`/timeline?knownAt=${s.midway}`), cachedTimeline);
}

import { ADMIN_KEY } from '../../test/crash/api-process';
import { type Figure, round } from '../support';
import type { AuditorSubject } from './auditor-queries';
import { latencyOf } from './http';

// ── The cost of evidence, a measurement of the auditor section (its ~14,000-event partner) ────
// Evidence is evaluated from the cached fold like a plain asOf; beside each figure the plain
// asOf's and the answer's size (every deal in the window is a fact).

export async function evidenceFigures(s: AuditorSubject, add: (figure: Figure) => void): Promise<void> {
  const status = `/v1/partners/${s.partnerId}`;
  const latency = (query: string) => latencyOf(s.url, `${status}${query}`, s.samples);
  const size = `partner with ${s.events.toLocaleString('en-US')} events`;
  await latency('?asOf=2026-06-01'); // warm-up: the cached fold is built once
  const plain = await latency('?asOf=2026-06-01');
  for (const [id, query, what] of [
    ['auditor-evidence-asof', '?asOf=2026-06-01&evidence=true', 'status asOf with evidence'],
    ['auditor-evidence-now', '?evidence=true', 'current status with evidence (from the event store)'],
  ] as const) {
    const measured = await latency(query);
    const { facts, bytes } = await answerSize(`${s.url}${status}${query}`);
    add({
      id,
      label: `${what}, ${size}`,
      value: measured.p50,
      unit: 'ms',
      notes: `p99 ${round(measured.p99, 1)} ms; ${facts.toLocaleString('en-US')} facts, ${round(bytes / 1024)} KiB; plain asOf ${round(plain.p50, 1)} ms (p99 ${round(plain.p99, 1)} ms)`,
    });
  }
}

/** How many facts an evidence answer names and how large it is. */
async function answerSize(url: string): Promise<{ facts: number; bytes: number }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const text = await response.text();
  return { facts: (text.match(/"why":/g) ?? []).length, bytes: Buffer.byteLength(text) };
}

import { programme } from '../../scripts/programme-generator';
import { ADMIN_KEY } from '../../test/crash/api-process';
import { type BenchOptions, type Figure, round } from '../support';
import { latencyOf, postAll, withBenchService } from './http';

// ── The cost of evidence on one large partner, against the built service in a child process ──
// One partner with ~14,000 events (~1,400 with --tiny). Evidence is evaluated from the cached
// fold like a plain asOf; beside each figure, the plain asOf's and the answer's size (every deal
// in the window is a fact).

export async function evidenceFigures(o: BenchOptions, add: (figure: Figure) => void): Promise<void> {
  await withBenchService('pp-bench-evidence-', async (api) => {
    const messages = [...programme({ partners: 1, dealsPerPartner: o.tiny ? 1_000 : 10_000, prefix: 'EVD' })];
    await postAll(api.url, messages);
    const status = `/v1/partners/${messages[0]!.partnerId}`;
    const samples = o.tiny ? 5 : 50;
    const latency = (query: string) => latencyOf(api.url, `${status}${query}`, samples);
    const size = `partner with ${messages.length.toLocaleString('en-US')} events`;
    await latency('?asOf=2026-06-01'); // warm-up: the cached fold is built once
    const plain = await latency('?asOf=2026-06-01');
    for (const [id, query, what] of [
      ['evidence-asof', '?asOf=2026-06-01&evidence=true', 'status asOf with evidence'],
      ['evidence-now', '?evidence=true', 'current status with evidence (from the event store)'],
    ] as const) {
      const measured = await latency(query);
      const { facts, bytes } = await answerSize(`${api.url}${status}${query}`);
      add({
        id,
        label: `${what}, ${size}`,
        value: measured.p50,
        unit: 'ms',
        notes: `p99 ${round(measured.p99, 1)} ms; ${facts.toLocaleString('en-US')} facts, ${round(bytes / 1024)} KiB; plain asOf ${round(plain.p50, 1)} ms (p99 ${round(plain.p99, 1)} ms)`,
      });
    }
  });
}

/** How many facts an evidence answer names and how large it is. */
async function answerSize(url: string): Promise<{ facts: number; bytes: number }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const text = await response.text();
  return { facts: (text.match(/"why":/g) ?? []).length, bytes: Buffer.byteLength(text) };
}

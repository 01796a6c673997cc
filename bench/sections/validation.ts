import { GCProfiler } from 'node:v8';
import { validateEnvelope } from '@partner-program/ingestion';
import { demoMessages } from '../../scripts/demo-programme';

// ── Validation cost per message: the demo programme's envelopes through the ingestion validator ─
// Time is this process's CPU time (user + system), which other work on a shared machine disturbs
// far less than the wall clock; the wall clock is kept beside it. Allocation is what the heap grew
// by plus what every collection during the run freed, so it counts short-lived garbage as well as
// what survives.

export type ValidationCost = { cpuNsPerMessage: number; wallNsPerMessage: number; bytesPerMessage: number; invalid: number };

/** The demo programme (300 partners, its few bad messages included), repeated up to `count` envelopes. */
export function demoEnvelopes(count: number): unknown[] {
  const end = new Date('2026-11-01T00:00:00Z');
  const demo = demoMessages(300, end, new Date(end.getTime() + 86_400_000));
  return Array.from({ length: count }, (_, i) => demo[i % demo.length]);
}

export function validationCost(envelopes: readonly unknown[], now: number): ValidationCost {
  let invalid = 0;
  const profiler = new GCProfiler();
  const heapBefore = process.memoryUsage().heapUsed;
  profiler.start();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const envelope of envelopes) if (!validateEnvelope(envelope, now).ok) invalid++;
  const { user, system } = process.cpuUsage(cpu);
  const elapsed = Number(process.hrtime.bigint() - started);
  const heapAfter = process.memoryUsage().heapUsed;
  const freed = (profiler.stop()?.statistics ?? []).reduce(
    (sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  return {
    cpuNsPerMessage: ((user + system) * 1000) / envelopes.length,
    wallNsPerMessage: elapsed / envelopes.length,
    bytesPerMessage: (heapAfter - heapBefore + freed) / envelopes.length,
    invalid,
  };
}

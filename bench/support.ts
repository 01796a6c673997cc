import { cpus, totalmem } from 'node:os';

// ── Small helpers shared by the benchmark sections ────────────────────────────────────────────

export type Figure = Readonly<{
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Extra numbers shown beside the value (p50/p99, ratio to the ceiling, …). */
  notes?: string;
  /** Latency p99 in ms, for targets that bound it too. */
  p99?: number;
  target?: { op: '>=' | '<=' | 'within'; value: number; text: string; p99AtMost?: number };
}>;

export type BenchOptions = Readonly<{ partners: number; dealsPerPartner: number; runs: number; seconds: number; scale: boolean; tiny: boolean }>;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `measure` `runs` times and keeps the median of each returned number. */
export async function medianOf<T extends Record<string, number>>(runs: number, measure: (run: number) => Promise<T>): Promise<T> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(run));
  const keys = Object.keys(results[0]!) as (keyof T)[];
  return Object.fromEntries(keys.map((key) => [key, median(results.map((r) => r[key] as number))])) as T;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Samples the peak RSS of this process while `work` runs. */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

import type { IngestInput, IngestResult } from '@partner-program/ingestion';
import { type BackoffOptions, ShutdownError, backoffDelay, sleep } from '../backoff';
import type { UpstreamRecord } from './upstream-message';

// ── Ingest a chunk: one lane per partner in order, lanes concurrently, transient errors retried ─
// Not `IngestionService.ingestBatch`: when one of its calls throws (a transient store error) it
// cannot say which, and the partner's later messages have already run past the failed one. Here a
// lane waits on its failed message, so a partner's order holds even across retries.

/** What {@link ingestInLanes} needs. */
export type LaneDeps = Readonly<{
  ingest: (input: IngestInput) => Promise<IngestResult>;
  backoff: BackoffOptions;
  /** Aborted on shutdown: lanes stop before their next message and retries end. */
  signal: AbortSignal;
  /** Keeps the group membership alive while a lane waits to retry. */
  heartbeat: () => Promise<void>;
  onRetry: (error: unknown, record: UpstreamRecord, attempt: number) => void;
}>;

/**
 * Ingests `records` and resolves, with results in input order, once every one has a durable
 * outcome. On shutdown (or a failed heartbeat) the remaining lanes stop, calls already running are
 * awaited so nothing is left writing, and it rejects (with {@link ShutdownError} on shutdown).
 */
export async function ingestInLanes(records: readonly UpstreamRecord[], deps: LaneDeps): Promise<IngestResult[]> {
  const results = new Array<IngestResult>(records.length);
  const halt = new AbortController();
  const stop = () => halt.abort();
  deps.signal.addEventListener('abort', stop, { once: true });
  const runLane = async (indexes: readonly number[]) => {
    for (const index of indexes) {
      if (halt.signal.aborted) throw new ShutdownError();
      results[index] = await ingestWithRetry(records[index]!, deps, halt.signal);
    }
  };
  try {
    const settled = await Promise.allSettled([...lanesOf(records).values()].map((lane) => runLane(lane).catch(failAll(halt))));
    if (deps.signal.aborted) throw new ShutdownError();
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    return results;
  } finally {
    deps.signal.removeEventListener('abort', stop);
  }
}

function failAll(halt: AbortController) {
  return (error: unknown): never => {
    halt.abort();
    throw error;
  };
}

function lanesOf(records: readonly UpstreamRecord[]): Map<string, number[]> {
  const lanes = new Map<string, number[]>();
  records.forEach((record, index) => {
    const lane = lanes.get(record.lane);
    if (lane) lane.push(index);
    else lanes.set(record.lane, [index]);
  });
  return lanes;
}

/** Everything `ingest` throws is an infrastructure failure (outcomes resolve), so it is retried. */
async function ingestWithRetry(record: UpstreamRecord, deps: LaneDeps, signal: AbortSignal): Promise<IngestResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.ingest(record.input);
    } catch (error) {
      if (signal.aborted) throw new ShutdownError();
      deps.onRetry(error, record, attempt);
      await sleep(backoffDelay(attempt, deps.backoff), signal);
      await deps.heartbeat();
    }
  }
}

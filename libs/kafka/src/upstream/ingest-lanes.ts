import type { IngestInput, IngestResult } from '@partner-program/ingestion';
import { pause } from '@partner-program/event-store';
import { type BackoffOptions, ShutdownError, backoffDelay } from '../backoff';
import type { UpstreamRecord } from './upstream-message';

// ── Ingest a chunk: one `ingestBatch` per partner (lane), lanes concurrently, retried whole ───
// A lane's messages are decided together and stored in one atomic append, so after a transient
// error (which `ingestBatch` cannot pin to one message) the lane is retried as a whole: what the
// failed attempt stored comes back as `duplicate`, and the partner's order holds. Lanes are
// independent, so one partner's retries neither block nor repeat another's work.

/** What {@link ingestInLanes} needs. */
export type LaneDeps = Readonly<{
  ingestBatch: (inputs: readonly IngestInput[]) => Promise<IngestResult[]>;
  backoff: BackoffOptions;
  /** Aborted on shutdown: retries end (calls already running are awaited). */
  signal: AbortSignal;
  /** Keeps the group membership alive while a lane waits to retry. */
  heartbeat: () => Promise<void>;
  onRetry: (error: unknown, first: UpstreamRecord, attempt: number) => void;
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
    const laneResults = await ingestWithRetry(
      indexes.map((i) => records[i]!),
      deps,
      halt.signal,
    );
    indexes.forEach((index, k) => (results[index] = laneResults[k]!));
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

/** Everything ingestion throws is an infrastructure failure (outcomes resolve), so it is retried. */
async function ingestWithRetry(lane: readonly UpstreamRecord[], deps: LaneDeps, signal: AbortSignal): Promise<IngestResult[]> {
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw new ShutdownError();
    try {
      return await deps.ingestBatch(lane.map((record) => record.input));
    } catch (error) {
      if (signal.aborted) throw new ShutdownError();
      deps.onRetry(error, lane[0]!, attempt);
      await pause(backoffDelay(attempt, deps.backoff), signal);
      if (signal.aborted) throw new ShutdownError();
      await deps.heartbeat();
    }
  }
}

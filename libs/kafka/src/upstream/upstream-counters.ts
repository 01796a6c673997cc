import type { IngestOutcome } from '@partner-program/ingestion';

// ── Counters of the ingestion worker, read by /metrics ───────────────────────────────────────

/** A snapshot of the worker's counters since it was created. */
export type UpstreamCounters = Readonly<{
  messages: Readonly<Record<IngestOutcome, number>>;
  /** Batches handed over by kafkajs (one topic-partition each). */
  batches: number;
  /** Messages written to the dead-letter topic (acknowledged). */
  deadLettered: number;
  /** Retries of transient store errors. */
  retries: number;
  /** Offset commits acknowledged by the broker. */
  commits: number;
}>;

/** Mutable counters; {@link snapshot} hands out a copy. */
export class UpstreamCounterSet {
  private readonly outcomes: Record<IngestOutcome, number> = { appended: 0, duplicate: 0, invalid: 0, rejected: 0 };
  batches = 0;
  deadLettered = 0;
  retries = 0;
  commits = 0;

  countOutcome(outcome: IngestOutcome): void {
    this.outcomes[outcome] += 1;
  }

  snapshot(): UpstreamCounters {
    const { batches, deadLettered, retries, commits } = this;
    return { messages: { ...this.outcomes }, batches, deadLettered, retries, commits };
  }
}

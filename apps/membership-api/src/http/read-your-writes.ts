import { HttpStatus, Injectable } from '@nestjs/common';
import { pause } from '@partner-program/event-store';
import { POSITION_TEXT } from '@partner-program/ingestion';
import { ReadModelQueries } from '@partner-program/read-models';
import { httpError } from './error-body';

const WAIT_MS = 5_000;
const POLL_MS = 10;

/** `minPosition`: answer only once the read models have applied that position (docs/contract.md §2). */
@Injectable()
export class ReadYourWrites {
  // Waits on the read-model database, so it also works when the projector runs in another
  // process or on another machine (PostgreSQL wakes the wait with LISTEN/NOTIFY, SQLite polls).
  constructor(private readonly queries: ReadModelQueries) {}

  /**
   * Waits until the read models' checkpoint, or `reached()` when given (another projection's
   * checkpoint, polled), is at `minPosition`; 503 with Retry-After after 5 s.
   */
  async waitFor(minPosition: string | undefined, reached?: () => Promise<bigint>): Promise<void> {
    if (minPosition === undefined) return;
    if (!POSITION_TEXT.test(minPosition)) throw httpError(HttpStatus.BAD_REQUEST, 'minPosition must be a non-negative integer');
    const wanted = BigInt(minPosition);
    const ok =
      reached === undefined ? await this.queries.checkpointReached(wanted, { timeoutMs: WAIT_MS }) : await pollUntil(reached, wanted, Date.now() + WAIT_MS);
    if (!ok) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, `read models have not reached position ${minPosition} within 5 s; retry`, { retryAfter: 1 });
  }
}

async function pollUntil(reached: () => Promise<bigint>, wanted: bigint, deadline: number): Promise<boolean> {
  while ((await reached()) < wanted) {
    if (Date.now() >= deadline) return false;
    await pause(POLL_MS);
  }
  return true;
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { POSITION_TEXT } from '@partner-program/ingestion';
import { ReadModelQueries } from '@partner-program/read-models';
import { httpError } from './error-body';

const WAIT_MS = 5_000;
const POLL_MS = 10;

/** `minPosition`: answer only once the read models have applied that position (CONTRACT §2). */
@Injectable()
export class ReadYourWrites {
  // Reads the checkpoint from the read-model database, so it also works when the projector runs
  // in another process.
  constructor(private readonly queries: ReadModelQueries) {}

  /** Waits until `reached()` (by default the read models' checkpoint) is at `minPosition`. */
  async waitFor(minPosition: string | undefined, reached: () => bigint | Promise<bigint> = () => this.queries.checkpoint()): Promise<void> {
    if (minPosition === undefined) return;
    if (!POSITION_TEXT.test(minPosition)) throw httpError(HttpStatus.BAD_REQUEST, 'minPosition must be a non-negative integer');
    const wanted = BigInt(minPosition);
    const deadline = Date.now() + WAIT_MS;
    while ((await reached()) < wanted) {
      if (Date.now() >= deadline) {
        throw httpError(HttpStatus.SERVICE_UNAVAILABLE, `read models have not reached position ${minPosition} within 5 s; retry`, { retryAfter: 1 });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { ExpectedRevision } from '../expected-revision';
import { fromEsdbCurrentRevision } from './esdb-mapping';

/** Maps an append failure: ESDB's wrong-expected-version becomes our typed error with the actual revision. */
export function mapAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion));
  }
  return error;
}

/** A read of a stream that does not exist (reads then yield nothing). */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

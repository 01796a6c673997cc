import type { ExpectedRevision, StreamRevision } from './expected-revision';

/** An append was refused because the stream was not at the revision the writer expected. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';

  constructor(
    /** The stream appended to. */
    readonly streamId: string,
    /** What the writer expected. */
    readonly expected: ExpectedRevision,
    /** What the stream actually was when the append was checked. */
    readonly actual: StreamRevision,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An append was malformed (no events, bad stream id, non-JSON data, missing metadata, …). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

/** The store was used after `close()`. */
export class EventStoreClosedError extends Error {
  override readonly name = 'EventStoreClosedError';

  constructor() {
    super('event store is closed');
  }
}

/**
 * An append carried a `messageId` that another stream already holds (a messageId names one
 * message, and a message belongs to one stream). Nothing of the append was written. Appending a
 * messageId again to the stream that holds it is not this error's concern: that is a duplicate for
 * the domain to recognise.
 */
export class MessageIdInUseError extends Error {
  override readonly name = 'MessageIdInUseError';

  constructor(
    /** The messageId that clashed. */
    readonly messageId: string,
    /** The stream that holds it. */
    readonly streamId: string,
    /** The stream the refused append was for. */
    readonly appendedTo: string,
  ) {
    super(`messageId ${messageId} is already used by stream ${streamId} (append to ${appendedTo} refused)`);
  }
}

import type { ReadableOptions } from 'node:stream';
import type {
  AllStreamResolvedEvent, AppendResult as EsdbAppendResult, AppendToStreamOptions, EventData as EsdbEventData,
  ReadAllOptions as EsdbReadAllOptions, ReadStreamOptions as EsdbReadStreamOptions, ResolvedEvent,
  SubscribeToAllOptions as EsdbSubscribeToAllOptions,
} from '@eventstore/db-client';

/** The part of a live subscription the adapter uses (the client's is a Node Readable). */
export interface EsdbSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
  /** Events received from the server but not yet consumed. */
  readonly readableLength: number;
}

/**
 * The slice of `EventStoreDBClient` the adapter needs. The real client satisfies it; tests
 * substitute an in-memory fake, so the adapter's logic is exercised without a server.
 */
export interface EsdbClient {
  appendToStream(streamName: string, events: EsdbEventData[], options?: AppendToStreamOptions): Promise<EsdbAppendResult>;
  readStream(streamName: string, options?: EsdbReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options?: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options?: EsdbSubscribeToAllOptions, readableOptions?: ReadableOptions): EsdbSubscription;
  dispose(): Promise<void>;
}

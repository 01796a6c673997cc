import type {
  AllStreamResolvedEvent,
  AppendResult as EsdbAppendResult,
  AppendToStreamOptions,
  EventData as EsdbEventData,
  ReadAllOptions as EsdbReadAllOptions,
  ReadStreamOptions as EsdbReadStreamOptions,
  ResolvedEvent,
} from '@eventstore/db-client';

/**
 * The slice of `EventStoreDBClient` the adapter needs. The real client satisfies it; tests
 * substitute an in-memory fake, so the adapter's logic is exercised without a server.
 */
export interface EsdbClient {
  appendToStream(streamName: string, events: EsdbEventData[], options?: AppendToStreamOptions): Promise<EsdbAppendResult>;
  readStream(streamName: string, options?: EsdbReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options?: EsdbReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  dispose(): Promise<void>;
}

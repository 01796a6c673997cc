/** What every partner event carries besides its data: its business time and its message. */
export type EventMeta = Readonly<{
  /** Idempotency key of the message that produced the event. */
  messageId: string;
  /** Business time: when it happened upstream (or when the backend decided it), ISO-8601. */
  occurredAt: string;
  /** The publishing system, or `partner-program` for events the backend decides. */
  source: string;
}>;

/** A domain event: a discriminated union member keyed by its stored `type` string. */
export type Event<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  meta: EventMeta;
}>;

/** The `source` of events the backend decides itself. */
export const BACKEND_SOURCE = 'partner-program';

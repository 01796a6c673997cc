import type { PartnerEvent } from './partner-event';

/** The shape in which any store hands back an event (structural: the domain knows no store). */
export type RecordedEvent = Readonly<{
  type: string;
  data: Record<string, unknown>;
  metadata: Readonly<{ messageId: string; occurredAt: string; source: string }>;
}>;

/**
 * The domain event of a recorded one. An unknown type (written by a newer version) is passed
 * through as is: `evolve` ignores it but still counts its revision.
 */
export function fromRecorded(recorded: RecordedEvent): PartnerEvent {
  const { messageId, occurredAt, source } = recorded.metadata;
  return { type: recorded.type, data: recorded.data, meta: { messageId, occurredAt, source } } as unknown as PartnerEvent;
}

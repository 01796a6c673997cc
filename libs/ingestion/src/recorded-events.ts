import type { PartnerEvent } from '@partner-program/domain';
import type { EventMetadata, NewEvent } from '@partner-program/event-store';
import type { MessageOrigin } from './rejection-log';

/** Who asked, for the audit trail: kept in every stored event's metadata. */
export type CommandContext = Readonly<{
  actor?: { role: string; name: string };
  correlationId?: string;
  causationId?: string;
  /** Where the message was received: kept on a refusal, for the operator's rejection log. */
  origin?: MessageOrigin;
}>;

/** The store's shape of a domain event, with the business metadata kept apart from the data. */
export function toNewEvent(event: PartnerEvent, context: CommandContext = {}): NewEvent {
  const metadata: EventMetadata = {
    messageId: event.meta.messageId,
    source: event.meta.source,
    occurredAt: event.meta.occurredAt,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...(context.causationId ? { causationId: context.causationId } : {}),
    ...(context.actor ? { actor: context.actor } : {}),
    // Accepted events carry the correlationId already; only the rejection log needs the origin.
    ...(event.type === 'MessageRejected' && context.origin ? { origin: context.origin } : {}),
  };
  return { type: event.type, data: { ...event.data }, metadata };
}

import { NOTICE_EVENT_TYPES, type NoticeEvent } from './notice-events';
import type { MessageRejected } from './rejection-events';
import { UPSTREAM_EVENT_TYPES, type UpstreamEvent } from './upstream-events';

/** Every event of a partner stream (`partner-<partnerId>`). */
export type PartnerEvent = UpstreamEvent | NoticeEvent | MessageRejected;
export type PartnerEventType = PartnerEvent['type'];

/** The complete table of stored type strings. */
export const PARTNER_EVENT_TYPES: readonly PartnerEventType[] = [...UPSTREAM_EVENT_TYPES, ...NOTICE_EVENT_TYPES, 'MessageRejected'];

export function isPartnerEventType(type: string): type is PartnerEventType {
  return (PARTNER_EVENT_TYPES as readonly string[]).includes(type);
}

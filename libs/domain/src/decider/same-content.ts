import type { PartnerEvent } from '../events/partner-event';
import { canonicalJson } from '../support/fingerprint';
import { toIsoTime, toMillis } from '../support/time';

/**
 * The content that makes two messages "the same": type, business time (as an instant, so
 * `Z` and `+00:00` spellings agree), source and data with keys in any order.
 */
export function contentKey(event: PartnerEvent): string {
  const occurredAt = toIsoTime(toMillis(event.meta.occurredAt));
  return canonicalJson({ type: event.type, occurredAt, source: event.meta.source, data: event.data });
}

export function sameContent(a: PartnerEvent, b: PartnerEvent): boolean {
  return contentKey(a) === contentKey(b);
}

import { partnerIdFromStreamId } from '@partner-program/domain';
import type { StreamHead } from '@partner-program/event-store';
import type { PartnerHead } from './set-projection';

// ── Pages of whole partners for a rebuild: one transaction each, and what bounds its memory ───

export type PageBounds = Readonly<{ pageSize: number; pageEvents: number }>;

/** Consecutive runs of partners, each within both bounds (a partner larger than `pageEvents` alone). */
export function* pagesOf(streams: readonly StreamHead[], bounds: PageBounds): Generator<PartnerHead[]> {
  let page: PartnerHead[] = [];
  let events = 0;
  for (const { streamId, revision, position } of streams) {
    const partnerId = partnerIdFromStreamId(streamId);
    if (partnerId === undefined) continue;
    if (page.length > 0 && (page.length >= bounds.pageSize || events + revision + 1 > bounds.pageEvents)) {
      yield page;
      page = [];
      events = 0;
    }
    page.push({ partnerId, revision, position });
    events += revision + 1;
  }
  if (page.length > 0) yield page;
}

import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DAY_MS, endOfDate, isIsoDate, toIsoDate, toIsoTime, toMillis } from '@partner-program/domain';
import type { EventStore } from '@partner-program/event-store';
import type { RejectionLog } from '@partner-program/ingestion';
import { CLOCK, type Clock, EVENT_STORE, REJECTION_LOG, projectionLag } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import { httpError } from '../http/error-body';

/** The rejections counted when no period is asked: the last 30 days. */
const DEFAULT_REJECTION_DAYS = 30;

/**
 * The programme summary: the read models' counts, the rejection log's counts over a period
 * (admin data, as GET /v1/rejections: `null` for other roles) and how far the projection lags.
 */
@Injectable()
export class ProgrammeSummaryService {
  constructor(
    private readonly queries: ReadModelQueries,
    @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(options: { rejectionsFrom?: string; rejectionsTo?: string; withRejections: boolean }) {
    const now = this.clock().getTime();
    const period = rejectionPeriod(now, options.rejectionsFrom, options.rejectionsTo);
    const { position, ...counts } = await this.queries.programmeCounts({ today: toIsoDate(now) });
    const [lag, rejections] = await Promise.all([
      projectionLag(this.store, BigInt(position), now),
      options.withRejections ? this.rejections.countBySourceAndCode(period) : null,
    ]);
    return {
      position,
      evaluatedAt: toIsoTime(now),
      ...counts,
      rejections: rejections && { ...period, total: rejections.reduce((sum, row) => sum + row.count, 0), bySourceAndCode: rejections },
      projection: { position, headPosition: Number(lag.headPosition), lagEvents: lag.lagEvents, lagSeconds: lag.lagSeconds },
    };
  }
}

/** The period as ISO times (both inclusive); 400 when `from` is after `to`. */
function rejectionPeriod(now: number, from: string | undefined, to: string | undefined): { from: string; to: string } {
  // A date as `to` means the whole of that day.
  const end = to === undefined ? now : isIsoDate(to) ? endOfDate(to) - 1 : toMillis(to);
  const start = from === undefined ? end - DEFAULT_REJECTION_DAYS * DAY_MS : toMillis(from);
  if (start > end) throw httpError(HttpStatus.BAD_REQUEST, 'rejectionsFrom must not be after rejectionsTo');
  return { from: toIsoTime(start), to: toIsoTime(end) };
}

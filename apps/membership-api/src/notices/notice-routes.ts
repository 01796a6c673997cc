import type { PartnerCommand } from '@partner-program/domain';
import type { PartnerCommandHandler } from '@partner-program/ingestion';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { CommandRefused } from '../http/http-exception.filter';
import type { AnswerMap } from '../http/openapi/answers';
import type { NoticesQuery } from '../http/request-dtos';

// ── What the renewal and tier-at-risk notice routes share: the list's filter, the acknowledgement ─

export function listAnswers(page: string): AnswerMap {
  return {
    200: [page, 'a page of notices'],
    400: 'a parameter breaks its rule, or a cursor not handed out by this route',
    503: 'minPosition not reached within 5 s: retry (Retry-After)',
  };
}

export const ACKNOWLEDGE_ANSWERS: AnswerMap = {
  200: ['Acknowledged', 'acknowledged, now or before'],
  400: 'noticeId breaks its rule',
  404: 'unknown notice (`code` notice-not-found)',
  409: 'the notice is not issued yet (`code` notice-not-issued) or was cancelled (notice-cancelled)',
  422: 'rejected by the domain: `code` says why',
};

/** The query's filters that were given, for the read model's notice list. */
export function noticeFilter(query: NoticesQuery) {
  const { status, dueBefore, cursor } = query;
  return { limit: query.limit ?? 100, ...(status ? { status } : {}), ...(dueBefore ? { dueBefore } : {}), ...(cursor ? { cursor } : {}) };
}

/** Takes the acknowledgement to the partner's decider; a second one is answered `alreadyAcknowledged`. */
export async function acknowledge(handler: PartnerCommandHandler, command: PartnerCommand & { noticeId: string }, request: AuthenticatedRequest) {
  const { decision, positions } = await handler.handle(command, request.caller ? { actor: request.caller } : {});
  if (decision.kind === 'rejected') throw new CommandRefused(decision.code, decision.reason);
  const noticeId = command.noticeId;
  return { noticeId, status: 'acknowledged', ...(positions.length > 0 ? { position: Number(positions.at(-1)) } : { alreadyAcknowledged: true }) };
}

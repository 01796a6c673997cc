import type { TierRiskNoticeRow } from '../projection/partner-evaluation';

// ── A tier-at-risk notice row as both databases store it: one column order for both writers ──

export const TIER_RISK_COLUMNS =
  'notice_id, partner_id, area, from_tier, to_tier, at, drop_on, due_on, causes, prevention, status, prevented, issued_at, acknowledged_at, cancelled_at';

/** The row's values in {@link TIER_RISK_COLUMNS} order (causes and prevention as JSON, `prevented` as 0 or 1). */
export function tierRiskValues(partnerId: string, n: TierRiskNoticeRow): unknown[] {
  const json = [JSON.stringify(n.causes), JSON.stringify(n.prevention)];
  return [
    n.noticeId,
    partnerId,
    n.area,
    n.from,
    n.to,
    n.at,
    n.dropOn,
    n.dueOn,
    ...json,
    n.status,
    n.prevented ? 1 : 0,
    n.issuedAt,
    n.acknowledgedAt,
    n.cancelledAt,
  ];
}

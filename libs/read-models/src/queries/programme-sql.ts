// ── The programme-wide aggregates, one text for SQLite and PostgreSQL ─────────────────────────
// `s`: the schema prefix ('' on SQLite, `"schema".` on PostgreSQL); `p`: the placeholders in the
// order each statement takes its parameters (`?` or `$n`). Counts may come back as bigint text
// (PostgreSQL's count): the answers read them with Number().

type Placeholders = readonly (string | null)[];

export const PROGRAMME_SQL = {
  /** Over the (area, tier, partner_id) index alone (summing `badge` here would read every row). */
  areaTiers: (s: string) => `SELECT area, tier, count(*) AS partners FROM ${s}partner_area_tiers GROUP BY area, tier`,
  /** Over the partial index of badges. */
  badgeCounts: (s: string) => `SELECT area, count(*) AS badges FROM ${s}partner_area_tiers WHERE badge = 1 GROUP BY area`,
  /** Over the (good_standing, unmet_requirements) index: one row per distinct set of unmet requirements. */
  standing: (s: string) => `SELECT good_standing, unmet_requirements, count(*) AS partners FROM ${s}partner_status GROUP BY good_standing, unmet_requirements`,
  /** [in30, in60, today, in90]; over the agreement_expires_on index. */
  expiring: (s: string, [in30, in60, today, in90]: Placeholders) =>
    `SELECT sum(CASE WHEN agreement_expires_on <= ${in30} THEN 1 ELSE 0 END) AS in30, sum(CASE WHEN agreement_expires_on <= ${in60} THEN 1 ELSE 0 END) AS in60,
       count(*) AS in90 FROM ${s}partner_status WHERE agreement_expires_on >= ${today} AND agreement_expires_on <= ${in90}`,
  noticeCounts: (s: string) => `SELECT status, count(*) AS notices FROM ${s}renewal_notices GROUP BY status`,
  /** [from, area, end]; over the feed's (area, at) index. `at` is an ISO time, so its first 10 characters are its UTC date. */
  dayMoves: (s: string, [from, area, end]: Placeholders) =>
    `SELECT CASE WHEN at < ${from} THEN '' ELSE substr(at, 1, 10) END AS day, from_tier, to_tier, count(*) AS moves
       FROM ${s}tier_changes WHERE area = ${area} AND at <= ${end} GROUP BY 1, 2, 3`,
  /** [from, area, end]; over the feed's (area, partner_id, at) index. */
  firstChanges: (s: string, [from, area, end]: Placeholders) =>
    `SELECT CASE WHEN first < ${from} THEN '' ELSE substr(first, 1, 10) END AS day, count(*) AS partners
       FROM (SELECT min(at) AS first FROM ${s}tier_changes WHERE area = ${area} GROUP BY partner_id) AS f WHERE first <= ${end} GROUP BY 1`,
  /**
   * [share, afterArea, afterPartner, area (null: every area), limit]; in primary-key order.
   * Within `share`: the credits needed are at most that share of the threshold (credits + needed).
   */
  nextSteps: (s: string, [share, afterArea, afterPartner, area, limit]: Placeholders) =>
    `SELECT partner_id, area, tier, badge, credits, next_tier, missing, credits_needed FROM ${s}partner_area_tiers
       WHERE next_tier IS NOT NULL AND (missing_count = 1 OR (credits_needed > 0 AND credits_needed <= ${share} * (credits + credits_needed)))
         AND (area, partner_id) > (${afterArea}, ${afterPartner})${area === null ? '' : ` AND area = ${area}`}
       ORDER BY area, partner_id LIMIT ${limit}`,
};

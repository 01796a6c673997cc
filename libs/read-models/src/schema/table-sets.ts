// ── What every read-model database has: two table sets behind views, one checkpoint row ──────
// The projected tables exist as set `a_…` or `b_…`; readers query views that point at the active
// set. A rebuild fills the other set while the views keep serving the active one, then re-points
// the views in one transaction, so a reader never sees a half-built model.

/** A table set: the tables of one complete read model. */
export type TableSet = 'a' | 'b';

/** The projection name under which the checkpoint is stored. */
export const PARTNER_PROJECTION = 'partner';

/** The table-set tables, each with the view of the same name that readers use. */
export const SET_TABLES = ['checkpoints', 'partner_status', 'partner_area_tiers', 'renewal_notices', 'forecast_changes', 'tier_risk_notices'] as const;

/** The published tier-change feed: one append-only table, never part of a set (a rebuild only adds to it). */
export const TIER_CHANGES_TABLE = 'tier_changes';

/**
 * Fresh tier changes of a rebuild wait here and join the published feed at the swap (the feed is
 * never renumbered).
 */
export const REBUILD_CHANGES_TABLE = 'rebuild_tier_changes';

/** The columns a feed row is written with (`sequence` is assigned by the table). */
export const CHANGE_COLUMNS = 'change_id, partner_id, area, from_tier, to_tier, badge, at, position, ruleset, causes';

/** The set a rebuild fills while `set` is live. */
export function otherSet(set: TableSet): TableSet {
  return set === 'a' ? 'b' : 'a';
}

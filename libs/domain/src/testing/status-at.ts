import { foldEvents } from '../as-of';
import type { PartnerEvent } from '../events/partner-event';
import { evaluateStatus } from '../evaluation/evaluate-status';
import { DEFAULT_CATALOG, type RulesetCatalog } from '../rules/ruleset-catalog';
import { toMillis } from '../support/time';
import { PARTNER } from './given';

/** The status at `time` of a partner with this history. */
export function statusAt(events: readonly PartnerEvent[], time: string, catalog: RulesetCatalog = DEFAULT_CATALOG) {
  return evaluateStatus(foldEvents(events), catalog, PARTNER, toMillis(time));
}

import { startOfDate } from '../support/time';
import { PARTNER_CONNECT_FY21 } from './partner-connect-fy21';
import type { Ruleset } from './ruleset';
import { RulesetError, parseRuleset } from './ruleset-validation';

// ── The rulesets in force over time ────────────────────────────────────────────────────────────

/** Rulesets ordered by effective date; each is in force until the next one starts. */
export type RulesetCatalog = Readonly<{ rulesets: readonly Ruleset[]; starts: readonly number[] }>;

/** Builds a catalog; throws a RulesetError when two rulesets share an id or an effective date. */
export function createRulesetCatalog(rulesets: readonly Ruleset[]): RulesetCatalog {
  const sorted = [...rulesets].sort((a, b) => startOfDate(a.effectiveFrom) - startOfDate(b.effectiveFrom));
  const problems: string[] = [];
  sorted.forEach((ruleset, index) => {
    const previous = sorted[index - 1];
    if (previous?.effectiveFrom === ruleset.effectiveFrom) {
      problems.push(`"${previous.id}" and "${ruleset.id}" both take effect on ${ruleset.effectiveFrom}`);
    }
    if (sorted.findIndex((other) => other.id === ruleset.id) !== index) problems.push(`two rulesets have the id "${ruleset.id}"`);
  });
  if (sorted.length === 0) problems.push('no ruleset at all');
  if (problems.length > 0) throw new RulesetError('catalog', problems);
  return { rulesets: sorted, starts: sorted.map((ruleset) => startOfDate(ruleset.effectiveFrom)) };
}

/** The default catalog plus any extra rulesets (already parsed JSON values, validated here). */
export function catalogWith(extra: readonly unknown[] = [], source = 'RULESETS_FILE'): RulesetCatalog {
  const parsed = extra.map((value, index) => parseRuleset(value, `${source}[${index}]`));
  return createRulesetCatalog([PARTNER_CONNECT_FY21, ...parsed]);
}

export const DEFAULT_CATALOG: RulesetCatalog = createRulesetCatalog([PARTNER_CONNECT_FY21]);

/** The ruleset in force at `time`, or `undefined` before the first one (the legacy programme). */
export function rulesetAt(catalog: RulesetCatalog, time: number): Ruleset | undefined {
  let found: Ruleset | undefined;
  catalog.starts.forEach((start, index) => {
    if (start <= time) found = catalog.rulesets[index];
  });
  return found;
}

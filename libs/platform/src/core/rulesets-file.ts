import { readFileSync } from 'node:fs';
import { DEFAULT_CATALOG, type RulesetCatalog, catalogWith } from '@partner-program/domain';

/** The default rulesets plus those of `RULESETS_FILE` (a JSON array), validated: errors name the file. */
export function loadRulesetCatalog(file: string | undefined): RulesetCatalog {
  if (!file) return DEFAULT_CATALOG;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`RULESETS_FILE ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`RULESETS_FILE ${file}: expected a JSON array of rulesets`);
  return catalogWith(parsed, file);
}

import { readFileSync } from 'node:fs';
import { DEFAULT_CATALOG, type RulesetCatalog, catalogWith } from '@partner-program/domain';

// ── RULESETS_FILE: extra rulesets, loaded once at start (format: docs/rulesets.md) ────────────

/**
 * The default rulesets plus those of `RULESETS_FILE` (a JSON array), validated. Every error is a
 * one-line message naming `RULESETS_FILE` and the file, so an operator knows which setting to fix.
 */
export function loadRulesetCatalog(file: string | undefined): RulesetCatalog {
  if (!file) return DEFAULT_CATALOG;
  const fail = (reason: string): never => {
    throw new Error(`RULESETS_FILE=${file}: ${reason}`);
  };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) fail('expected a JSON array of rulesets');
  try {
    return catalogWith(parsed as unknown[], 'rulesets');
  } catch (error) {
    return fail((error as Error).message);
  }
}

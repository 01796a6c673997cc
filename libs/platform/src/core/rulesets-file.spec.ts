import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG, PARTNER_CONNECT_FY21, startOfDate, rulesetAt } from '@partner-program/domain';
import { loadRulesetCatalog } from './rulesets-file';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'deploy', 'rulesets.example.json');
const dir = mkdtempSync(join(tmpdir(), 'rulesets-file-'));

function fileWith(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('loadRulesetCatalog', () => {
  it('is the default catalog without RULESETS_FILE', () => {
    expect(loadRulesetCatalog(undefined)).toBe(DEFAULT_CATALOG);
  });

  it('loads the documented example: the default ruleset until 2027-02-01, its new thresholds from then', () => {
    const catalog = loadRulesetCatalog(EXAMPLE);
    expect(catalog.rulesets.map((ruleset) => ruleset.id)).toEqual(['partner-connect-fy21', 'partner-connect-fy28']);
    expect(rulesetAt(catalog, startOfDate('2027-02-01') - 1)).toBe(PARTNER_CONNECT_FY21);
    expect(rulesetAt(catalog, startOfDate('2027-02-01'))).toMatchObject({ thresholds: { advanced: 75_000, principal: 1_250_000 } });
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.json'), /^RULESETS_FILE=.*missing\.json: cannot be read \(ENOENT/],
    ['a file that is not JSON', () => fileWith('text.json', 'thresholds: high'), /^RULESETS_FILE=.*text\.json: is not JSON \(/],
    ['a JSON object instead of an array', () => fileWith('object.json', '{"id":"x"}'), /^RULESETS_FILE=.*object\.json: expected a JSON array of rulesets$/],
    [
      'a structurally wrong ruleset',
      () => fileWith('wrong.json', '[{"id":"fy99","effectiveFrom":"2099-13-01"}]'),
      /^RULESETS_FILE=.*wrong\.json: invalid ruleset rulesets\[0\] "fy99": effectiveFrom must be a YYYY-MM-DD date; creditWindowDays must be a positive integer/,
    ],
    [
      'a ruleset taking effect on the default ruleset’s date',
      () => fileWith('same-date.json', JSON.stringify([{ ...PARTNER_CONNECT_FY21, id: 'twin' }])),
      /^RULESETS_FILE=.*same-date\.json: invalid ruleset catalog: "partner-connect-fy21" and "twin" both take effect on 2020-02-01$/,
    ],
  ])('stops at %s with one line naming RULESETS_FILE', (_case, file, message) => {
    expect(() => loadRulesetCatalog(file())).toThrow(message);
  });
});

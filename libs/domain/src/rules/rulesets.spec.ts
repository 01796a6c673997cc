import { PARTNER_CONNECT_FY21 } from './partner-connect-fy21';
import { DEFAULT_CATALOG, catalogWith, createRulesetCatalog, rulesetAt } from './ruleset-catalog';
import { RulesetError, parseRuleset } from './ruleset-validation';
import { toMillis } from '../support/time';

const copy = (changes: Record<string, unknown> = {}) => ({ ...JSON.parse(JSON.stringify(PARTNER_CONNECT_FY21)), ...changes });
const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RulesetError) return error.problems;
    throw error;
  }
  throw new Error('expected a RulesetError');
};

describe('rulesets', () => {
  it('the default is partner-connect-fy21, in force from 2020-02-01', () => {
    expect(rulesetAt(DEFAULT_CATALOG, toMillis('2020-01-31T23:59:59.999Z'))).toBeUndefined();
    expect(rulesetAt(DEFAULT_CATALOG, toMillis('2020-02-01'))?.id).toBe('partner-connect-fy21');
    expect(parseRuleset(copy())).toEqual(PARTNER_CONNECT_FY21);
  });

  it('takes a renewal notice lead time of 1–366 days, 60 when a file leaves it out', () => {
    const { renewalNoticeDays: _, ...withoutLead } = copy();
    expect(parseRuleset(withoutLead).renewalNoticeDays).toBe(60);
    expect(parseRuleset(copy({ renewalNoticeDays: 90 })).renewalNoticeDays).toBe(90);
    for (const bad of [0, 367, 30.5, '60'])
      expect(problemsOf(() => parseRuleset(copy({ renewalNoticeDays: bad })))).toEqual(['renewalNoticeDays must be an integer from 1 to 366 (left out: 60)']);
  });

  it('names unknown ids', () => {
    const broken = copy();
    broken.areas['vmc-on-aws'] = { ...broken.areas['vmc-on-aws'], msc: 'vmc-on-azure', partnerCompetencies: ['vmc-on-aws', 'kubernetes'] };
    broken.areas['quantum'] = broken.areas['hci'];
    expect(problemsOf(() => parseRuleset(broken, 'extra.json'))).toEqual([
      'areas.vmc-on-aws.msc: unknown MSC "vmc-on-azure"',
      'areas.vmc-on-aws.partnerCompetencies: unknown solution competency "kubernetes"',
      'areas: unknown area "quantum"',
    ]);
  });

  it('names missing areas and malformed fields', () => {
    const broken = copy({ effectiveFrom: '2023-02-30', creditWindowDays: 0, thresholds: { advanced: 10, principal: 5 } });
    delete broken.areas['digital-workspace'];
    const problems = problemsOf(() => parseRuleset(broken));
    expect(problems).toEqual([
      'effectiveFrom must be a YYYY-MM-DD date',
      'creditWindowDays must be a positive integer',
      'thresholds.principal must be a number ≥ thresholds.advanced',
      'areas: missing area "digital-workspace"',
    ]);
  });

  it('names bad requirements', () => {
    const broken = copy({
      requirements: [
        { id: 'x', kind: 'training', courseId: 'vop-cp', learners: 0, forBusinessModel: 'reseller' },
        { id: 'x', kind: 'karma' },
      ],
    });
    expect(problemsOf(() => parseRuleset(broken))).toEqual([
      'requirements.x: a training requirement needs courseId and learners ≥ 1',
      'requirements.x: unknown business model "reseller"',
      'requirements: duplicate id "x"',
      'requirements.x: unknown kind "karma"',
    ]);
  });

  it('refuses two rulesets on one date, or with one id', () => {
    expect(problemsOf(() => catalogWith([copy({ id: 'fy21-bis' })]))).toEqual(['"partner-connect-fy21" and "fy21-bis" both take effect on 2020-02-01']);
    expect(problemsOf(() => catalogWith([copy({ effectiveFrom: '2022-02-01' })]))).toEqual(['two rulesets have the id "partner-connect-fy21"']);
    expect(problemsOf(() => createRulesetCatalog([]))).toEqual(['no ruleset at all']);
  });

  it('loads a future ruleset from JSON and uses it from its date', () => {
    const json = JSON.stringify([copy({ id: 'fy27', effectiveFrom: '2027-02-01', thresholds: { advanced: 75_000, principal: 1_250_000 } })]);
    const catalog = catalogWith(JSON.parse(json));
    expect(rulesetAt(catalog, toMillis('2027-01-31'))?.id).toBe('partner-connect-fy21');
    expect(rulesetAt(catalog, toMillis('2027-02-01'))?.thresholds.principal).toBe(1_250_000);
  });
});

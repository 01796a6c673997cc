import { isIsoDate } from '../support/time';
import { AREAS, BUSINESS_MODELS, MASTER_SERVICES_COMPETENCIES, SOLUTION_COMPETENCIES, isOneOf } from '../vocabulary';
import { RENEWAL_NOTICE_DEFAULT_DAYS, type Ruleset } from './ruleset';

// ── Validating a ruleset loaded from JSON ──────────────────────────────────────────────────────
// A ruleset decides every partner's tier, so a bad one must stop the service at start-up with
// every problem named, not surface months later as partners who never reach a tier.
// Written by hand on purpose, unlike the message validation (class-validator): rulesets are domain
// data, checked against the domain's vocabulary, and the domain imports nothing but itself (the
// layer rules); most checks here relate fields to each other or to that vocabulary anyway.

export class RulesetError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid ruleset ${source}: ${problems.join('; ')}`);
    this.name = 'RulesetError';
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const REQUIREMENT_KINDS = ['agreement', 'training', 'due-diligence', 'programme-fee'];

/** Checks an untrusted value is a complete, consistent ruleset; throws a RulesetError naming each problem. */
export function parseRuleset(value: unknown, source = 'ruleset'): Ruleset {
  const problems: string[] = [];
  if (!isObject(value)) throw new RulesetError(source, ['not a JSON object']);
  const label = typeof value.id === 'string' && value.id ? `${source} "${value.id}"` : source;
  if (typeof value.id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(value.id)) problems.push('id must be a lower-case slug');
  if (typeof value.effectiveFrom !== 'string' || !isIsoDate(value.effectiveFrom)) problems.push('effectiveFrom must be a YYYY-MM-DD date');
  if (!isPositiveInteger(value.creditWindowDays)) problems.push('creditWindowDays must be a positive integer');
  const renewalNoticeDays = value.renewalNoticeDays ?? RENEWAL_NOTICE_DEFAULT_DAYS;
  if (!isPositiveInteger(renewalNoticeDays) || renewalNoticeDays > 366) problems.push('renewalNoticeDays must be an integer from 1 to 366 (left out: 60)');
  problems.push(...thresholdProblems(value.thresholds));
  problems.push(...areaProblems(value.areas));
  problems.push(...requirementProblems(value.requirements));
  if (problems.length > 0) throw new RulesetError(label, problems);
  return { ...value, renewalNoticeDays } as unknown as Ruleset;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function thresholdProblems(thresholds: unknown): string[] {
  if (!isObject(thresholds)) return ['thresholds must be an object { advanced, principal }'];
  const { advanced, principal } = thresholds;
  if (typeof advanced !== 'number' || advanced < 0) return ['thresholds.advanced must be a number ≥ 0'];
  if (typeof principal !== 'number' || principal < advanced) return ['thresholds.principal must be a number ≥ thresholds.advanced'];
  return [];
}

function areaProblems(areas: unknown): string[] {
  if (!isObject(areas)) return ['areas must be an object keyed by area id'];
  const problems = AREAS.filter((area) => !(area in areas)).map((area) => `areas: missing area "${area}"`);
  for (const [area, rules] of Object.entries(areas)) {
    if (!isOneOf(AREAS, area)) problems.push(`areas: unknown area "${area}"`);
    else problems.push(...oneAreaProblems(area, rules));
  }
  return problems;
}

function oneAreaProblems(area: string, rules: unknown): string[] {
  if (!isObject(rules)) return [`areas.${area} must be an object`];
  const problems: string[] = [];
  if (typeof rules.priority !== 'string') problems.push(`areas.${area}.priority must be a string`);
  if (!isOneOf(MASTER_SERVICES_COMPETENCIES, rules.msc)) problems.push(`areas.${area}.msc: unknown MSC "${String(rules.msc)}"`);
  for (const field of ['principalCompetencies', 'partnerCompetencies'] as const) {
    const list = rules[field];
    if (!Array.isArray(list)) problems.push(`areas.${area}.${field} must be an array`);
    else
      for (const id of list.filter((c) => !isOneOf(SOLUTION_COMPETENCIES, c)))
        problems.push(`areas.${area}.${field}: unknown solution competency "${String(id)}"`);
  }
  if (Array.isArray(rules.partnerCompetencies) && rules.partnerCompetencies.length === 0) problems.push(`areas.${area}.partnerCompetencies must not be empty`);
  return problems;
}

function requirementProblems(requirements: unknown): string[] {
  if (!Array.isArray(requirements)) return ['requirements must be an array'];
  const problems: string[] = [];
  const seen = new Set<string>();
  requirements.forEach((rule, index) => {
    if (!isObject(rule) || typeof rule.id !== 'string') return void problems.push(`requirements[${index}] needs an id`);
    if (seen.has(rule.id)) problems.push(`requirements: duplicate id "${rule.id}"`);
    seen.add(rule.id);
    if (!REQUIREMENT_KINDS.includes(String(rule.kind))) problems.push(`requirements.${rule.id}: unknown kind "${String(rule.kind)}"`);
    if (rule.kind === 'training' && (typeof rule.courseId !== 'string' || !isPositiveInteger(rule.learners))) {
      problems.push(`requirements.${rule.id}: a training requirement needs courseId and learners ≥ 1`);
    }
    if (rule.forBusinessModel !== undefined && !isOneOf(BUSINESS_MODELS, rule.forBusinessModel)) {
      problems.push(`requirements.${rule.id}: unknown business model ${JSON.stringify(rule.forBusinessModel)}`);
    }
  });
  return problems;
}

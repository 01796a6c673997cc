import { type Shortfall, shortfallsFor } from '../evaluation/area-tier';
import { creditsByArea } from '../evaluation/credits-in-window';
import { evaluateRequirements, learnersHolding } from '../evaluation/requirements';
import { tierInputsAt } from '../evaluation/tier-inputs';
import type { RequirementRule, Ruleset } from '../rules/ruleset';
import type { PartnerState } from '../state/partner-state';
import { fromHundredths } from '../support/credits';
import { DAY_MS, toIsoDate, toIsoTime } from '../support/time';
import type { AreaId, Tier } from '../vocabulary';
import type { Prevention } from './prevention-item';

// ── What would prevent a forecast drop ────────────────────────────────────────────────────────
// Computed from the same rules as the tier: whatever keeps the tier from holding at the moment
// of the drop (an unmet requirement, a competency or MSC no longer held, credits short of the
// threshold still in the window then) is what must be done before that moment.

export { PREVENTION_ACTIONS, type Prevention, type PreventionAction } from './prevention-item';

/** What keeps `tier` in `area` at `time`, when it would otherwise be lost then. */
export function preventionOf(ruleset: Ruleset, state: PartnerState, area: AreaId, tier: Tier, time: number): Prevention[] {
  const unmet = evaluateRequirements(ruleset, state, time)
    .filter((requirement) => !requirement.met)
    .map((requirement) => requirement.id);
  const inputs = tierInputsAt(state, unmet, creditsByArea(state, ruleset.creditWindowDays, time), time)(area);
  const before = { time, words: deadlineWords(time) };
  return shortfallsFor(tier, ruleset.areas[area], ruleset.thresholds, inputs).map((shortfall) => toPrevention(shortfall, { ruleset, state, area, before }));
}

type Context = Readonly<{ ruleset: Ruleset; state: PartnerState; area: AreaId; before: { time: number; words: string } }>;

function toPrevention(shortfall: Shortfall, context: Context): Prevention {
  const { area, before } = context;
  const by = { before: toIsoTime(before.time) };
  switch (shortfall.kind) {
    case 'credits': {
      const credits = fromHundredths(shortfall.needHundredths - shortfall.haveHundredths);
      return { action: 'book-credits', ...by, area, credits, text: `book ${formatCredits(credits)} credits in ${area} ${before.words}` };
    }
    case 'competency': {
      const which = shortfall.anyOf.length === 1 ? `the ${shortfall.anyOf[0]} competency` : `one of the competencies ${shortfall.anyOf.join(', ')}`;
      return { action: 'renew-competency', ...by, area, competencies: shortfall.anyOf, text: `renew or earn ${which} ${before.words}` };
    }
    case 'msc':
      return { action: 'renew-msc', ...by, area, msc: shortfall.id, text: `renew or earn the ${shortfall.id} master services competency ${before.words}` };
    case 'requirement':
      return requirementPrevention(shortfall.id, context, by);
  }
}

function requirementPrevention(id: string, { ruleset, state, before }: Context, by: { before: string }): Prevention {
  const rule = ruleset.requirements.find((candidate) => candidate.id === id) as RequirementRule;
  switch (rule.kind) {
    case 'agreement':
      return { action: 'renew-agreement', ...by, requirement: id, text: `renew the Partner Connect agreement ${before.words}` };
    case 'training': {
      const learners = rule.learners - learnersHolding(state, rule.courseId, before.time);
      const who = learners === 1 ? '1 more learner' : `${learners} more learners`;
      return {
        action: 'complete-training',
        ...by,
        requirement: id,
        courseId: rule.courseId,
        learners,
        text: `have ${who} complete ${rule.courseId} ${before.words}`,
      };
    }
    case 'due-diligence':
      return { action: 'complete-due-diligence', ...by, requirement: id, text: `pass due diligence ${before.words}` };
    case 'programme-fee':
      return { action: 'pay-programme-fee', ...by, requirement: id, text: `pay the programme fee for the next period ${before.words}` };
  }
}

/** "before 2027-02-01" when the drop is at a midnight (expiries end a day), else the exact time. */
function deadlineWords(time: number): string {
  return `before ${time % DAY_MS === 0 ? toIsoDate(time) : toIsoTime(time)}`;
}

function formatCredits(credits: number): string {
  return credits.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

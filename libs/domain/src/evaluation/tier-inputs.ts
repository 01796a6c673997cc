import type { PartnerState } from '../state/partner-state';
import { isHeldAt } from '../state/toggle-series';
import type { AreaId } from '../vocabulary';
import type { TierInputs } from './area-tier';

/** The inputs of every area's tier at `time`, given the unmet requirements and credit sums. */
export function tierInputsAt(
  state: PartnerState,
  unmetRequirements: readonly string[],
  credits: ReadonlyMap<AreaId, number>,
  time: number,
): (area: AreaId) => TierInputs {
  const hasCompetency = (id: string) => isHeldAt(state.solutionCompetencies.get(id), time);
  const hasMsc = (id: string) => isHeldAt(state.mastersCompetencies.get(id), time);
  return (area) => ({ unmetRequirements, hasCompetency, hasMsc, creditsHundredths: credits.get(area) ?? 0 });
}

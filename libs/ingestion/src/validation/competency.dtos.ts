import { MASTER_SERVICES_COMPETENCIES, SOLUTION_COMPETENCIES, type MasterServicesCompetency, type SolutionCompetency } from '@partner-program/domain';
import { OptionalText, RequiredText } from './kind-rules';
import { IsoDate, OneOf } from './text-rules';

// ── data of competency facts (docs/contract.md §1): ids from the closed vocabularies ─────────────────

const Solution = (): PropertyDecorator => RequiredText(OneOf(SOLUTION_COMPETENCIES, 'solution competency'));
const MasterServices = (): PropertyDecorator => RequiredText(OneOf(MASTER_SERVICES_COMPETENCIES, 'master services competency'));

export class SolutionCompetencyEarnedData {
  @Solution() competency!: SolutionCompetency;
  @OptionalText(IsoDate()) expiresOn?: string;
}

export class SolutionCompetencyLapsedData {
  @Solution() competency!: SolutionCompetency;
}

export class MasterServicesCompetencyEarnedData {
  @MasterServices() competency!: MasterServicesCompetency;
  @OptionalText(IsoDate()) expiresOn?: string;
}

export class MasterServicesCompetencyLapsedData {
  @MasterServices() competency!: MasterServicesCompetency;
}

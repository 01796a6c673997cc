import type { UpstreamEventType } from '@partner-program/domain';
import { AgreementRenewedData, AgreementSignedData, AgreementTerminatedData, BusinessModelsChangedData } from './agreement.dtos';
import {
  MasterServicesCompetencyEarnedData,
  MasterServicesCompetencyLapsedData,
  SolutionCompetencyEarnedData,
  SolutionCompetencyLapsedData,
} from './competency.dtos';
import { CreditsBookedData, CreditsReversedData } from './credits.dtos';
import { DueDiligenceCompletedData, ProgrammeFeePaidData, TrainingCompletedData, TrainingRevokedData } from './training.dtos';

/** The DTO that validates each upstream type's `data`; a new type fails to compile until added. */
export const DATA_DTOS: Readonly<Record<UpstreamEventType, new () => object>> = {
  AgreementSigned: AgreementSignedData,
  AgreementRenewed: AgreementRenewedData,
  AgreementTerminated: AgreementTerminatedData,
  BusinessModelsChanged: BusinessModelsChangedData,
  TrainingCompleted: TrainingCompletedData,
  TrainingRevoked: TrainingRevokedData,
  DueDiligenceCompleted: DueDiligenceCompletedData,
  ProgrammeFeePaid: ProgrammeFeePaidData,
  SolutionCompetencyEarned: SolutionCompetencyEarnedData,
  SolutionCompetencyLapsed: SolutionCompetencyLapsedData,
  MasterServicesCompetencyEarned: MasterServicesCompetencyEarnedData,
  MasterServicesCompetencyLapsed: MasterServicesCompetencyLapsedData,
  CreditsBooked: CreditsBookedData,
  CreditsReversed: CreditsReversedData,
};

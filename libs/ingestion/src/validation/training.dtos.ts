import { DUE_DILIGENCE_OUTCOMES, type DueDiligenceOutcome } from '@partner-program/domain';
import { CurrencyRules, OpenIdRules } from './field-kinds';
import { IsFiniteNumber, OptionalText, Required, RequiredText } from './kind-rules';
import { Positive } from './number-rules';
import { IsoDate, OneOf } from './text-rules';

// ── data of training and standing facts (docs/contract.md §1) ─────────────────────────────────────────
// An unknown courseId is valid: it is recorded and counts for nothing.

export class TrainingCompletedData {
  @RequiredText(OpenIdRules()) courseId!: string;
  @RequiredText(OpenIdRules()) learnerId!: string;
  @OptionalText(IsoDate()) expiresOn?: string;
}

export class TrainingRevokedData {
  @RequiredText(OpenIdRules()) courseId!: string;
  @RequiredText(OpenIdRules()) learnerId!: string;
}

export class DueDiligenceCompletedData {
  @RequiredText(OneOf(DUE_DILIGENCE_OUTCOMES, 'due-diligence outcome')) outcome!: DueDiligenceOutcome;
}

export class ProgrammeFeePaidData {
  @Required() @IsFiniteNumber() @Positive() amount!: number;
  @RequiredText(CurrencyRules()) currency!: string;
  @RequiredText(IsoDate()) periodEnd!: string;
}

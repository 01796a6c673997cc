import { AREAS, LIFECYCLE_STAGES, type AreaId, type LifecycleStage } from '@partner-program/domain';
import { NestedDto } from './dto-instance';
import { OpenIdRules } from './field-kinds';
import { IsFiniteNumber, IsJsonObject, Optional, OptionalText, Required, RequiredText } from './kind-rules';
import { AtMost, Between, MaxDecimals, Positive } from './number-rules';
import { OneOf } from './text-rules';

// ── data of credit facts (docs/contract.md §1) ─────────────────────────────────────────────────────────

export const MAX_CREDITS = 1e12;

export class AcceleratorData {
  @RequiredText(OpenIdRules(64)) code!: string;
  @Required() @IsFiniteNumber() @Between(1, 10) @MaxDecimals(6) multiplier!: number;
}

export class CreditsBookedData {
  @RequiredText(OpenIdRules()) dealId!: string;
  @RequiredText(OneOf(AREAS, 'area')) area!: AreaId;
  @Required() @IsFiniteNumber() @Positive() @AtMost(MAX_CREDITS) @MaxDecimals(2) credits!: number;

  @Optional()
  @IsJsonObject()
  @NestedDto(() => AcceleratorData)
  accelerator?: AcceleratorData;

  @OptionalText(OneOf(LIFECYCLE_STAGES, 'lifecycle stage')) lifecycleStage?: LifecycleStage;
}

export class CreditsReversedData {
  @RequiredText(OpenIdRules()) dealId!: string;
}

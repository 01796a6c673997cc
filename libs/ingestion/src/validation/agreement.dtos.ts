import { BUSINESS_MODELS, isOneOf, type BusinessModel } from '@partner-program/domain';
import { showSome } from './describe-value';
import { OpenIdRules } from './field-kinds';
import { IsList, Required, RequiredText } from './kind-rules';
import { all } from './rule';
import { ArrayNotEmpty, ArrayUnique, IsIn } from 'class-validator';
import { DateAfter, IsoDate, Length } from './text-rules';

// ── data of the agreement facts (docs/contract.md §1) ──────────────────────────────────────────────────

const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A non-empty array of distinct business-model ids. */
const BusinessModelSet = (): PropertyDecorator =>
  all(
    Required(),
    IsList(),
    ArrayNotEmpty({ message: 'must list at least one business model' }),
    IsIn([...BUSINESS_MODELS], {
      each: true,
      message: ({ value }) => {
        const unknown = items(value).filter((item) => !isOneOf(BUSINESS_MODELS, item));
        return `must contain only known business models, one of: ${BUSINESS_MODELS.join(', ')} (got ${showSome(unknown)})`;
      },
    }),
    ArrayUnique({
      message: ({ value }) => {
        const repeated = items(value).filter((item, i, list) => list.indexOf(item) !== i);
        return `must not list a business model twice (repeated: ${showSome(repeated)})`;
      },
    }),
  );

export class AgreementSignedData {
  @RequiredText(OpenIdRules()) agreementId!: string;
  @RequiredText(IsoDate()) effectiveFrom!: string;
  @RequiredText(IsoDate(), DateAfter('effectiveFrom')) expiresOn!: string;
  @BusinessModelSet() businessModels!: BusinessModel[];
}

export class AgreementRenewedData {
  @RequiredText(OpenIdRules()) agreementId!: string;
  @RequiredText(IsoDate()) expiresOn!: string;
}

export class AgreementTerminatedData {
  @RequiredText(OpenIdRules()) agreementId!: string;
  @RequiredText(Length(1, 500)) reason!: string;
}

export class BusinessModelsChangedData {
  @BusinessModelSet() businessModels!: BusinessModel[];
}

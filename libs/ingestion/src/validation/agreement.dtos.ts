import { BUSINESS_MODELS, isOneOf, type BusinessModel } from '@partner-program/domain';
import { showSome } from './describe-value';
import { OpenIdRules } from './field-kinds';
import { IsList, Required, RequiredText } from './kind-rules';
import { all, rule } from './rule';
import { DateAfter, IsoDate, Length } from './text-rules';

// ── data of the agreement facts (CONTRACT §1) ──────────────────────────────────────────────────

const listed = (v: unknown): v is unknown[] => Array.isArray(v);

/** A non-empty array of distinct business-model ids. */
const BusinessModelSet = (): PropertyDecorator =>
  all(
    Required(),
    IsList(),
    rule('notEmpty', (v) => !listed(v) || v.length > 0, () => 'must list at least one business model', { minItems: 1 }),
    rule(
      'knownBusinessModels',
      (v) => !listed(v) || v.every((item) => isOneOf(BUSINESS_MODELS, item)),
      (v) => {
        const unknown = (v as unknown[]).filter((item) => !isOneOf(BUSINESS_MODELS, item));
        const allowed = BUSINESS_MODELS.join(', ');
        return `must contain only known business models, one of: ${allowed} (got ${showSome(unknown)})`;
      },
      { items: { type: 'string', enum: [...BUSINESS_MODELS] } },
    ),
    rule(
      'distinct',
      (v) => !listed(v) || new Set(v).size === v.length,
      (v) => {
        const items = v as unknown[];
        const repeated = items.filter((item, i) => items.indexOf(item) !== i);
        return `must not list a business model twice (repeated: ${showSome(repeated)})`;
      },
      { uniqueItems: true },
    ),
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

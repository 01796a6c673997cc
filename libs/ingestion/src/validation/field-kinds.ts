import { all } from './rule';
import { type IdKind, MESSAGE_ID, OPEN_ID, PARTNER_ID } from './id-patterns';
import { IsIn } from 'class-validator';
import { Chars, Length } from './text-rules';
import { show } from './describe-value';

// ── The string kinds of docs/contract.md §1 (the id forms themselves: id-patterns.ts) ────────────────

/** Anything but control characters. */
const PRINTABLE = String.raw`^\u0000-\u001f\u007f-\u009f`;

const IdRules = (kind: IdKind, maxLength = kind.maxLength): PropertyDecorator => all(Length(1, maxLength), Chars(kind.chars, kind.described));

export const MessageIdRules = (): PropertyDecorator => IdRules(MESSAGE_ID);

export const PartnerIdRules = (): PropertyDecorator => IdRules(PARTNER_ID);

export const SourceRules = (): PropertyDecorator => all(Length(1, 64), Chars(PRINTABLE, 'printable characters'));

/** agreementId, dealId, courseId, learnerId, accelerator code. */
export const OpenIdRules = (max = OPEN_ID.maxLength): PropertyDecorator => IdRules(OPEN_ID, max);

/**
 * The ISO 4217 codes, as this Node's ICU data holds them (current and historic currencies):
 * three upper-case letters alone let a made-up code such as XQQ through.
 */
const ISO_4217_CODES = Intl.supportedValuesOf('currency');

export const CurrencyRules = (): PropertyDecorator =>
  IsIn(ISO_4217_CODES, { message: ({ value }) => `must be an ISO 4217 currency code, such as EUR or USD (got ${show(value)})` });

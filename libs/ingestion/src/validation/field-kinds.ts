import { all } from './rule';
import { type IdKind, MESSAGE_ID, OPEN_ID, PARTNER_ID } from './id-patterns';
import { Chars, Length, Pattern } from './text-rules';

// ── The string kinds of docs/contract.md §1 (the id forms themselves: id-patterns.ts) ────────────────

/** Anything but control characters. */
const PRINTABLE = String.raw`^\u0000-\u001f\u007f-\u009f`;

const IdRules = (kind: IdKind, maxLength = kind.maxLength): PropertyDecorator => all(Length(1, maxLength), Chars(kind.chars, kind.described));

export const MessageIdRules = (): PropertyDecorator => IdRules(MESSAGE_ID);

export const PartnerIdRules = (): PropertyDecorator => IdRules(PARTNER_ID);

export const SourceRules = (): PropertyDecorator => all(Length(1, 64), Chars(PRINTABLE, 'printable characters'));

/** agreementId, dealId, courseId, learnerId, accelerator code. */
export const OpenIdRules = (max = OPEN_ID.maxLength): PropertyDecorator => IdRules(OPEN_ID, max);

export const CurrencyRules = (): PropertyDecorator => Pattern(/^[A-Z]{3}$/, 'an ISO 4217 currency code of three upper-case letters');

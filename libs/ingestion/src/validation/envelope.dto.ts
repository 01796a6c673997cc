import { UPSTREAM_EVENT_TYPES, type UpstreamEventType } from '@partner-program/domain';
import { MessageIdRules, PartnerIdRules, SourceRules } from './field-kinds';
import { IsJsonObject, Required, RequiredText } from './kind-rules';
import { OneOf } from './text-rules';
import { IsoTimestamp } from './timestamp';

/** The upstream envelope (docs/contract.md §1). `data` is checked against its type's DTO separately. */
export class EnvelopeDto {
  @RequiredText(MessageIdRules())
  messageId!: string;

  @RequiredText(OneOf(UPSTREAM_EVENT_TYPES, 'upstream event type'))
  type!: UpstreamEventType;

  @RequiredText(PartnerIdRules())
  partnerId!: string;

  @RequiredText(IsoTimestamp())
  occurredAt!: string;

  @RequiredText(SourceRules())
  source!: string;

  @Required()
  @IsJsonObject()
  data!: Record<string, unknown>;
}

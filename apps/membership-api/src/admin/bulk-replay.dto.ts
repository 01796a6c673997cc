import { IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { Count, LeftOutOrValid, Time } from '../http/request-dtos';

/** A bulk replay selects at most this many entries (each is replayed in turn, in the request). */
export const MAX_BULK_REPLAY = 500;

const OptionalText = (description: string): PropertyDecorator =>
  ((target: object, key: string) => {
    LeftOutOrValid()(target, key);
    IsString({ message: 'must be a string' })(target, key);
    MaxLength(128, { message: 'must be at most 128 characters' })(target, key);
    JSONSchema({ description })(target, key);
  }) as PropertyDecorator;

/** `POST /v1/rejections/replay`: which kept messages to replay (each field left out: any). */
export class BulkReplayDto {
  @OptionalText('only entries with this code (`invalid`, or a rejection code of the domain)') code?: string;
  @OptionalText('only messages whose envelope names this `source` (e.g. `lms`, `crm`)') source?: string;
  @OptionalText('only messages of this type (e.g. `CreditsReversed`)') type?: string;

  @LeftOutOrValid()
  @IsIn(['invalid', 'rejected'], { message: 'must be one of invalid, rejected' })
  @JSONSchema({ type: 'string', description: 'only entries kept with this outcome' })
  outcome?: 'invalid' | 'rejected';

  @Time('only entries received at or after this time (a date: its 00:00Z)') receivedFrom?: string;
  @Time('only entries received before this time (a date: its 00:00Z)') receivedTo?: string;

  @Count('the `nextAfter` of the previous bulk replay: entries after this id (default 0)') after?: number;

  @LeftOutOrValid()
  @IsInt({ message: `must be an integer from 1 to ${MAX_BULK_REPLAY}` })
  @Min(1, { message: `must be an integer from 1 to ${MAX_BULK_REPLAY}` })
  @Max(MAX_BULK_REPLAY, { message: `must be an integer from 1 to ${MAX_BULK_REPLAY}` })
  @JSONSchema({ description: `entries to select at most (default 100)` })
  limit?: number;

  @LeftOutOrValid()
  @IsBoolean({ message: 'must be true or false' })
  @JSONSchema({ description: 'list what would be replayed, replaying nothing (default false)' })
  dryRun?: boolean;
}

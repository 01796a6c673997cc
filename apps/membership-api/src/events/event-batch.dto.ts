import { schemaRef } from '@partner-program/ingestion';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

export const MAX_BATCH = 500;

/**
 * `{ "events": [ … ] }`: the batch's own shape. Each item is judged on its own (an item that is not
 * a valid envelope is answered as `invalid` in its result), so the items are any JSON value here.
 */
export class EventBatchDto {
  @IsDefined({ message: (args) => (args.value === null ? 'must not be null' : 'is required') })
  @IsArray({ message: 'must be an array of envelopes' })
  @ArrayMinSize(1, { message: 'must hold at least one event' })
  @ArrayMaxSize(MAX_BATCH, {
    // class-validator computes every failing constraint's message, this one also for a non-array.
    message: (args) => `must hold at most ${MAX_BATCH} events (got ${Array.isArray(args.value) ? args.value.length : 'no array'})`,
  })
  @JSONSchema({
    items: { anyOf: [schemaRef('UpstreamEnvelope'), { description: 'any other value is answered with an `invalid` result' }] },
  })
  events!: unknown[];
}

import type { KafkaMessage } from 'kafkajs';
import { toUpstreamRecord } from './upstream-message';

const message = (value: string | null, key: string | null = 'P-1'): KafkaMessage =>
  ({ key: key === null ? null : Buffer.from(key), value: value === null ? null : Buffer.from(value), offset: '7', timestamp: '0', attributes: 0 }) as KafkaMessage;

describe('toUpstreamRecord', () => {
  it('parses the JSON value and records where it came from', () => {
    const record = toUpstreamRecord('up', 2, message('{"partnerId":"P-9","messageId":"m"}'));
    expect(record.input).toEqual({
      body: { partnerId: 'P-9', messageId: 'm' },
      payload: '{"partnerId":"P-9","messageId":"m"}',
      origin: { transport: 'kafka', topic: 'up', partition: 2, offset: '7' },
    });
    expect(record.lane).toBe('p:P-9');
  });

  it('passes a value that is not JSON on as text, so ingestion reports it invalid', () => {
    const record = toUpstreamRecord('up', 0, message('{oops'));
    expect(record.input.body).toBe('{oops');
    expect(record.input.payload).toBe('{oops');
    expect(record.lane).toBe('k:P-1');
  });

  it('handles a missing value and key', () => {
    const record = toUpstreamRecord('up', 0, message(null, null));
    expect(record.input).toMatchObject({ body: '', payload: '' });
    expect(record.lane).toBe('k:');
  });
});

import type { KafkaMessage } from 'kafkajs';
import { toUpstreamRecord } from './upstream-message';

const message = (value: string | null, key: string | null = 'P-1'): KafkaMessage =>
  ({
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    offset: '7',
    timestamp: '0',
    attributes: 0,
  }) as KafkaMessage;

describe('toUpstreamRecord', () => {
  it('parses the JSON value and records where it came from', () => {
    const record = toUpstreamRecord('up', 2, message('{"partnerId":"P-9","messageId":"m"}'));
    expect(record.input).toEqual({
      body: { partnerId: 'P-9', messageId: 'm' },
      payload: '{"partnerId":"P-9","messageId":"m"}',
      problems: [],
      origin: { transport: 'kafka', topic: 'up', partition: 2, offset: '7' },
    });
    expect(record.lane).toBe('p:P-9');
  });

  it('passes a value that is not JSON on without a body and with the reason, so ingestion reports it invalid', () => {
    const record = toUpstreamRecord('up', 0, message('{oops'));
    expect(record.input).toMatchObject({ body: undefined, payload: '{oops', problems: [{ path: '', message: expect.stringMatching(/^malformed JSON/) }] });
    expect(record.lane).toBe('k:P-1');
  });

  it('handles a missing value and key', () => {
    const record = toUpstreamRecord('up', 0, message(null, null));
    expect(record.input).toMatchObject({ body: undefined, payload: '', problems: [{ path: '', message: expect.stringMatching(/^malformed JSON/) }] });
    expect(record.lane).toBe('k:');
  });

  it('judges the value as HTTP does: invalid UTF-8, duplicate keys and inexact numbers are problems', () => {
    const bad = { ...message(null), value: Buffer.from([0x7b, 0xff, 0x7d]) } as KafkaMessage;
    expect(toUpstreamRecord('up', 0, bad).input.problems).toEqual([{ path: '', message: 'body is not valid UTF-8' }]);
    const record = toUpstreamRecord('up', 0, message('{"partnerId":"P-1","data":{"credits":1,"credits":1.000000000000000000001}}'));
    expect(record.input.problems!.map((p) => p.message)).toEqual([
      'data.credits is given more than once (duplicate key)',
      'data.credits is not exactly representable as a number (1.000000000000000000001 would be read as 1)',
    ]);
  });
});

import { describeKafkaConfig } from './kafka-config';

describe('describeKafkaConfig', () => {
  it('describes a config without its password', () => {
    const config = { brokers: ['k:1'], clientId: 'partner-program', ssl: false, sasl: { mechanism: 'plain', username: 'u', password: 'hunter2' } } as const;
    expect(describeKafkaConfig(config)).toBe('brokers=k:1 clientId=partner-program ssl=false sasl=plain:u');
  });
});

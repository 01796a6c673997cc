import { KafkaConfigError, describeKafkaConfig, readKafkaConfig } from './kafka-config';

describe('readKafkaConfig', () => {
  it('is off when KAFKA_BROKERS is unset or blank', () => {
    expect(readKafkaConfig({})).toBeUndefined();
    expect(readKafkaConfig({ KAFKA_BROKERS: '  ' })).toBeUndefined();
  });

  it('reads brokers, client id and defaults', () => {
    expect(readKafkaConfig({ KAFKA_BROKERS: 'k1:9092, 127.0.0.1:19092,[::1]:9093' })).toEqual({
      brokers: ['k1:9092', '127.0.0.1:19092', '[::1]:9093'],
      clientId: 'partner-program',
      ssl: false,
    });
  });

  it('reads SSL and SASL', () => {
    const config = readKafkaConfig({
      KAFKA_BROKERS: 'k1:9093', KAFKA_SSL: 'true', KAFKA_CLIENT_ID: 'worker-1',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(config).toEqual({ brokers: ['k1:9093'], clientId: 'worker-1', ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 's3cret' } });
  });

  it('names every broken setting at once', () => {
    const read = () => readKafkaConfig({ KAFKA_BROKERS: 'k1,k2:99999', KAFKA_SSL: 'yes', KAFKA_SASL_MECHANISM: 'gssapi' });
    expect(read).toThrow(KafkaConfigError);
    expect(read).toThrow(/"k1" is not host:port.*"k2:99999" is not host:port.*KAFKA_SSL.*KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512/);
  });

  it('requires both credentials with a mechanism and a mechanism with credentials, without echoing the password', () => {
    expect(() => readKafkaConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_PASSWORD: required/);
    const error = (() => {
      try {
        readKafkaConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_PASSWORD: 'hunter2' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toMatch(/KAFKA_SASL_MECHANISM is not/);
    expect(error.message).not.toContain('hunter2');
  });

  it('describes a config without its password', () => {
    const config = readKafkaConfig({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2' })!;
    expect(describeKafkaConfig(config)).toBe('brokers=k:1 clientId=partner-program ssl=false sasl=plain:u');
  });
});

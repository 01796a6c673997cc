import { parseEsdbConnectionString } from '@partner-program/event-store';
import { validateEnvironment } from './app-config';
import { shortKeyNames } from './api-keys';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    expect(validateEnvironment({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      SCHEDULER_INTERVAL_MS: 30_000,
      EVENT_STORE: 'sqlite',
      BODY_LIMIT: '1mb',
      RATE_LIMIT_WINDOW_S: 1,
      RATE_LIMIT_PER_KEY: 100_000,
      RATE_LIMIT_PER_ADDRESS: 5_000,
      EXPORTS_AT_ONCE: 2,
      TIER_RISK_NOTICE_DAYS: 30,
    });
  });

  it('reads how many days before a forecast drop its tier-at-risk notice is due, 1 to 365', () => {
    expect(validateEnvironment({ TIER_RISK_NOTICE_DAYS: '45' })).toMatchObject({ TIER_RISK_NOTICE_DAYS: 45 });
    expect(() => validateEnvironment({ TIER_RISK_NOTICE_DAYS: '0' })).toThrow(/TIER_RISK_NOTICE_DAYS: /);
    expect(() => validateEnvironment({ TIER_RISK_NOTICE_DAYS: '366' })).toThrow(/TIER_RISK_NOTICE_DAYS: /);
  });

  it('converts numbers from the environment', () => {
    expect(validateEnvironment({ PORT: '8080', SCHEDULER_INTERVAL_MS: '500' })).toMatchObject({ PORT: 8080, SCHEDULER_INTERVAL_MS: 500 });
  });

  it('names every bad variable', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', LOG_LEVEL: 'loud', API_KEYS: 'root:short', EVENT_STORE: 'esdb' })).toThrow(
      /PORT: .*integer[\s\S]*API_KEYS: [\s\S]*LOG_LEVEL: [\s\S]*ESDB_CONNECTION_STRING: required when EVENT_STORE=esdb/,
    );
  });

  it('reads the rate limits and names a bad one', () => {
    expect(validateEnvironment({ RATE_LIMIT_WINDOW_S: '60', RATE_LIMIT_PER_KEY: '500' })).toMatchObject({ RATE_LIMIT_WINDOW_S: 60, RATE_LIMIT_PER_KEY: 500 });
    expect(() => validateEnvironment({ RATE_LIMIT_PER_ADDRESS: '0' })).toThrow(/RATE_LIMIT_PER_ADDRESS: /);
  });

  it('reads how many exports run at once, 1 to 16', () => {
    expect(validateEnvironment({ EXPORTS_AT_ONCE: '4' })).toMatchObject({ EXPORTS_AT_ONCE: 4 });
    expect(() => validateEnvironment({ EXPORTS_AT_ONCE: '0' })).toThrow(/EXPORTS_AT_ONCE: /);
    expect(() => validateEnvironment({ EXPORTS_AT_ONCE: '17' })).toThrow(/EXPORTS_AT_ONCE: /);
  });

  it('reads where several instances coordinate, and names a bad DATABASE_URL or DATABASE_SCHEMA_PREFIX', () => {
    expect(validateEnvironment({ DATABASE_URL: 'postgres://pp@db:5432/pp', DATABASE_SCHEMA_PREFIX: 'pp_blue_' })).toMatchObject({
      DATABASE_URL: 'postgres://pp@db:5432/pp',
      DATABASE_SCHEMA_PREFIX: 'pp_blue_',
    });
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://db/pp', DATABASE_SCHEMA_PREFIX: 'Blue; DROP' })).toThrow(
      /DATABASE_URL: .*postgres:\/\/[\s\S]*DATABASE_SCHEMA_PREFIX: /,
    );
  });

  // The contract's API_KEYS is `role:key` with no length rule: a deployment (or a test harness) with
  // short keys such as `admin:k1` must start; the start warns about them instead (shortApiKeyNames).
  it('accepts keys of any length, as the contract defines API_KEYS', () => {
    expect(validateEnvironment({ API_KEYS: 'admin:k1,reader:k2,auditor:k3,notifier:k4' }).API_KEYS).toBe('admin:k1,reader:k2,auditor:k3,notifier:k4');
    expect(() => validateEnvironment({ API_KEYS: 'admin:' })).toThrow(/API_KEYS: /);
  });

  it('accepts keys of several roles', () => {
    expect(validateEnvironment({ API_KEYS: 'admin:0123456789abcdef,reader:abcdef0123456789, publisher:zzzzzzzzzzzzzzzz' }).API_KEYS).toBeDefined();
  });

  // The config check and the adapter used to disagree: kurrentdb:// passed here, then the adapter refused it.
  it.each([
    'esdb://localhost:2113?tls=false',
    'esdb+discover://a:b@cluster:2113',
    'kurrentdb://localhost:2113?tls=false',
    'kurrentdb+discover://cluster:2113',
    'kurrent://h:2113',
  ])('an ESDB_CONNECTION_STRING it accepts (%p) is one the EventStoreDB adapter accepts', (value) => {
    const config = validateEnvironment({ EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: value });
    expect(parseEsdbConnectionString(config.ESDB_CONNECTION_STRING!)).toMatch(/^esdb(\+discover)?:\/\//);
  });

  it.each(['http://localhost:2113', 'kurrentdb://', 'esdb://?tls=false'])('refuses ESDB_CONNECTION_STRING %p, as the adapter would', (value) => {
    expect(() => validateEnvironment({ EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: value })).toThrow(/ESDB_CONNECTION_STRING/);
    expect(() => parseEsdbConnectionString(value)).toThrow(/ESDB connection string/);
  });

  it('stops the start when one key is listed under two roles, naming API_KEYS but not the key', () => {
    const start = () => validateEnvironment({ API_KEYS: 'reader:0123456789abcdef,admin:0123456789abcdef' });
    expect(start).toThrow(/API_KEYS: one key is listed more than once \(as reader, admin\)/);
    expect(start).not.toThrow(/0123456789abcdef/);
  });
});

describe('validateEnvironment and RULESETS_FILE', () => {
  it('accepts a valid rulesets file', () => {
    expect(validateEnvironment({ RULESETS_FILE: 'deploy/rulesets.example.json' }).RULESETS_FILE).toBe('deploy/rulesets.example.json');
  });

  it('stops the start with the other configuration errors when the file is bad', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', RULESETS_FILE: '/nonexistent/rulesets.json' })).toThrow(
      /invalid configuration:\n {2}PORT: [\s\S]*\n {2}RULESETS_FILE=\/nonexistent\/rulesets\.json: cannot be read/,
    );
  });
});

describe('validateEnvironment and Kafka', () => {
  it('is off when KAFKA_BROKERS is unset or blank', () => {
    expect(validateEnvironment({}).kafka).toBeUndefined();
    expect(validateEnvironment({ KAFKA_BROKERS: '  ' }).kafka).toBeUndefined();
  });

  it('reads brokers, client id and defaults', () => {
    expect(validateEnvironment({ KAFKA_BROKERS: 'k1:9092, 127.0.0.1:19092,[::1]:9093' }).kafka).toEqual({
      brokers: ['k1:9092', '127.0.0.1:19092', '[::1]:9093'],
      clientId: 'partner-program',
      ssl: false,
    });
  });

  it('reads SSL and SASL', () => {
    const config = validateEnvironment({
      KAFKA_BROKERS: 'k1:9093',
      KAFKA_SSL: 'TRUE',
      KAFKA_CLIENT_ID: 'worker-1',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(config.kafka).toEqual({
      brokers: ['k1:9093'],
      clientId: 'worker-1',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 's3cret' },
    });
    expect(validateEnvironment({ KAFKA_BROKERS: 'k1:9093', KAFKA_SSL: '1' }).kafka?.ssl).toBe(true);
  });

  it('names every broken Kafka setting at once', () => {
    expect(() => validateEnvironment({ KAFKA_BROKERS: 'k1,k2:99999', KAFKA_CLIENT_ID: 'a b', KAFKA_SSL: 'yes', KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(
      /KAFKA_BROKERS: .*host:port[\s\S]*KAFKA_CLIENT_ID: [\s\S]*KAFKA_SSL: .*true or false[\s\S]*KAFKA_SASL_MECHANISM: .*one of plain, scram-sha-256, scram-sha-512/,
    );
  });

  it('requires both credentials with a mechanism and a mechanism with credentials, without echoing the password', () => {
    expect(() => validateEnvironment({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toThrow(
      /KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM/,
    );
    const start = () => validateEnvironment({ KAFKA_BROKERS: 'k:1', KAFKA_SASL_PASSWORD: 'hunter2' });
    expect(start).toThrow(/KAFKA_SASL_MECHANISM: .*are set but KAFKA_SASL_MECHANISM is not/);
    expect(start).not.toThrow(/hunter2/);
  });
});

describe('validateEnvironment and PostgreSQL', () => {
  it('knows EVENT_STORE=postgres, with DATABASE_URL and a pool of 10 by default', () => {
    const config = validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:15432/postgres' });
    expect(config).toMatchObject({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:15432/postgres', DATABASE_POOL_SIZE: 10 });
    expect(
      validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgresql://app:pw@db.internal/pp', DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE,
    ).toBe(25);
  });

  it('requires DATABASE_URL with EVENT_STORE=postgres, once', () => {
    expect(() => validateEnvironment({ EVENT_STORE: 'postgres' })).toThrow(/^invalid configuration:\n {2}DATABASE_URL: required when EVENT_STORE=postgres$/);
  });

  it.each(['mysql://root:pw@db/x', 'http://db:5432/x', 'db:5432'])('refuses DATABASE_URL %p without quoting it', (value) => {
    const start = () => validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: value });
    expect(start).toThrow(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(start).not.toThrow(value);
  });

  it.each(['0', '101', '2.5'])('refuses DATABASE_POOL_SIZE %p', (value) => {
    expect(() => validateEnvironment({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE: /);
  });

  it('prefixes no schema by default and refuses a prefix that is not a lower-case identifier', () => {
    expect(validateEnvironment({}).DATABASE_SCHEMA_PREFIX).toBe('');
    expect(validateEnvironment({ DATABASE_SCHEMA_PREFIX: 'tenant_a_' }).DATABASE_SCHEMA_PREFIX).toBe('tenant_a_');
    expect(() => validateEnvironment({ DATABASE_SCHEMA_PREFIX: 'Bad-Prefix' })).toThrow(/DATABASE_SCHEMA_PREFIX: /);
  });
});

describe('validateEnvironment keeps to its variables', () => {
  it('holds nothing else from the environment', () => {
    expect(Object.keys(validateEnvironment({ HOME: '/root', PATH: '/bin' }))).not.toContain('HOME');
  });

  it('counts a blank variable as unset', () => {
    expect(validateEnvironment({ PORT: ' ', DATA_DIR: '' })).toMatchObject({ PORT: 3000, DATA_DIR: './data' });
  });
});

describe('shortKeyNames', () => {
  it('names the keys shorter than 16 characters by role and place, never the key', () => {
    expect(shortKeyNames('admin:k1,reader:0123456789abcdef,reader:short')).toEqual(['admin-1', 'reader-3']);
    expect(shortKeyNames('admin:0123456789abcdef')).toEqual([]);
  });
});

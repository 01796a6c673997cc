import { readEsdbConfig } from '@partner-program/event-store';
import { validateEnvironment } from './app-config';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    expect(validateEnvironment({})).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', SCHEDULER_INTERVAL_MS: 30_000, EVENT_STORE: 'sqlite', BODY_LIMIT: '1mb', RATE_LIMIT_WINDOW_S: 1, RATE_LIMIT_PER_KEY: 100_000, RATE_LIMIT_PER_ADDRESS: 5_000 });
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

  it('reads where several instances coordinate, and names a bad DATABASE_URL or COORDINATION_SCHEMA', () => {
    expect(validateEnvironment({})).toMatchObject({ COORDINATION_SCHEMA: 'coordination' });
    expect(validateEnvironment({ DATABASE_URL: 'postgres://pp@db:5432/pp', COORDINATION_SCHEMA: 'pp_blue' })).toMatchObject({ DATABASE_URL: 'postgres://pp@db:5432/pp', COORDINATION_SCHEMA: 'pp_blue' });
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://db/pp', COORDINATION_SCHEMA: 'Blue; DROP' })).toThrow(/DATABASE_URL: .*postgres:\/\/[\s\S]*COORDINATION_SCHEMA: /);
  });

  it('accepts keys of several roles', () => {
    expect(validateEnvironment({ API_KEYS: 'admin:0123456789abcdef,reader:abcdef0123456789, publisher:zzzzzzzzzzzzzzzz' }).API_KEYS).toBeDefined();
  });

  // The config check and the adapter used to disagree: kurrentdb:// passed here, then the adapter refused it.
  it.each(['esdb://localhost:2113?tls=false', 'esdb+discover://a:b@cluster:2113', 'kurrentdb://localhost:2113?tls=false', 'kurrentdb+discover://cluster:2113', 'kurrent://h:2113'])(
    'an ESDB_CONNECTION_STRING it accepts (%p) is one the EventStoreDB adapter accepts',
    (value) => {
      const config = validateEnvironment({ EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: value });
      expect(readEsdbConfig({ ESDB_CONNECTION_STRING: config.ESDB_CONNECTION_STRING })?.connectionString).toMatch(/^esdb(\+discover)?:\/\//);
    },
  );

  it.each(['http://localhost:2113', 'kurrentdb://', 'esdb://?tls=false'])('refuses ESDB_CONNECTION_STRING %p, as the adapter would', (value) => {
    expect(() => validateEnvironment({ EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: value })).toThrow(/ESDB_CONNECTION_STRING/);
    expect(() => readEsdbConfig({ ESDB_CONNECTION_STRING: value })).toThrow(/ESDB connection string/);
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

import 'reflect-metadata';
import { TIER_RISK_NOTICE_DEFAULT_DAYS } from '@partner-program/domain';
import { SASL_MECHANISMS, type SaslMechanism } from '@partner-program/kafka';
import { ESDB_CONNECTION_STRING_PATTERN } from '@partner-program/event-store';
import { Transform, Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { ROLES } from './api-keys';

// ── Every environment variable the processes read, with its default and its rule ─────────────
// The README's configuration table lists exactly these (app-config.spec.ts checks it). A message
// never quotes a value: API_KEYS, KAFKA_SASL_PASSWORD and DATABASE_URL's password are secrets.

const ROLE = `(${ROLES.join('|')})`;
const API_KEY_ENTRY = `\\s*${ROLE}:[^,:\\s]+\\s*`;
const PORT_NUMBER = '([1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])';
const BROKER = `\\s*(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):${PORT_NUMBER}\\s*`;
const lowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class EnvironmentVariables {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  DATA_DIR = './data';

  /**
   * `role:key,role:key`; see docs/contract.md §2. Unset: a one-off admin key is generated and printed.
   * Any key length is accepted, as the contract's format allows; a short key is warned about at start.
   */
  @IsOptional()
  @Matches(new RegExp(`^${API_KEY_ENTRY}(,${API_KEY_ENTRY})*$`), {
    message: `API_KEYS must be a comma-separated list of role:key, roles ${ROLES.join('|')}, keys without spaces, commas or colons`,
  })
  API_KEYS?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** A JSON file holding an array of extra rulesets (validated at start). */
  @IsOptional()
  @IsString()
  RULESETS_FILE?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  SCHEDULER_INTERVAL_MS = 30_000;

  /** Days before a forecast tier drop its tier-at-risk notice is due (one per cause of the drop). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  TIER_RISK_NOTICE_DAYS = TIER_RISK_NOTICE_DEFAULT_DAYS;

  /**
   * `postgres` also puts the rejection log and the Kafka publishers' checkpoints in DATABASE_URL's
   * database: one database for everything the processes share (README, docs/postgres.md).
   */
  @IsOptional()
  @IsIn(['sqlite', 'esdb', 'postgres'])
  EVENT_STORE: 'sqlite' | 'esdb' | 'postgres' = 'sqlite';

  /** Required with EVENT_STORE=esdb (app-config.ts). The event store's own definition, so whatever passes here the adapter accepts too. */
  @IsOptional()
  @Matches(ESDB_CONNECTION_STRING_PATTERN, { message: 'ESDB_CONNECTION_STRING must be an esdb:// or kurrentdb:// connection string with a host' })
  ESDB_CONNECTION_STRING?: string;

  /** Required with EVENT_STORE=postgres (app-config.ts). */
  @IsOptional()
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false },
    { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' },
  )
  DATABASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** Prepended to every schema name (`<prefix>event_store`, …): several deployments (or tests) in one database. */
  @IsOptional()
  @Matches(/^([a-z_][a-z0-9_]{0,39})?$/, { message: 'DATABASE_SCHEMA_PREFIX must be lower-case letters, digits and _, at most 40, not starting with a digit' })
  DATABASE_SCHEMA_PREFIX = '';

  /** Kafka is on only when this is set (docs/contract.md §3). */
  @IsOptional()
  @Matches(new RegExp(`^${BROKER}(,${BROKER})*$`), { message: 'KAFKA_BROKERS must be a comma-separated list of host:port, ports 1-65535' })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'KAFKA_CLIENT_ID must be 1-100 characters of [A-Za-z0-9._-]' })
  KAFKA_CLIENT_ID = 'partner-program';

  @IsOptional()
  @Transform(lowerCase)
  @IsBooleanString({ message: 'KAFKA_SSL must be true or false (or 1 or 0)' })
  KAFKA_SSL = 'false';

  @IsOptional()
  @Transform(lowerCase)
  @IsIn(SASL_MECHANISMS, { message: `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}` })
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  /** Required with KAFKA_SASL_MECHANISM, as is the password (app-config.ts). */
  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** Rate limits, in points per window: a request costs 1, each event of a batch 1, a minPosition wait 1 per 100 ms. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_S = 1;

  /** Points per window for each API key (the defaults leave room far above the benchmarks). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_KEY = 100_000;

  /** Points per window for each client address calling without a valid key. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_ADDRESS = 5_000;

  /** Programme-wide exports one process runs at once; one more gets 429 with Retry-After (each holds a partner list and a CPU). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  EXPORTS_AT_ONCE = 2;

  /** Largest accepted request body; bigger ones get 413. */
  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 512kb or 2mb' })
  BODY_LIMIT = '1mb';
}

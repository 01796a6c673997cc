import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { rolesOfRepeatedKeys } from './api-keys';
import { loadRulesetCatalog } from '../core/rulesets-file';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { ESDB_CONNECTION_STRING_PATTERN } from '@partner-program/event-store';
import { DEFAULT_COORDINATION_SCHEMA } from '../leadership/coordination-schema';

// ── Configuration from the environment, validated at start ────────────────────────────────────
// A wrong value stops the process with a message naming the variable, instead of a service that
// half works.

export class EnvironmentVariables {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  DATA_DIR = './data';

  /** `role:key,role:key`; see CONTRACT §2. Unset: a one-off admin key is generated and printed. */
  @IsOptional() @Matches(/^\s*(publisher|reader|auditor|notifier|admin):[^,:\s]{16,}\s*(,\s*(publisher|reader|auditor|notifier|admin):[^,:\s]{16,}\s*)*$/, {
    message: 'API_KEYS must be a comma-separated list of role:key, roles publisher|reader|auditor|notifier|admin, keys of at least 16 characters without spaces, commas or colons',
  })
  API_KEYS?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** A JSON file holding an array of extra rulesets (validated at start). */
  @IsOptional() @IsString()
  RULESETS_FILE?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100)
  SCHEDULER_INTERVAL_MS = 30_000;

  @IsOptional() @IsIn(['sqlite', 'esdb'])
  EVENT_STORE: 'sqlite' | 'esdb' = 'sqlite';

  /** The event store's own definition, so whatever passes here the adapter accepts too. */
  @IsOptional() @Matches(ESDB_CONNECTION_STRING_PATTERN, { message: 'ESDB_CONNECTION_STRING must be an esdb:// or kurrentdb:// connection string with a host' })
  ESDB_CONNECTION_STRING?: string;

  @IsOptional() @IsString()
  KAFKA_BROKERS?: string;

  /** PostgreSQL, where several instances coordinate: one elected projector, rebuilds asked of it by any replica. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection string' })
  DATABASE_URL?: string;

  /** The schema of the elections and rebuild requests (one per deployment sharing a database). */
  @IsOptional() @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'COORDINATION_SCHEMA must be a lower-case SQL identifier (letters, digits, _)' })
  COORDINATION_SCHEMA = DEFAULT_COORDINATION_SCHEMA;

  /** Rate limits, in points per window: a request costs 1, each event of a batch 1, a minPosition wait 1 per 100 ms. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_WINDOW_S = 1;

  /** Points per window for each API key (the defaults leave room far above the benchmarks). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_KEY = 100_000;

  /** Points per window for each client address calling without a valid key. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  RATE_LIMIT_PER_ADDRESS = 5_000;

  /** Largest accepted request body; bigger ones get 413. */
  @IsOptional() @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 512kb or 2mb' })
  BODY_LIMIT = '1mb';
}

export type AppConfig = Readonly<EnvironmentVariables>;

/** Parses and checks the environment; throws an Error naming every bad variable. */
export function validateEnvironment(env: Record<string, unknown>): AppConfig {
  const config = plainToInstance(EnvironmentVariables, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));
  for (const roles of config.API_KEYS ? rolesOfRepeatedKeys(config.API_KEYS) : []) {
    problems.push(`API_KEYS: one key is listed more than once (as ${roles.join(', ')}); give each key exactly one role`);
  }
  if (config.EVENT_STORE === 'esdb' && !config.ESDB_CONNECTION_STRING) problems.push('ESDB_CONNECTION_STRING: required when EVENT_STORE=esdb');
  // Checked here, before the application is built: an error thrown while Nest builds its modules
  // is printed as a stack trace by Nest itself, not as a message naming the variable.
  problems.push(...rulesetsFileProblems(config.RULESETS_FILE));
  if (problems.length > 0) throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

function rulesetsFileProblems(file: string | undefined): string[] {
  try {
    loadRulesetCatalog(file);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

import 'reflect-metadata';
import type { KafkaConfig } from '@partner-program/kafka';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { rolesOfRepeatedKeys } from './api-keys';
import { EnvironmentVariables } from './environment-variables';
import { loadRulesetCatalog } from '../core/rulesets-file';

// ── The one configuration of a process: read from the environment once, at start ─────────────
// A wrong value stops the process with a message naming every bad variable, instead of a service
// that half works. Nothing else reads process.env: modules get this object through Nest's
// ConfigService (CoreModule) and the libraries the typed parts they need (`kafka`).

export type AppConfig = Readonly<EnvironmentVariables> &
  Readonly<{
    /** The Kafka connection, when KAFKA_BROKERS is set; off otherwise. */
    kafka: KafkaConfig | undefined;
  }>;

/** Every variable of the configuration, in declaration order. */
export const CONFIG_VARIABLES: readonly string[] = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((rule) => rule.propertyName),
  ),
];

/** Parses and checks the environment; throws an Error naming every bad variable, never a secret's value. */
export function validateEnvironment(env: Readonly<Record<string, unknown>>): AppConfig {
  const variables = plainToInstance(EnvironmentVariables, setVariables(env), { exposeDefaultValues: true });
  const errors = validateSync(variables);
  const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`));
  problems.push(...crossVariableProblems(variables));
  // Checked here, before the application is built: an error thrown while Nest builds its modules
  // is printed as a stack trace by Nest itself, not as a message naming the variable.
  problems.push(...rulesetsFileProblems(variables.RULESETS_FILE));
  if (problems.length > 0) throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return { ...variables, kafka: kafkaConfig(variables) };
}

/** The known variables that are set; a blank one counts as unset, as an empty `KAFKA_BROKERS=` turns Kafka off. */
function setVariables(env: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && !(typeof value === 'string' && value.trim() === '')) set[name] = value;
  }
  return set;
}

function crossVariableProblems(variables: EnvironmentVariables): string[] {
  const problems: string[] = [];
  for (const roles of variables.API_KEYS ? rolesOfRepeatedKeys(variables.API_KEYS) : []) {
    problems.push(`API_KEYS: one key is listed more than once (as ${roles.join(', ')}); give each key exactly one role`);
  }
  const requiredWith: [keyof EnvironmentVariables, string, boolean][] = [
    ['ESDB_CONNECTION_STRING', 'when EVENT_STORE=esdb', variables.EVENT_STORE === 'esdb'],
    ['DATABASE_URL', 'when EVENT_STORE=postgres', variables.EVENT_STORE === 'postgres'],
    ['KAFKA_SASL_USERNAME', 'with KAFKA_SASL_MECHANISM', variables.KAFKA_SASL_MECHANISM !== undefined],
    ['KAFKA_SASL_PASSWORD', 'with KAFKA_SASL_MECHANISM', variables.KAFKA_SASL_MECHANISM !== undefined],
  ];
  for (const [name, when, needed] of requiredWith) if (needed && variables[name] === undefined) problems.push(`${name}: required ${when}`);
  if (!variables.KAFKA_SASL_MECHANISM && (variables.KAFKA_SASL_USERNAME || variables.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_MECHANISM: KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not');
  }
  return problems;
}

function kafkaConfig(variables: EnvironmentVariables): KafkaConfig | undefined {
  if (!variables.KAFKA_BROKERS) return undefined;
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = variables;
  return {
    brokers: variables.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
    clientId: variables.KAFKA_CLIENT_ID,
    ssl: variables.KAFKA_SSL === 'true' || variables.KAFKA_SSL === '1',
    ...(mechanism && username && password ? { sasl: { mechanism, username, password } } : {}),
  };
}

function rulesetsFileProblems(file: string | undefined): string[] {
  try {
    loadRulesetCatalog(file);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

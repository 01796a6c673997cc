import { UPSTREAM_EVENT_TYPES, isOneOf, type UpstreamEvent } from '@partner-program/domain';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { typeName } from './describe-value';
import { DATA_DTOS } from './data-dto-catalog';
import { dtoInstance } from './dto-instance';
import { EnvelopeDto } from './envelope.dto';
import { copyJson, isPlainObject } from './plain-json';
import { problem, toProblems, type Problem } from './problems';
import { readTimestamp } from './timestamp';

// ── Validation of one upstream envelope (docs/contract.md §1), shared by HTTP and Kafka ingestion ─────

export type UpstreamEnvelope = {
  messageId: string;
  type: UpstreamEvent['type'];
  partnerId: string;
  occurredAt: string;
  source: string;
  data: Record<string, unknown>;
};

export type EnvelopeValidation =
  { ok: true; envelope: UpstreamEnvelope } | { ok: false; problems: Problem[]; messageId?: string; partnerId?: string; type?: string; source?: string };

const MAX_FUTURE_MS = 5 * 60_000;
const VALIDATE: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: true, value: false },
};

/**
 * Checks a received message against every rule of docs/contract.md §1 and collects all broken rules.
 * `now` (epoch ms) bounds `occurredAt`: at most 5 minutes ahead is accepted. `received`: what
 * reading the text found (duplicate keys, inexact numbers, depth; `readJsonBytes`), reported
 * first; with no body to validate (not JSON at all, or not a message) they are the whole answer.
 */
export function validateEnvelope(raw: unknown, now: number, received: readonly Problem[] = []): EnvelopeValidation {
  if (raw === undefined && received.length > 0) return { ok: false, problems: [...received] };
  if (!isPlainObject(raw)) {
    return { ok: false, problems: [...received, problem('', `body must be a JSON object (got ${typeName(raw)})`)] };
  }
  const copyProblems: Problem[] = [...received];
  const body = copyJson(raw, '', copyProblems) as Record<string, unknown>;
  const checked = [
    ...toProblems(validateSync(dtoInstance(EnvelopeDto, body), VALIDATE), ''),
    ...futureProblems(body['occurredAt'], now),
    ...dataProblems(body['type'], body['data']),
  ];
  const reported = new Set(copyProblems.map((p) => p.path));
  const problems = [...copyProblems, ...checked.filter((p) => !reported.has(p.path))];
  if (problems.length === 0) return { ok: true, envelope: envelopeOf(body) };
  return { ok: false, problems, ...validIdentity(body, problems) };
}

/**
 * Every broken rule of `plain` (fields already decoded) against a DTO's rules, with the same
 * options and messages as the envelope: used for the HTTP parameters' DTOs as well.
 */
export function validateDto(dto: abstract new () => object, plain: Record<string, unknown>): Problem[] {
  return toProblems(validateSync(dtoInstance(dto, plain), VALIDATE), '');
}

/** The domain fact of a valid envelope: its data exactly as received. */
export function toFact(envelope: UpstreamEnvelope): UpstreamEvent {
  const { type, data, messageId, occurredAt, source } = envelope;
  return { type, data, meta: { messageId, occurredAt, source } } as UpstreamEvent;
}

function futureProblems(occurredAt: unknown, now: number): Problem[] {
  if (typeof occurredAt !== 'string') return [];
  const reading = readTimestamp(occurredAt);
  if (!reading.ok || reading.millis <= now + MAX_FUTURE_MS) return [];
  const limit = new Date(now + MAX_FUTURE_MS).toISOString();
  const fragment = `must not be more than 5 minutes in the future (got ${occurredAt}, latest accepted ${limit})`;
  return [problem('occurredAt', fragment)];
}

function dataProblems(type: unknown, data: unknown): Problem[] {
  if (!isOneOf(UPSTREAM_EVENT_TYPES, type) || !isPlainObject(data)) return [];
  return toProblems(validateSync(dtoInstance(DATA_DTOS[type], data), VALIDATE), 'data');
}

function envelopeOf(body: Record<string, unknown>): UpstreamEnvelope {
  const { messageId, type, partnerId, occurredAt, source, data } = body as UpstreamEnvelope;
  return { messageId, type, partnerId, occurredAt, source, data };
}

/** messageId, partnerId and type when they are valid themselves, for the operator's rejection log. */
type Identity = Partial<Record<'messageId' | 'partnerId' | 'type' | 'source', string>>;

function validIdentity(body: Record<string, unknown>, problems: readonly Problem[]): Identity {
  const identity: Identity = {};
  for (const field of ['messageId', 'partnerId', 'type', 'source'] as const) {
    const value = body[field];
    if (typeof value === 'string' && !problems.some((p) => p.path === field)) identity[field] = value;
  }
  return identity;
}

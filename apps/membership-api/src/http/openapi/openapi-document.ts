import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { dtoSchema, envelopeSchemas } from '@partner-program/ingestion';
import { API_KEY_SCHEME, ROLE_EXTENSION } from '../../auth/roles.decorator';
import { EventBatchDto } from '../../events/event-batch.dto';
import { RESPONSE_SCHEMAS } from './response-schemas';

// ── The OpenAPI document of /docs and /docs-json ──────────────────────────────────────────────
// Operations, parameters and answers come from the controllers' decorators (parameters from the
// DTOs that validate them); request bodies from the ingestion DTOs (envelopeSchemas).

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const ROLES = 'publisher, reader, auditor (also a reader), notifier, admin (everything)';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('partner-program')
      .setDescription(
        'Partner programme backend: ingest upstream facts, read tiers, badges, entitlements and renewal notices (docs/contract.md §2 in the repository). ' +
          `Every route but health and metrics needs an API key of a role (\`${ROLE_EXTENSION}\` on each operation): ${ROLES}.`,
      )
      .setVersion('1')
      .addSecurity(API_KEY_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description: 'an API key from API_KEYS (`role:key`), sent as `Authorization: Bearer <key>`; not a JWT',
      })
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...envelopeSchemas(), EventBatch: dtoSchema(EventBatchDto), ...RESPONSE_SCHEMAS },
  };
  for (const path of Object.values(document.paths)) {
    // A path item also holds its summary, servers and parameters: the operations are the entries with responses.
    for (const entry of Object.values(path) as unknown[]) {
      if (typeof entry !== 'object' || entry === null || !('responses' in entry)) continue;
      const operation = entry as Operation;
      const role: unknown = (entry as Record<string, unknown>)[ROLE_EXTENSION];
      if (role === 'none') operation.security = [];
      const access = role === 'none' ? 'Open to anyone (no API key).' : `Role: ${String(role)}.`;
      operation.description = operation.description ? `${access} ${operation.description}` : access;
    }
  }
  return document;
}

import { OpenIdRules, RequiredText } from '@partner-program/ingestion';
import { TrainingRevokedData } from '../../../libs/ingestion/src/validation/training.dtos';
import { type TestApp, startTestApp } from './test-app';

// ── /docs-json is generated from the definitions that validate ─────────────────────────────────

type Operation = {
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-required-role'?: string;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any>; securitySchemes: Record<string, any> } };

// A field added to a DTO (here at run time, before the app is built) is in the document and validated.
RequiredText(OpenIdRules(32))(TrainingRevokedData.prototype, 'probeField');

const CODES: Record<string, string[]> = {
  'post /v1/events': ['200', '201', '400', '401', '403', '413', '415', '422', '503', '429'],
  'get /v1/partners': ['200', '400', '401', '403', '503', '429'],
  'get /v1/partners/{partnerId}': ['200', '400', '401', '403', '404', '503', '429'],
  'get /v1/partners/{partnerId}/history': ['200', '400', '401', '403', '404', '503', '429'],
  'get /v1/partners/{partnerId}/chain-head': ['200', '400', '401', '403', '404', '503', '429'],
  'get /v1/partners/{partnerId}/timeline': ['200', '400', '401', '403', '404', '503', '429'],
  'get /v1/partners/{partnerId}/forecast': ['200', '400', '401', '403', '404', '503', '429'],
  'get /v1/forecast': ['200', '400', '401', '403', '503', '429'],
  'get /v1/badges': ['200', '400', '401', '403', '503', '429'],
  'get /v1/renewal-notices': ['200', '400', '401', '403', '503', '429'],
  'post /v1/renewal-notices/{noticeId}/acknowledge': ['200', '400', '401', '403', '404', '409', '422', '429'],
  'get /v1/programme/summary': ['200', '400', '401', '403', '503', '429'],
  'get /v1/programme/tier-history': ['200', '400', '401', '403', '503', '429'],
  'get /v1/programme/close-to-next-tier': ['200', '400', '401', '403', '503', '429'],
  'get /v1/tier-risk-notices': ['200', '400', '401', '403', '503', '429'],
  'post /v1/tier-risk-notices/{noticeId}/acknowledge': ['200', '400', '401', '403', '404', '409', '422', '429'],
  'get /v1/rejections': ['200', '400', '401', '403', '503', '429'],
  'post /v1/rejections/{id}/replay': ['200', '400', '401', '403', '404', '409', '503', '429'],
  'post /v1/rejections/replay': ['200', '400', '401', '403', '503', '429'],
  'post /v1/admin/projections/rebuild': ['200', '401', '403', '409', '429', '503'],
  'get /v1/exports/partner-status': ['200', '400', '401', '403', '429', '503'],
  'get /v1/me': ['200', '401', '429'],
  'get /health/live': ['200', '429'],
  'get /health/ready': ['200', '503', '429'],
  'get /metrics': ['200', '429'],
};

const ROLES: Record<string, string> = {
  'post /v1/events': 'publisher',
  'get /v1/partners': 'reader',
  'get /v1/partners/{partnerId}': 'reader',
  'get /v1/partners/{partnerId}/history': 'auditor',
  'get /v1/partners/{partnerId}/chain-head': 'auditor',
  'get /v1/partners/{partnerId}/timeline': 'auditor',
  'get /v1/partners/{partnerId}/forecast': 'reader',
  'get /v1/forecast': 'reader',
  'get /v1/badges': 'reader',
  'get /v1/renewal-notices': 'notifier',
  'post /v1/renewal-notices/{noticeId}/acknowledge': 'notifier',
  'get /v1/programme/summary': 'reader',
  'get /v1/programme/tier-history': 'reader',
  'get /v1/programme/close-to-next-tier': 'reader',
  'get /v1/tier-risk-notices': 'notifier',
  'post /v1/tier-risk-notices/{noticeId}/acknowledge': 'notifier',
  'get /v1/rejections': 'admin',
  'post /v1/rejections/{id}/replay': 'admin',
  'post /v1/rejections/replay': 'admin',
  'post /v1/admin/projections/rebuild': 'admin',
  'get /v1/exports/partner-status': 'auditor',
  'get /v1/me': 'any',
  'get /health/live': 'none',
  'get /health/ready': 'none',
  'get /metrics': 'none',
};

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method} ${path}`, op] as const));

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => t.close());

  it('lists every route with its role, in x-required-role, its description and its security', () => {
    expect(Object.fromEntries(operations().map(([name, op]) => [name, op['x-required-role']]))).toEqual(ROLES);
    for (const [name, op] of operations()) {
      const role = ROLES[name];
      expect([name, op.description]).toEqual([name, expect.stringMatching(role === 'none' ? /^Open to anyone/ : new RegExp(`^Role: ${role}\\.`))]);
      expect([name, op.security]).toEqual([name, role === 'none' ? [] : [{ apiKey: [] }]]);
    }
  });

  it('documents every status code each route answers, each with a body schema', () => {
    expect(Object.fromEntries(operations().map(([name, op]) => [name, Object.keys(op.responses).sort()]))).toEqual(
      Object.fromEntries(Object.entries(CODES).map(([name, codes]) => [name, [...codes].sort()])),
    );
    for (const [name, op] of operations()) {
      for (const [code, response] of Object.entries(op.responses)) {
        const content = response.content ?? {};
        expect([name, code, Object.values(content).every((media) => media.schema !== undefined) && Object.keys(content).length > 0]).toEqual([
          name,
          code,
          true,
        ]);
      }
    }
  });

  it('documents Retry-After on every 429', () => {
    for (const [name, op] of operations())
      expect([name, (op.responses['429'] as { headers?: Record<string, unknown> }).headers]).toEqual([name, { 'Retry-After': expect.any(Object) }]);
  });

  it('names the security scheme a bearer API key, not a JWT', () => {
    expect(doc.components.securitySchemes).toEqual({ apiKey: { type: 'http', scheme: 'bearer', description: expect.stringContaining('API key') } });
  });

  it('types every parameter, with the validating DTO’s enums, patterns and bounds', () => {
    for (const [name, op] of operations()) {
      for (const parameter of op.parameters ?? [])
        expect([name, parameter.name, parameter.schema?.['type']]).toEqual([name, parameter.name, expect.stringMatching(/^(string|integer)$/)]);
    }
    const params = (key: string) => Object.fromEntries((doc.paths[key]!['get']!.parameters ?? []).map((p) => [p.name, p.schema]));
    expect(params('/v1/partners')['area']).toMatchObject({ type: 'string', enum: expect.arrayContaining(['vmc-on-aws']) });
    expect(params('/v1/partners')['tier']).toEqual({ type: 'string', enum: ['partner', 'advanced', 'principal', 'none'] });
    expect(params('/v1/partners')['limit']).toEqual({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(params('/v1/partners/{partnerId}')['partnerId']).toEqual({ type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]*$' });
    expect(params('/v1/renewal-notices')['status']).toEqual({ type: 'string', enum: ['pending', 'issued', 'acknowledged', 'cancelled'] });
    expect(params('/v1/exports/partner-status')['tz']).toEqual({ type: 'string', enum: expect.arrayContaining(['UTC', 'Europe/Berlin', 'America/New_York']) });
    expect(params('/v1/exports/partner-status')['format']).toEqual({ type: 'string', enum: ['ndjson', 'csv'] });
    // The export answers in its formats, its errors in JSON like every route (found by schemathesis: ST105).
    const exportAnswers = doc.paths['/v1/exports/partner-status']!['get']!.responses;
    expect([Object.keys(exportAnswers['200']!.content!), Object.keys(exportAnswers['400']!.content!)]).toEqual([
      ['application/x-ndjson', 'text/csv'],
      ['application/json'],
    ]);
  });

  it('builds the envelope from the DTOs: one of the typed envelopes or a batch', () => {
    const body = doc.paths['/v1/events']!['post']!.requestBody!.content['application/json']!.schema;
    expect(body).toEqual({ oneOf: [{ $ref: '#/components/schemas/UpstreamEnvelope' }, { $ref: '#/components/schemas/EventBatch' }] });
    const schemas = doc.components.schemas;
    expect(schemas['UpstreamEnvelope'].oneOf).toHaveLength(14);
    expect(schemas['UpstreamEnvelope'].discriminator.propertyName).toBe('type');
    expect(schemas['EventBatch'].properties.events).toMatchObject({ type: 'array', minItems: 1, maxItems: 500 });
    expect(schemas['CreditsBookedEnvelope'].properties.data).toEqual({ $ref: '#/components/schemas/CreditsBookedData' });
    for (const name of [
      'ErrorBody',
      'IngestResult',
      'BatchResult',
      'PartnerStatus',
      'HistoryPage',
      'Timeline',
      'PartnersPage',
      'Badges',
      'NoticesPage',
      'RejectionsPage',
      'Rebuild',
      'Health',
    ]) {
      expect([name, schemas[name]]).toEqual([name, expect.objectContaining({ type: 'object' })]);
    }
  });

  it('shows a field added to a DTO, which validation then requires', async () => {
    const data = doc.components.schemas['TrainingRevokedData'];
    expect(data.properties.probeField).toEqual({ type: 'string', minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9._:@#-]*$' });
    expect(data.required).toContain('probeField');
    const envelope = {
      messageId: 'probe-1',
      type: 'TrainingRevoked',
      partnerId: 'P-1',
      occurredAt: '2026-01-01T00:00:00Z',
      source: 'lms',
      data: { courseId: 'c', learnerId: 'l' },
    };
    const response = await t.http.post('/v1/events').set(t.as('publisher')).send(envelope).expect(400);
    expect(response.body.message).toContain('data.probeField is required');
  });

  it('keeps the Swagger UI at /docs and /docs/', async () => {
    expect((await t.http.get('/docs').redirects(1)).text).toContain('swagger-ui');
    expect((await t.http.get('/docs/')).text).toContain('swagger-ui');
  });
});

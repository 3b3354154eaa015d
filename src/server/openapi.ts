import { z } from 'zod';
import { AssessmentSchema } from '../assess/index.js';
import { HistorySchema } from '../history/schema.js';
import { CdsRequestSchema, FeedbackSchema } from './cds/schemas.js';
import { IssueTokenSchema } from './routes/session.js';
import { ASSESSABLE_DRUGS } from '../drugs/index.js';
import {
  AssessRequestSchema,
  CompareRequestSchema,
  ComparisonSchema,
  AssessmentRecordSchema,
  AuditItemSchema,
  DecisionRequestSchema,
  DecisionSchema,
  OperationOutcomeSchema,
  PatientRecordSchema,
  PatientSummarySchema,
  VerifyResultSchema,
  VersionInfoSchema,
} from './schemas.js';

// OpenAPI 3.1 generated from the zod schemas the routes validate with (one definition, habit 1).
// The monitoring routes document themselves by adding to `extraPaths` at registration.

type Json = Record<string, unknown>;

function components(): Record<string, Json> {
  const reg = z.registry<{ id: string }>();
  const named: [string, z.ZodType][] = [
    ['History', HistorySchema],
    ['Assessment', AssessmentSchema],
    ['PatientRecord', PatientRecordSchema],
    ['PatientSummary', PatientSummarySchema],
    ['VersionInfo', VersionInfoSchema],
    ['AssessRequest', AssessRequestSchema],
    ['CompareRequest', CompareRequestSchema],
    ['Comparison', ComparisonSchema],
    ['AssessmentRecord', AssessmentRecordSchema],
    ['DecisionRequest', DecisionRequestSchema],
    ['Decision', DecisionSchema],
    ['VerifyResult', VerifyResultSchema],
    ['AuditItem', AuditItemSchema],
    ['OperationOutcome', OperationOutcomeSchema],
    ['IssueToken', IssueTokenSchema],
    ['CdsRequest', CdsRequestSchema],
    ['CdsFeedback', FeedbackSchema],
  ];
  for (const [id, s] of named) reg.add(s, { id });
  const out = z.toJSONSchema(reg, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' }) as {
    schemas: Record<string, Json>;
  };
  for (const s of Object.values(out.schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return out.schemas;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? 'error', content: { 'application/fhir+json': { schema: ref('OperationOutcome') } } }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input; issue[].expression has the field paths',
  401: 'no or invalid token',
  403: 'the role may not do this',
  404: 'not found',
  409: 'version conflict',
  412: 'prefetch missing and no FHIR server to fetch from',
  413: 'request body too large',
};
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const queryParam = (name: string, schema: Json, description?: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  ...(description ? { description } : {}),
});
const asOf = queryParam('asOf', { type: 'string', format: 'date' }, "YYYY-MM-DD; defaults to the server's today");
const items = (name: string) => ({ type: 'object', properties: { items: { type: 'array', items: ref(name) } }, required: ['items'] });
const historyOrBundle = {
  oneOf: [
    ref('History'),
    { type: 'object', description: 'A FHIR R4 Bundle of one patient', properties: { resourceType: { const: 'Bundle' } }, required: ['resourceType'] },
  ],
};

/** Paths added by route modules at registration (the monitoring routes); read when the document is built. */
export const registeredPaths: Record<string, Json> = {};

export function openApiDocument(extraPaths: Record<string, Json> = registeredPaths): Json {
  const secured = { security: [{ bearer: [] }] };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fulcrum API',
      version: '1',
      description: `Benefit-risk of ${ASSESSABLE_DRUGS.join(', ')} in MS: histories, assessments, decisions, audit, CDS Hooks (docs/api.md).`,
    },
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Token from `fulcrum token issue --role R --name N`' },
        ehrJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'CDS Hooks: a JWT signed by a configured EHR issuer' },
      },
    },
    paths: {
      '/health': {
        get: {
          summary: 'liveness and database kind',
          responses: { 200: json({ type: 'object', properties: { status: { const: 'ok' }, database: { enum: ['pglite', 'postgres'] } } }) },
        },
      },
      '/api/me': {
        get: {
          ...secured,
          summary: 'who the token belongs to',
          responses: { 200: json({ type: 'object', properties: { name: { type: 'string' }, role: { type: 'string' } } }), ...errors(401) },
        },
      },
      '/api/tokens': {
        get: { ...secured, summary: 'list tokens (admin)', responses: { 200: json({ type: 'object' }), ...errors(401, 403) } },
        post: {
          ...secured,
          summary: 'issue a token (admin); the token is shown once',
          requestBody: body(ref('IssueToken')),
          responses: { 201: json({ type: 'object' }), ...errors(400, 401, 403) },
        },
      },
      '/api/tokens/{tokenId}': {
        delete: {
          ...secured,
          summary: 'revoke a token (admin)',
          parameters: [pathParam('tokenId')],
          responses: { 204: { description: 'revoked' }, ...errors(401, 403, 404) },
        },
      },
      '/api/patients': {
        get: {
          ...secured,
          summary: 'list and search patients (q: case-insensitive id substring)',
          parameters: [
            queryParam('q', { type: 'string' }),
            queryParam('limit', { type: 'integer', minimum: 1, maximum: 500 }),
            queryParam('offset', { type: 'integer', minimum: 0 }),
          ],
          responses: {
            200: json({ type: 'object', properties: { items: { type: 'array', items: ref('PatientSummary') }, total: { type: 'integer' } } }),
            ...errors(400, 401, 403),
          },
        },
        post: {
          ...secured,
          summary:
            'create a patient from a history or a FHIR Bundle (version 1); an unreadable FHIR entry is left out and reported in the mapping report unless strict=true',
          parameters: [queryParam('strict', { type: 'boolean' })],
          requestBody: body(historyOrBundle),
          responses: { 201: json(ref('PatientRecord')), ...errors(400, 401, 403, 409, 413) },
        },
      },
      '/api/patients/{id}': {
        get: {
          ...secured,
          summary: "the patient's current version",
          parameters: [pathParam('id')],
          responses: { 200: json(ref('PatientRecord')), ...errors(401, 403, 404) },
        },
        put: {
          ...secured,
          summary: 'a new version (never overwrites); If-Match: <version> refuses a stale edit',
          parameters: [pathParam('id'), { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: body(historyOrBundle),
          responses: { 200: json(ref('PatientRecord')), ...errors(400, 401, 403, 404, 409, 413) },
        },
      },
      '/api/patients/{id}/versions': {
        get: {
          ...secured,
          summary: 'every version with who and when',
          parameters: [pathParam('id')],
          responses: { 200: json(items('VersionInfo')), ...errors(401, 403, 404) },
        },
      },
      '/api/patients/{id}/versions/{version}': {
        get: {
          ...secured,
          summary: 'one version',
          parameters: [pathParam('id'), pathParam('version')],
          responses: { 200: json(ref('PatientRecord')), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/patients/{id}/course': {
        get: {
          ...secured,
          summary: 'the disease course (src/course/types.ts CourseResult)',
          parameters: [pathParam('id'), asOf],
          responses: { 200: json({ type: 'object' }), ...errors(400, 401, 403, 404) },
        },
        post: {
          ...secured,
          summary: 'the disease course with researcher settings in msprog\'s names (docs/course-settings.md); body {"settings": {...}}',
          parameters: [pathParam('id'), asOf],
          responses: { 200: json({ type: 'object' }), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/patients/{id}/assessments': {
        get: {
          ...secured,
          summary: "the patient's assessments, newest first",
          parameters: [pathParam('id')],
          responses: { 200: json(items('AssessmentRecord')), ...errors(401, 403, 404) },
        },
        post: {
          ...secured,
          summary: 'run and store an assessment of the current version',
          parameters: [pathParam('id')],
          requestBody: body(ref('AssessRequest')),
          responses: { 201: json(ref('AssessmentRecord')), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/patients/{id}/comparison': {
        post: {
          ...secured,
          summary: 'every therapy weighed for the current version, most suitable first, with the ordering rule (nothing stored)',
          parameters: [pathParam('id')],
          requestBody: body(ref('CompareRequest')),
          responses: { 200: json(ref('Comparison')), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/assessments/{aid}': {
        get: {
          ...secured,
          summary: 'one stored assessment',
          parameters: [pathParam('aid')],
          responses: { 200: json(ref('AssessmentRecord')), ...errors(401, 403, 404) },
        },
      },
      '/api/assessments/{aid}/verify': {
        get: {
          ...secured,
          summary: 're-run the stored input and compare with the stored result',
          parameters: [pathParam('aid')],
          responses: { 200: json(ref('VerifyResult')), ...errors(401, 403, 404) },
        },
      },
      '/api/assessments/{aid}/letter': {
        get: {
          ...secured,
          summary: 'the plain-language patient letter',
          parameters: [pathParam('aid')],
          responses: { 200: json({ type: 'object', properties: { text: { type: 'string' }, html: { type: 'string' } } }), ...errors(401, 403, 404) },
        },
      },
      '/api/assessments/{aid}/letter.pdf': {
        get: {
          ...secured,
          summary: 'the letter as PDF',
          parameters: [pathParam('aid')],
          responses: {
            200: { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            ...errors(401, 403, 404),
          },
        },
      },
      '/api/assessments/{aid}/decision': {
        post: {
          ...secured,
          summary: 'accept, or override with a reason',
          parameters: [pathParam('aid')],
          requestBody: body(ref('DecisionRequest')),
          responses: { 201: json(ref('Decision')), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/assessments/{aid}/decisions': {
        get: {
          ...secured,
          summary: 'decisions on the assessment',
          parameters: [pathParam('aid')],
          responses: { 200: json(items('Decision')), ...errors(401, 403, 404) },
        },
      },
      '/api/audit': {
        get: {
          ...secured,
          summary: 'the audit log (auditor, admin), newest first',
          parameters: [
            queryParam('patientId', { type: 'string' }),
            queryParam('actor', { type: 'string' }),
            queryParam('from', { type: 'string' }, 'date or ISO timestamp, inclusive'),
            queryParam('to', { type: 'string' }, 'date (whole day) or ISO timestamp, inclusive'),
            queryParam('limit', { type: 'integer', minimum: 1, maximum: 10000 }),
          ],
          responses: { 200: json(items('AuditItem')), ...errors(400, 401, 403) },
        },
      },
      '/api/cds-feedback': {
        get: {
          ...secured,
          summary: 'CDS Hooks feedback received: overrides and their reasons (clinician, auditor)',
          parameters: [queryParam('serviceId', { type: 'string' })],
          responses: { 200: json({ type: 'object' }), ...errors(401, 403) },
        },
      },
      '/cds-services': { get: { summary: 'CDS Hooks discovery', responses: { 200: json({ type: 'object' }) } } },
      '/cds-services/{id}': {
        post: {
          security: [{ ehrJwt: [] }],
          summary: 'call a CDS service (order-select, order-sign, patient-view)',
          parameters: [pathParam('id')],
          requestBody: body(ref('CdsRequest')),
          responses: { 200: json({ type: 'object', properties: { cards: { type: 'array' } } }), ...errors(400, 401, 404, 412, 413) },
        },
      },
      '/cds-services/{id}/feedback': {
        post: {
          security: [{ ehrJwt: [] }],
          summary: 'what the clinician did with a card',
          parameters: [pathParam('id')],
          requestBody: body(ref('CdsFeedback')),
          responses: { 200: json({ type: 'object', properties: { recorded: { type: 'integer' } } }), ...errors(400, 401, 404) },
        },
      },
      ...extraPaths,
    },
  };
}

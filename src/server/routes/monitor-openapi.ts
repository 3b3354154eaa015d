import { z } from 'zod';
import { MonitoringResultSchema } from '../../monitor/results-validate.js';
import { MONITORED_DRUGS } from '../../monitor/knowledge.js';

// The monitoring endpoints in OpenAPI 3.1 (docs/api.md "Monitoring"); registered with the routes.
type Json = Record<string, unknown>;

const resultSchema = z.toJSONSchema(MonitoringResultSchema, { target: 'draft-2020-12', io: 'input' }) as Json;
delete resultSchema.$schema;
const outcome = { $ref: '#/components/schemas/OperationOutcome' };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: 'error', content: { 'application/fhir+json': { schema: outcome } } }]));
const ok = (schema: Json, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const secured = { security: [{ bearer: [] }] };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const asOf = {
  name: 'asOf',
  in: 'query',
  required: false,
  schema: { type: 'string', format: 'date' },
  description: "YYYY-MM-DD; defaults to today in the clinic's time zone",
};

const planItem = {
  type: 'object',
  description: 'A test the plan asks for: due date, the window in which a result counts, its status.',
  properties: {
    id: { type: 'string' },
    scheduleId: { type: 'string' },
    drug: { enum: [...MONITORED_DRUGS] },
    group: { type: 'string' },
    label: { type: 'string' },
    tests: { type: 'array', items: { type: 'string' } },
    due: { type: 'string', format: 'date' },
    window: { type: 'object', properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } } },
    status: { enum: ['done', 'upcoming', 'due', 'overdue', 'missed'] },
    completedOn: { type: 'string', format: 'date' },
    late: { type: 'boolean' },
    missingTests: { type: 'array', items: { type: 'string' } },
    results: { type: 'array', items: resultSchema },
    sources: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'due', 'window', 'status'],
};
const escalation = {
  type: 'object',
  properties: {
    ruleId: { type: 'string' },
    urgency: { enum: ['emergency', 'urgent', 'soon'] },
    message: { type: 'string' },
    action: { type: 'string' },
    itemIds: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
  },
  required: ['ruleId', 'urgency', 'message', 'action', 'itemIds', 'sources'],
};

const alert = {
  type: 'object',
  description: 'Raised by a rule of knowledge/monitoring/alerts.json; id is <patient id>/<rule id>/<date>.',
  properties: {
    id: { type: 'string' },
    ruleId: { type: 'string' },
    condition: { type: 'string' },
    urgency: { enum: ['emergency', 'urgent', 'soon'] },
    date: { type: 'string', format: 'date' },
    test: { type: 'string' },
    message: { type: 'string' },
    action: { type: 'string' },
    values: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          date: { type: 'string' },
          test: { type: 'string' },
          value: {},
          unit: { type: 'string' },
          role: { enum: ['result', 'previous', 'baseline'] },
        },
      },
    },
    threshold: { type: 'object', properties: { setting: { type: 'string' }, value: { type: 'number' }, unit: { type: 'string' } } },
    sources: { type: 'array', items: { type: 'string' } },
    acknowledged: { type: 'object', properties: { at: { type: 'string' }, by: { type: 'string' }, note: { type: 'string' } } },
  },
  required: ['id', 'ruleId', 'urgency', 'date', 'values', 'sources'],
};

export const monitorPaths: Record<string, Json> = {
  '/api/patients/{id}/monitoring': {
    get: {
      ...secured,
      summary: 'the monitoring plan with statuses, results, alerts and burden',
      parameters: [id, asOf],
      responses: {
        200: ok({
          type: 'object',
          properties: {
            plan: { type: 'array', items: planItem },
            results: { type: 'array', items: resultSchema },
            alerts: { type: 'array', items: alert },
            burden: { type: 'object' },
            summary: { type: 'object' },
            missing: { type: 'array' },
          },
          required: ['plan', 'results', 'alerts', 'burden'],
        }),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/api/patients/{id}/monitoring.ics': {
    get: {
      ...secured,
      summary: 'the outstanding monitoring dates as iCalendar (RFC 5545); ?include=all for every item',
      parameters: [id, asOf],
      responses: { 200: { description: 'OK', content: { 'text/calendar': { schema: { type: 'string' } } } }, ...errors(401, 403, 404) },
    },
  },
  '/api/patients/{id}/results': {
    post: {
      ...secured,
      summary: 'record monitoring results (or a FHIR Observation / Bundle of them); duplicates are reported, never stored twice',
      parameters: [id],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              oneOf: [
                { type: 'object', properties: { results: { type: 'array', items: resultSchema } }, required: ['results'] },
                {
                  type: 'object',
                  description: 'FHIR R4 Observation or Bundle',
                  properties: { resourceType: { enum: ['Observation', 'Bundle'] } },
                  required: ['resourceType'],
                },
              ],
            },
          },
        },
      },
      responses: {
        201: ok(
          {
            type: 'object',
            properties: { recorded: { type: 'integer' }, duplicates: { type: 'integer' }, alerts: { type: 'array', items: alert } },
            required: ['recorded', 'duplicates'],
          },
          'Recorded',
        ),
        ...errors(400, 401, 403, 404, 413),
      },
    },
  },
  '/api/alerts/{alertId}/acknowledge': {
    post: {
      ...secured,
      summary: 'acknowledge an alert (recorded once, with who and when)',
      parameters: [{ name: 'alertId', in: 'path', required: true, schema: { type: 'string' }, description: 'URL-encoded alert id' }],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', properties: { note: { type: 'string', maxLength: 2000 } }, additionalProperties: false } } },
      },
      responses: { 200: ok(alert), ...errors(400, 401, 403, 404) },
    },
  },
  '/api/worklist': {
    get: {
      ...secured,
      summary: 'every patient with an open alert, an overdue test or a recently missed test, most urgent first',
      parameters: [asOf],
      responses: {
        200: ok({
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  patientId: { type: 'string' },
                  urgency: { enum: ['emergency', 'urgent', 'soon', 'routine'] },
                  overdue: { type: 'array', items: planItem },
                  missed: {
                    type: 'array',
                    items: planItem,
                    description: 'items missed whose window closed within the clinic setting missedLookbackMonths (default 6)',
                  },
                  escalations: {
                    type: 'array',
                    description: 'missed-test rules (knowledge/monitoring/missed.json) that raised the urgency; itemIds point into missed',
                    items: escalation,
                  },
                  alerts: { type: 'array', items: alert },
                },
              },
            },
          },
          required: ['items'],
        }),
        ...errors(400, 401, 403),
      },
    },
  },
};

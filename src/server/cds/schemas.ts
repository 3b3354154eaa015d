import { z } from 'zod';

// CDS Hooks 2.0 request and feedback bodies. Loose where the spec allows extensions and hook-specific
// context; strict on what this service relies on.

const CodingSchema = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });

export const CdsRequestSchema = z.looseObject({
  hook: z.string().min(1),
  hookInstance: z.string().min(1),
  fhirServer: z.url().optional(),
  fhirAuthorization: z
    .looseObject({
      access_token: z.string().min(1),
      token_type: z.literal('Bearer'),
      expires_in: z.number().int(),
      scope: z.string(),
      subject: z.string(),
    })
    .optional(),
  context: z.looseObject({
    userId: z.string().optional(),
    patientId: z.string().min(1),
    encounterId: z.string().optional(),
    selections: z.array(z.string()).optional(),
    draftOrders: z.looseObject({ resourceType: z.literal('Bundle') }).optional(),
  }),
  prefetch: z.record(z.string(), z.unknown().nullable()).optional(),
});
export type CdsRequest = z.infer<typeof CdsRequestSchema>;

export const FeedbackSchema = z.looseObject({
  feedback: z
    .array(
      z.looseObject({
        card: z.string().min(1),
        outcome: z.enum(['accepted', 'overridden']),
        acceptedSuggestions: z.array(z.looseObject({ id: z.string() })).optional(),
        overrideReason: z.looseObject({ reason: CodingSchema.optional(), userComment: z.string().optional() }).optional(),
        outcomeTimestamp: z.string().min(1),
      }),
    )
    .min(1),
});

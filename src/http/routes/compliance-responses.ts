/** Response shapes of the compliance and audit routes, for the OpenAPI document. */
import { z } from 'zod';

const reason = z.object({ code: z.string(), message: z.string() });

const decision = z.object({
  decision: z.enum(['allow', 'defer', 'block']),
  reasons: z.array(reason),
  next_allowed_at: z.string().nullable(),
  requires: z.array(z.string()),
  rule_pack_versions: z.array(z.string()),
});

const preference = z.object({
  id: z.string(),
  kind: z.enum(['opt_out', 'consent']),
  channel: z.string(),
  address: z.string().nullable(),
  effective_at: z.string(),
  ended_at: z.string().nullable(),
  source: z.string(),
});

const preferences = z.object({
  customer_id: z.string(),
  opt_outs: z.array(preference),
  consents: z.array(preference),
  cease_communication: z
    .object({ hold_id: z.string(), effective_at: z.string(), ended_at: z.string().nullable() })
    .nullable(),
  data: z.array(preference),
});

const interaction = z.object({
  id: z.string(),
  customer_id: z.string(),
  channel: z.string(),
  direction: z.string(),
  occurred_at: z.string(),
  outcome: z.string().nullable(),
  kind: z.string().nullable(),
  invoice_ids: z.array(z.string()),
  notes: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  compliance: decision.nullable(),
  flagged: z.boolean(),
  actor: z.string().nullable(),
  created_at: z.string(),
});

const auditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  subject_type: z.string(),
  subject_id: z.string().nullable(),
  customer_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});

export const complianceResponses = {
  decision,
  preferences,
  interaction,
  interactionList: z.object({ data: z.array(interaction), next_cursor: z.string().nullable() }),
  manualMessage: z.object({ id: z.string(), status: z.string(), compliance: decision }).passthrough(),
  auditList: z.object({ data: z.array(auditEntry), next_cursor: z.string().nullable() }),
  auditVerification: z.object({
    ok: z.boolean(),
    entries: z.number(),
    last_seq: z.number(),
    last_hash: z.string(),
    broken: z.object({ seq: z.number(), problem: z.string(), message: z.string() }).nullable(),
  }),
  personalData: z.record(z.string(), z.unknown()),
  erasure: z.record(z.string(), z.unknown()),
};

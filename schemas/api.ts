/**
 * What every Lambda API request carries besides its own fields, and what the PHI access audit trail
 * records about each call. The caller's identity is not a request field: it comes from how the
 * function was invoked (see functions/api/caller.ts), so a caller cannot claim to be another.
 */
import { z } from 'zod';
import { entityId, isoDateTime } from './common.ts';

/**
 * Why the caller reads or changes PHI (HIPAA purposes of use): treatment, payment and health-care
 * operations need no authorization from the patient; the others are listed in an accounting of
 * disclosures.
 */
export const purposeOfUse = z.enum(['treatment', 'payment', 'operations', 'patient-request', 'legal', 'public-health', 'research']);
export type PurposeOfUse = z.infer<typeof purposeOfUse>;

/** Fields every API request carries: why, and for which person at the calling service. */
export const apiRequestBase = z.object({
  purposeOfUse,
  /** The person at the calling service the call is made for (a user id, not a name); recorded in the audit trail. */
  onBehalfOf: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:@/-]+$/, 'a user id: letters, digits and . _ : @ / -')
    .optional(),
});
export type ApiRequestBase = z.infer<typeof apiRequestBase>;

/** Kinds of record an API reads or changes. */
export const phiRecordKind = z.enum([
  'patient',
  'coverage',
  'encounter',
  'claim',
  'account',
  'ledger',
  'payment',
  'statement',
  'authorization',
  /** The patient's PHI access audit trail itself (the accounting of disclosures). */
  'audit-trail',
]);
export type PhiRecordKind = z.infer<typeof phiRecordKind>;

/** One access to one patient's record, as an API reports it to the audit trail. */
export const phiAccessSchema = z.object({
  patientId: entityId,
  record: phiRecordKind,
  recordId: entityId,
  action: z.enum(['read', 'create', 'update']),
  /** The record's fields the call disclosed or changed (field names, never values). */
  fields: z.array(z.string().min(1).max(64)).min(1),
  /** Why a person asked to see the record, in their words, where the caller collects one (e.g. the console's reveal). */
  reason: z.string().min(1).max(500).optional(),
  /** The workflow execution whose data disclosed the record, where the access was a view of one. */
  executionArn: z.string().min(1).max(2048).optional(),
});
export type PhiAccess = z.infer<typeof phiAccessSchema>;

/** One entry of the append-only audit trail: who, which record, which fields, when and why. */
export const auditEntrySchema = phiAccessSchema.extend({
  entryId: entityId,
  at: isoDateTime,
  /** The calling service's principal (see functions/api/caller.ts). */
  caller: z.string().min(1).max(256),
  onBehalfOf: z.string().min(1).max(128).optional(),
  purposeOfUse,
  /** The API that was called (its function name) and the Lambda request id. */
  api: z.string().min(1).max(64),
  requestId: z.string().min(1).max(128),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

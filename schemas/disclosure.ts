/**
 * `RecordDisclosure` (Lambda API): a tool that showed a person PHI it holds outside the application's
 * APIs (the ops console revealing a workflow execution's input or output) records that view in the
 * patient's PHI access audit trail, with the person's reason.
 */
import { z } from 'zod';
import { apiRequestBase } from './api.ts';
import { entityId, executionArn, isoDateTime } from './common.ts';

/** The parts of an execution's data a person can reveal. */
export const executionDataField = z.enum(['input', 'output']);
export type ExecutionDataField = z.infer<typeof executionDataField>;

export const recordDisclosureRequest = apiRequestBase.extend({
  /** The claim the execution runs for (the console reads it from the execution's name); the API finds its patient. */
  claimId: entityId,
  /** The execution whose data was revealed; its name must carry the claim id. */
  executionArn,
  /** What was revealed. */
  fields: z.array(executionDataField).min(1).max(2),
  /** Why the person asked to see it, in their words (recorded in the trail). */
  reason: z.string().trim().min(3).max(500),
});
export type RecordDisclosureRequest = z.infer<typeof recordDisclosureRequest>;

export const recordDisclosureResponse = z.object({
  claimId: entityId,
  /** The fields recorded, as the trail holds them (`execution.input`, `execution.output`). */
  fields: z.array(z.string()),
  /** The time of the entry, as the trail holds it. */
  recordedAt: isoDateTime,
});
export type RecordDisclosureResponse = z.infer<typeof recordDisclosureResponse>;

/**
 * RecordDisclosure: a person saw a patient's record through a workflow execution's data (the ops
 * console reveals an execution's input or output on demand, with a reason). The trail is the
 * patient's, so the claim named by the caller is read to find the patient; the view is recorded as a
 * read of the claim with the execution and the reason. The execution's name must carry the claim id,
 * so a caller cannot file a view of one execution under an unrelated patient's claim.
 */
import { InputValidationError, RecordNotFoundError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { PhiAccess } from '#schemas/api.ts';
import type { RecordDisclosureRequest, RecordDisclosureResponse } from '#schemas/disclosure.ts';

/** The part of an API call the use-case needs (functions/api/api-handler.ts `ApiCall` is one). */
export interface DisclosureCall {
  readonly at: Date;
  recordAccess(access: PhiAccess): void;
}

/** The execution's name: the last part of its ARN (`arn:aws:states:region:account:execution:Machine:name`). */
export function executionNameOf(executionArn: string): string | undefined {
  const parts = executionArn.split(':');
  return parts.length === 8 && parts[0] === 'arn' && parts[2] === 'states' && parts[5] === 'execution' && parts[7] ? parts[7] : undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether an execution's name carries the claim id as a whole part (`life-<claimId>`, `<claimId>-LC`), not inside a longer id. */
export function executionNamesClaim(name: string, claimId: string): boolean {
  return new RegExp(`(^|[-_.:])${escapeRegExp(claimId)}($|[-_.:])`).test(name);
}

/** Records the view in the trail of the claim's patient; see the module comment. */
export async function recordDisclosure(
  store: Pick<Store, 'claims'>,
  request: Pick<RecordDisclosureRequest, 'claimId' | 'executionArn' | 'fields' | 'reason'>,
  call: DisclosureCall,
): Promise<RecordDisclosureResponse> {
  const name = executionNameOf(request.executionArn);
  if (!name) throw new InputValidationError([{ path: 'executionArn', message: 'is not a Step Functions execution ARN' }]);
  if (!executionNamesClaim(name, request.claimId))
    throw new InputValidationError([{ path: 'executionArn', message: 'is not an execution of the claim named by claimId' }]);
  const record = await store.claims.get(request.claimId);
  if (!record) throw new RecordNotFoundError('claim', 'claimId');
  const fields = [...new Set(request.fields)].sort().map((field) => `execution.${field}`);
  call.recordAccess({
    patientId: record.claim.patientId,
    record: 'claim',
    recordId: record.claim.claimId,
    action: 'read',
    fields,
    reason: request.reason,
    executionArn: request.executionArn,
  });
  return { claimId: record.claim.claimId, fields, recordedAt: call.at.toISOString() };
}

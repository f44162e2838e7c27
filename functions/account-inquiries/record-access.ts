/**
 * ListRecordAccess: the accounting of disclosures for one patient ("who looked at my record"), newest
 * first. Reading the trail is itself an access to the patient's record, and is recorded.
 */
import type { AuditTrail } from '#functions/store/audit-repository.ts';
import type { ListRecordAccessRequest, ListRecordAccessResponse } from '#schemas/account-api.ts';
import type { PhiAccess } from '#schemas/api.ts';

/** A page of the patient's trail, and the access recorded for reading it. */
export async function listRecordAccess(
  trail: AuditTrail,
  request: Pick<ListRecordAccessRequest, 'patientId' | 'from' | 'to' | 'limit' | 'nextToken'>,
  recordAccess: (access: PhiAccess) => void,
): Promise<ListRecordAccessResponse> {
  const { patientId, from, to, limit, nextToken } = request;
  const page = await trail.listForPatient(patientId, {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(limit ? { limit } : {}),
    ...(nextToken ? { nextToken } : {}),
  });
  recordAccess({ patientId, record: 'audit-trail', recordId: patientId, action: 'read', fields: ['entries'] });
  return { patientId, entries: page.entries, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

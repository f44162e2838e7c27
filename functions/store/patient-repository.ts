/** Patients with their coverages and authorizations, kept in one partition. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { authorizationSchema, type Authorization } from '#schemas/authorization.ts';
import { coverageSchema, type Coverage } from '#schemas/coverage.ts';
import { patientSchema, type Patient } from '#schemas/patient.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { StoredItemError, type TableContext } from './table.ts';

export interface PatientRecord {
  readonly patient: Patient;
  /** Ordered primary, secondary, tertiary. */
  readonly coverages: readonly Coverage[];
  readonly authorizations: readonly Authorization[];
}

/** Creates the patient repository. */
export function patientRepository(ctx: TableContext) {
  async function put(operation: string, item: Record<string, unknown>): Promise<void> {
    const out = await ctx.doc.send(new PutCommand({ TableName: ctx.tableName, Item: item, ReturnConsumedCapacity: 'TOTAL' }));
    ctx.meter?.record(operation, out.ConsumedCapacity);
  }

  return {
    /** Creates or replaces a patient's demographics. */
    async putPatient(patient: Patient): Promise<void> {
      const p = patientSchema.parse(patient);
      await put('patients.putPatient', { ...keys.patient(p.patientId), itemType: 'Patient', ...p });
    },
    /** Creates or replaces one coverage. */
    async putCoverage(coverage: Coverage): Promise<void> {
      const c = coverageSchema.parse(coverage);
      await put('patients.putCoverage', { ...keys.coverage(c.patientId, c.priority, c.coverageId), itemType: 'Coverage', ...c });
    },
    /** Creates or replaces one authorization. */
    async putAuthorization(authorization: Authorization): Promise<void> {
      const a = authorizationSchema.parse(authorization);
      await put('patients.putAuthorization', { ...keys.authorization(a.patientId, a.authorizationId), itemType: 'Authorization', ...a });
    },
    /** A patient with coverages (by priority) and authorizations, in one Query; null if unknown. */
    async getPatientRecord(patientId: string): Promise<PatientRecord | null> {
      const items = await queryAll(ctx, 'patients.getPatientRecord', {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.patient(patientId).pk },
      });
      let patient: Patient | undefined;
      const coverages: Coverage[] = [];
      const authorizations: Authorization[] = [];
      const parse = <T>(
        schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
        item: Record<string, unknown>,
      ): T => {
        const parsed = schema.safeParse(withoutKeys(item));
        if (!parsed.success) throw new StoredItemError(`stored ${String(item.itemType)} of patient ${patientId} fails its contract`);
        return parsed.data;
      };
      for (const item of items) {
        // other item types that may later share the partition are skipped, not misread
        if (item.itemType === 'Patient') patient = parse(patientSchema, item);
        else if (item.itemType === 'Coverage') coverages.push(parse(coverageSchema, item));
        else if (item.itemType === 'Authorization') authorizations.push(parse(authorizationSchema, item));
      }
      return patient ? { patient, coverages, authorizations } : null;
    },
  };
}

export type PatientRepository = ReturnType<typeof patientRepository>;

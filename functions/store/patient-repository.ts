/** Patients with their coverages and authorizations, kept in one partition. */
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { authorizationSchema, type Authorization } from '#schemas/authorization.ts';
import { coverageSchema, type Coverage } from '#schemas/coverage.ts';
import { patientSchema, type Patient } from '#schemas/patient.ts';
import { authorizationItem } from './authorization-repository.ts';
import type { TransactItem } from './claim-repository.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryAll } from './query.ts';
import { storedKeyId, storedKeys } from './batch-writes.ts';
import { addToListWithStored, coveragesOfPatient, readLists } from './set-lists.ts';
import { eachBounded } from '#functions/platform/bounded.ts';
import { StoredItemError, type TableContext, capacityOf } from './table.ts';

/** What one registration writes: the patient (when changed), the coverages that changed, and the coverage items a priority change moved away from. */
export interface RegistrationWrite {
  readonly patient?: Patient;
  readonly coverages: readonly Coverage[];
  /** Items to delete: a coverage's key holds its priority, so a coverage that changed priority leaves its old item. */
  readonly movedCoverages: readonly Pick<Coverage, 'priority' | 'coverageId'>[];
}

export interface PatientRecord {
  readonly patient: Patient;
  /** Ordered primary, secondary, tertiary. */
  readonly coverages: readonly Coverage[];
  readonly authorizations: readonly Authorization[];
}

/** The stored item of a patient (its keys and demographics). */
export const patientItem = (p: Patient) => ({ ...keys.patient(p.patientId), itemType: 'Patient', ...p });
/** The stored item of a coverage (its key holds the priority). */
export const coverageItem = (c: Coverage) => ({ ...keys.coverage(c.patientId, c.priority, c.coverageId), itemType: 'Coverage', ...c });

type StoredSchema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

/** A stored item of the patient's partition read into its record, or StoredItemError (no PHI in the message). */
function parseStored<T>(schema: StoredSchema<T>, item: Record<string, unknown>, patientId: string): T {
  const parsed = schema.safeParse(withoutKeys(item));
  if (!parsed.success) throw new StoredItemError(`stored ${String(item.itemType)} of patient ${patientId} fails its contract`);
  return parsed.data;
}

/** Creates the patient repository. */
export function patientRepository(ctx: TableContext) {
  async function put(operation: string, item: Record<string, unknown>): Promise<void> {
    const out = await ctx.doc.send(new PutCommand({ TableName: ctx.tableName, Item: item, ...capacityOf(ctx) }));
    ctx.meter?.record(operation, out.ConsumedCapacity);
  }

  async function transact(operation: string, items: TransactItem[]): Promise<void> {
    const out = await ctx.doc.send(new TransactWriteCommand({ TransactItems: items, ...capacityOf(ctx) }));
    ctx.meter?.record(operation, out.ConsumedCapacity);
  }

  const repository = {
    /** Creates or replaces a patient's demographics. */
    async putPatient(patient: Patient): Promise<void> {
      const p = patientSchema.parse(patient);
      await put('patients.putPatient', patientItem(p));
    },
    /** Creates or replaces one coverage. */
    async putCoverage(coverage: Coverage): Promise<void> {
      const c = coverageSchema.parse(coverage);
      const item = coverageItem(c);
      await transact('patients.putCoverage', [
        { Put: { TableName: ctx.tableName, Item: item } },
        await addToListWithStored(ctx, coveragesOfPatient, c.patientId, [item.sk]),
      ]);
    },
    /** Creates or replaces one authorization. */
    async putAuthorization(authorization: Authorization): Promise<void> {
      const a = authorizationSchema.parse(authorization);
      await put('patients.putAuthorization', authorizationItem(a));
    },
    /** Writes a registration's changes in one transaction (all or nothing); at most 99 items. */
    async saveRegistration(patientId: string, write: RegistrationWrite): Promise<void> {
      const items: TransactItem[] = [
        ...(write.patient ? [{ Put: { TableName: ctx.tableName, Item: patientItem(patientSchema.parse(write.patient)) } }] : []),
        ...write.coverages.map((coverage) => ({ Put: { TableName: ctx.tableName, Item: coverageItem(coverageSchema.parse(coverage)) } })),
        ...write.movedCoverages.map((c) => ({
          Delete: { TableName: ctx.tableName, Key: keys.coverage(patientId, c.priority, c.coverageId) },
        })),
      ];
      if (items.length === 0) return;
      if (write.coverages.length > 0)
        items.push(
          await addToListWithStored(
            ctx,
            coveragesOfPatient,
            patientId,
            write.coverages.map((c) => keys.coverage(c.patientId, c.priority, c.coverageId).sk),
          ),
        );
      await transact('patients.saveRegistration', items);
    },
    /**
     * The coverages of many patients at once, by priority (posting a batch of an 835's claims): their
     * #COVERAGES items, then the coverage items they name, in strongly consistent BatchGetItems. A
     * patient without a list (coverages stored before lists were kept) is read with a query, `inFlight`
     * at a time.
     */
    async coveragesOfPatients(patientIds: readonly string[], inFlight: number): Promise<Map<string, Coverage[]>> {
      const { listed, unlisted } = await readLists(ctx, coveragesOfPatient, patientIds);
      const items = await storedKeys(
        ctx,
        [...listed].flatMap(([id, sks]) => sks.map((sk) => ({ pk: keys.patient(id).pk, sk }))),
        { attributes: 'all' },
      );
      const found = new Map<string, Coverage[]>();
      for (const [id, sks] of listed)
        found.set(
          id,
          sks.flatMap((sk) => {
            const item = items.get(storedKeyId({ pk: keys.patient(id).pk, sk }));
            return item ? [parseStored(coverageSchema, item, id)] : [];
          }),
        );
      await eachBounded(unlisted, inFlight, async (id) => {
        found.set(id, [...((await repository.getPatientRecord(id))?.coverages ?? [])]);
      });
      return found;
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
      const parse = <T>(schema: StoredSchema<T>, item: Record<string, unknown>): T => parseStored(schema, item, patientId);
      for (const item of items) {
        // other item types that may later share the partition are skipped, not misread
        if (item.itemType === 'Patient') patient = parse(patientSchema, item);
        else if (item.itemType === 'Coverage') coverages.push(parse(coverageSchema, item));
        else if (item.itemType === 'Authorization') authorizations.push(parse(authorizationSchema, item));
      }
      return patient ? { patient, coverages, authorizations } : null;
    },
  };
  return repository;
}

export type PatientRepository = ReturnType<typeof patientRepository>;

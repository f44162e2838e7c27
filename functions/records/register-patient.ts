/**
 * Registering a patient: create or update the patient and the coverages the request names, in one
 * transaction. Idempotent: the same request twice writes nothing the second time. An update reports
 * (and audits) which fields changed, by name. Coverages are checked against each other (no two of the
 * same priority in force on the same day, a primary among them) and against the payer profiles on file.
 */
import { InputValidationError } from '#functions/errors/index.ts';
import type { Store } from '#functions/store/index.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { RegisterPatientRequest, RegisterPatientResponse } from '#schemas/patient-registration.ts';
import { changedFields } from './field-changes.ts';
import type { RecordsCall } from './ports.ts';

type Issue = { path: string; message: string };

const END_OF_TIME = '9999-12-31';

/** Problems with the coverages a patient would hold: overlapping coverages of one priority, no primary. */
export function coverageProblems(coverages: readonly Coverage[], requestIndex: ReadonlyMap<string, number>): Issue[] {
  const where = (c: Coverage) => {
    const i = requestIndex.get(c.coverageId);
    return i === undefined ? 'coverages' : `coverages.${i}`;
  };
  const issues: Issue[] = [];
  coverages.forEach((c, i) => {
    for (const other of coverages.slice(i + 1)) {
      const overlap =
        c.priority === other.priority &&
        c.effectiveDate <= (other.terminationDate ?? END_OF_TIME) &&
        other.effectiveDate <= (c.terminationDate ?? END_OF_TIME);
      if (overlap) {
        // Point at the coverage the request sent (the one the caller can change).
        const at = requestIndex.has(other.coverageId) ? other : c;
        issues.push({ path: `${where(at)}.priority`, message: `another ${c.priority} coverage is in force on the same days` });
      }
    }
  });
  if (coverages.length > 0 && !coverages.some((c) => c.priority === 'primary'))
    issues.push({ path: 'coverages', message: 'the patient would have no primary coverage' });
  return issues;
}

/** Creates or updates a patient and coverages; see the module comment. */
export async function registerPatient(
  deps: { readonly store: Store },
  request: RegisterPatientRequest,
  call: RecordsCall,
): Promise<RegisterPatientResponse> {
  const { store } = deps;
  const { patient } = request;
  const existing = await store.patients.getPatientRecord(patient.patientId);

  const issues: Issue[] = [];
  const profiles = new Map<string, boolean>();
  for (const [i, coverage] of request.coverages.entries()) {
    if (!profiles.has(coverage.payerId)) profiles.set(coverage.payerId, (await store.reference.getPayerProfile(coverage.payerId)) !== null);
    if (!profiles.get(coverage.payerId)) issues.push({ path: `coverages.${i}.payerId`, message: 'no payer profile on file has this id' });
  }
  const requestIndex = new Map(request.coverages.map((c, i) => [c.coverageId, i]));
  const prior = new Map((existing?.coverages ?? []).map((c) => [c.coverageId, c]));
  const merged = [...(existing?.coverages ?? []).filter((c) => !requestIndex.has(c.coverageId)), ...request.coverages];
  issues.push(...coverageProblems(merged, requestIndex));
  if (issues.length > 0) throw new InputValidationError(issues);

  const patientChanges = existing ? changedFields(existing.patient, patient) : Object.keys(patient).sort();
  const coverageChanges = request.coverages.flatMap((coverage) => {
    const before = prior.get(coverage.coverageId);
    const fields = before ? changedFields(before, coverage) : Object.keys(coverage).sort();
    return fields.length > 0 ? [{ coverage, before, fields }] : [];
  });
  const changed = [
    ...(existing ? patientChanges.map((f) => `patient.${f}`) : ['patient']),
    ...coverageChanges.flatMap(({ coverage, before, fields }) =>
      before ? fields.map((f) => `coverages.${coverage.coverageId}.${f}`) : [`coverages.${coverage.coverageId}`],
    ),
  ];
  // Nothing differs: nothing is written, and the answer discloses nothing the caller did not send.
  if (changed.length === 0) return { patientId: patient.patientId, status: 'unchanged', changed: [] };

  await store.patients.saveRegistration(patient.patientId, {
    ...(patientChanges.length > 0 ? { patient } : {}),
    coverages: coverageChanges.map((c) => c.coverage),
    movedCoverages: coverageChanges.flatMap(({ coverage, before }) => (before && before.priority !== coverage.priority ? [before] : [])),
  });
  if (patientChanges.length > 0)
    call.recordAccess({
      patientId: patient.patientId,
      record: 'patient',
      recordId: patient.patientId,
      action: existing ? 'update' : 'create',
      fields: patientChanges,
    });
  for (const { coverage, before, fields } of coverageChanges)
    call.recordAccess({
      patientId: patient.patientId,
      record: 'coverage',
      recordId: coverage.coverageId,
      action: before ? 'update' : 'create',
      fields,
    });
  return { patientId: patient.patientId, status: existing ? 'updated' : 'created', changed };
}

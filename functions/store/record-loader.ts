/**
 * Reads the records a payer request is built from (patient with coverages, providers, payer
 * profiles), each id once per task, failing with a typed not-found error that names kind and id.
 */
import { RecordNotFoundError } from '#functions/errors/index.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import type { Store } from './index.ts';
import type { PatientRecord } from './patient-repository.ts';

/** A loader over the store that reads each record at most once. */
export function recordLoader(store: Store) {
  const patients = new Map<string, Promise<PatientRecord | null>>();
  const providers = new Map<string, Promise<Provider | null>>();
  const payers = new Map<string, Promise<PayerProfile | null>>();
  const once = <T>(cache: Map<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> => {
    if (!cache.has(id)) cache.set(id, load());
    return cache.get(id)!;
  };
  return {
    async patient(patientId: string): Promise<PatientRecord> {
      const r = await once(patients, patientId, () => store.patients.getPatientRecord(patientId));
      if (!r) throw new RecordNotFoundError('patient', 'patientId');
      return r;
    },
    async provider(providerId: string): Promise<Provider> {
      const p = await once(providers, providerId, () => store.reference.getProvider(providerId));
      if (!p) throw new RecordNotFoundError('provider', 'providerId');
      return p;
    },
    async payer(payerId: string): Promise<PayerProfile> {
      const p = await once(payers, payerId, () => store.reference.getPayerProfile(payerId));
      if (!p) throw new RecordNotFoundError('payer profile', 'payerId');
      return p;
    },
  };
}

export type RecordLoader = ReturnType<typeof recordLoader>;

/** The patient's coverage with this id, or a not-found error. */
export function coverageOf(record: PatientRecord, coverageId: string) {
  const coverage = record.coverages.find((c) => c.coverageId === coverageId);
  if (!coverage) throw new RecordNotFoundError('coverage', 'coverageId');
  return coverage;
}

/**
 * The payer tasks the workflows run: read our records from the store, write the X12 request, call the
 * payer gateway, read the reply into a result without PHI. Handlers wrap these with real clients; tests
 * call them with DynamoDB Local and the sandbox payer.
 */
import type { Claim } from '../../schemas/claim.ts';
import type { ClaimStatusRequest, ClaimSubmissionRequest, EligibilityCheckRequest } from '../../schemas/payer-requests.ts';
import type { PayerProfile } from '../../schemas/payer-profile.ts';
import type { Provider } from '../../schemas/provider.ts';
import { ClaimNotReadyError, RecordNotFoundError } from '../platform/errors.ts';
import type { PatientRecord, Store } from '../store/index.ts';
import { controlNumberOf, interchangeControlNumberOf } from '../store/index.ts';
import { X12Error, type ControlNumberSource } from '../x12/index.ts';
import { BatchConflictError, PayerUnavailableError, type PayerGateway } from './gateway.ts';
import {
  read271,
  read277,
  write270,
  write276,
  write837Batch,
  type Claim837Input,
  type ClaimStatusResult,
  type EligibilityResult,
} from './exchange/index.ts';
import type { ExchangeSettings } from './settings.ts';

export interface PayerTaskDeps {
  store: Store;
  gateway: PayerGateway;
  settings: ExchangeSettings;
  now: () => Date;
}

/** Control numbers for one interchange: ISA13 and the first GS06 reserved beforehand, sets counted from 1. */
function controlsFor(interchange: number, firstGroup: number): ControlNumberSource {
  let group = firstGroup - 1;
  let transaction = 0;
  return { next: (kind) => (kind === 'interchange' ? interchange : kind === 'group' ? ++group : ++transaction) };
}

/** ISA13 and GS06 for a one-group request (270, 276), from the store's counters. */
async function reserveControls(store: Store): Promise<{ icn: number; controls: ControlNumberSource }> {
  const [interchange, group] = await Promise.all([
    store.reference.reserveNumbers('x12-interchange'),
    store.reference.reserveNumbers('x12-group'),
  ]);
  const icn = controlNumberOf(interchange.first);
  return { icn, controls: controlsFor(icn, controlNumberOf(group.first)) };
}

/** A reply the engine cannot read is the payer's fault, and worth another try. */
function readReply<T>(payerId: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof X12Error) throw new PayerUnavailableError('MalformedReply', { payerId, cause: error });
    throw error;
  }
}

/** Reads records once per id within one task. */
function loader(store: Store) {
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
      if (!r) throw new RecordNotFoundError('patient', patientId);
      return r;
    },
    async provider(providerId: string): Promise<Provider> {
      const p = await once(providers, providerId, () => store.reference.getProvider(providerId));
      if (!p) throw new RecordNotFoundError('provider', providerId);
      return p;
    },
    async payer(payerId: string): Promise<PayerProfile> {
      const p = await once(payers, payerId, () => store.reference.getPayerProfile(payerId));
      if (!p) throw new RecordNotFoundError('payer profile', payerId);
      return p;
    },
  };
}

function coverageOf(record: PatientRecord, coverageId: string) {
  const coverage = record.coverages.find((c) => c.coverageId === coverageId);
  if (!coverage) throw new RecordNotFoundError('coverage', coverageId);
  return coverage;
}

/** A claim's eligibility question: its patient and coverage, asked by its billing provider for its first date of service. */
async function eligibilityOfClaim(
  store: Store,
  input: Extract<EligibilityCheckRequest, { claimId: string }>,
): Promise<Exclude<EligibilityCheckRequest, { claimId: string }>> {
  const stored = await store.claims.get(input.claimId);
  if (!stored) throw new RecordNotFoundError('claim', input.claimId);
  const { claim } = stored;
  const firstDate = claim.lines.map((l) => l.serviceDateFrom).sort()[0];
  return {
    patientId: claim.patientId,
    coverageId: claim.coverageId,
    providerId: claim.billingProviderId,
    ...(firstDate ? { asOfDate: firstDate } : {}),
    ...(input.serviceTypeCodes ? { serviceTypeCodes: input.serviceTypeCodes } : {}),
    ...(input.requestId ? { requestId: input.requestId } : {}),
  };
}

/** The eligibility answer for one coverage, without PHI. */
export type EligibilityCheckResult = EligibilityResult & {
  patientId: string;
  coverageId: string;
  payerId: string;
  asOfDate: string;
  interchangeControlNumber: string;
};

/** Asks the payer (270 → 271) whether the coverage is active on the date and what it pays. */
export async function checkEligibility(deps: PayerTaskDeps, input: EligibilityCheckRequest): Promise<EligibilityCheckResult> {
  const load = loader(deps.store);
  const request = 'claimId' in input ? await eligibilityOfClaim(deps.store, input) : input;
  const record = await load.patient(request.patientId);
  const coverage = coverageOf(record, request.coverageId);
  const [provider, payer] = await Promise.all([load.provider(request.providerId), load.payer(coverage.payerId)]);
  const now = deps.now();
  const asOfDate = request.asOfDate ?? now.toISOString().slice(0, 10);
  const { icn, controls } = await reserveControls(deps.store);
  const traceNumber = request.requestId ?? `ELG${interchangeControlNumberOf(icn)}`;
  const x270 = write270(
    {
      patient: record.patient,
      coverage,
      provider,
      payer,
      date: asOfDate,
      traceNumber,
      ...(request.serviceTypeCodes ? { serviceTypeCodes: request.serviceTypeCodes } : {}),
    },
    { interchange: deps.settings.interchange, now },
    controls,
  );
  const reply = await deps.gateway.checkEligibility(x270, { payerId: payer.payerId, correlationId: traceNumber });
  const result = readReply(payer.payerId, () => read271(reply));
  return {
    patientId: record.patient.patientId,
    coverageId: coverage.coverageId,
    payerId: payer.payerId,
    asOfDate,
    interchangeControlNumber: interchangeControlNumberOf(icn),
    ...result,
  };
}

/** What a submission did; ids and amounts only. */
export interface ClaimSubmissionResult {
  batchId: string;
  payerId: string;
  claimIds: string[];
  claimCount: number;
  totalChargeCents: number;
  interchangeControlNumber: string;
  status: 'queued';
  submittedAt: string;
  manifestKey: string;
}

const submittedEventId = (claimId: string, batchId: string): string => `${claimId}-submitted-${batchId}`;

async function claim837Input(load: ReturnType<typeof loader>, claim: Claim): Promise<Claim837Input> {
  const record = await load.patient(claim.patientId);
  const coverage = coverageOf(record, claim.coverageId);
  const [billingProvider, payer] = await Promise.all([load.provider(claim.billingProviderId), load.payer(claim.payerId)]);
  const input: Claim837Input = {
    claim,
    patient: record.patient,
    coverage,
    billingProvider,
    payer,
    authorizations: record.authorizations.filter((a) => a.payerId === claim.payerId),
  };
  if (claim.renderingProviderId) input.renderingProvider = await load.provider(claim.renderingProviderId);
  if (claim.attendingProviderId) input.attendingProvider = await load.provider(claim.attendingProviderId);
  if (coverage.priority !== 'primary') {
    const primary = record.coverages.find((c) => c.priority === 'primary');
    if (!primary || !claim.priorAdjudicationDate)
      throw new ClaimNotReadyError(
        claim.claimId,
        'is billed to a secondary coverage without the primary coverage and its adjudication date',
      );
    const primaryPayer = await load.payer(primary.payerId);
    input.primaryAdjudication = {
      payer: { payerId: primaryPayer.payerId, name: primaryPayer.name },
      coverage: primary,
      adjudicatedDate: claim.priorAdjudicationDate,
    };
  }
  return input;
}

/**
 * Submits scrubbed claims of one payer as one 837 interchange and marks them submitted. Safe to
 * retry: the batch's control number and time are fixed on the first attempt, so the same 837 is
 * written again and the gateway returns the first receipt; claim events are recorded once.
 */
export async function submitClaims(deps: PayerTaskDeps, request: ClaimSubmissionRequest): Promise<ClaimSubmissionResult> {
  const batch = await deps.store.submissions.prepare(request, deps.now().toISOString());
  const sameClaims = batch.claimIds.length === request.claimIds.length && batch.claimIds.every((id, i) => id === request.claimIds[i]);
  if (batch.payerId !== request.payerId || !sameClaims) throw new BatchConflictError(request.batchId, { payerId: request.payerId });

  const load = loader(deps.store);
  const claims: Claim[] = [];
  const alreadySubmitted = new Set<string>();
  for (const claimId of batch.claimIds) {
    const stored = await deps.store.claims.get(claimId);
    if (!stored) throw new RecordNotFoundError('claim', claimId);
    const { claim } = stored;
    if (claim.payerId !== batch.payerId) throw new ClaimNotReadyError(claimId, `is billed to another payer than ${batch.payerId}`);
    if (stored.timeline.some((e) => e.eventId === submittedEventId(claimId, batch.batchId))) alreadySubmitted.add(claimId);
    else if (claim.status !== 'scrubbed') throw new ClaimNotReadyError(claimId, `is ${claim.status}; only scrubbed claims are submitted`);
    claims.push(claim);
  }
  const inputs = await Promise.all(claims.map((c) => claim837Input(load, c)));
  const written = write837Batch(
    inputs,
    {
      submitter: deps.settings.submitter,
      receiver: deps.settings.receiver,
      batchId: batch.batchId,
      now: batch.preparedAt,
      interchange: deps.settings.interchange,
    },
    controlsFor(Number(batch.interchangeControlNumber), batch.firstGroupControlNumber),
  );
  const receipt = await deps.gateway.submitClaims({
    batchId: batch.batchId,
    payerId: batch.payerId,
    files: [{ name: `${batch.batchId}.837`, x12: written.x12 }],
  });
  await deps.store.submissions.recordQueued(batch.batchId, {
    transactionSets: written.transactionSets,
    queuedAt: receipt.submittedAt,
    manifestKey: receipt.manifestKey,
  });
  for (const claim of claims) {
    if (alreadySubmitted.has(claim.claimId)) continue;
    const outcome = await deps.store.claims.recordEvent({
      type: 'submitted',
      eventId: submittedEventId(claim.claimId, batch.batchId),
      claimId: claim.claimId,
      at: batch.preparedAt,
      interchangeControlNumber: written.interchangeControlNumber,
    });
    if (outcome.status === 'rejected') throw new ClaimNotReadyError(claim.claimId, 'changed status while it was being submitted');
  }
  return {
    batchId: batch.batchId,
    payerId: batch.payerId,
    claimIds: batch.claimIds,
    claimCount: written.claimCount,
    totalChargeCents: written.totalChargeCents,
    interchangeControlNumber: written.interchangeControlNumber,
    status: receipt.status,
    submittedAt: receipt.submittedAt,
    manifestKey: receipt.manifestKey,
  };
}

/** Where one claim stands with the payer, without PHI. */
export type ClaimStatusCheckResult = { claimId: string; payerId: string; found: boolean } & Partial<ClaimStatusResult>;

/** Asks the payer (276 → 277) where a claim stands. */
export async function checkClaimStatus(deps: PayerTaskDeps, request: ClaimStatusRequest): Promise<ClaimStatusCheckResult> {
  const stored = await deps.store.claims.get(request.claimId);
  if (!stored) throw new RecordNotFoundError('claim', request.claimId);
  const { claim } = stored;
  const load = loader(deps.store);
  const record = await load.patient(claim.patientId);
  const coverage = coverageOf(record, claim.coverageId);
  const [provider, payer] = await Promise.all([load.provider(claim.billingProviderId), load.payer(claim.payerId)]);
  const { icn, controls } = await reserveControls(deps.store);
  const x276 = write276(
    [{ claim, patient: record.patient, coverage, provider, payer }],
    {
      submitter: { name: deps.settings.submitter.name, id: deps.settings.submitter.id },
      referenceId: `STS${interchangeControlNumberOf(icn)}`,
      now: deps.now(),
      interchange: deps.settings.interchange,
    },
    controls,
  );
  const reply = await deps.gateway.claimStatus(x276, { payerId: payer.payerId, correlationId: claim.claimId });
  const response = readReply(payer.payerId, () => read277(reply));
  const mine = response.claims.find((c) => c.patientControlNumber === claim.patientControlNumber);
  return { claimId: claim.claimId, payerId: payer.payerId, found: Boolean(mine), ...(mine ?? {}) };
}

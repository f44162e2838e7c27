/**
 * What posting a batch of the unordered claims reads, read before any claim is posted, all of it in
 * strongly consistent BatchGetItems of 100 keys: each claim's candidates by CLP01 (the CLP01s' claim
 * lists, then the headers, with the versions the claim's adjudication is guarded by), their patients'
 * coverages (the patients' coverage lists, then the coverages), whether a reversal was held for the
 * claim's CLP07, and whether a workflow waits on each candidate claim (and its task token). Claims of
 * the unordered file name distinct CLP01s and CLP07s, so no claim of the batch changes what another
 * read; writers outside the batch are caught by the conditional writes.
 */
import type { ClaimSnapshot, ClaimWaitSeen, Store } from '#functions/store/index.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { ClaimItem } from './claim-items.ts';
import { pendingReversalId } from './remittance-ids.ts';

/** Reads taken once for a batch; each is handed out once, then read afresh (a claim posted twice reads again). */
export class BatchReads {
  readonly #candidates = new Map<string, ClaimSnapshot[]>();
  readonly #coverages = new Map<string, readonly Coverage[]>();
  readonly #noHeldReversal = new Set<string>();
  readonly #waits = new Map<string, ClaimWaitSeen | null>();

  /** Reads what the batch's claims need, `inFlight` queries at a time. */
  static async of(store: Store, items: readonly ClaimItem[], inFlight: number): Promise<BatchReads> {
    const reads = new BatchReads();
    const pcns = [...new Set(items.map((i) => i.claim.patientControlNumber).filter((n) => typeof n === 'string' && n.length > 0))];
    for (const [pcn, snapshots] of await store.claims.snapshotsByPatientControlNumbers(pcns, inFlight))
      reads.#candidates.set(pcn, snapshots);
    const patients = [...new Set([...reads.#candidates.values()].flat().map((s) => s.claim.patientId))];
    const reversals = items
      .filter((i) => i.claim.statusCode !== '22' && typeof i.claim.payerClaimControlNumber === 'string')
      .map((i) => pendingReversalId(i.header.payerId, i.claim.payerClaimControlNumber));
    const claimIds = [...reads.#candidates.values()].flat().map((s) => s.claim.claimId);
    // The coverages and the held reversals and waits depend only on the candidates: read side by side.
    const [coverages, { openWorkItems, waits }] = await Promise.all([
      store.patients.coveragesOfPatients(patients, inFlight),
      store.remittances.postingReads(reversals, claimIds),
    ]);
    for (const [patientId, found] of coverages) reads.#coverages.set(patientId, found);
    for (const id of reversals) if (!openWorkItems.has(id)) reads.#noHeldReversal.add(id);
    for (const [claimId, wait] of waits) reads.#waits.set(claimId, wait);
    return reads;
  }

  /** The claims of this CLP01 as read for the batch, once; undefined when not read (or taken already). */
  takeCandidates(patientControlNumber: string): ClaimSnapshot[] | undefined {
    const found = this.#candidates.get(patientControlNumber);
    this.#candidates.delete(patientControlNumber);
    return found;
  }

  /** The patient's coverages as read for the batch, or undefined. */
  coveragesOf(patientId: string): readonly Coverage[] | undefined {
    return this.#coverages.get(patientId);
  }

  /** The claim's wait as the batch read it (null: none), once; undefined when not read (or taken already). */
  takeWait(claimId: string): ClaimWaitSeen | null | undefined {
    const seen = this.#waits.get(claimId);
    this.#waits.delete(claimId);
    return seen;
  }

  /** Whether the batch read found no open held reversal of this id (so there is none to apply). */
  knowsNoHeldReversal(workItemId: string): boolean {
    return this.#noHeldReversal.has(workItemId);
  }
}

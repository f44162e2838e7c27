/**
 * One 835 claim as a line of the JSON Lines file a Distributed Map posts from: the payment it belongs
 * to, where it sits, and the CLP loop with what posting reads. The names the 835 carries (patient,
 * insured, corrected patient, other subscriber) and the claim's references and contacts are left out:
 * posting never reads them, and the file of items should hold as little PHI as posting allows.
 * Pure: no AWS, no store.
 */
import type { Claim835, RemittanceClaimEvent } from '#functions/x12/index.ts';
import type { PaymentHeader } from './payment-header.ts';

/** The CLP loop without the fields posting never reads (names, references, contacts). */
type PostableClaim835 = Omit<Claim835, 'patient' | 'insured' | 'correctedPatient' | 'otherSubscriber' | 'references' | 'contacts'>;

/** A claim to post, as the split file holds it (one JSON object a line). */
export interface ClaimItem {
  /** 0-based ordinal of the claim's transaction set (payment) in the file. */
  readonly payment: number;
  readonly header: PaymentHeader;
  /** ST02 of the claim's transaction set. */
  readonly transactionSet: string;
  /** 0-based position of the claim in its transaction set. */
  readonly claimIndex: number;
  /** Service- and claim-level imbalances the engine found in the claim. */
  readonly balanceFindings: number;
  readonly claim: PostableClaim835;
}

/** The item of one claim event of payment `payment`. */
export function claimItemOf(payment: number, header: PaymentHeader, event: RemittanceClaimEvent): ClaimItem {
  const { patient: _p, insured: _i, correctedPatient: _c, otherSubscriber: _o, references: _r, contacts: _k, ...claim } = event.claim;
  return {
    payment,
    header,
    transactionSet: event.transaction.controlNumber,
    claimIndex: event.claimIndex,
    balanceFindings: event.balance.length,
    claim,
  };
}

/**
 * Whether a claim must be posted in file order after the parallel part, rather than in any order beside
 * the others: reversals (CLP02 22) and any claim whose patient control number or payer claim number an
 * earlier claim of the file already named. Posting of one claim depends on the claims of the same
 * numbers before it (a reversal before or after its adjudication, a re-adjudication under a new CLP07),
 * never on other claims, so these keep the order the file gives them and the rest need none.
 */
export class OrderedClaims {
  readonly #seen = new Set<string>();

  /** Decides for the next claim of the file, in file order. */
  needsOrder(payerId: string, claim: Pick<Claim835, 'statusCode' | 'patientControlNumber' | 'payerClaimControlNumber'>): boolean {
    const keys = [`P\u0000${payerId}\u0000${claim.patientControlNumber}`, `C\u0000${payerId}\u0000${claim.payerClaimControlNumber}`];
    const ordered = claim.statusCode === '22' || keys.some((k) => this.#seen.has(k));
    for (const k of keys) this.#seen.add(k);
    return ordered;
  }
}

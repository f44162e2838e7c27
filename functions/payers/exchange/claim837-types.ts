/** What the 837 builders take (our records, the batch header, the earlier payer's decision) and what they give back. */
import type { ClaimDocument837, TransactionSetDef } from '#functions/x12/index.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import type { RemittanceClaim } from '#schemas/remittance.ts';
import type { Instant, InterchangeIds } from './common.ts';

/** The 1000A submitter: our organisation as the clearinghouse knows it (ETIN), with a contact. */
export interface Submitter837 {
  name: string;
  /** Submitter id (ETIN) assigned by the receiver. */
  id: string;
  contactName: string;
  /** Ten digits. At least one of phone and email is required. */
  contactPhone?: string;
  contactEmail?: string;
}

/** The 1000B receiver: the clearinghouse or payer the 837 is sent to. */
export interface Receiver837 {
  name: string;
  id: string;
}

/**
 * What the earlier payer decided on this claim, for a secondary or tertiary claim (837 loops
 * 2320/2330/2430). Amounts are integer cents.
 */
export interface PrimaryAdjudication {
  /** The payer that adjudicated first (2330B). */
  payer: Pick<PayerProfile, 'payerId' | 'name'>;
  /** The patient's coverage with that payer: member id, group and subscriber (2320 SBR, 2330A). */
  coverage: Coverage;
  /** When that payer adjudicated: the 835's payment date (ISO `YYYY-MM-DD`; DTP*573). */
  adjudicatedDate: string;
  /**
   * That payer's 835 claim (CLP/CAS/SVC) as posted: claim-level adjustments go to 2320 CAS, lines
   * (matched on `lineNumber`) to 2430 SVD/CAS. Without it, only the paid amount is sent
   * (`claim.priorPayerPaidCents`).
   */
  remittance?: Pick<RemittanceClaim, 'paidCents' | 'adjustments' | 'lines'>;
  /** SBR09 of that payer (default `CI`). */
  claimFilingIndicator?: string;
}

/** Everything one claim's 837 is built from: our records, as stored. */
export interface Claim837Input {
  claim: Claim;
  patient: Patient;
  /** The coverage billed (its priority gives SBR01). */
  coverage: Coverage;
  billingProvider: Provider;
  /** Required when the claim names one (`claim.renderingProviderId`). */
  renderingProvider?: Provider;
  /** Required on an 837I (2310A); required when the claim names one. */
  attendingProvider?: Provider;
  payer: PayerProfile;
  /** Required when the coverage billed is secondary or tertiary. */
  primaryAdjudication?: PrimaryAdjudication;
  /**
   * The patient's authorizations with this payer; approved ones covering a line's code and date are
   * billed as REF*G1 (at claim level when one number covers every matched line, else per line).
   */
  authorizations?: readonly Authorization[];
  /** SBR09 claim filing indicator (default `CI`, commercial insurance). */
  claimFilingIndicator?: string;
}

/** The header of the 837 transaction sets of a batch. */
export interface Header837 {
  submitter: Submitter837;
  receiver: Receiver837;
  /** BHT03: our id of the batch (1-50 characters, not PHI); receivers echo it. */
  batchId: string;
  /** BHT04/BHT05 (UTC). */
  now: Instant;
}

/** The header plus the interchange ids, for `write837Batch`. */
export interface Batch837Parties extends Header837 {
  interchange: InterchangeIds;
}

/** One 837 transaction set of a batch: its model and the claims it carries. */
export interface Document837 {
  claimType: '837P' | '837I';
  def: TransactionSetDef;
  document: ClaimDocument837;
  patientControlNumbers: string[];
}

/** One interchange of 837s and the control numbers that the 999 and 277CA will refer to. No PHI apart from `x12`. */
export interface Written837Batch {
  /** The interchange: PHI, write it, never log it. */
  x12: string;
  payerId: string;
  /** ISA13, nine digits. */
  interchangeControlNumber: string;
  claimCount: number;
  totalChargeCents: number;
  /** One per transaction set (837P and 837I go in separate functional groups). */
  transactionSets: { claimType: '837P' | '837I'; groupControlNumber: string; controlNumber: string; patientControlNumbers: string[] }[];
}

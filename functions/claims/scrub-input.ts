/** Everything the scrubber looks at; all of it is passed in, so the scrubber is pure and deterministic. */
import type { Authorization } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import type { Icd10CmCodeSet } from './code-set.ts';

export interface ScrubInput {
  readonly claim: Claim;
  /** Every coverage the patient has on file (to check priority and gaps). */
  readonly coverages: readonly Coverage[];
  /** Providers the claim references, by provider id. */
  readonly providers: readonly Provider[];
  readonly payerProfile: PayerProfile;
  readonly authorizations: readonly Authorization[];
  /** The patient's other claims, to catch duplicates. */
  readonly otherClaims: readonly Claim[];
  /** The ICD-10-CM release to check diagnoses against (used when `codeSetForDate` is absent or has no release). */
  readonly codeSet: Icd10CmCodeSet;
  /**
   * Optional: the release in effect on a date of service (see codeSetsByFiscalYear). Diagnoses
   * are checked against the release for the claim's through date: the discharge/statement-through
   * date on 837I, the latest line date on 837P.
   */
  readonly codeSetForDate?: (dateOfService: string) => Icd10CmCodeSet | undefined;
  /** The business date the scrub runs on (YYYY-MM-DD). */
  readonly today: string;
}

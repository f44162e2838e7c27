import type { AdjustmentGroup } from './model-common.ts';
import type { Remittance835 } from './types835.ts';

/** One imbalance, naming the claim (CLP01) and the amounts involved, all in cents. */
export type BalanceFinding =
  | { level: 'service'; claimId: string; claimIndex: number; serviceIndex: number; chargeCents: number; adjustmentCents: number; paymentCents: number; differenceCents: number }
  | { level: 'claim'; claimId: string; claimIndex: number; chargeCents: number; adjustmentCents: number; paymentCents: number; differenceCents: number }
  | { level: 'transaction'; claimPaymentCents: number; providerAdjustmentCents: number; totalPaymentCents: number; differenceCents: number };

export interface BalanceResult {
  balanced: boolean;
  claimCount: number;
  totalChargeCents: number;
  totalClaimPaymentCents: number;
  totalProviderAdjustmentCents: number;
  totalPaymentCents: number;
  findings: BalanceFinding[];
}

function sumAdjustments(groups: readonly AdjustmentGroup[] | undefined): number {
  let total = 0;
  if (!groups) return 0;
  // `?? []` and `?? 0`: a malformed file (CAS without triplets) has already been reported by the reader.
  for (const g of groups) for (const a of g.adjustments ?? []) total += a.amountCents ?? 0;
  return total;
}

/**
 * Balances an 835 to the cent: per service SVC02 − ΣCAS = SVC03; per claim CLP03 − ΣCAS (claim and
 * service level) = CLP04; per transaction ΣCLP04 − ΣPLB = BPR02. Imbalances are findings, not errors.
 * A claim without service lines is balanced at claim level only. A BPR credit/debit flag of D
 * (a debit to the provider) makes BPR02 negative for the transaction check. Missing CLP03/CLP04 count
 * as zero (the reader has already reported them as MISSING_ELEMENT errors); so do a missing BPR and
 * missing CLP loops: balancing never throws on a model read from a malformed file.
 */
export function balance835(remit: Remittance835): BalanceResult {
  const findings: BalanceFinding[] = [];
  let claimIndex = 0;
  let totalCharge = 0;
  let totalClaimPayment = 0;
  for (const header of remit.headers ?? []) {
    for (const claim of header.claims ?? []) {
      let adjustments = sumAdjustments(claim.adjustments);
      claim.services?.forEach((svc, serviceIndex) => {
        const svcAdj = sumAdjustments(svc.adjustments);
        adjustments += svcAdj;
        // A line missing SVC02/SVC03 already carries a MISSING_ELEMENT error; it cannot be balanced.
        if (typeof svc.chargeCents !== 'number' || typeof svc.paymentCents !== 'number') return;
        const diff = svc.chargeCents - svcAdj - svc.paymentCents;
        if (diff !== 0) {
          findings.push({ level: 'service', claimId: claim.patientControlNumber, claimIndex, serviceIndex, chargeCents: svc.chargeCents, adjustmentCents: svcAdj, paymentCents: svc.paymentCents, differenceCents: diff });
        }
      });
      const diff = (claim.chargeCents ?? 0) - adjustments - (claim.paymentCents ?? 0);
      if (diff !== 0) {
        findings.push({ level: 'claim', claimId: claim.patientControlNumber, claimIndex, chargeCents: claim.chargeCents, adjustmentCents: adjustments, paymentCents: claim.paymentCents, differenceCents: diff });
      }
      totalCharge += claim.chargeCents ?? 0;
      totalClaimPayment += claim.paymentCents ?? 0;
      claimIndex++;
    }
  }
  let plb = 0;
  for (const p of remit.providerAdjustments ?? []) for (const a of p.adjustments ?? []) plb += a.amountCents ?? 0;
  const paid = remit.payment?.totalPaymentCents ?? 0;
  const bpr = remit.payment?.creditDebitFlag === 'D' ? -paid : paid;
  const diff = totalClaimPayment - plb - bpr;
  if (diff !== 0) {
    findings.push({ level: 'transaction', claimPaymentCents: totalClaimPayment, providerAdjustmentCents: plb, totalPaymentCents: bpr, differenceCents: diff });
  }
  return {
    balanced: findings.length === 0,
    claimCount: claimIndex,
    totalChargeCents: totalCharge,
    totalClaimPaymentCents: totalClaimPayment,
    totalProviderAdjustmentCents: plb,
    totalPaymentCents: bpr,
    findings,
  };
}

import type { AdjustmentGroup } from './model-common.ts';
import type { Claim835, Payment835, ProviderAdjustment835, Remittance835, Service835 } from './types835.ts';

/** One imbalance, naming the claim (CLP01) and the amounts involved, all in cents. */
export type BalanceFinding =
  | {
      level: 'service';
      claimId: string;
      claimIndex: number;
      serviceIndex: number;
      chargeCents: number;
      adjustmentCents: number;
      paymentCents: number;
      differenceCents: number;
    }
  | {
      level: 'claim';
      claimId: string;
      claimIndex: number;
      chargeCents: number;
      adjustmentCents: number;
      paymentCents: number;
      differenceCents: number;
    }
  | {
      level: 'transaction';
      claimPaymentCents: number;
      providerAdjustmentCents: number;
      totalPaymentCents: number;
      differenceCents: number;
    };

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
 * Balances an 835 one claim at a time, in constant memory: the per-claim streaming reader feeds it
 * each claim as it closes, and {@link balance835} feeds it a whole model, so both report the same
 * findings. Per service SVC02 − ΣCAS = SVC03; per claim CLP03 − ΣCAS (claim and service level) =
 * CLP04; per transaction ΣCLP04 − ΣPLB = BPR02 (negative when BPR03 is D, a debit to the provider).
 * Missing amounts count as zero (the reader has already reported them): balancing never throws on a
 * model read from a malformed file.
 */
export class RemittanceBalancer {
  private claimIndex = 0;
  private totalCharge = 0;
  private totalClaimPayment = 0;
  private claimFindings = 0;

  /** Balances the next claim (in file order) and returns its service- and claim-level findings. */
  claim(claim: Claim835): BalanceFinding[] {
    const findings: BalanceFinding[] = [];
    const claimIndex = this.claimIndex;
    let adjustments = sumAdjustments(claim.adjustments);
    const services = claim.services;
    if (services) {
      for (let serviceIndex = 0; serviceIndex < services.length; serviceIndex++) {
        const svc = services[serviceIndex] as Service835;
        const svcAdj = sumAdjustments(svc.adjustments);
        adjustments += svcAdj;
        // A line missing SVC02/SVC03 already carries a MISSING_ELEMENT error; it cannot be balanced.
        if (typeof svc.chargeCents !== 'number' || typeof svc.paymentCents !== 'number') continue;
        const diff = svc.chargeCents - svcAdj - svc.paymentCents;
        if (diff !== 0) {
          findings.push({
            level: 'service',
            claimId: claim.patientControlNumber,
            claimIndex,
            serviceIndex,
            chargeCents: svc.chargeCents,
            adjustmentCents: svcAdj,
            paymentCents: svc.paymentCents,
            differenceCents: diff,
          });
        }
      }
    }
    const diff = (claim.chargeCents ?? 0) - adjustments - (claim.paymentCents ?? 0);
    if (diff !== 0) {
      findings.push({
        level: 'claim',
        claimId: claim.patientControlNumber,
        claimIndex,
        chargeCents: claim.chargeCents,
        adjustmentCents: adjustments,
        paymentCents: claim.paymentCents,
        differenceCents: diff,
      });
    }
    this.totalCharge += claim.chargeCents ?? 0;
    this.totalClaimPayment += claim.paymentCents ?? 0;
    this.claimFindings += findings.length;
    this.claimIndex++;
    return findings;
  }

  /**
   * The transaction-level check, once every claim has been given. The result's `findings` holds only
   * the transaction-level finding (the claims' findings were returned by {@link claim}); `balanced`
   * accounts for every level.
   */
  finish(
    payment: Pick<Payment835, 'totalPaymentCents' | 'creditDebitFlag'> | undefined,
    providerAdjustments: readonly ProviderAdjustment835[] | undefined,
  ): BalanceResult {
    const findings: BalanceFinding[] = [];
    let plb = 0;
    for (const p of providerAdjustments ?? []) for (const a of p.adjustments ?? []) plb += a.amountCents ?? 0;
    const paid = payment?.totalPaymentCents ?? 0;
    const bpr = payment?.creditDebitFlag === 'D' ? -paid : paid;
    const diff = this.totalClaimPayment - plb - bpr;
    if (diff !== 0) {
      findings.push({
        level: 'transaction',
        claimPaymentCents: this.totalClaimPayment,
        providerAdjustmentCents: plb,
        totalPaymentCents: bpr,
        differenceCents: diff,
      });
    }
    return {
      balanced: this.claimFindings === 0 && findings.length === 0,
      claimCount: this.claimIndex,
      totalChargeCents: this.totalCharge,
      totalClaimPaymentCents: this.totalClaimPayment,
      totalProviderAdjustmentCents: plb,
      totalPaymentCents: bpr,
      findings,
    };
  }
}

/**
 * Balances a whole 835 model to the cent (see {@link RemittanceBalancer}); imbalances are findings,
 * not errors. A claim without service lines is balanced at claim level only.
 */
export function balance835(remit: Remittance835): BalanceResult {
  const balancer = new RemittanceBalancer();
  const findings: BalanceFinding[] = [];
  for (const header of remit.headers ?? []) {
    for (const claim of header.claims ?? []) for (const f of balancer.claim(claim)) findings.push(f);
  }
  const result = balancer.finish(remit.payment, remit.providerAdjustments);
  for (const f of result.findings) findings.push(f);
  result.findings = findings;
  return result;
}

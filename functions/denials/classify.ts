/**
 * Denial classification: from the CAS adjustments and remark codes of one remitted claim (or
 * line), decide what kind of problem it is, what to do, by when, and what proof to gather.
 * Pure: the payer profile and the remit date are inputs.
 */
import type { Adjustment } from '#schemas/adjustment.ts';
import type { ActionDeadline, DenialClassification } from '#schemas/denial-classification.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import { addDays } from '#functions/claims/calendar.ts';
import { carcCatalog } from './carc-catalog.ts';
import { categoryPrecedence, type DenialCategory, type RecommendedAction } from './categories.ts';
import { rarcCatalog } from './rarc-catalog.ts';

/** What classification needs to know about the claim beyond its adjustments. */
export interface ClaimContext {
  readonly claimId: string;
  /** The remittance's payment date (BPR16): appeal and correction clocks start here. */
  readonly remitDate: string;
  /** Earliest date of service; the filing clock for a brand-new claim starts here. */
  readonly serviceDateFrom?: string;
  /** Highest appeal level already filed for this denial (0 or absent: none). */
  readonly priorAppealLevel?: number;
  /** Date of the last appeal decision, when a further level is being considered. */
  readonly lastAppealDecisionDate?: string;
}

/** When the recommended action must be done by (contract: schemas/denial-classification.ts). */
export type Deadline = ActionDeadline;
export type ClassifiedAdjustment = DenialClassification['adjustments'][number];
export type Classification = DenialClassification;

function classifyAdjustment(adj: Adjustment, unknown: string[]): ClassifiedAdjustment {
  const entry = carcCatalog.get(adj.reasonCode);
  if (!entry) {
    unknown.push(`CARC ${adj.reasonCode}`);
    // Unknown reasons: PR is still the patient's; otherwise a person must review (treated as appealable).
    return {
      ...adj,
      category: adj.group === 'PR' ? 'patient-responsibility' : 'appealable',
      description: 'Reason code not in the catalog',
    };
  }
  return { ...adj, category: entry.byGroup?.[adj.group] ?? entry.category, description: entry.description };
}

function appealDeadline(profile: PayerProfile, ctx: ClaimContext): Deadline | null {
  const level = (ctx.priorAppealLevel ?? 0) + 1;
  const days = level === 1 ? profile.appealDeadlineDays : profile.appealLevels.find((l) => l.level === level)?.deadlineDays;
  if (days === undefined) return null;
  const from = level === 1 ? ctx.remitDate : (ctx.lastAppealDecisionDate ?? ctx.remitDate);
  return { date: addDays(from, days), days, from, basis: 'appeal', appealLevel: level };
}

const actionFor: Readonly<Record<DenialCategory, RecommendedAction>> = {
  'patient-responsibility': 'transfer-to-patient',
  contractual: 'post-adjustment',
  correctable: 'correct-and-resubmit',
  appealable: 'appeal',
  'coordination-of-benefits': 'bill-other-payer',
  eligibility: 'verify-eligibility',
  duplicate: 'verify-original-claim',
  'timely-filing': 'appeal',
  'non-covered': 'write-off',
};

const summaries: Readonly<Record<RecommendedAction, string>> = {
  'post-adjustment': 'Routine contractual adjustment: post it, no follow-up.',
  'transfer-to-patient': 'Patient responsibility: move the amount to the patient (or the next payer) and bill it.',
  'correct-and-resubmit': 'Fixable billing problem: correct the claim and send a replacement (frequency 7).',
  'submit-new-claim': 'Unprocessable claim with no appeal rights: fix it and send a new original claim.',
  appeal: 'Disputable denial: prepare an appeal with the evidence listed.',
  'bill-other-payer': 'Another payer is responsible: bill the correct payer, then this one if secondary.',
  'verify-eligibility': 'Coverage problem: verify eligibility (270/271) and rebill the right coverage or the patient.',
  'verify-original-claim': 'Duplicate: check the original claim’s status; do not resubmit.',
  'write-off': 'Not covered and not billable to the patient: write off unless a signed waiver exists.',
};

/**
 * Classifies one remitted claim's adjustments (CAS) and remarks (MOA/LQ) under the payer's rules.
 * Zero-amount adjustments are ignored; when categories differ, `categoryPrecedence` decides.
 */
export function classify(
  adjustments: readonly Adjustment[],
  remarks: readonly string[],
  payerProfile: PayerProfile,
  claim: ClaimContext,
): Classification {
  const unknownCodes: string[] = [];
  const classified = adjustments.filter((a) => a.amountCents !== 0).map((a) => classifyAdjustment(a, unknownCodes));
  const remarkEntries = remarks.flatMap((code) => {
    const entry = rarcCatalog.get(code);
    if (!entry) unknownCodes.push(`RARC ${code}`);
    return entry ? [entry] : [];
  });

  const categories = new Set<DenialCategory>(classified.map((c) => c.category));
  // A specific remark (N30 eligibility, N522 duplicate) settles a generic or disputable CARC.
  for (const r of remarkEntries)
    if (r.category && classified.some((c) => c.category !== 'patient-responsibility' && c.category !== 'contractual'))
      categories.add(r.category);
  const category = categoryPrecedence.find((c) => categories.has(c)) ?? 'contractual';

  const appealRights = !remarkEntries.some((r) => r.noAppealRights);
  let action = actionFor[category];
  let deadline: Deadline | null = null;
  if (action === 'appeal') {
    deadline = appealRights ? appealDeadline(payerProfile, claim) : null;
    // No appeal rights, or every level used: nothing left to dispute.
    if (!deadline) action = 'write-off';
  }
  // MA130-style rejections cannot be corrected or appealed, only sent again as a new claim.
  if (action === 'correct-and-resubmit' && !appealRights) action = 'submit-new-claim';
  if (action === 'correct-and-resubmit') {
    deadline = {
      date: addDays(claim.remitDate, payerProfile.correctedClaimWindowDays),
      days: payerProfile.correctedClaimWindowDays,
      from: claim.remitDate,
      basis: 'corrected-claim-window',
    };
  }
  if (action === 'submit-new-claim' && claim.serviceDateFrom) {
    deadline = {
      date: addDays(claim.serviceDateFrom, payerProfile.timelyFilingDays),
      days: payerProfile.timelyFilingDays,
      from: claim.serviceDateFrom,
      basis: 'timely-filing',
    };
  }

  // Evidence from the adjustments that drive the chosen category, plus every remark's.
  const evidence = new Set<string>();
  for (const c of classified) if (c.category === category) for (const e of carcCatalog.get(c.reasonCode)?.evidence ?? []) evidence.add(e);
  for (const r of remarkEntries) for (const e of r.evidence) evidence.add(e);
  if (action === 'appeal') evidence.add('copy of the remittance advice showing the denial');

  return {
    claimId: claim.claimId,
    category,
    action,
    deadline,
    evidence: [...evidence],
    appealRights,
    adjustments: classified,
    remarks: remarkEntries.map((r) => ({ code: r.code, description: r.description })),
    unknownCodes,
    summary: summaries[action],
  };
}

/**
 * What a denial puts in the denials queue: the held adjustments of one adjudicated claim, classified by
 * CARC/RARC under the payer's rules, with the amount at stake, the deadline and the actions that fit
 * the category. Pure: the payer profile and the remittance's date are inputs.
 */
import type { Adjustment } from '#schemas/adjustment.ts';
import type { DenialCategory } from '#schemas/denial-classification.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { OpenWorkItemRequest, WorkAction } from '#schemas/work-item.ts';
import { classify } from './classify.ts';
import { stableId } from '#functions/platform/stable-id.ts';

/** One adjudicated claim's denial, as the posting run knows it. */
export interface DenialToWork {
  readonly claimId: string;
  readonly payerId: string;
  readonly remittanceId: string;
  readonly payerClaimControlNumber: string;
  /** BPR16: the appeal and correction clocks start here. */
  readonly remitDate: string;
  readonly serviceDateFrom?: string;
  /** The adjustments the posting plan held on the insurer's balance. */
  readonly held: readonly Adjustment[];
  /** Remark codes of the claim and its lines (MOA, LQ). */
  readonly remarks: readonly string[];
  /** The function or execution that raises it. */
  readonly raisedBy: string;
}

/** Stand-in rules for a payer without a profile on file: classification only, no deadline is claimed. */
const unknownPayerRules: PayerProfile = {
  payerId: 'UNKNOWN',
  name: 'payer without a profile',
  claimType: '837P',
  timelyFilingDays: 1,
  correctedClaimWindowDays: 1,
  appealDeadlineDays: 1,
  appealLevels: [{ level: 1, name: 'first level', deadlineDays: 1 }],
  authorizationRequiredCodes: [],
};

/** The actions a person may take on a denial of this category. */
export function actionsFor(category: DenialCategory): WorkAction[] {
  switch (category) {
    case 'appealable':
    case 'timely-filing':
      return ['appeal', 'write-off'];
    case 'correctable':
    case 'eligibility':
    case 'coordination-of-benefits':
      return ['correct', 'write-off'];
    default:
      return ['write-off', 'dismiss'];
  }
}

/** The work item of a denial; its id comes from the remittance and the payer's claim number, so a redelivered 835 raises nothing new. */
export function denialWorkItem(denial: DenialToWork, profile: PayerProfile | null): OpenWorkItemRequest {
  // Without the payer's profile the categories still hold; only its deadlines are unknown.
  const rules: PayerProfile = profile ?? { ...unknownPayerRules, payerId: denial.payerId };
  const classification = classify(denial.held, denial.remarks, rules, {
    claimId: denial.claimId,
    remitDate: denial.remitDate,
    ...(denial.serviceDateFrom ? { serviceDateFrom: denial.serviceDateFrom } : {}),
  });
  if (!profile) classification.deadline = null;
  const carc = [...new Set(denial.held.map((a) => `${a.group}-${a.reasonCode}`))];
  const deadline = classification.deadline?.date;
  const summary = `${carc.join(', ')}${denial.remarks.length ? ` (${denial.remarks.slice(0, 3).join(', ')})` : ''} ${classification.category}: ${classification.summary}`;
  return {
    workItemId: stableId('DEN', denial.remittanceId, denial.payerClaimControlNumber),
    queue: 'denials',
    kind: classification.category,
    claimId: denial.claimId,
    payerId: denial.payerId,
    amountCents: denial.held.reduce((sum, a) => sum + a.amountCents, 0),
    ...(deadline ? { deadline } : {}),
    summary: summary.slice(0, 300),
    details: {
      carc,
      rarc: [...new Set(denial.remarks)].slice(0, 50),
      category: classification.category,
      recommendedAction: classification.action,
      appealRights: classification.appealRights,
      remittanceId: denial.remittanceId,
      payerClaimControlNumber: denial.payerClaimControlNumber,
      ...(classification.deadline ? { deadlineBasis: classification.deadline.basis } : {}),
      ...(classification.unknownCodes.length ? { unknownCodes: classification.unknownCodes.slice(0, 50) } : {}),
    },
    actions: actionsFor(classification.category),
    raisedBy: denial.raisedBy,
  };
}

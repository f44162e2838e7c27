/** The outcomes of denial classification and the actions they lead to. */
import type { AdjustmentGroupCode } from '#schemas/adjustment.ts';
import type { DenialCategory } from '#schemas/denial-classification.ts';

export type { DenialCategory, RecommendedAction } from '#schemas/denial-classification.ts';

/**
 * When adjustments point different ways, the claim is worked by the category that gates the
 * others: wrong patient/coverage first (nothing else matters until it is fixed), then duplicate,
 * timely filing, other payer, fixable claim errors, appeals, non-covered, patient balance, and
 * finally routine contractual adjustments.
 */
export const categoryPrecedence: readonly DenialCategory[] = [
  'eligibility',
  'duplicate',
  'timely-filing',
  'coordination-of-benefits',
  'correctable',
  'appealable',
  'non-covered',
  'patient-responsibility',
  'contractual',
];

/** What each CAS01 group code means for who absorbs the amount. */
export const groupCodes: Readonly<
  Record<AdjustmentGroupCode, { readonly name: string; readonly meaning: string; readonly patientMayBeBilled: boolean }>
> = {
  CO: {
    name: 'Contractual obligation',
    meaning: 'The provider absorbs it under contract or regulation; the patient may not be billed.',
    patientMayBeBilled: false,
  },
  PR: { name: 'Patient responsibility', meaning: 'The patient (or the next payer) owes it.', patientMayBeBilled: true },
  OA: {
    name: 'Other adjustment',
    meaning: 'Neither contractual nor the patient’s, often a prior payer’s share or a balancing entry.',
    patientMayBeBilled: false,
  },
  PI: {
    name: 'Payer initiated reduction',
    meaning: 'The payer reduced it outside the contract; the patient may not be billed; usually disputable.',
    patientMayBeBilled: false,
  },
  CR: {
    name: 'Correction and reversal',
    meaning: 'Reverses or corrects an earlier adjudication (4010 usage; 5010 uses CLP02 22 instead).',
    patientMayBeBilled: false,
  },
};

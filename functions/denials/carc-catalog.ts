/**
 * Claim Adjustment Reason Codes: the denials and reductions that make up most of a hospital's
 * work, described in our own words (the authoritative list is maintained by X12 at
 * x12.org/codes/claim-adjustment-reason-codes). `category` is the usual meaning; `byGroup`
 * overrides it for a group code (PR-96 is the patient's to pay, CO-96 is the provider's loss).
 */
import type { AdjustmentGroupCode } from '#schemas/adjustment.ts';
import type { DenialCategory } from './categories.ts';

export interface CarcEntry {
  readonly code: string;
  readonly description: string;
  readonly category: DenialCategory;
  readonly byGroup?: Partial<Record<AdjustmentGroupCode, DenialCategory>>;
  /** What to gather if the adjustment is disputed or corrected. */
  readonly evidence: readonly string[];
}

const patientIfPr = { PR: 'patient-responsibility' } as const;

const entries: readonly CarcEntry[] = [
  { code: '1', description: 'Deductible: the patient pays this before the plan pays', category: 'patient-responsibility', evidence: [] },
  { code: '2', description: 'Coinsurance: the patient’s percentage share', category: 'patient-responsibility', evidence: [] },
  { code: '3', description: 'Copayment: the patient’s fixed share', category: 'patient-responsibility', evidence: [] },
  {
    code: '4',
    description: 'The modifier does not fit the procedure, or a required modifier is missing',
    category: 'correctable',
    evidence: ['corrected modifier on the line', 'operative or visit note supporting the modifier'],
  },
  {
    code: '5',
    description: 'The procedure or bill type does not fit the place of service',
    category: 'correctable',
    evidence: ['correct place of service or type of bill'],
  },
  {
    code: '11',
    description: 'The diagnosis does not support the procedure',
    category: 'correctable',
    evidence: ['coding review of diagnosis-to-procedure linkage', 'medical record showing the supporting diagnosis'],
  },
  {
    code: '16',
    description: 'Claim is missing information or has a billing error (remark codes say what)',
    category: 'correctable',
    evidence: ['the missing or corrected data named by the remark code'],
  },
  {
    code: '18',
    description: 'Exact duplicate of a claim or service already processed',
    category: 'duplicate',
    evidence: ['status of the original claim'],
  },
  {
    code: '22',
    description: 'Another payer may be primary under coordination of benefits',
    category: 'coordination-of-benefits',
    evidence: ['current coverage order from the patient or a 271 response', 'primary payer’s remittance'],
  },
  { code: '23', description: 'Reduced by what an earlier payer paid or adjusted', category: 'contractual', evidence: [] },
  { code: '24', description: 'Covered under a capitation agreement or managed-care plan', category: 'contractual', evidence: [] },
  {
    code: '26',
    description: 'Service was before the coverage started',
    category: 'eligibility',
    evidence: ['eligibility response (271) for the date of service', 'correct coverage for the date of service'],
  },
  {
    code: '27',
    description: 'Service was after the coverage ended',
    category: 'eligibility',
    evidence: ['eligibility response (271) for the date of service', 'correct coverage for the date of service'],
  },
  {
    code: '29',
    description: 'The filing time limit has passed',
    category: 'timely-filing',
    evidence: [
      'clearinghouse acceptance (999/277CA) proving the original was filed on time',
      'payer correspondence showing earlier receipt',
    ],
  },
  {
    code: '31',
    description: 'The payer cannot identify the patient as its member',
    category: 'eligibility',
    evidence: ['copy of the insurance card', 'eligibility response (271) with the member id and name as the payer holds them'],
  },
  {
    code: '39',
    description: 'Authorization was requested and denied',
    category: 'appealable',
    evidence: ['medical records supporting necessity', 'the denied authorization reference'],
  },
  {
    code: '45',
    description: 'Charge is above the fee schedule or contracted rate',
    category: 'contractual',
    byGroup: patientIfPr,
    evidence: ['contract rate schedule, if the allowed amount looks wrong'],
  },
  {
    code: '50',
    description: 'Not covered because the payer deems it not medically necessary',
    category: 'appealable',
    evidence: [
      'medical records for the date of service',
      'letter of medical necessity from the treating physician',
      'coverage policy criteria (LCD/NCD or payer policy) the service meets',
    ],
  },
  {
    code: '58',
    description: 'Treatment was given in a place of service the payer considers inappropriate',
    category: 'correctable',
    evidence: ['correct place of service', 'documentation of why this setting was needed'],
  },
  { code: '59', description: 'Reduced under multiple or concurrent procedure rules', category: 'contractual', evidence: [] },
  {
    code: '96',
    description: 'Non-covered charge',
    category: 'non-covered',
    byGroup: patientIfPr,
    evidence: ['signed advance beneficiary notice or waiver, if one exists'],
  },
  {
    code: '97',
    description: 'Paid as part of another service (bundled)',
    category: 'correctable',
    evidence: ['documentation that the service was separate and distinct', 'corrected modifier (59 or XE/XS/XP/XU) when it applies'],
  },
  {
    code: '109',
    description: 'Not covered by this payer; send to the correct payer',
    category: 'coordination-of-benefits',
    evidence: ['the correct payer for this service and date'],
  },
  {
    code: '119',
    description: 'The benefit maximum for the period has been reached',
    category: 'non-covered',
    byGroup: patientIfPr,
    evidence: ['benefit accumulator from the payer'],
  },
  {
    code: '140',
    description: 'Member id and patient name do not match',
    category: 'eligibility',
    evidence: ['copy of the insurance card', 'eligibility response (271)'],
  },
  {
    code: '146',
    description: 'The diagnosis code was not valid on the date of service',
    category: 'correctable',
    evidence: ['diagnosis code valid for the date of service'],
  },
  {
    code: '151',
    description: 'The payer finds the record does not support this many services or this frequency',
    category: 'appealable',
    evidence: ['medical records for each date of service', 'physician statement on frequency'],
  },
  {
    code: '167',
    description: 'The diagnosis is not covered',
    category: 'non-covered',
    evidence: ['coding review for a more accurate covered diagnosis'],
  },
  {
    code: '170',
    description: 'Not paid when performed or billed by this type of provider',
    category: 'non-covered',
    evidence: ['provider credentials or enrollment for this service'],
  },
  {
    code: '181',
    description: 'The procedure code was not valid on the date of service',
    category: 'correctable',
    evidence: ['procedure code valid for the date of service'],
  },
  {
    code: '182',
    description: 'The modifier was not valid on the date of service',
    category: 'correctable',
    evidence: ['modifier valid for the date of service'],
  },
  {
    code: '185',
    description: 'The rendering provider is not eligible to perform the service billed',
    category: 'correctable',
    evidence: ['rendering provider enrollment/credentialing with the payer'],
  },
  {
    code: '186',
    description: 'Paid at a different level of care',
    category: 'appealable',
    evidence: ['medical records supporting the level of care billed', 'admission/level-of-care criteria met'],
  },
  {
    code: '197',
    description: 'Required precertification, authorization or notification was missing',
    category: 'appealable',
    evidence: ['authorization number, or a retro-authorization request', 'documentation that the service was emergent'],
  },
  {
    code: '198',
    description: 'Service went beyond what was authorized',
    category: 'appealable',
    evidence: [
      'authorization with approved units or days',
      'request to extend the authorization',
      'medical records supporting the extra services',
    ],
  },
  {
    code: '200',
    description: 'Service fell in a lapse of coverage',
    category: 'eligibility',
    evidence: ['eligibility response (271) for the date of service'],
  },
  {
    code: '204',
    description: 'Not covered under the patient’s current benefit plan',
    category: 'non-covered',
    byGroup: patientIfPr,
    evidence: ['benefit plan exclusion language'],
  },
  {
    code: '226',
    description: 'Information the payer asked the provider for was not sent or was incomplete',
    category: 'correctable',
    evidence: ['the records or answers the payer requested'],
  },
  {
    code: '227',
    description: 'Information the payer asked the patient for was not received',
    category: 'correctable',
    evidence: ['patient’s completed payer questionnaire (e.g. other insurance or accident details)'],
  },
  {
    code: '236',
    description: 'This procedure, or combination, is not payable with another procedure that day (NCCI)',
    category: 'correctable',
    evidence: ['NCCI edit review', 'documentation supporting a distinct-service modifier, if it applies'],
  },
  {
    code: '242',
    description: 'Service was not from a network or primary care provider',
    category: 'non-covered',
    byGroup: patientIfPr,
    evidence: ['referral or network exception, if one was granted'],
  },
  {
    code: '252',
    description: 'An attachment or other documentation is required',
    category: 'correctable',
    evidence: ['the attachment the payer asked for (send with a PWK/attachment control number)'],
  },
  { code: '253', description: 'Sequestration: federal payment reduction', category: 'contractual', evidence: [] },
];

export const carcCatalog: ReadonlyMap<string, CarcEntry> = new Map(entries.map((e) => [e.code, e]));

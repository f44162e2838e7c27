/**
 * Remittance Advice Remark Codes that commonly travel with the CARCs above, in our own words
 * (authoritative list: x12.org/codes/remittance-advice-remark-codes). A remark may add evidence,
 * take away appeal rights, or settle the category when it is more specific than the CARC.
 */
import type { DenialCategory } from './categories.ts';

export interface RarcEntry {
  readonly code: string;
  readonly description: string;
  readonly evidence: readonly string[];
  /** When set, this remark decides the category of the adjustments it travels with. */
  readonly category?: DenialCategory;
  /** The payer says this decision cannot be appealed. */
  readonly noAppealRights?: boolean;
}

const entries: readonly RarcEntry[] = [
  { code: 'MA01', description: 'Appeal rights: how to ask for a review if you disagree', evidence: [] },
  {
    code: 'MA04',
    description: 'Secondary payment needs the primary payer’s identity and payment details',
    evidence: ['primary payer’s remittance (835/EOB) attached to the secondary claim'],
  },
  { code: 'MA13', description: 'Billing the patient for amounts not reported as patient responsibility may bring penalties', evidence: [] },
  {
    code: 'MA27',
    description: 'Member id or name on the claim is missing or does not match',
    evidence: ['member id and name exactly as on the insurance card'],
  },
  {
    code: 'MA61',
    description: 'Social security or health insurance claim number missing or invalid',
    evidence: ['patient’s Medicare beneficiary identifier from the card or a 271'],
  },
  { code: 'MA63', description: 'Principal diagnosis missing or invalid', evidence: ['valid principal diagnosis'] },
  {
    code: 'MA130',
    description: 'Claim cannot be processed as sent; no appeal rights; send a new, complete claim',
    evidence: ['the missing or invalid data named by the other remark codes'],
    noAppealRights: true,
  },
  { code: 'M20', description: 'HCPCS code missing or invalid', evidence: ['valid HCPCS code'] },
  { code: 'M51', description: 'Procedure code missing or invalid', evidence: ['valid procedure code'] },
  {
    code: 'M62',
    description: 'Treatment authorization code missing, incomplete or invalid',
    evidence: ['authorization number issued for the service, codes and dates'],
  },
  { code: 'M76', description: 'Diagnosis missing or invalid', evidence: ['valid diagnosis code'] },
  { code: 'M77', description: 'Place of service missing or invalid', evidence: ['valid place of service'] },
  {
    code: 'M80',
    description: 'Not covered on the same day or session as another service already processed',
    evidence: ['documentation of a separate session, if there was one'],
  },
  {
    code: 'N4',
    description: 'Prior insurer’s explanation of benefits missing or invalid',
    evidence: ['prior payer’s remittance (835/EOB)'],
  },
  {
    code: 'N20',
    description: 'Not payable with another service given on the same date',
    evidence: ['documentation the services were distinct'],
  },
  {
    code: 'N30',
    description: 'Patient is not eligible for this service',
    evidence: ['eligibility response (271) showing the benefit'],
    category: 'eligibility',
  },
  { code: 'N54', description: 'Claim does not match what was authorized', evidence: ['authorization details (codes, units, dates)'] },
  {
    code: 'N56',
    description: 'Procedure code is not right for the service or the date billed',
    evidence: ['coding review of the procedure code'],
  },
  {
    code: 'N115',
    description: 'Decided under a Local Coverage Determination (LCD)',
    evidence: ['documentation that the LCD coverage criteria are met'],
  },
  {
    code: 'N130',
    description: 'See the plan’s benefit documents for restrictions on this service',
    evidence: ['plan benefit language for the service'],
  },
  { code: 'N211', description: 'This decision cannot be appealed', evidence: [], noAppealRights: true },
  { code: 'N290', description: 'Rendering provider identifier missing or invalid', evidence: ['rendering provider NPI'] },
  { code: 'N362', description: 'Days or units exceed the payer’s maximum', evidence: ['medical records supporting the units billed'] },
  {
    code: 'N386',
    description: 'Decided under a National Coverage Determination (NCD)',
    evidence: ['documentation that the NCD coverage criteria are met'],
  },
  {
    code: 'N479',
    description: 'Explanation of benefits from the other payer (COB or Medicare secondary payer) is missing',
    evidence: ['other payer’s remittance (835/EOB)'],
  },
  {
    code: 'N522',
    description: 'Duplicate of a claim processed, or to be processed, as a crossover claim',
    evidence: ['status of the crossover claim at the secondary payer'],
    category: 'duplicate',
  },
  { code: 'N657', description: 'Bill this with the code that fits the service', evidence: ['corrected procedure code'] },
];

export const rarcCatalog: ReadonlyMap<string, RarcEntry> = new Map(entries.map((e) => [e.code, e]));

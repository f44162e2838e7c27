/** The typed 835 model produced by reading definitions/ts835.ts. Amounts are integer cents. */
import type {
  AdjustmentGroup,
  Address,
  Amount,
  CityStateZip,
  Contact,
  DateReference,
  Name,
  Procedure,
  Quantity,
  Reference,
} from './model-common.ts';

export interface Payment835 {
  transactionHandlingCode: 'C' | 'D' | 'H' | 'I' | 'P' | 'U' | 'X' | string;
  totalPaymentCents: number;
  creditDebitFlag: 'C' | 'D' | string;
  paymentMethod: 'ACH' | 'BOP' | 'CHK' | 'FWT' | 'NON' | string;
  paymentFormat?: string;
  senderDfiQualifier?: string;
  senderDfiId?: string;
  senderAccountQualifier?: string;
  senderAccountNumber?: string;
  originatingCompanyId?: string;
  originatingCompanySupplementalCode?: string;
  receiverDfiQualifier?: string;
  receiverDfiId?: string;
  receiverAccountQualifier?: string;
  receiverAccountNumber?: string;
  paymentDate: string;
}

export interface Party835 {
  name: string;
  idQualifier?: string;
  id?: string;
  address?: Address;
  city?: CityStateZip;
  references?: Reference[];
  contacts?: Contact[];
  remittanceDelivery?: { method: string; name?: string; communicationNumber?: string };
}

export interface Service835 {
  procedure: Procedure;
  chargeCents: number;
  paymentCents: number;
  revenueCode?: string;
  unitsPaid?: string;
  originalProcedure?: Procedure;
  originalUnits?: string;
  dates?: DateReference[];
  adjustments?: AdjustmentGroup[];
  references?: Reference[];
  amounts?: Amount[];
  quantities?: Quantity[];
  remarks?: { codeListQualifier: 'HE' | 'RX' | string; code: string }[];
}

/** MIA inpatient adjudication (amounts in cents, day counts as exact decimals). */
export interface InpatientAdjudication835 {
  coveredDays: string;
  ppsOperatingOutlierCents?: number;
  lifetimePsychiatricDays?: string;
  drgAmountCents?: number;
  remarkCode1?: string;
  disproportionateShareCents?: number;
  mspPassThroughCents?: number;
  ppsCapitalCents?: number;
  ppsCapitalFspDrgCents?: number;
  ppsCapitalHspDrgCents?: number;
  ppsCapitalDshDrgCents?: number;
  oldCapitalCents?: number;
  ppsCapitalImeCents?: number;
  ppsOperatingHospitalSpecificDrgCents?: number;
  costReportDayCount?: string;
  ppsOperatingFederalSpecificDrgCents?: number;
  ppsCapitalOutlierCents?: number;
  indirectTeachingCents?: number;
  nonpayableProfessionalCents?: number;
  remarkCode2?: string;
  remarkCode3?: string;
  remarkCode4?: string;
  remarkCode5?: string;
  ppsCapitalExceptionCents?: number;
}

/** MOA outpatient adjudication. */
export interface OutpatientAdjudication835 {
  reimbursementRate?: string;
  hcpcsPayableCents?: number;
  remarkCode1?: string;
  remarkCode2?: string;
  remarkCode3?: string;
  remarkCode4?: string;
  remarkCode5?: string;
  esrdPaymentCents?: number;
  nonpayableProfessionalCents?: number;
}

export interface Claim835 {
  patientControlNumber: string;
  /** 1 primary, 2 secondary, 3 tertiary, 4 denied, 19-21 forwarded, 22 reversal, 23 not our claim, 25 predetermination. */
  statusCode: string;
  chargeCents: number;
  paymentCents: number;
  patientResponsibilityCents?: number;
  claimFilingIndicator: string;
  payerClaimControlNumber: string;
  facilityTypeCode?: string;
  frequencyCode?: string;
  drgCode?: string;
  drgWeight?: string;
  dischargeFraction?: string;
  adjustments?: AdjustmentGroup[];
  patient: Name;
  insured?: Name;
  correctedPatient?: Name;
  renderingProvider?: Name;
  crossoverCarrier?: Name;
  correctedPriorityPayer?: Name;
  otherSubscriber?: Name;
  inpatientAdjudication?: InpatientAdjudication835;
  outpatientAdjudication?: OutpatientAdjudication835;
  references?: Reference[];
  dates?: DateReference[];
  contacts?: Contact[];
  amounts?: Amount[];
  quantities?: Quantity[];
  services?: Service835[];
}

/** TS3 provider summary (Medicare Part A): totals in cents, counts as exact decimals. */
export interface ProviderSummary835 {
  providerId: string;
  facilityTypeCode: string;
  fiscalPeriodDate: string;
  claimCount: string;
  totalChargeCents: number;
  totalMsp?: number;
  totalNonLabChargeCents?: number;
  totalHcpcsReportedChargeCents?: number;
  totalHcpcsPayableCents?: number;
  totalProfessionalComponentCents?: number;
  totalMspPatientLiabilityMetCents?: number;
  totalPatientReimbursementCents?: number;
  totalPipClaimCount?: string;
  totalPipAdjustmentCents?: number;
}

export interface HeaderNumber835 {
  assignedNumber: number;
  providerSummary?: ProviderSummary835;
  /** TS2: `…Cents` properties are amounts, the others exact decimals. */
  providerSupplementalSummary?: Record<string, string | number>;
  claims: Claim835[];
}

export interface ProviderAdjustment835 {
  providerId: string;
  fiscalPeriodDate: string;
  adjustments: { reason: { code: string; referenceId?: string }; amountCents: number }[];
}

export interface Remittance835 {
  payment: Payment835;
  trace: { traceType: string; checkOrEftNumber: string; originatorId: string; originatorSupplementalId?: string };
  currency?: { entityCode: string; currencyCode: string };
  references?: Reference[];
  productionDate?: { date: string };
  payer: Party835;
  payee: Party835;
  headers?: HeaderNumber835[];
  providerAdjustments?: ProviderAdjustment835[];
}

/** The part of an 835 before its claims (ST through the 1000B payee loop): what the per-claim reader yields first. */
export type RemittanceHeader835 = Omit<Remittance835, 'headers' | 'providerAdjustments'>;

/** A 2000 header number loop (LX, TS3, TS2) without its claims, as the per-claim reader gives it with each claim. */
export type HeaderNumberInfo835 = Omit<HeaderNumber835, 'claims'>;

/** Every claim of a remittance, across LX header groups. */
export function claimsOf(remit: Remittance835): Claim835[] {
  const out: Claim835[] = [];
  for (const h of remit.headers ?? []) for (const c of h.claims ?? []) out.push(c);
  return out;
}

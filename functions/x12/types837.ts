/**
 * The claim model written as 837P/837I (definitions/ts837.ts) and read back from them. Amounts are
 * integer cents. HL numbers, LX line numbers, counts and control numbers are computed by the writer,
 * so they are not part of the model. Another module maps the domain Claim onto this shape.
 */
import type {
  AdjustmentGroup,
  Amount,
  Contact,
  DatePeriod,
  Demographics,
  Party,
  Procedure,
  ProviderInfo,
  Reference,
} from './model-common.ts';

export interface HealthCareCode {
  /** e.g. ABK principal diagnosis, ABF other diagnosis (ICD-10), BBR/BBQ procedures, BE value, BH occurrence, BG condition. */
  qualifier: string;
  code: string;
  dateFormat?: string;
  date?: string;
  amountCents?: number;
  quantity?: string;
  version?: string;
  rangeEndCode?: string;
  presentOnAdmission?: string;
}

/** SBR fields (2000B and 2320). */
export interface Insurance837 {
  payerResponsibility: string;
  relationshipCode?: string;
  groupNumber?: string;
  groupName?: string;
  insuranceTypeCode?: string;
  claimFilingIndicator?: string;
}

/** 2320/2330: another payer and its adjudication of this claim (for secondary and tertiary claims). */
export interface OtherPayer837 extends Insurance837 {
  relationshipCode: string;
  /** The other payer's claim-level adjustments (CAS). */
  adjustments?: AdjustmentGroup[];
  /** AMT*D payer paid amount, AMT*A8 non-covered, AMT*EAF remaining patient liability. */
  amounts?: Amount[];
  otherInsurance: { benefitsAssignment: string; patientSignatureSource?: string; releaseOfInformation: string };
  outpatientAdjudication?: Record<string, string | number>;
  inpatientAdjudication?: Record<string, string | number>;
  /** 2330A other subscriber. */
  subscriber: Party;
  /** 2330B other payer; `dates` holds DTP*573 adjudication date. */
  payer: Party & { dates?: DatePeriod[] };
  providers?: Party[];
}

export interface LineAdjudication837 {
  otherPayerId: string;
  paidCents: number;
  /** SVD03: required in the 837P, situational in the 837I (a line billed on its revenue code alone has none). */
  procedure?: Procedure;
  /** SVD04: the 837I line's revenue code (required there); Not Used in the 837P. */
  revenueCode?: string;
  paidUnits: string;
  bundledLineNumber?: number;
  adjustments?: AdjustmentGroup[];
  /** DTP*573 adjudication date. */
  dates: DatePeriod[];
  amounts?: Amount[];
}

/** PWK paperwork (attachments): report type (e.g. OZ support data, CT certification), how it is sent, its control number. */
export interface Attachment837 {
  reportType: string;
  transmissionCode: string;
  idQualifier?: string;
  controlNumber?: string;
}

/** CN1 contract information. */
export interface Contract837 {
  typeCode: string;
  amountCents?: number;
  percent?: string;
  code?: string;
  termsDiscountPercent?: string;
  versionId?: string;
}

/** CR1 ambulance transport (837P). */
export interface AmbulanceTransport837 {
  weightUnit?: 'LB';
  weight?: string;
  /** CR103, situational with I, R, T, X (pyx12's X222A1 map; stupidedi's guide marks it Not Used). */
  transportCode?: string;
  reasonCode: string;
  distanceUnit: 'DH';
  distance: string;
  roundTripPurpose?: string;
  stretcherPurpose?: string;
}

/** CR2 spinal manipulation (837P). */
export interface SpinalManipulation837 {
  conditionCode: string;
  description1?: string;
  description2?: string;
  xrayAvailable?: string;
}

/** CR3 durable medical equipment certification (837P 2400). */
export interface DmeCertification837 {
  typeCode: string;
  unit: 'MO';
  duration: string;
}

/** CRC condition indicators: ambulance certification (07), vision (E1-E3), homebound (75), EPSDT referral (ZZ), hospice (70), DMERC (09). */
export interface ConditionIndicator837 {
  category: string;
  response: 'Y' | 'N' | string;
  condition1: string;
  condition2?: string;
  condition3?: string;
  condition4?: string;
  condition5?: string;
}

/** HCP pricing/repricing by a repricing organization. */
export interface Repricing837 {
  pricingMethodology: string;
  allowedCents?: number;
  savingsCents?: number;
  organizationId?: string;
  perDiemRate?: string;
  approvedDrgCode?: string;
  approvedDrgCents?: number;
  approvedRevenueCode?: string;
  procedureQualifier?: string;
  approvedProcedureCode?: string;
  unitBasis?: string;
  approvedUnits?: string;
  rejectReasonCode?: string;
  policyComplianceCode?: string;
  exceptionCode?: string;
}

/** K3 file information (fixed-format data a companion guide asks for). */
export interface FileInformation837 {
  text: string;
}

/** NTE note: reference code (ADD, CER, DCP, DGN, TPO...) and text. */
export interface Note837 {
  referenceCode: string;
  text: string;
}

/** SV5 durable medical equipment service (837P 2400). */
export interface DmeService837 {
  procedure: Procedure;
  unitBasis: 'DA';
  /** Length of medical necessity, in days (exact decimal). */
  lengthOfNeed: string;
  rentalPriceCents?: number;
  purchasePriceCents?: number;
  /** 1 weekly, 4 monthly, 6 daily. */
  rentalUnitPriceIndicator?: '1' | '4' | '6';
}

/** PS1 purchased service (837P 2400). */
export interface PurchasedService837 {
  providerId: string;
  chargeCents: number;
}

/** MEA test results and measurements (837P 2400). */
export interface Measurement837 {
  referenceCode: string;
  qualifier: string;
  value: string;
}

/** 2440 form identification (LQ) with its supporting documentation answers (FRM). */
export interface Form837 {
  codeListQualifier: string;
  code: string;
  answers: { questionNumber: string; answer?: string; text?: string; date?: string; percent?: string }[];
}

export interface ServiceLine837 {
  /** 837P SV1. */
  professional?: {
    procedure: Procedure;
    chargeCents: number;
    unitBasis: 'MJ' | 'UN';
    quantity: string;
    placeOfService?: string;
    diagnosisPointers?: { pointer1: number; pointer2?: number; pointer3?: number; pointer4?: number };
    emergencyIndicator?: 'Y';
    epsdtIndicator?: 'Y';
    familyPlanningIndicator?: 'Y';
  };
  /** 837I SV2 with its revenue code. */
  institutional?: {
    revenueCode: string;
    procedure?: Procedure;
    chargeCents: number;
    unitBasis: 'DA' | 'UN';
    quantity: string;
    unitRate?: string;
    nonCoveredCents?: number;
  };
  /** 837P SV5. */
  dme?: DmeService837;
  attachments?: Attachment837[];
  /** 837P CR1. */
  ambulanceTransport?: AmbulanceTransport837;
  /** 837P CR3. */
  dmeCertification?: DmeCertification837;
  /** 837P CRC. */
  conditions?: ConditionIndicator837[];
  dates?: DatePeriod[];
  /** QTY: PT ambulance patient count, FL obstetric additional units. */
  quantities?: { qualifier: string; quantity: string }[];
  /** 837P MEA. */
  measurements?: Measurement837[];
  /** 837P CN1. */
  contract?: Contract837;
  /** e.g. G1 prior authorization, 6R line item control number. */
  references?: Reference[];
  amounts?: Amount[];
  /** 837P K3. */
  fileInformation?: FileInformation837[];
  notes?: Note837[];
  /** 837P PS1. */
  purchasedService?: PurchasedService837;
  repricing?: Repricing837;
  drug?: { qualifier: string; code: string; quantity: { quantity: string; unit: { unitCode: string } }; references?: Reference[] };
  providers?: Party[];
  adjudications?: LineAdjudication837[];
  /** 837P 2440. */
  forms?: Form837[];
}

export interface Claim837 {
  patientControlNumber: string;
  totalChargeCents: number;
  /** CLM05: place of service (837P) or facility type (837I), qualifier B (P) / A (I), frequency 1 original, 7 corrected, 8 void. */
  facility: { placeOfService?: string; facilityTypeCode?: string; qualifier: 'A' | 'B'; frequencyCode: string };
  providerSignature?: 'N' | 'Y';
  assignmentParticipation: 'A' | 'B' | 'C';
  benefitsAssignment: 'N' | 'W' | 'Y';
  releaseOfInformation: 'I' | 'Y';
  patientSignatureSource?: string;
  relatedCauses?: { code1: string; code2?: string; code3?: string; stateCode?: string; countryCode?: string };
  specialProgramCode?: string;
  delayReasonCode?: string;
  dates?: DatePeriod[];
  /** 837I CL1. */
  institutional?: { admissionTypeCode?: string; admissionSourceCode?: string; patientStatusCode?: string };
  attachments?: Attachment837[];
  contract?: Contract837;
  amounts?: Amount[];
  /** F8 payer claim control number (required for frequency 7 and 8), G1 prior authorization, EA medical record. */
  references?: Reference[];
  fileInformation?: FileInformation837[];
  notes?: Note837[];
  /** 837P CR1. */
  ambulanceTransport?: AmbulanceTransport837;
  /** 837P CR2. */
  spinalManipulation?: SpinalManipulation837;
  conditions?: ConditionIndicator837[];
  healthCareCodes?: { codes: { code: HealthCareCode }[] }[];
  repricing?: Repricing837;
  providers?: Party[];
  otherSubscribers?: OtherPayer837[];
  serviceLines: ServiceLine837[];
}

export interface Patient837 {
  patientInfo: { relationshipCode: string };
  patient: Party & { demographics: Demographics };
  claims: Claim837[];
}

export interface Subscriber837 {
  insurance: Insurance837;
  patientInfo?: Record<string, string>;
  subscriber: Party & { demographics?: Demographics };
  payer: Party;
  /** Claims when the subscriber is the patient. */
  claims?: Claim837[];
  /** Dependents who are the patients. */
  patients?: Patient837[];
}

export interface BillingProvider837 {
  provider?: ProviderInfo;
  currency?: { entityCode: string; currencyCode: string };
  billingProvider: Party;
  payToAddress?: Party;
  payToPlan?: Party;
  subscribers: Subscriber837[];
}

/** One 837 transaction set (P or I). */
export interface ClaimDocument837 {
  beginning: { purposeCode: '00' | '18'; referenceId: string; date: string; time: string; transactionTypeCode: 'CH' | '31' | 'RP' };
  submitter: Party & { contacts: Contact[] };
  receiver: Party;
  billingProviders: BillingProvider837[];
}

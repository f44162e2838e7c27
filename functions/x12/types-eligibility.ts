/** Typed 270/271 models produced by definitions/ts271.ts. Amounts are integer cents. */
import type { Amount, DatePeriod, Demographics, Party, Procedure, Reference, Trace } from './model-common.ts';

export interface RequestError {
  validRequest: 'Y' | 'N';
  rejectReasonCode?: string;
  followUpActionCode?: string;
}

export interface Benefit271 {
  /** EB01: 1 active coverage, 6 inactive, A co-insurance, B co-payment, C deductible, L primary care provider... */
  benefitCode: string;
  /** EB02: IND, FAM, EMP, ESP... */
  coverageLevel?: string;
  /** EB03, repeating: 30 health benefit plan coverage, 1 medical care, 33 chiropractic... */
  serviceTypes?: string[];
  insuranceType?: string;
  planCoverageDescription?: string;
  timePeriod?: string;
  amountCents?: number;
  /** EB08 as an exact decimal string (".2" = 20%). */
  percent?: string;
  quantityQualifier?: string;
  quantity?: string;
  authorizationRequired?: 'N' | 'U' | 'Y';
  inPlanNetwork?: 'N' | 'U' | 'W' | 'Y';
  procedure?: Procedure;
  diagnosisPointer?: { pointer1: number; pointer2?: number; pointer3?: number; pointer4?: number };
  deliveries?: Record<string, string | number>[];
  references?: Reference[];
  dates?: DatePeriod[];
  requestErrors?: RequestError[];
  messages?: { text: string }[];
  additionalInformation?: { qualifier: string; code: string; categoryCode?: string; text?: string }[];
  /** Present (empty) when LS*2120 opened the related-entity loops. */
  loopStart?: Record<string, never>;
  relatedEntities?: Party[];
  loopEnd?: Record<string, never>;
}

export interface Inquiry270 {
  serviceTypes?: string[];
  procedure?: Procedure;
  coverageLevel?: string;
  diagnosisPointer?: { pointer1: number; pointer2?: number; pointer3?: number; pointer4?: number };
  amounts?: Amount[];
  placesOfService?: { qualifier: string; code: string }[];
  references?: Reference[];
  dates?: DatePeriod[];
}

export interface Member {
  entityType: string;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  idQualifier?: string;
  id?: string;
  references?: Reference[];
  address?: Party['address'];
  city?: Party['city'];
  requestErrors?: RequestError[];
  provider?: Party['provider'];
  demographics?: Demographics;
  /** INS: INS09 (student status) is Not Used in X279A1; INS03/INS04 are the 271's only. */
  memberRelationship?: {
    insuredIndicator: 'Y' | 'N';
    relationshipCode: string;
    maintenanceTypeCode?: string;
    maintenanceReasonCode?: string;
    birthSequenceNumber?: string;
  };
  diagnoses?: Record<string, { qualifier: string; code: string }>;
  dates?: DatePeriod[];
  militaryPersonnel?: Record<string, string>;
  /** 271 only. */
  benefits?: Benefit271[];
  /** 270 only. */
  inquiries?: Inquiry270[];
}

export interface Subscriber27x {
  traces?: Trace[];
  member: Member;
  dependents?: { traces?: Trace[]; member: Member }[];
}

export interface Eligibility27x {
  beginning: { purposeCode: string; referenceId?: string; date: string; time: string; transactionTypeCode?: string };
  sources: {
    requestErrors?: RequestError[];
    source: Party & { requestErrors?: RequestError[] };
    receivers: { receiver: Party & { requestErrors?: RequestError[] }; subscribers?: Subscriber27x[] }[];
  }[];
}

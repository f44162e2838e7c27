/** Typed 278 models produced by ts278.ts (request and response share them). Amounts are integer cents. */
import type { Contact, DatePeriod, Demographics, Name, Reference, Trace } from '#functions/x12/model-common.ts';
import type { Procedure } from '#functions/x12/model-common.ts';
import type { RequestError } from '#functions/x12/types-eligibility.ts';

/** UM: what is asked about. */
export interface Review278 {
  /** UM01: AR admission review, HS health services review, IN individual, SC specialty care review. */
  requestCategory: string;
  /** UM02: I initial, R renewal, S revised, 1-4 appeals, N reconsideration. */
  certificationType?: string;
  /** UM03 service type (e.g. 1 medical care, 2 surgical, AE physical medicine). */
  serviceType?: string;
  facility?: { code: string; qualifier: 'A' | 'B' | string };
  relatedCauses?: { cause1: string; cause2?: string; cause3?: string; stateCode?: string; countryCode?: string };
  levelOfService?: string;
  prognosisCode?: string;
  releaseOfInformation?: 'Y' | 'N';
}

/** HCR: the payer's decision. */
export interface Decision278 {
  /** HCR01: A1 certified in total, A2 certified partial, A3 not certified, A4 pended, A6 modified, C cancelled, CT contact payer, NA no action required. */
  actionCode: string;
  /** HCR02: the review (authorization) number the payer issued. */
  reviewNumber?: string;
  /** HCR03: the decision reason (external code list 886). */
  reasonCode?: string;
  secondSurgicalOpinion?: 'Y' | 'N';
}

export interface Delivery278 {
  quantityQualifier?: string;
  quantity?: string;
  unitBasis?: string;
  sampleSelectionModulus?: string;
  timePeriodQualifier?: string;
  periodCount?: number;
  deliveryFrequency?: string;
  deliveryPattern?: string;
}

export interface Provider278 extends Name {
  references?: Reference[];
  address?: { line1: string; line2?: string };
  city?: { city: string; state?: string; postalCode?: string };
  contacts?: Contact[];
  requestErrors?: RequestError[];
  provider?: { providerCode: string; referenceQualifier: string; taxonomyCode: string };
}

interface ReviewLevel {
  traces?: Trace[];
  requestErrors?: RequestError[];
  review?: Review278;
  decision?: Decision278;
  /** REF*BB authorization number, REF*NT administrative reference. */
  references?: Reference[];
  /** DTP: 472 service date, 007 effective, 036 expiration, 102 issue, AAH event... */
  dates?: DatePeriod[];
  delivery?: Delivery278;
  message?: { text: string };
  providers?: Provider278[];
}

/** 2000F: one service. */
export interface Service278 extends ReviewLevel {
  professional?: { procedure: Procedure; chargeCents?: number; unitBasis?: 'MJ' | 'UN' | string; quantity?: string };
  institutional?: { revenueCode?: string; procedure?: Procedure; chargeCents?: number; unitBasis?: string; quantity?: string };
}

type DiagnosisCode = { code: { qualifier: string; code: string; dateFormat?: string; date?: string } };

/** 2000E: the patient event. */
export interface PatientEvent278 extends ReviewLevel {
  /** HI: code1..code12. */
  diagnoses?: Record<string, DiagnosisCode['code']>;
  /** CRC: conditions answered Y or N (ambulance certification, oxygen, functional limitations). */
  conditions?: {
    category: string;
    response: 'Y' | 'N';
    condition1: string;
    condition2?: string;
    condition3?: string;
    condition4?: string;
    condition5?: string;
  }[];
  /** CL1: admission type, source and patient status. */
  admission?: { admissionType?: string; admissionSource?: string; patientStatus?: string };
  /** CR1: ambulance transport. */
  ambulanceTransport?: {
    weightUnit?: 'LB';
    weight?: string;
    transportCode?: string;
    reasonCode?: string;
    distanceUnit?: 'DH';
    distance?: string;
    roundTripPurpose?: string;
    stretcherPurpose?: string;
  };
  /** CR6: home health care. */
  homeHealth?: {
    prognosisCode: string;
    startOfCare: string;
    periodFormat?: 'RD8';
    certificationPeriod?: string;
    date?: string;
    medicareCoverage?: string;
    medicaidCoverage?: string;
    certificationType?: string;
  };
  /** PWK: documentation asked for or sent. */
  attachments?: { reportType: string; transmissionCode: string; idQualifier?: 'AC'; controlNumber?: string; description?: string }[];
  /** 2010EC: transport pickup and destinations. */
  transportLocations?: {
    name: Name;
    address?: { line1: string; line2?: string };
    city?: { city: string; state?: string; postalCode?: string };
  }[];
  services?: Service278[];
}

export interface Member278 extends Name {
  references?: Reference[];
  address?: { line1: string; line2?: string };
  city?: { city: string; state?: string; postalCode?: string };
  requestErrors?: RequestError[];
  demographics?: Demographics;
  memberRelationship?: { insuredIndicator: 'Y' | 'N'; relationshipCode: string };
}

/** A 278 request or response. */
export interface Review278Document {
  beginning: { purposeCode: string; referenceId: string; date: string; time: string; transactionTypeCode?: string };
  umo: {
    requestErrors?: RequestError[];
    name: Name & { contacts?: Contact[]; requestErrors?: RequestError[] };
    requester?: {
      name: Name & {
        references?: Reference[];
        contacts?: Contact[];
        requestErrors?: RequestError[];
        provider?: { providerCode: string; referenceQualifier: string; taxonomyCode: string };
      };
      subscriber?: {
        member: Member278;
        event?: PatientEvent278;
        dependent?: { member: Member278; event?: PatientEvent278 };
      };
    };
  };
}

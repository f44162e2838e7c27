/** Typed 276/277/277CA and 999 models produced by definitions/ts277.ts and ts999.ts. Amounts are integer cents. */
import type { Amount, Contact, DatePeriod, Demographics, Party, Procedure, Quantity, Reference } from './model-common.ts';

/** STC01/10/11: claim status category (A1, A2, A7, F0, F2, P3...), status code and entity. */
export interface StatusCode {
  categoryCode: string;
  statusCode: string;
  entityCode?: string;
  codeListQualifier?: string;
}

export interface Status {
  status: StatusCode;
  statusDate?: string;
  actionCode?: string;
  chargeCents?: number;
  paymentCents?: number;
  adjudicationDate?: string;
  checkDate?: string;
  checkNumber?: string;
  status2?: StatusCode;
  status3?: StatusCode;
  message?: string;
}

export interface ServiceStatus {
  procedure: Procedure;
  chargeCents: number;
  paymentCents?: number;
  revenueCode?: string;
  units?: string;
  statuses?: Status[];
  references?: Reference[];
  dates?: DatePeriod[];
}

/** A TRN-led tracking loop (2200x): the claim (or receiver/provider batch in 277CA) and its statuses. */
export interface StatusTracking {
  traceType: string;
  traceNumber: string;
  originatorId?: string;
  originatorSupplementalId?: string;
  statuses?: Status[];
  references?: Reference[];
  quantities?: Quantity[];
  amounts?: Amount[];
  dates?: DatePeriod[];
  services?: ServiceStatus[];
}

/**
 * A patient level of the 277 (X212): the subscriber (2000D) and the dependents (2000E) with their
 * names and claims. No demographics: pyx12's 277.5010.X212.xml has no DMG in 2000D/2000E, and the
 * writer would drop them.
 */
export interface StatusPatient277 {
  /** HL03: 22, the subscriber, in X212 (the 277CA's patient level is PT). */
  levelCode: string;
  name: Party;
  claims?: StatusTracking[];
  dependents?: { name: Party; claims?: StatusTracking[] }[];
}

/**
 * A patient level as the 276 and the 277CA read: the 277's, with the DMG the payer matches on (the
 * 276's 2000D/2000E; the 277CA's patient level, HL03 PT, has none).
 */
export interface StatusPatient extends StatusPatient277 {
  demographics?: Demographics;
  dependents?: { demographics?: Demographics; name: Party; claims?: StatusTracking[] }[];
}

/**
 * A provider level (2000C) with its names (2100C): the 276 and 277 (X212) repeat 2100C up to twice
 * (pyx12 277.5010.X212.xml `<repeat>2</repeat>`; stupidedi X212-HR276.rb `bounded(2)`, NM101 1P in
 * both), the 277CA (X214) without bound (pyx12 277.5010.X214.xml `>1`; stupidedi X214-HN277.rb), so
 * `name` is a list in all three.
 */
export interface StatusProvider<P extends StatusPatient277> {
  name: Party[];
  claims?: StatusTracking[];
  subscribers?: P[];
}

/**
 * The payer's contact (2100A PER, 277 only): PER03's qualifier list is not PER05/PER07's (pyx12
 * 277.5010.X212.xml: no EX at PER03), so `numbers` holds PER03/PER04 (one entry, required) and
 * `additionalNumbers` PER05-PER08 (at most two).
 */
export interface PayerContact277 extends Contact {
  additionalNumbers?: { qualifier: string; number: string }[];
}

/** The payer's name (2100A); only the 277's carries a contact. */
export type PayerName = Omit<Party, 'contacts'> & { contacts?: PayerContact277[] };

/**
 * The information receiver's name (2100B): NM101 is 41 alone in the 276/277 (pyx12
 * 277.5010.X212.xml, stupidedi X212-HR276.rb) and the 277CA (pyx12 277.5010.X214.xml), and the model
 * carries it (writers set 41), so that a wrong NM101 is reported at NM101 rather than as an
 * unexpected NM1, and is read as it was sent.
 */
export type InformationReceiverName = Party & { entityCode: string };

/**
 * The hierarchy of a 276/277/277CA, with `P` its patient levels, declared `out` (covariant) so that
 * the compiler checks it: measured, a parameter this deep in anonymous types was taken as unused.
 */
export interface ClaimStatusDocument<out P extends StatusPatient277> {
  beginning: { purposeCode: string; referenceId?: string; date: string; time: string; transactionTypeCode?: string };
  sources: {
    name: PayerName;
    claims?: StatusTracking[];
    receivers: {
      name: InformationReceiverName;
      claims?: StatusTracking[];
      providers?: StatusProvider<P>[];
    }[];
  }[];
}

/** The 276 (X212) request: DMG at the patient levels. */
export type ClaimStatus276 = ClaimStatusDocument<StatusPatient>;

/** The 277 (X212) response: its patient levels without DMG. */
export type ClaimStatus277 = ClaimStatusDocument<StatusPatient277>;

/** The 277CA (X214). */
export type ClaimStatus277CA = ClaimStatusDocument<StatusPatient>;

/** Any of the 276, 277 and 277CA, as a reader of what they share sees them (the claims, the trackings and statuses). */
export type ClaimStatus27x = ClaimStatusDocument<StatusPatient>;

export interface ErrorContext {
  context: { name: string; reference?: string };
  segmentId?: string;
  segmentPosition?: number;
  loopId?: string;
  positionInSegment?: { elementPosition: number; componentPosition?: number; repeatingPosition?: number };
  elementReference?: { reference1: number; reference2?: number };
}

/** 999 implementation acknowledgment. */
export interface Acknowledgment999 {
  group: { functionalId: string; controlNumber: string; version?: string };
  transactionSets?: {
    setId: string;
    controlNumber: string;
    implementationReference?: string;
    segmentErrors?: {
      segmentId: string;
      segmentPosition: number;
      loopId?: string;
      errorCode?: string;
      context?: ErrorContext[];
      elementErrors?: {
        position: { elementPosition: number; componentPosition?: number; repeatingPosition?: number };
        dataElementReference?: number;
        errorCode: string;
        /** IK404, a copy of the bad value: may be PHI. */
        badValue?: string;
        context?: ErrorContext[];
      }[];
    }[];
    response: { acknowledgmentCode: 'A' | 'E' | 'M' | 'R' | 'W' | 'X' | string; errorCodes?: { code: string }[] };
  }[];
  groupResponse: {
    acknowledgmentCode: string;
    includedCount: number;
    receivedCount: number;
    acceptedCount: number;
    errorCodes?: { code: string }[];
  };
}

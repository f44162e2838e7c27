/**
 * Acknowledgments the sandbox sends for an 837 file, built as models of the X12 engine's definitions:
 * the 999 (005010X231A1) accepts or rejects the file's syntax, from the engine's own findings; the
 * 277CA (005010X214) accepts or rejects each claim at the front door.
 */
import type {
  Acknowledgment999,
  ClaimStatus277CA,
  Finding,
  ParsedTransaction,
  StatusPatient,
  StatusTracking,
} from '#functions/x12/index.ts';
import type { RejectedClaim, SandboxClaim } from './types.ts';

const ymd = (d: string): string => d.replaceAll('-', '');

/** IK3-level (segment) error code for an engine finding code. */
const SEGMENT_ERRORS: Readonly<Record<string, string>> = {
  UNEXPECTED_SEGMENT: '2',
  SEGMENT_OUT_OF_ORDER: '2',
  SEGMENT_OUTSIDE_TRANSACTION: '2',
  MISSING_SEGMENT: '3',
  MISSING_LOOP: '3',
  LOOP_MAX_USE: '4',
  SEGMENT_MAX_USE: '5',
};

/** IK4-level (element) error code for an engine finding code. */
const ELEMENT_ERRORS: Readonly<Record<string, string>> = {
  MISSING_ELEMENT: '1',
  TOO_MANY_ELEMENTS: '3',
  INVALID_LENGTH: '5',
  INVALID_NUMBER: '6',
  INVALID_AMOUNT: '6',
  INVALID_CODE: '7',
  INVALID_DATE: '8',
  INVALID_TIME: '9',
  TOO_MANY_REPEATS: '12',
  TOO_MANY_COMPONENTS: '13',
  UNUSED_ELEMENT: 'I10',
};

/** IK5 error code for transaction-level findings. */
const TRANSACTION_ERRORS: Readonly<Record<string, string>> = { MISSING_SE: '2', SE_CONTROL_NUMBER: '3', SE_COUNT: '4' };

type TransactionAck = NonNullable<Acknowledgment999['transactionSets']>[number];
type SegmentError = NonNullable<TransactionAck['segmentErrors']>[number];

/** Acknowledges one transaction set from its findings. `stPosition` is the ST segment's position in the file. */
function acknowledgeTransaction(t: ParsedTransaction, stPosition: number): TransactionAck {
  // The engine reports envelope count/control mismatches as warnings when not strict; a 999 rejects them.
  const errors = t.findings.filter((f) => f.severity === 'error' || TRANSACTION_ERRORS[f.code] !== undefined);
  const segmentErrors: SegmentError[] = [];
  const ik5 = new Set<string>();
  for (const f of errors) {
    const tx = TRANSACTION_ERRORS[f.code];
    if (tx) {
      ik5.add(tx);
      continue;
    }
    segmentErrors.push(segmentError(f, stPosition));
  }
  if (segmentErrors.length) ik5.add('5');
  if (!t.guide) ik5.add('1');
  const ack: TransactionAck = { setId: t.setId, controlNumber: t.controlNumber, response: { acknowledgmentCode: ik5.size ? 'R' : 'A' } };
  if (t.implementationReference) ack.implementationReference = t.implementationReference;
  if (segmentErrors.length) ack.segmentErrors = segmentErrors.slice(0, 50);
  if (ik5.size) ack.response.errorCodes = [...ik5].slice(0, 5).map((code) => ({ code }));
  return ack;
}

function segmentError(f: Finding, stPosition: number): SegmentError {
  const element = ELEMENT_ERRORS[f.code];
  const position = f.segmentPosition !== undefined ? Math.max(1, f.segmentPosition - stPosition + 1) : 1;
  const e: SegmentError = {
    segmentId: /^[A-Z][A-Z0-9]{1,2}$/.test(f.segmentId ?? '') ? (f.segmentId as string) : 'ST',
    segmentPosition: position,
    errorCode: element ? '8' : (SEGMENT_ERRORS[f.code] ?? '8'),
  };
  if (element && f.elementPosition !== undefined) {
    const pos: { elementPosition: number; componentPosition?: number } = { elementPosition: f.elementPosition };
    if (f.componentPosition !== undefined) pos.componentPosition = f.componentPosition;
    // IK404 (the bad value) is left out on purpose: it may be PHI.
    e.elementErrors = [{ position: pos, errorCode: element }];
  }
  return e;
}

/**
 * Builds one 999 per functional group of a parsed file. `transactions` are the engine's parsed
 * transaction sets, read with `keepSegments: true` so that IK3 positions count from ST.
 */
export function build999(transactions: readonly ParsedTransaction[]): Acknowledgment999[] {
  const groups = new Map<string, ParsedTransaction[]>();
  for (const t of transactions) {
    const k = `${t.interchange?.controlNumber ?? ''}|${t.group?.controlNumber ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  const out: Acknowledgment999[] = [];
  for (const list of groups.values()) {
    const first = list[0] as ParsedTransaction;
    const acks = list.map((t) => acknowledgeTransaction(t, t.segments?.[0]?.position ?? 1));
    const accepted = acks.filter((a) => a.response.acknowledgmentCode === 'A').length;
    const group: Acknowledgment999['group'] = {
      functionalId: first.group?.functionalId ?? 'HC',
      controlNumber: first.group?.controlNumber ?? '0',
    };
    // AK103 is required: GS08, or else the version the transaction set names (ST03).
    const version = first.group?.version || first.implementationReference;
    if (version) group.version = version;
    out.push({
      group,
      transactionSets: acks,
      groupResponse: {
        acknowledgmentCode: accepted === acks.length ? 'A' : accepted === 0 ? 'R' : 'P',
        includedCount: acks.length,
        receivedCount: acks.length,
        acceptedCount: accepted,
      },
    });
  }
  return out;
}

export interface AckParties {
  payer: { name: string; id: string };
  submitter: { name: string; id: string };
  billingProvider: { name: string; npi: string };
}

/** One claim's front-door result: accepted, or the rejection. */
export interface FrontDoorResult {
  claim: SandboxClaim;
  rejection?: RejectedClaim;
}

/**
 * Builds a 277CA for the claims of one 837 batch: a batch-level receipt (A1:19) with accepted and
 * rejected counts and amounts, and per claim A2:20 (accepted into adjudication) or the rejection's
 * A3/A7 status. Dates: `today` is the receipt date.
 */
export function build277CA(
  results: readonly FrontDoorResult[],
  parties: AckParties,
  opts: { today: string; time: string; referenceId: string; batchTrace: string },
): ClaimStatus277CA {
  const date = ymd(opts.today);
  const accepted = results.filter((r) => !r.rejection);
  const rejected = results.filter((r) => r.rejection);
  const sum = (rs: readonly FrontDoorResult[]): number => rs.reduce((s, r) => s + r.claim.totalChargeCents, 0);
  // X214 2200B: STC02 (date), STC03 (action: WQ when anything was accepted, else U) and STC04 (total submitted) are required.
  const receiverTracking: StatusTracking = {
    traceType: '2',
    traceNumber: opts.batchTrace,
    statuses: [
      {
        status: { categoryCode: 'A1', statusCode: '19', entityCode: 'PR' },
        statusDate: date,
        actionCode: accepted.length ? 'WQ' : 'U',
        chargeCents: sum(results),
      },
    ],
  };
  const byProvider = new Map<string, FrontDoorResult[]>();
  for (const r of results) byProvider.set(r.claim.billingProviderNpi, [...(byProvider.get(r.claim.billingProviderNpi) ?? []), r]);
  const providers = [...byProvider.entries()].map(([npi, rs]) => {
    const ok = rs.filter((r) => !r.rejection);
    const bad = rs.filter((r) => r.rejection);
    // X214 2200C: STC02 is Not Used; STC03 and STC04 (the provider's submitted total) are required.
    const providerTracking: StatusTracking = {
      traceType: '1',
      traceNumber: '0',
      statuses: [
        { status: { categoryCode: 'A1', statusCode: '19', entityCode: 'PR' }, actionCode: ok.length ? 'WQ' : 'U', chargeCents: sum(rs) },
      ],
    };
    providerTracking.quantities = [
      ...(ok.length ? [{ qualifier: 'QA', quantity: String(ok.length) }] : []),
      ...(bad.length ? [{ qualifier: 'QC', quantity: String(bad.length) }] : []),
    ];
    providerTracking.amounts = [
      ...(ok.length ? [{ qualifier: 'YU', amountCents: sum(ok) }] : []),
      ...(bad.length ? [{ qualifier: 'YY', amountCents: sum(bad) }] : []),
    ].slice(0, 2);
    const subscribers: StatusPatient[] = rs.map((r) => {
      const c = r.claim;
      const dates = c.lines.map((l) => l.serviceDate).sort();
      const tracking: StatusTracking = {
        traceType: '2',
        traceNumber: c.patientControlNumber,
        statuses: [
          r.rejection
            ? {
                status: {
                  categoryCode: r.rejection.category,
                  statusCode: r.rejection.statusCode,
                  ...(r.rejection.entityCode ? { entityCode: r.rejection.entityCode } : {}),
                },
                statusDate: date,
                actionCode: 'U',
                chargeCents: c.totalChargeCents,
              }
            : {
                status: { categoryCode: 'A2', statusCode: '20', entityCode: 'PR' },
                statusDate: date,
                actionCode: 'WQ',
                chargeCents: c.totalChargeCents,
              },
        ],
        dates: [{ qualifier: '472', format: 'RD8', value: `${ymd(dates[0] ?? opts.today)}-${ymd(dates[dates.length - 1] ?? opts.today)}` }],
      };
      // NM101 (QC) and the provider's NM101 (85) are the only codes X214 allows there: the writer supplies them.
      const name = {
        entityType: '1',
        lastName: c.patient?.lastName ?? 'UNKNOWN',
        ...(c.patient?.firstName ? { firstName: c.patient.firstName } : {}),
        idQualifier: 'MI',
        id: c.memberId,
      };
      return { levelCode: 'PT', name, claims: [tracking] };
    });
    return {
      name: [{ entityType: '2', lastName: parties.billingProvider.name, idQualifier: 'XX', id: npi }],
      claims: [providerTracking],
      subscribers,
    };
  });
  receiverTracking.quantities = [
    ...(accepted.length ? [{ qualifier: '90', quantity: String(accepted.length) }] : []),
    ...(rejected.length ? [{ qualifier: 'AA', quantity: String(rejected.length) }] : []),
  ];
  receiverTracking.amounts = [
    ...(accepted.length ? [{ qualifier: 'YU', amountCents: sum(accepted) }] : []),
    ...(rejected.length ? [{ qualifier: 'YY', amountCents: sum(rejected) }] : []),
  ].slice(0, 2);
  return {
    beginning: { purposeCode: '08', referenceId: opts.referenceId, date, time: opts.time, transactionTypeCode: 'TH' },
    sources: [
      {
        name: { entityCode: 'PR', entityType: '2', lastName: parties.payer.name, idQualifier: 'PI', id: parties.payer.id },
        // X214 2200A: the payer's trace of this acknowledgment, with the receipt (050) and process (009) dates.
        claims: [
          {
            traceType: '1',
            traceNumber: opts.referenceId,
            dates: [
              { qualifier: '050', format: 'D8', value: date },
              { qualifier: '009', format: 'D8', value: date },
            ],
          },
        ],
        receivers: [
          {
            name: { entityCode: '41', entityType: '2', lastName: parties.submitter.name, idQualifier: '46', id: parties.submitter.id },
            claims: [receiverTracking],
            providers,
          },
        ],
      },
    ],
  };
}

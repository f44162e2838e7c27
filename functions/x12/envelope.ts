import { X12Error } from './errors.ts';
import type { Finding } from './errors.ts';
import { RecentControlNumbers } from './control-numbers.ts';
import { hasControlCharacter } from './element-reader.ts';
import { functionalIdOf } from './registry.ts';
import { readTa1 } from './ta1.ts';
import type { InterchangeAcknowledgment } from './ta1.ts';
import { ownString } from './tokenizer.ts';
import type { Delimiters, Segment } from './tokenizer.ts';

export { RecentControlNumbers } from './control-numbers.ts';

/** ISA fields, trimmed of their fixed-width padding. */
export interface InterchangeHeader {
  authorizationQualifier: string;
  securityQualifier: string;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  version: string;
  controlNumber: string;
  acknowledgmentRequested: string;
  usageIndicator: string;
  delimiters: Delimiters;
  byteOffset: number;
}

/** GS fields. */
export interface GroupHeader {
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  date: string;
  time: string;
  controlNumber: string;
  version: string;
}

/** When the sender created the group (GS04 CCYYMMDD, GS05 HHMM[SS]) as an ISO instant (UTC assumed); undefined when unreadable. */
export function groupCreatedAt(group: Pick<GroupHeader, 'date' | 'time'> | undefined): string | undefined {
  const d = group ? /^(\d{4})(\d{2})(\d{2})$/.exec(group.date) : null;
  const t = group ? /^(\d{2})(\d{2})(\d{2})?/.exec(group.time) : null;
  if (!d || !t) return undefined;
  const at = new Date(`${d[1]}-${d[2]}-${d[3]}T${t[1]}:${t[2]}:${t[3] ?? '00'}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** One ST..SE with the envelopes around it, as the envelope reader sees it. */
export interface TransactionSetInfo {
  setId: string;
  controlNumber: string;
  implementationReference?: string;
  interchange?: InterchangeHeader;
  group?: GroupHeader;
  /** The ST segment. */
  start: Segment;
  /** Segments from ST to SE so far (SE included once read). */
  segmentCount: number;
  /** Envelope findings about this transaction set (SE count, SE02); more may be added until close. */
  findings: Finding[];
}

/**
 * Receives transaction sets segment by segment, so that a reader can build its model while the
 * input streams in, without holding the segments of a large transaction set. One set is open at a
 * time: `close` comes before the next `open`, so a sink keeps the open set in one slot. (Not in a Map
 * keyed by the set: once such a Map has lived through a full GC it is in the old generation, and V8
 * allocates the tables its churning entries are rehashed into there too, ~100 KB of old-space
 * garbage per young GC on a file of small transaction sets, which is what peak RSS grew with.)
 */
export interface TransactionSink {
  /** ST was read: returns the consumer of this set's segments (ST first, SE last). */
  open(tx: TransactionSetInfo): (segment: Segment) => void;
  /** SE was read, or the set was cut short (a MISSING_SE finding says so). */
  close(tx: TransactionSetInfo): void;
}

/**
 * Which verdict a read gives. `conformance` (the default): every departure from the guides is an
 * error, envelope counts and control numbers included, so "valid" means conformant. `tolerant`
 * (for intake of payers' files): envelope counts and control numbers that do not add up (SE01,
 * SE02, GE01, GE02, IEA01, IEA02, a duplicate ST02 or ISA13, ST03 ≠ GS08, an ISA not 106 bytes
 * wide) are reported as warnings, so the file is still read; every other finding stays an error.
 */
export type Profile = 'conformance' | 'tolerant';

/** Finding codes the tolerant profile reports as warnings instead of errors. */
export const TOLERATED_CODES: ReadonlySet<string> = new Set([
  'SE_COUNT',
  'SE_CONTROL_NUMBER',
  'GE_COUNT',
  'GE_CONTROL_NUMBER',
  'IEA_COUNT',
  'IEA_CONTROL_NUMBER',
  'DUPLICATE_CONTROL_NUMBER',
  'DUPLICATE_INTERCHANGE',
  'VERSION_MISMATCH',
  'ISA_NOT_FIXED_WIDTH',
]);

export interface EnvelopeOptions {
  /** Envelope mismatches throw (X12Error) instead of being recorded as findings. Default false. */
  strict?: boolean;
  /** Default `conformance`. */
  profile?: Profile;
}

/** A TA1 found in the input, with the interchange that carried it. */
export interface ReceivedAcknowledgment extends InterchangeAcknowledgment {
  interchange?: InterchangeHeader;
  byteOffset: number;
  segmentPosition: number;
}

/** Counts and control numbers of the envelopes seen, for reports. */
export interface EnvelopeSummary {
  interchanges: number;
  groups: number;
  transactionSets: number;
}

// Open envelopes keep the position of their ISA/GS, not the segment: a segment holds the text of the
// chunk it came from, which would then live (and reach the old generation) for a whole interchange.
interface OpenGroup {
  header: GroupHeader;
  position: number;
  transactionSets: number;
  controlNumbers: RecentControlNumbers;
}
interface OpenInterchange {
  header: InterchangeHeader;
  position: number;
  groups: number;
}
interface OpenTransaction {
  info: TransactionSetInfo;
  consume: (segment: Segment) => void;
}

/** Envelope segments whose elements this reader checks itself (no transaction-set definition reads them). */
const ENVELOPE_IDS = new Set(['ISA', 'GS', 'GE', 'IEA']);

const at = (s: Segment, elementPosition?: number): Pick<Finding, 'byteOffset' | 'segmentPosition' | 'segmentId' | 'elementPosition'> => {
  const w: Pick<Finding, 'byteOffset' | 'segmentPosition' | 'segmentId' | 'elementPosition'> = {
    byteOffset: s.byteOffset,
    segmentPosition: s.position,
    segmentId: s.id,
  };
  if (elementPosition !== undefined) w.elementPosition = elementPosition;
  return w;
};

/** Values 5010 allows in the coded ISA elements (ISA01, ISA03, ISA05, ISA07, ISA12, ISA14, ISA15). */
const ISA_CODES: readonly (readonly [number, readonly string[]])[] = [
  [1, ['00', '03']],
  [3, ['00', '01']],
  [5, ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ']],
  [7, ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ']],
  [12, ['00501']],
  [14, ['0', '1']],
  [15, ['P', 'T']],
];

/** Element i as a string of its own: headers outlive the chunk their segment came from (see ownString). */
function own(s: Segment, i: number, trim = false): string {
  const v = trim ? (s.elements[i] ?? '').trim() : (s.elements[i] ?? '');
  return ownString(v, 0, v.length);
}

/** The ISA's sixteen fields, trimmed of their fixed-width padding. */
function interchangeHeader(s: Segment): InterchangeHeader {
  const f = (i: number): string => own(s, i, true);
  return {
    authorizationQualifier: f(1),
    securityQualifier: f(3),
    senderQualifier: f(5),
    senderId: f(6),
    receiverQualifier: f(7),
    receiverId: f(8),
    date: f(9),
    time: f(10),
    version: f(12),
    controlNumber: f(13),
    acknowledgmentRequested: f(14),
    usageIndicator: f(15),
    delimiters: s.delimiters,
    byteOffset: s.byteOffset,
  };
}

function groupHeader(s: Segment): GroupHeader {
  return {
    functionalId: own(s, 1),
    senderCode: own(s, 2),
    receiverCode: own(s, 3),
    date: own(s, 4),
    time: own(s, 5),
    controlNumber: own(s, 6),
    version: own(s, 8),
  };
}

/**
 * Groups a segment stream into transaction sets and checks ISA/IEA, GS/GE and ST/SE counts and
 * control numbers. Mismatches are warnings in lenient mode and {@link X12Error}s in strict mode;
 * structural breaks (a segment outside any transaction, missing trailers) are errors.
 */
export class EnvelopeReader {
  readonly findings: Finding[] = [];
  readonly summary: EnvelopeSummary = { interchanges: 0, groups: 0, transactionSets: 0 };
  /** TA1 interchange acknowledgments read (they sit between ISA and the first GS). */
  readonly acknowledgments: ReceivedAcknowledgment[] = [];
  private interchange: OpenInterchange | undefined;
  private group: OpenGroup | undefined;
  private tx: OpenTransaction | undefined;
  private readonly strict: boolean;
  private readonly profile: Profile;
  private readonly sink: TransactionSink;
  /** ISA13s of the file so far (the most recent ones: memory stays constant). */
  private readonly interchangeNumbers = new RecentControlNumbers();

  constructor(sink: TransactionSink, options: EnvelopeOptions = {}) {
    this.sink = sink;
    this.strict = options.strict ?? false;
    this.profile = options.profile ?? 'conformance';
  }

  /**
   * Records a count, control-number or header mismatch: an error (a warning for the codes the
   * tolerant profile tolerates), or a thrown error when strict.
   */
  private mismatch(code: string, message: string, s: Segment, elementPosition?: number, into: Finding[] = this.findings): void {
    if (this.strict) throw new X12Error('ENVELOPE', message, at(s, elementPosition));
    const severity = this.profile === 'tolerant' && TOLERATED_CODES.has(code) ? 'warning' : 'error';
    into.push({ severity, code, message, ...at(s, elementPosition) });
  }

  private error(code: string, message: string, s: Segment, into: Finding[] = this.findings): void {
    if (this.strict) throw new X12Error('ENVELOPE', message, at(s));
    into.push({ severity: 'error', code, message, ...at(s) });
  }

  /** Routes one segment: envelope segments to their handler, every other segment to the open transaction set. */
  accept(s: Segment): void {
    // Envelope ids (ISA, IEA, GS, GE, ST, SE, TA1) start with I, G, S or T: most segments skip the switch.
    const c0 = s.id.charCodeAt(0);
    if ((c0 === 73 || c0 === 71 || c0 === 83 || c0 === 84) && this.acceptEnvelope(s)) return;
    if (this.tx) {
      this.tx.info.segmentCount++;
      this.tx.consume(s);
    } else this.error('SEGMENT_OUTSIDE_TRANSACTION', 'every segment other than envelopes inside ST..SE', s);
  }

  /** Handles an envelope segment (true), or leaves any other segment to {@link accept} (false). */
  private acceptEnvelope(s: Segment): boolean {
    if (ENVELOPE_IDS.has(s.id)) this.checkControlCharacters(s);
    switch (s.id) {
      case 'ISA':
        this.openInterchange(s);
        return true;
      case 'TA1':
        if (this.tx) return false; // inside ST..SE it is just an unexpected segment of that transaction set
        this.acceptTa1(s);
        return true;
      case 'GS':
        this.openGroup(s);
        return true;
      case 'ST':
        this.openTransaction(s);
        return true;
      case 'SE':
        this.endTransaction(s);
        return true;
      case 'GE':
        this.endGroup(s);
        return true;
      case 'IEA':
        this.endInterchange(s);
        return true;
    }
    return false;
  }

  /**
   * NUL or another control character in an ISA, GS, GE or IEA element: the bytes were damaged (the
   * transaction set's own segments, ST and SE among them, are checked as they are read). ISA11 and
   * ISA16 are delimiters, which may be control characters.
   */
  private checkControlCharacters(s: Segment): void {
    const e = s.elements;
    const position = e.findIndex((v, k) => k > 0 && !(s.id === 'ISA' && (k === 11 || k === 16)) && hasControlCharacter(v));
    if (position > 0)
      this.findings.push({
        severity: 'error',
        code: 'CONTROL_CHARACTER',
        message: `no control characters in ${s.id}${String(position).padStart(2, '0')}`,
        ...at(s, position),
      });
  }

  private openInterchange(s: Segment): void {
    const e = s.elements;
    // A nested ISA: whatever is still open is reported as cut short here, where the new ISA starts.
    if (this.tx) this.closeTransaction(s, true);
    if (this.group) this.closeGroup(s, true);
    if (this.interchange) this.closeInterchange(s, true);
    const width = e.join(s.delimiters.element).length + 1;
    if (width !== 106) this.mismatch('ISA_NOT_FIXED_WIDTH', `a fixed-width ISA of 106 bytes (found ${width})`, s);
    if (e.length !== 17) this.error('BAD_ISA', 'ISA with exactly 16 elements', s);
    const header = interchangeHeader(s);
    if (!/^\d{9}$/.test(header.controlNumber)) this.mismatch('BAD_CONTROL_NUMBER', 'ISA13 to be 9 digits', s, 13);
    else if (!this.interchangeNumbers.add(header.controlNumber))
      this.mismatch('DUPLICATE_INTERCHANGE', 'ISA13 unique within the file', s, 13);
    for (const [position, codes] of ISA_CODES) {
      if (!codes.includes(e[position] ?? ''))
        this.mismatch('INVALID_ISA', `ISA${String(position).padStart(2, '0')} to be one of ${codes.join(', ')}`, s, position);
    }
    this.interchange = { header, position: s.position, groups: 0 };
    this.summary.interchanges++;
  }

  private acceptTa1(s: Segment): void {
    if (!this.interchange) {
      this.error('TA1_OUTSIDE_INTERCHANGE', 'TA1 inside an ISA/IEA interchange', s);
      return;
    }
    if (this.group) this.error('TA1_MISPLACED', 'TA1 between ISA and the first GS', s);
    const { acknowledgment, problems } = readTa1(s);
    for (const p of problems) this.mismatch('INVALID_TA1', p.expected, s, p.elementPosition);
    this.acknowledgments.push({
      ...acknowledgment,
      interchange: this.interchange.header,
      byteOffset: s.byteOffset,
      segmentPosition: s.position,
    });
  }

  private endInterchange(s: Segment): void {
    const e = s.elements;
    if (this.tx) this.closeTransaction(s, true);
    if (this.group) this.closeGroup(s, true);
    if (!this.interchange) {
      this.error('IEA_WITHOUT_ISA', 'IEA to close an ISA', s);
      return;
    }
    if (e[1] !== String(this.interchange.groups))
      this.mismatch('IEA_COUNT', `IEA01 to equal the ${this.interchange.groups} functional groups in the interchange`, s, 1);
    if ((e[2] ?? '').trim() !== this.interchange.header.controlNumber) this.mismatch('IEA_CONTROL_NUMBER', 'IEA02 to equal ISA13', s, 2);
    this.interchange = undefined;
  }

  private openGroup(s: Segment): void {
    if (!this.interchange) this.error('GS_OUTSIDE_INTERCHANGE', 'GS inside an ISA/IEA interchange', s);
    if (this.group) this.closeGroup(s, true);
    this.group = { header: groupHeader(s), position: s.position, transactionSets: 0, controlNumbers: new RecentControlNumbers() };
    this.summary.groups++;
  }

  private endGroup(s: Segment): void {
    const e = s.elements;
    if (this.tx) this.closeTransaction(s, true);
    if (!this.group) {
      this.error('GE_WITHOUT_GS', 'GE to close a GS', s);
      return;
    }
    if (e[1] !== String(this.group.transactionSets))
      this.mismatch('GE_COUNT', `GE01 to equal the ${this.group.transactionSets} transaction sets in the group`, s, 1);
    if (e[2] !== this.group.header.controlNumber) this.mismatch('GE_CONTROL_NUMBER', 'GE02 to equal GS06', s, 2);
    this.group = undefined;
    if (this.interchange) this.interchange.groups++;
  }

  private openTransaction(s: Segment): void {
    const e = s.elements;
    if (this.tx) this.closeTransaction(s, true);
    const raw: TransactionSetInfo = { setId: own(s, 1), controlNumber: own(s, 2), start: s, segmentCount: 1, findings: [] };
    if (e[3]) raw.implementationReference = own(s, 3);
    if (this.interchange) raw.interchange = this.interchange.header;
    if (this.group) {
      raw.group = this.group.header;
      if (!this.group.controlNumbers.add(raw.controlNumber))
        this.mismatch('DUPLICATE_CONTROL_NUMBER', 'ST02 unique within its functional group', s, 2, raw.findings);
      if (e[3] && this.group.header.version && e[3] !== this.group.header.version)
        this.mismatch('VERSION_MISMATCH', 'ST03 equal to GS08', s, 3, raw.findings);
      const functionalId = functionalIdOf(raw.setId);
      if (functionalId !== undefined && this.group.header.functionalId !== functionalId)
        this.error(
          'FUNCTIONAL_GROUP_MISMATCH',
          `GS01 ${functionalId} for a ${raw.setId} (this group's GS01 is another code)`,
          s,
          raw.findings,
        );
    } else if (!this.interchange) {
      raw.findings.push({ severity: 'warning', code: 'NO_ENVELOPE', message: 'transaction set without ISA/GS envelope', ...at(s) });
    } else this.error('ST_OUTSIDE_GROUP', 'ST inside a GS/GE functional group', s);
    const consume = this.sink.open(raw);
    consume(s);
    this.tx = { info: raw, consume };
    this.summary.transactionSets++;
  }

  private endTransaction(s: Segment): void {
    const e = s.elements;
    if (!this.tx) {
      this.error('SE_WITHOUT_ST', 'SE to close an ST', s);
      return;
    }
    const raw = this.tx.info;
    raw.segmentCount++;
    this.tx.consume(s);
    if (String(raw.segmentCount) !== e[1])
      this.mismatch('SE_COUNT', `SE01 to equal the ${raw.segmentCount} segments from ST to SE`, s, 1, raw.findings);
    if (e[2] !== raw.controlNumber) this.mismatch('SE_CONTROL_NUMBER', 'SE02 to equal ST02', s, 2, raw.findings);
    this.tx = undefined;
    if (this.group) this.group.transactionSets++;
    this.sink.close(raw);
  }

  private closeTransaction(s: Segment, premature: boolean): void {
    const tx = this.tx;
    if (!tx) return;
    if (premature)
      this.error('MISSING_SE', `SE closing the transaction set that starts at segment ${tx.info.start.position}`, s, tx.info.findings);
    this.tx = undefined;
    this.sink.close(tx.info);
  }

  private closeGroup(s: Segment, premature: boolean): void {
    if (!this.group) return;
    if (premature) this.error('MISSING_GE', `GE closing the functional group that starts at segment ${this.group.position}`, s);
    this.group = undefined;
  }

  private closeInterchange(s: Segment, premature: boolean): void {
    if (!this.interchange) return;
    if (premature) this.error('MISSING_IEA', `IEA closing the interchange that starts at segment ${this.interchange.position}`, s);
    this.interchange = undefined;
  }

  /** Ends the input: a still-open transaction set, group or interchange means the input was cut short. */
  finish(last: Segment | undefined): void {
    if (!last) return;
    const pending = this.tx || this.group || this.interchange;
    if (pending && this.strict) throw new X12Error('TRUNCATED', 'SE, GE and IEA trailers before the end of input', at(last));
    if (this.tx) this.closeTransaction(last, true);
    if (this.group) this.closeGroup(last, true);
    if (this.interchange) this.closeInterchange(last, true);
  }
}

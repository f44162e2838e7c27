import { X12Error } from './errors.ts';
import type { ModelObject } from './reader.ts';
import type { TransactionSetDef } from './schema.ts';
import type { Delimiters } from './tokenizer.ts';
import { DEFAULT_DELIMITERS, serializeSegments, writeTransactionSet } from './writer.ts';

/** Supplies unique control numbers (ISA13, GS06, ST02). The caller owns persistence and uniqueness. */
export interface ControlNumberSource {
  next(kind: 'interchange' | 'group' | 'transaction'): number;
}

/** A simple in-memory counter, for tests and examples. */
export function sequentialControlNumbers(start = 1): ControlNumberSource {
  const n = { interchange: start, group: start, transaction: start };
  return { next: (kind) => n[kind]++ };
}

export interface InterchangeParties {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** GS02/GS03 application codes; default to the interchange ids. */
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** CCYYMMDD and HHMM: passed in so that writing stays pure (no clock). */
  date: string;
  time: string;
  usageIndicator: 'P' | 'T';
  acknowledgmentRequested?: '0' | '1';
}

export interface TransactionToWrite {
  def: TransactionSetDef;
  model: ModelObject;
}

function field(value: string, width: number, name: string, d: Delimiters): string {
  if (value.length > width) throw new X12Error('WRITE_MODEL', `${name} of at most ${width} characters`, { segmentId: 'ISA' });
  for (const ch of value) {
    if (ch === d.element || ch === d.component || ch === d.segment || ch === d.repetition) {
      throw new X12Error('DELIMITER_IN_VALUE', `${name} without delimiter characters`, { segmentId: 'ISA' });
    }
  }
  return value.padEnd(width, ' ');
}

/** Formats a control number as `width` digits, refusing anything else. */
export function digits(n: number, width: number, name: string): string {
  if (!Number.isSafeInteger(n) || n < 0 || String(n).length > width)
    throw new X12Error('WRITE_MODEL', `${name} as a non-negative integer of at most ${width} digits`);
  return String(n).padStart(width, '0');
}

/** The ISA segment's elements (fixed width, 5010) for `parties` and control number `isa13`. */
export function interchangeHeader(parties: InterchangeParties, isa13: string, d: Delimiters): string[] {
  if (!/^\d{8}$/.test(parties.date) || !/^\d{4}$/.test(parties.time))
    throw new X12Error('WRITE_MODEL', 'date as CCYYMMDD and time as HHMM', { segmentId: 'ISA' });
  return [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    field(parties.senderQualifier, 2, 'ISA05', d),
    field(parties.senderId, 15, 'ISA06', d),
    field(parties.receiverQualifier, 2, 'ISA07', d),
    field(parties.receiverId, 15, 'ISA08', d),
    parties.date.slice(2),
    parties.time,
    d.repetition || 'U',
    '00501',
    isa13,
    parties.acknowledgmentRequested ?? '0',
    parties.usageIndicator,
    d.component,
  ];
}

/**
 * Writes one interchange (ISA..IEA) holding one functional group per functional id, with counts and
 * control numbers filled in. Throws {@link X12Error} before writing anything invalid.
 */
export function writeInterchange(
  parties: InterchangeParties,
  transactions: readonly TransactionToWrite[],
  controls: ControlNumberSource,
  delimiters: Delimiters = DEFAULT_DELIMITERS,
  lineBreaks = true,
): string {
  const d = delimiters;
  if (transactions.length === 0) throw new X12Error('WRITE_MODEL', 'at least one transaction set');
  const isa13 = digits(controls.next('interchange'), 9, 'ISA13');
  const segments: string[][] = [interchangeHeader(parties, isa13, d)];
  // One functional group per (functional id, guide), in first-seen order.
  const groups = new Map<string, TransactionToWrite[]>();
  for (const t of transactions) {
    const k = `${t.def.functionalId}|${t.def.version}`;
    const list = groups.get(k) ?? [];
    list.push(t);
    groups.set(k, list);
  }
  for (const list of groups.values()) {
    const first = list[0] as TransactionToWrite;
    const gs06 = String(controls.next('group'));
    if (gs06.length > 9) throw new X12Error('WRITE_MODEL', 'GS06 of at most 9 digits');
    segments.push([
      'GS',
      first.def.functionalId,
      field(parties.applicationSenderCode ?? parties.senderId, 15, 'GS02', d).trim(),
      field(parties.applicationReceiverCode ?? parties.receiverId, 15, 'GS03', d).trim(),
      parties.date,
      parties.time,
      gs06,
      'X',
      first.def.version,
    ]);
    for (const t of list) {
      const n = controls.next('transaction');
      if (!Number.isSafeInteger(n) || n < 0 || String(n).length > 9)
        throw new X12Error('WRITE_MODEL', 'ST02 as a non-negative integer of at most 9 digits');
      const st02 = String(n).padStart(4, '0');
      for (const s of writeTransactionSet(t.def, t.model, st02, d)) segments.push(s);
    }
    segments.push(['GE', String(list.length), gs06]);
  }
  segments.push(['IEA', String(groups.size), isa13]);
  return serializeSegments(segments, d, lineBreaks);
}

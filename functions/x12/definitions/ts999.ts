/** 999 Implementation Acknowledgment, 005010X231A1, as data. */
import { composite, el, group, loop, seg, UNBOUNDED } from '#functions/x12/schema.ts';
import type { LoopRule, SegmentDef, TransactionSetDef } from '#functions/x12/schema.ts';
import { se, st } from './common.ts';

/**
 * CTX, from pyx12's 999.5010X231.A1.xml and stupidedi's X231A1-FA999.rb (they agree). In 2100 two
 * CTXs share the position: the segment context (CTX01-1 SITUATIONAL TRIGGER, CTX02/CTX03 required,
 * at most 9) and the business unit identifier (CTX01-1 names the element, e.g. CLM01, CTX01-2 its
 * value, CTX02-CTX06 Not Used, at most 1). One definition reads both, so it takes the union (their
 * CTX01-1 names, 10 in all, CTX01-2 and CTX02/CTX03 situational). In 2110 only the element context
 * stands: SITUATIONAL TRIGGER, CTX02/CTX03 required.
 */
function ctx(names: readonly string[], segmentRequired: 'R' | 'S'): SegmentDef {
  return seg('CTX', 'context', 'S', 10, [
    composite('context', 'R', [el('name', 'ID', 'R', 1, 35, { codes: names }), el('reference', 'AN', 'S', 1, 35)]),
    el('segmentId', 'ID', segmentRequired, 2, 3),
    el('segmentPosition', 'N0', segmentRequired, 1, 10),
    el('loopId', 'AN', 'S', 1, 4),
    composite('positionInSegment', 'S', [
      el('elementPosition', 'N0', 'R', 1, 2),
      el('componentPosition', 'N0', 'S', 1, 2),
      el('repeatingPosition', 'N0', 'S', 1, 4),
    ]),
    composite('elementReference', 'S', [el('reference1', 'N0', 'R', 1, 4), el('reference2', 'N0', 'S', 1, 4)]),
  ]);
}
const BUSINESS_UNITS = ['TRN02', 'NM109', 'PATIENT NAME NM109', 'SUBSCRIBER NAME NM109', 'ENT01', 'SUBSCRIBER NUMBER REF02', 'CLM01'];
const segmentContext = ctx(['SITUATIONAL TRIGGER', ...BUSINESS_UNITS], 'S');
const elementContext = ctx(['SITUATIONAL TRIGGER'], 'R');

const codes = (key: string, list: readonly string[]) => group(key, 5, 0, [el('code', 'ID', 'R', 1, 3, { codes: list })]);

/**
 * Code lists of X231A1: IK304 segment syntax errors, IK403 element syntax errors, IK502 and AK905 set
 * and group errors. IK403 11 is pyx12's (stupidedi lists it not): the union is kept. AK905 is the
 * list both sources give (10-16 were rejected, 20-22 accepted).
 */
const SEGMENT_ERRORS = ['1', '2', '3', '4', '5', '6', '7', '8', 'I4', 'I6', 'I7', 'I8', 'I9'];
const ELEMENT_ERRORS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', 'I10', 'I11', 'I12', 'I13', 'I6', 'I9'];
const SET_ERRORS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '15',
  '16',
  '17',
  '18',
  '19',
  '23',
  '24',
  '25',
  '26',
  '27',
  'I5',
  'I6',
];
const GROUP_ERRORS = ['1', '2', '3', '4', '5', '6', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '23', '24', '25', '26'];

/** AK9: no more sets accepted than received, and no more received than the group said it held. */
const groupCounts: LoopRule = {
  code: 'ACKNOWLEDGMENT_COUNTS',
  expected: 'AK904 (accepted) not above AK903 (received), and AK903 not above AK902 (included)',
  holds: (loop) => {
    const ak9 = loop.groupResponse as { includedCount?: unknown; receivedCount?: unknown; acceptedCount?: unknown } | undefined;
    if (!ak9) return true;
    const [included, received, accepted] = [ak9.includedCount, ak9.receivedCount, ak9.acceptedCount].map(Number);
    if ([included, received, accepted].some((n) => !Number.isInteger(n))) return true;
    return accepted! <= received! && received! <= included!;
  },
};

export const TS999: TransactionSetDef = {
  id: '999',
  version: '005010X231A1',
  functionalId: 'FA',
  name: 'Implementation Acknowledgment',
  root: loop(
    'ST',
    'transaction',
    'R',
    1,
    [
      st('999'),
      seg('AK1', 'group', 'R', 1, [
        el('functionalId', 'ID', 'R', 2, 2),
        el('controlNumber', 'AN', 'R', 1, 9),
        // AK103 (the group's GS08) is required in both sources.
        el('version', 'AN', 'R', 1, 12),
      ]),
      loop('2000', 'transactionSets', 'S', UNBOUNDED, [
        seg('AK2', 'transactionSet', 'R', 1, [
          el('setId', 'ID', 'R', 3, 3),
          el('controlNumber', 'AN', 'R', 4, 9),
          el('implementationReference', 'AN', 'S', 1, 35),
        ]),
        loop('2100', 'segmentErrors', 'S', UNBOUNDED, [
          seg('IK3', 'error', 'R', 1, [
            el('segmentId', 'ID', 'R', 2, 3),
            el('segmentPosition', 'N0', 'R', 1, 10),
            el('loopId', 'AN', 'S', 1, 4),
            el('errorCode', 'ID', 'S', 1, 3, { codes: SEGMENT_ERRORS }),
          ]),
          segmentContext,
          loop('2110', 'elementErrors', 'S', 99, [
            seg('IK4', 'error', 'R', 1, [
              composite('position', 'R', [
                el('elementPosition', 'N0', 'R', 1, 2),
                el('componentPosition', 'N0', 'S', 1, 2),
                el('repeatingPosition', 'N0', 'S', 1, 4),
              ]),
              el('dataElementReference', 'N0', 'S', 1, 4),
              el('errorCode', 'ID', 'R', 1, 3, { codes: ELEMENT_ERRORS }),
              // IK404 copies the bad value, which may be PHI: it is read, but never put into messages.
              el('badValue', 'AN', 'S', 1, 99),
            ]),
            elementContext,
          ]),
        ]),
        seg('IK5', 'response', 'R', 1, [
          el('acknowledgmentCode', 'ID', 'R', 1, 1, { codes: ['A', 'E', 'M', 'R', 'W', 'X'] }),
          codes('errorCodes', SET_ERRORS),
        ]),
      ]),
      seg('AK9', 'groupResponse', 'R', 1, [
        el('acknowledgmentCode', 'ID', 'R', 1, 1, { codes: ['A', 'E', 'M', 'P', 'R', 'W', 'X'] }),
        el('includedCount', 'N0', 'R', 1, 6),
        el('receivedCount', 'N0', 'R', 1, 6),
        el('acceptedCount', 'N0', 'R', 1, 6),
        codes('errorCodes', GROUP_ERRORS),
      ]),
      se,
    ],
    [groupCounts],
  ),
};

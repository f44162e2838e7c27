/** 999 Implementation Acknowledgment, 005010X231A1, as data. */
import { composite, el, group, loop, seg, UNBOUNDED } from '#functions/x12/schema.ts';
import type { TransactionSetDef } from '#functions/x12/schema.ts';
import { se, st } from './common.ts';

const ctx = seg('CTX', 'context', 'S', 10, [
  composite('context', 'R', [el('name', 'AN', 'R', 1, 35), el('reference', 'AN', 'S', 1, 35)]),
  el('segmentId', 'ID', 'S', 2, 3),
  el('segmentPosition', 'N0', 'S', 1, 10),
  el('loopId', 'AN', 'S', 1, 4),
  composite('positionInSegment', 'S', [
    el('elementPosition', 'N0', 'R', 1, 2),
    el('componentPosition', 'N0', 'S', 1, 2),
    el('repeatingPosition', 'N0', 'S', 1, 4),
  ]),
  composite('elementReference', 'S', [el('reference1', 'N0', 'R', 1, 4), el('reference2', 'N0', 'S', 1, 4)]),
]);

const codes = (key: string) => group(key, 5, 0, [el('code', 'ID', 'R', 1, 3)]);

export const TS999: TransactionSetDef = {
  id: '999',
  version: '005010X231A1',
  functionalId: 'FA',
  name: 'Implementation Acknowledgment',
  root: loop('ST', 'transaction', 'R', 1, [
    st('999'),
    seg('AK1', 'group', 'R', 1, [
      el('functionalId', 'ID', 'R', 2, 2),
      el('controlNumber', 'AN', 'R', 1, 9),
      el('version', 'AN', 'S', 1, 12),
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
          el('errorCode', 'ID', 'S', 1, 3),
        ]),
        ctx,
        loop('2110', 'elementErrors', 'S', 99, [
          seg('IK4', 'error', 'R', 1, [
            composite('position', 'R', [
              el('elementPosition', 'N0', 'R', 1, 2),
              el('componentPosition', 'N0', 'S', 1, 2),
              el('repeatingPosition', 'N0', 'S', 1, 4),
            ]),
            el('dataElementReference', 'N0', 'S', 1, 4),
            el('errorCode', 'ID', 'R', 1, 3),
            // IK404 copies the bad value, which may be PHI: it is read, but never put into messages.
            el('badValue', 'AN', 'S', 1, 99),
          ]),
          ctx,
        ]),
      ]),
      seg('IK5', 'response', 'R', 1, [
        el('acknowledgmentCode', 'ID', 'R', 1, 1, { codes: ['A', 'E', 'M', 'R', 'W', 'X'] }),
        codes('errorCodes'),
      ]),
    ]),
    seg('AK9', 'groupResponse', 'R', 1, [
      el('acknowledgmentCode', 'ID', 'R', 1, 1, { codes: ['A', 'E', 'M', 'P', 'R', 'W', 'X'] }),
      el('includedCount', 'N0', 'R', 1, 6),
      el('receivedCount', 'N0', 'R', 1, 6),
      el('acceptedCount', 'N0', 'R', 1, 6),
      codes('errorCodes'),
    ]),
    se,
  ]),
};

/**
 * Loop rules that check the form of the external codes an adjustment carries: CAS reason codes
 * (CARC) and remark codes (RARC in MIA, MOA and LQ*HE). Their membership is not checked: see
 * code-lists/adjustment-reasons.ts for why.
 */
import { isCarcForm, isRarcForm } from '#functions/x12/code-lists/adjustment-reasons.ts';
import type { LoopRule } from '#functions/x12/schema.ts';

type Obj = Record<string, unknown>;

const REMARK_KEYS = ['remarkCode1', 'remarkCode2', 'remarkCode3', 'remarkCode4', 'remarkCode5'] as const;

/** Every CAS reason code of a loop's CAS segments (key `adjustments`) has the form of a CARC. */
export const adjustmentReasonsHaveCarcForm: LoopRule = {
  code: 'INVALID_ADJUSTMENT_REASON',
  expected: 'CAS reason codes in the form of a claim adjustment reason code (1 to 3 letters or digits)',
  holds: (loop) => {
    const segments = loop.adjustments as { adjustments?: { reasonCode?: unknown }[] }[] | undefined;
    if (segments === undefined) return true;
    for (const cas of segments)
      for (const triplet of cas.adjustments ?? [])
        if (typeof triplet.reasonCode === 'string' && !isCarcForm(triplet.reasonCode)) return false;
    return true;
  },
};

/** Every remark code of the loop's MIA, MOA and LQ*HE has the form of a RARC. */
export const remarksHaveRarcForm: LoopRule = {
  code: 'INVALID_REMARK_CODE',
  expected: 'MIA, MOA and LQ*HE remark codes in the form of a remittance advice remark code (one or two letters and digits)',
  holds: (loop) => {
    for (const key of ['inpatientAdjudication', 'outpatientAdjudication']) {
      const segment = loop[key] as Obj | undefined;
      if (segment === undefined) continue;
      for (const remark of REMARK_KEYS) {
        const code = segment[remark];
        if (typeof code === 'string' && !isRarcForm(code)) return false;
      }
    }
    const remarks = loop.remarks as { codeListQualifier?: unknown; code?: unknown }[] | undefined;
    for (const lq of remarks ?? []) if (lq.codeListQualifier === 'HE' && typeof lq.code === 'string' && !isRarcForm(lq.code)) return false;
    return true;
  },
};

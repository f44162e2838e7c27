/**
 * Appeal decisions by configurable rules (plan.appealRules): a denial reason is overturned when the
 * appeal carries one of the evidence kinds its rule names; otherwise it is upheld. A claim whose
 * remarks include a "no appeal rights" RARC (MA130, N211) cannot be appealed: it must be corrected.
 * An overturn reverses the denial (CLP02 22) and re-adjudicates the claim with the overturned reasons
 * waived, from its original receipt date, so it can still be priced, reduced or partly denied.
 */
import { adjudicate, reverse } from './adjudicate.ts';
import type { SandboxState } from './state.ts';
import type { AdjudicationOutcome, AppealEvidenceKind, ClaimAdjudication, SandboxPlan } from './types.ts';

export interface AppealEvidence {
  kind: AppealEvidenceKind;
  /** E.g. the authorization number for `authorization-number`. Not logged. */
  reference?: string;
}

export interface AppealRequest {
  payerClaimControlNumber: string;
  evidence: AppealEvidence[];
}

export interface AppealDecision {
  decision: 'overturned' | 'partially-overturned' | 'upheld' | 'not-appealable' | 'not-found';
  /** Denial reasons found on the claim, e.g. ["CO-197"]. */
  disputed: string[];
  overturned: string[];
  upheld: string[];
  /** For an overturn: the reversal of the denial, then the new adjudication. */
  outcomes: AdjudicationOutcome[];
  state: SandboxState;
}

const NO_APPEAL_RIGHTS = ['MA130', 'N211'];
const NOT_DENIALS = new Set(['CO-45', 'CO-23']);

/** The denial reasons (group-code), claim level first, of an adjudication. */
export function denialReasons(a: ClaimAdjudication): string[] {
  const out = new Set<string>();
  if (a.denialReason) out.add(a.denialReason);
  for (const l of a.lines)
    for (const x of l.adjustments) {
      const r = `${x.group}-${x.reason}`;
      if (x.group === 'CO' && !NOT_DENIALS.has(r)) out.add(r);
    }
  return [...out];
}

export function decideAppeal(req: AppealRequest, plan: SandboxPlan, state: SandboxState, today: string): AppealDecision {
  const rec = state.claims[req.payerClaimControlNumber];
  if (!rec || rec.reversedBy) return { decision: 'not-found', disputed: [], overturned: [], upheld: [], outcomes: [], state };
  const a = rec.adjudication;
  const disputed = denialReasons(a);
  const remarks = [...a.remarks, ...a.lines.flatMap((l) => l.remarks)];
  if (remarks.some((r) => NO_APPEAL_RIGHTS.includes(r)))
    return { decision: 'not-appealable', disputed, overturned: [], upheld: disputed, outcomes: [], state };
  const kinds = new Set(req.evidence.map((e) => e.kind));
  const overturned = disputed.filter((r) =>
    plan.appealRules.some((rule) => rule.reason === r && rule.overturnWith.some((k) => kinds.has(k))),
  );
  const upheld = disputed.filter((r) => !overturned.includes(r));
  if (overturned.length === 0) return { decision: 'upheld', disputed, overturned, upheld, outcomes: [], state };
  const claim = { ...rec.claim };
  const auth = req.evidence.find((e) => e.kind === 'authorization-number' && e.reference);
  if (auth?.reference) claim.authorizationNumber = auth.reference;
  const reversed = reverse(rec, state, today);
  // Re-adjudicate as an original from the original receipt date; the reversal freed its duplicate fingerprint.
  const again = adjudicate({ ...claim, frequencyCode: '1' }, plan, reversed.state, {
    today,
    receivedDate: a.receivedDate,
    waive: new Set(overturned),
  });
  return {
    decision: upheld.length ? 'partially-overturned' : 'overturned',
    disputed,
    overturned,
    upheld,
    outcomes: [reversed.reversal, ...again.outcomes],
    state: again.state,
  };
}

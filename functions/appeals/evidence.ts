/**
 * What evidence an appeal of a denial carries, by its reason codes. Pure: the claim and the patient's
 * authorizations are inputs.
 */
import type { AppealEvidence, AppealEvidenceKind } from '#schemas/appeal-packet.ts';
import { AUTHORIZING_STATUSES, type Authorization } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';

/** The evidence kind each disputable reason asks for; any other reason is argued with the medical records. */
const kindByReason: Readonly<Record<string, AppealEvidenceKind>> = {
  'CO-197': 'authorization-number',
  'CO-15': 'authorization-number',
  'CO-50': 'medical-records',
  'CO-55': 'medical-records',
  'CO-56': 'medical-records',
  'CO-29': 'proof-of-timely-filing',
  'CO-22': 'primary-eob',
  'CO-23': 'primary-eob',
};

const descriptions: Readonly<Record<AppealEvidenceKind, string>> = {
  'authorization-number': 'Prior authorization issued by the payer for the denied service',
  'medical-records': 'Medical records supporting the medical necessity of the denied service',
  'proof-of-timely-filing': 'Proof of timely filing: the original submission and its acknowledgement',
  'primary-eob': "The primary payer's explanation of benefits (remittance) for this claim",
  'corrected-modifier': 'Corrected coding with the modifier that applies',
  'remittance-advice': 'Copy of the remittance advice showing the denial',
};

/** The evidence kind a reason code (`CO-50`) asks for. */
export function evidenceKindFor(reason: string): AppealEvidenceKind {
  return kindByReason[reason] ?? 'medical-records';
}

/** The description the letter lists for an evidence kind. */
export function evidenceDescription(kind: AppealEvidenceKind): string {
  return descriptions[kind];
}

/** An approved authorization of the claim's payer that covers one of the claim's lines (code and date). */
export function coveringAuthorization(
  claim: Pick<Claim, 'payerId' | 'lines'>,
  authorizations: readonly Authorization[],
): Authorization | undefined {
  return authorizations.find(
    (a) =>
      AUTHORIZING_STATUSES.includes(a.status) &&
      a.payerId === claim.payerId &&
      claim.lines.some(
        (l) =>
          l.procedureCode !== undefined &&
          a.procedureCodes.includes(l.procedureCode) &&
          a.validFrom <= l.serviceDateFrom &&
          l.serviceDateFrom <= a.validThrough,
      ),
  );
}

export interface EvidencePlan {
  readonly evidence: AppealEvidence[];
  /** What could not be found and a person should add before approving. */
  readonly gaps: string[];
}

/**
 * The evidence for the denial's CARC codes (group-code), in the order the codes come, each kind once,
 * then a copy of the remittance. An authorization denial carries the number of an approved
 * authorization that covers the service; without one on file it is argued with the medical records
 * and the gap is named.
 */
export function evidenceFor(
  carc: readonly string[],
  claim: Pick<Claim, 'payerId' | 'lines'>,
  authorizations: readonly Authorization[],
): EvidencePlan {
  const evidence: AppealEvidence[] = [];
  const gaps: string[] = [];
  const add = (item: AppealEvidence) => {
    if (!evidence.some((e) => e.kind === item.kind)) evidence.push(item);
  };
  for (const reason of carc) {
    const kind = evidenceKindFor(reason);
    if (kind !== 'authorization-number') {
      add({ kind, description: descriptions[kind] });
      continue;
    }
    const covering = coveringAuthorization(claim, authorizations);
    if (covering) add({ kind, description: descriptions[kind], reference: covering.authorizationNumber });
    else {
      add({ kind: 'medical-records', description: descriptions['medical-records'] });
      const gap = 'No approved authorization on file covers the denied service: attach a retro-authorization if one was granted';
      if (!gaps.includes(gap)) gaps.push(gap);
    }
  }
  if (evidence.length === 0) add({ kind: 'medical-records', description: descriptions['medical-records'] });
  add({ kind: 'remittance-advice', description: descriptions['remittance-advice'] });
  return { evidence, gaps };
}

/**
 * The evidence a person set when editing the packet: each entry a kind (`medical-records`) or a kind
 * with its reference (`authorization-number:A-123`); unknown kinds are refused by name.
 */
export function evidenceFromEdit(entries: readonly string[], current: readonly AppealEvidence[]): AppealEvidence[] | { unknown: string[] } {
  const unknown: string[] = [];
  const out: AppealEvidence[] = [];
  for (const entry of entries) {
    const at = entry.indexOf(':');
    const kind = (at < 0 ? entry : entry.slice(0, at)).trim();
    const reference = at < 0 ? undefined : entry.slice(at + 1).trim() || undefined;
    if (!(kind in descriptions)) {
      unknown.push(kind.slice(0, 40));
      continue;
    }
    const k = kind as AppealEvidenceKind;
    const kept = current.find((e) => e.kind === k)?.reference;
    const ref = reference ?? kept;
    if (!out.some((e) => e.kind === k)) out.push({ kind: k, description: descriptions[k], ...(ref ? { reference: ref } : {}) });
  }
  return unknown.length ? { unknown } : out;
}

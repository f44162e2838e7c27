/**
 * Drafting an appeal, pure: from the claim, its denial work item, the payer's profile and the patient's
 * record, the Appeal record, the packet (with its letter) and the approval work item. Ids are derived
 * from the claim, the denial item and the level, so a retried draft is the same draft.
 */
import { addDays } from '#functions/claims/calendar.ts';
import { stableId } from '#functions/platform/stable-id.ts';
import type { Appeal } from '#schemas/appeal.ts';
import type { AppealPacket } from '#schemas/appeal-packet.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { Claim } from '#schemas/claim.ts';
import type { Coverage } from '#schemas/coverage.ts';
import type { Patient } from '#schemas/patient.ts';
import type { PayerProfile } from '#schemas/payer-profile.ts';
import type { Provider } from '#schemas/provider.ts';
import type { OpenWorkItemRequest, WorkItem } from '#schemas/work-item.ts';
import { evidenceFor } from './evidence.ts';
import { formatDollars as dollars } from '#functions/accounts/money.ts';

/** The stable id of the appeal of one denial item at one level. */
export function appealIdFor(claimId: string, denialWorkItemId: string, level: number): string {
  return stableId('APL', claimId, denialWorkItemId, String(level));
}

/** The id of the appeal's approval item in the `appeals` queue. */
export function appealWorkItemIdFor(appealId: string): string {
  return stableId('APW', appealId);
}

/** Where the packet and its letter live in the Reports bucket. */
export const packetKeys = (appealId: string) => ({ packet: `appeals/${appealId}/packet.json`, letter: `appeals/${appealId}/letter.txt` });

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The level an appeal of this denial item is: one past the level an `appeal-upheld` item says was lost, else the first. */
export function appealLevelOf(denial: Pick<WorkItem, 'details'>): number {
  const lost = denial.details.appealLevel;
  return typeof lost === 'number' && Number.isInteger(lost) && lost >= 1 ? lost + 1 : 1;
}

/**
 * The last day the payer accepts this level: the denial item's own appeal deadline when it states one,
 * else the level's days counted from the day the item was raised. Null when the payer has no such level.
 */
export function appealDueDate(
  denial: Pick<WorkItem, 'deadline' | 'details' | 'createdAt'>,
  profile: PayerProfile,
  level: number,
): string | null {
  const rule = profile.appealLevels.find((l) => l.level === level);
  if (!rule) return null;
  if (denial.deadline && denial.details.deadlineBasis === 'appeal') return denial.deadline;
  return addDays(denial.createdAt.slice(0, 10), level === 1 ? profile.appealDeadlineDays : rule.deadlineDays);
}

/** The denial's codes as the item details carry them. */
export function denialCodes(denial: Pick<WorkItem, 'details'>): { carc: string[]; rarc: string[] } {
  return { carc: strings(denial.details.carc), rarc: strings(denial.details.rarc) };
}

export interface DraftInput {
  readonly claim: Claim;
  /** The denial item a person resolved `appeal` (queue `denials`). */
  readonly denial: WorkItem;
  readonly profile: PayerProfile;
  readonly patient: Patient;
  readonly coverage: Coverage;
  readonly provider: Provider | null;
  readonly authorizations: readonly Authorization[];
  readonly level: number;
  readonly dueDate: string;
  /** The execution that drafts it (the work item's raisedBy). */
  readonly raisedBy: string;
  /** When the appeal was first drafted: a retry passes the stored time so the packet comes out identical. */
  readonly draftedAt: string;
}

export interface DraftedAppeal {
  readonly appeal: Appeal;
  readonly packet: AppealPacket;
  readonly letter: string;
  readonly workItem: OpenWorkItemRequest;
}

function providerName(provider: Provider | null): string {
  if (!provider) return 'Billing provider';
  return provider.organizationName ?? ([provider.firstName, provider.lastName].filter(Boolean).join(' ') || 'Billing provider');
}

/** The PHI-free one-line summary of an approval item. */
export function appealSummary(level: number, carc: readonly string[], disputedCents: number, dueDate: string): string {
  return `Level ${level} appeal of ${carc.join(', ') || 'denial'}: ${dollars(disputedCents)} disputed; approve, edit or reject by ${dueDate}`.slice(
    0,
    300,
  );
}

/** Drafts the appeal (see the module comment); `appealLetter` renders the letter from the packet. */
export function draftAppealPacket(input: DraftInput, letterOf: (packet: AppealPacket) => string): DraftedAppeal {
  const { claim, denial, profile, patient, coverage, level, dueDate } = input;
  const appealId = appealIdFor(claim.claimId, denial.workItemId, level);
  const { carc, rarc } = denialCodes(denial);
  const { evidence, gaps } = evidenceFor(carc, claim, input.authorizations);
  const rule = profile.appealLevels.find((l) => l.level === level);
  const dates = claim.lines.flatMap((l) => [l.serviceDateFrom, l.serviceDateTo]).sort();
  const reasonCodes = [...carc, ...rarc].slice(0, 50);
  const remittanceId = text(denial.details.remittanceId);
  const packet: AppealPacket = {
    packetVersion: 1,
    appealId,
    claimId: claim.claimId,
    accountId: claim.accountId,
    payerId: claim.payerId,
    payerName: profile.name,
    level,
    levelName: rule?.name ?? `Level ${level} appeal`,
    dueDate,
    denialWorkItemId: denial.workItemId,
    ...(remittanceId ? { remittanceId } : {}),
    payerClaimControlNumber: text(denial.details.payerClaimControlNumber) ?? claim.payerClaimControlNumber ?? claim.patientControlNumber,
    reasonCodes: reasonCodes.length ? reasonCodes : ['denial'],
    carc,
    rarc,
    category: text(denial.details.category) ?? denial.kind,
    disputedCents: denial.amountCents,
    evidence,
    gaps,
    claim: {
      claimType: claim.claimType,
      patientControlNumber: claim.patientControlNumber,
      totalChargeCents: claim.totalChargeCents,
      serviceDateFrom: dates[0]!,
      serviceDateTo: dates.at(-1)!,
      diagnoses: claim.diagnoses.map((d) => d.code),
      lines: claim.lines.map((l) => ({
        lineNumber: l.lineNumber,
        ...(l.procedureCode ? { procedureCode: l.procedureCode } : {}),
        ...(l.revenueCode ? { revenueCode: l.revenueCode } : {}),
        modifiers: [...l.modifiers],
        units: l.units,
        serviceDateFrom: l.serviceDateFrom,
        chargeCents: l.chargeCents,
      })),
    },
    patient: {
      name: [patient.firstName, patient.middleName, patient.lastName].filter(Boolean).join(' '),
      dateOfBirth: patient.dateOfBirth,
      memberId: coverage.memberId,
    },
    provider: { name: providerName(input.provider), npi: input.provider?.npi ?? '0000000000' },
    draftedAt: input.draftedAt,
  };
  const appeal: Appeal = {
    appealId,
    claimId: claim.claimId,
    accountId: claim.accountId,
    payerId: claim.payerId,
    level,
    status: 'awaiting-approval',
    dueDate,
    reasonCodes: packet.reasonCodes.map((c) => c.slice(0, 10)),
    evidence: evidence.map((e) => e.kind),
    disputedCents: denial.amountCents,
    createdAt: input.draftedAt,
  };
  const keys = packetKeys(appealId);
  const workItem: OpenWorkItemRequest = {
    workItemId: appealWorkItemIdFor(appealId),
    queue: 'appeals',
    kind: `level-${level}`,
    claimId: claim.claimId,
    payerId: claim.payerId,
    amountCents: denial.amountCents,
    deadline: dueDate,
    summary: appealSummary(level, carc, denial.amountCents, dueDate),
    // Codes, ids and counts only: the packet and letter (PHI) are named by key, never copied here.
    details: {
      appealId,
      level,
      denialWorkItemId: denial.workItemId,
      carc: carc.slice(0, 50),
      rarc: rarc.slice(0, 50),
      category: packet.category.slice(0, 200),
      evidence: evidence.map((e) => e.kind),
      gaps: gaps.length,
      packetKey: keys.packet,
      letterKey: keys.letter,
      ...(remittanceId ? { remittanceId } : {}),
      ...(text(denial.details.payerClaimControlNumber) ? { payerClaimControlNumber: String(denial.details.payerClaimControlNumber) } : {}),
    },
    actions: ['approve', 'edit', 'reject'],
    raisedBy: input.raisedBy.slice(0, 256),
  };
  return { appeal, packet, letter: letterOf(packet), workItem };
}

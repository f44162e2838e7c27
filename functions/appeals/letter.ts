/**
 * The appeal letter, written from the packet alone. It carries PHI (the patient's name, date of birth
 * and member id): it is stored beside the packet in the encrypted Reports bucket and nowhere else.
 */
import { formatDollars as dollars } from '#functions/accounts/money.ts';
import type { AppealEvidenceKind, AppealPacket } from '#schemas/appeal-packet.ts';

/** The argument each kind of evidence makes. */
const arguments_: Readonly<Record<AppealEvidenceKind, (packet: AppealPacket) => string>> = {
  'medical-records': () =>
    'The denied service was medically necessary for the condition diagnosed; the enclosed medical records document the findings and the plan of care that required it.',
  'authorization-number': (p) => {
    const number = p.evidence.find((e) => e.kind === 'authorization-number')?.reference;
    return `The service was authorized by your plan before it was provided${number ? ` under authorization number ${number}` : ''}; the authorization is enclosed.`;
  },
  'proof-of-timely-filing': () =>
    'The claim was filed within your timely filing limit; the enclosed proof shows the original submission and its acknowledgement.',
  'primary-eob': () =>
    'The enclosed explanation of benefits of the primary payer establishes the order of benefits and what remains due under your plan.',
  'corrected-modifier': () => 'The enclosed corrected coding shows the modifier that applies to the service as performed.',
  'remittance-advice': () => '',
};

/** The letter text for a packet (plain text, one page). */
export function appealLetter(packet: AppealPacket): string {
  const c = packet.claim;
  const codes = [...packet.carc, ...packet.rarc].join(', ');
  const paragraphs = packet.evidence.map((e) => arguments_[e.kind](packet)).filter((text) => text.length > 0);
  const lines = [
    packet.provider.name,
    `NPI ${packet.provider.npi}`,
    '',
    packet.draftedAt.slice(0, 10),
    '',
    packet.payerName,
    'Appeals department',
    '',
    `Re: ${packet.levelName} (level ${packet.level}) of claim ${packet.payerClaimControlNumber}`,
    `Patient: ${packet.patient.name}, date of birth ${packet.patient.dateOfBirth}, member id ${packet.patient.memberId}`,
    `Our claim number: ${c.patientControlNumber}; dates of service ${c.serviceDateFrom} to ${c.serviceDateTo}; billed ${dollars(c.totalChargeCents)}`,
    `Denial: ${codes}${packet.remittanceId ? `; remittance ${packet.remittanceId}` : ''}; amount in dispute ${dollars(packet.disputedCents)}`,
    `Appeal deadline: ${packet.dueDate}`,
    '',
    'To the appeals department:',
    '',
    `We request reconsideration of your denial (${codes}) of the claim above and payment of the amount in dispute.`,
    ...paragraphs.flatMap((p) => ['', p]),
    ...(packet.note ? ['', packet.note] : []),
    '',
    'Services billed:',
    ...c.lines.map(
      (l) =>
        `  Line ${l.lineNumber}: ${l.procedureCode ?? l.revenueCode ?? 'service'}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} x${l.units} on ${l.serviceDateFrom}, billed ${dollars(l.chargeCents)}`,
    ),
    ...(c.diagnoses.length ? [`Diagnoses: ${c.diagnoses.join(', ')}`] : []),
    '',
    'Enclosed:',
    ...packet.evidence.map((e, i) => `  ${i + 1}. ${e.description}${e.reference ? ` (${e.reference})` : ''}`),
    '',
    'Sincerely,',
    `Patient accounts, ${packet.provider.name}`,
    '',
  ];
  return lines.join('\n');
}

/**
 * Our stored records (schemas/) → the X12 engine's 837 model, 837P (005010X222A1) or 837I
 * (005010X223A2), and a batch of such claims for one payer → one interchange.
 *
 * Built loop by loop: claim837-hierarchy.ts (2000A billing provider, 2000B subscriber, 2000C patient),
 * claim837-claim-loop.ts (2300 claim, 2310 providers), claim837-service-lines.ts (2400),
 * claim837-other-payer.ts (2320/2330/2430 coordination of benefits); claim837-checks.ts names what
 * keeps records from making a valid 837; claim837-types.ts holds the builders' inputs and outputs.
 *
 * Choices where our contracts lack something the guides want (each is also noted where it is made):
 * - CLM06 provider signature `Y`, CLM07 assignment `A`, CLM08 benefits assignment `Y`, CLM09 release
 *   `Y`, OI (2320) likewise: the hospital keeps signature, assignment and release on file at registration.
 * - SBR09 claim filing indicator: `claimFilingIndicator` on the input, default `CI` (commercial).
 * - 837P CLM05-1 place of service: the most frequent line place of service, `11` (office) when no line
 *   has one; SV105 is sent only on lines that differ (the guide's rule).
 * - 837I CLM05-1 facility type: the first two digits of `institutional.typeOfBill`; CLM05-3 is always
 *   `claim.frequencyCode` (the contract's field governs even if the bill type's third digit differs).
 * - 837I admission date (DTP*435) is sent as `D8`: the contract holds no admission hour.
 * - The coverage's `memberId` is taken as the subscriber's id (NM1*IL); a patient who is not the
 *   subscriber goes in the 2000C patient loop. Payers that issue dependents their own ids should have
 *   the dependent recorded as `self` on their own coverage.
 * - REF*6R (line item control number) is the line number, so that the 835 SVC lines map back to our lines.
 * - REF*EA carries the medical record number (situational: lets the payer's record requests name the chart).
 * - Lines: unit basis `UN`, except 837I accommodation revenue codes (0100-0219), which count days (`DA`).
 * - 2330B NM109 (the payer id) is `PayerProfile.payerId`: our payer ids are the ones the clearinghouse routes on.
 */
import { TS837I, TS837P, writeInterchange } from '#functions/x12/index.ts';
import type { ClaimDocument837, ControlNumberSource } from '#functions/x12/index.ts';
import { interchangeParties, recordingControls, stamp, x12Text } from './common.ts';
import { checkAll } from './claim837-checks.ts';
import { billingProviderLoops } from './claim837-hierarchy.ts';
import type { Batch837Parties, Claim837Input, Document837, Header837, Written837Batch } from './claim837-types.ts';

/** BHT and the 1000A submitter and 1000B receiver loops of every transaction set of the batch. */
function documentHeader(header: Header837): Omit<ClaimDocument837, 'billingProviders'> {
  const { date, time } = stamp(header.now);
  const s = header.submitter;
  const numbers = [
    ...(s.contactPhone ? [{ qualifier: 'TE', number: s.contactPhone }] : []),
    ...(s.contactEmail ? [{ qualifier: 'EM', number: s.contactEmail.trim() }] : []),
  ];
  return {
    beginning: { purposeCode: '00', referenceId: header.batchId, date, time, transactionTypeCode: 'CH' },
    submitter: {
      entityType: '2',
      lastName: x12Text(s.name, 60),
      idQualifier: '46',
      id: s.id,
      contacts: [{ functionCode: 'IC', name: x12Text(s.contactName, 60), numbers }],
    },
    receiver: { entityType: '2', lastName: x12Text(header.receiver.name, 60), idQualifier: '46', id: header.receiver.id },
  };
}

/**
 * The 837 transaction sets for claims to one payer: one per claim type (837P, 837I), each with one
 * 2000A billing provider loop per billing provider, one 2000B subscriber loop per subscriber (a
 * subscriber's own claims and their dependents' claims in separate loops) and one 2000C loop per
 * dependent patient (claim837-hierarchy.ts). Claims keep their input order within their loops.
 * Throws `ExchangeInputError` naming every field at fault.
 */
export function claimDocuments837(inputs: readonly Claim837Input[], header: Header837): Document837[] {
  checkAll(inputs, header);
  const head = documentHeader(header);
  const out: Document837[] = [];
  for (const claimType of ['837P', '837I'] as const) {
    const mine = inputs.filter((i) => i.claim.claimType === claimType);
    if (mine.length === 0) continue;
    out.push({
      claimType,
      def: claimType === '837P' ? TS837P : TS837I,
      document: { ...head, billingProviders: billingProviderLoops(mine) },
      patientControlNumbers: mine.map((i) => i.claim.patientControlNumber),
    });
  }
  return out;
}

/**
 * The engine's 837 model for one claim (837P or 837I by `claim.claimType`).
 * Throws `ExchangeInputError` naming every field at fault.
 */
export function claimDocument837(input: Claim837Input, header: Header837): ClaimDocument837 {
  return (claimDocuments837([input], header)[0] as Document837).document;
}

/**
 * Writes claims to one payer as one interchange: an 837P and/or an 837I transaction set (each in its
 * own functional group), grouped by billing provider and subscriber as the guides require. Returns the
 * X12 with the control numbers the payer's 999 (AK1/AK2) and 277CA will refer to.
 * Throws `ExchangeInputError` for records that cannot make a valid claim, and the engine's
 * `X12Error` if a value breaks the guide (e.g. a code of the wrong length).
 */
export function write837Batch(inputs: readonly Claim837Input[], parties: Batch837Parties, controls: ControlNumberSource): Written837Batch {
  const docs = claimDocuments837(inputs, parties);
  const envelope = interchangeParties(parties.interchange, parties.now);
  const { controls: recording, issued } = recordingControls(controls);
  const x12 = writeInterchange(
    envelope,
    docs.map((d) => ({ def: d.def, model: d.document as unknown as Record<string, unknown> })),
    recording,
  );
  // writeInterchange puts each guide in its own group, in first-seen order, one transaction set each here.
  const transactionSets = docs.map((d, i) => ({
    claimType: d.claimType,
    groupControlNumber: issued.group[i] ?? '',
    controlNumber: issued.transaction[i] ?? '',
    patientControlNumbers: d.patientControlNumbers,
  }));
  return {
    x12,
    payerId: inputs[0]?.payer.payerId ?? '',
    interchangeControlNumber: issued.interchange[0] ?? '',
    claimCount: inputs.length,
    totalChargeCents: inputs.reduce((s, i) => s + i.claim.totalChargeCents, 0),
    transactionSets,
  };
}

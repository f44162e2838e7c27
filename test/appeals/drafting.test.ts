/**
 * Drafting an appeal as a billing team would read it: the letter argues what the denial's codes ask for,
 * lists the evidence, names the deadline, and only the packet and the letter carry the patient's details.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appealDueDate,
  appealIdFor,
  appealLetter,
  appealLevelOf,
  draftAppealPacket,
  evidenceFromEdit,
  secondsUntilDue,
  secondsUntilEscalation,
  upheldDenialItem,
  type DraftInput,
} from '#functions/appeals/index.ts';
import { currentItem } from '#functions/queues/work-items.ts';
import type { Authorization } from '#schemas/authorization.ts';
import type { WorkItem } from '#schemas/work-item.ts';
import { claim, COMMERCIAL, coverage, hospital, line, patient } from '#test/payers/exchange/fixtures.ts';

const ana = patient('PAT-7001', { firstName: 'Ana', lastName: 'Appellant', dateOfBirth: '1975-02-14' });
const anaCoverage = coverage(ana, 'AUTH70001');
const therapy = claim('PCN-AP1', anaCoverage, [line('99213', 15_000), line('97110', 6_400, { units: 2 })], {
  diagnoses: [{ code: 'I10' }],
  payerClaimControlNumber: 'SBXCOMM0100000042',
});
const mri = claim('PCN-AP2', anaCoverage, [line('72148', 120_000, { serviceDateFrom: '2026-03-02', serviceDateTo: '2026-03-02' })], {
  diagnoses: [{ code: 'M54.5' }],
});

const denial = (carc: string[], over: Partial<WorkItem> = {}): WorkItem => ({
  workItemId: 'DEN-1',
  queue: 'denials',
  kind: 'appealable',
  status: 'resolved',
  claimId: therapy.claimId,
  payerId: COMMERCIAL.payerId,
  amountCents: 6_400,
  deadline: '2026-07-19',
  summary: `${carc.join(', ')} appealable`,
  details: {
    carc,
    rarc: ['N115'],
    category: 'appealable',
    remittanceId: 'REM-9',
    payerClaimControlNumber: 'SBXCOMM0100000042',
    deadlineBasis: 'appeal',
  },
  actions: ['appeal', 'write-off'],
  createdAt: '2026-01-21T10:00:00Z',
  raisedBy: 'PostRemittance',
  awaited: false,
  resolution: { action: 'appeal', reason: 'documented necessity', decidedBy: 'biller-1', decidedAt: '2026-01-22T09:00:00Z' },
  ...over,
});

const input = (over: Partial<DraftInput> = {}): DraftInput => ({
  claim: therapy,
  denial: denial(['CO-50']),
  profile: COMMERCIAL,
  patient: ana,
  coverage: anaCoverage,
  provider: hospital,
  authorizations: [],
  level: 1,
  dueDate: '2026-07-19',
  raisedBy: 'arn:exec:life-1',
  draftedAt: '2026-01-22T09:05:00Z',
  ...over,
});

const authorization = (over: Partial<Authorization> = {}): Authorization => ({
  authorizationId: 'AUTHREC-1',
  patientId: ana.patientId,
  payerId: COMMERCIAL.payerId,
  authorizationNumber: 'AUTH-OK',
  status: 'approved',
  procedureCodes: ['72148'],
  validFrom: '2026-01-01',
  validThrough: '2026-12-31',
  ...over,
});

const phi = [ana.firstName, ana.lastName, ana.dateOfBirth, anaCoverage.memberId];

describe('an appeal packet is drafted from the denial', () => {
  it('argues a CO-50 with the medical records, by the deadline, for the disputed amount', () => {
    const { packet, letter, appeal, workItem } = draftAppealPacket(input(), appealLetter);
    expect(packet.evidence.map((e) => e.kind)).toEqual(['medical-records', 'remittance-advice']);
    expect(packet.gaps).toEqual([]);
    expect(appeal).toMatchObject({
      status: 'awaiting-approval',
      level: 1,
      dueDate: '2026-07-19',
      reasonCodes: ['CO-50', 'N115'],
      evidence: ['medical-records', 'remittance-advice'],
      disputedCents: 6_400,
    });
    for (const text of [
      'Re: First-level appeal (level 1) of claim SBXCOMM0100000042',
      'Patient: Ana Appellant, date of birth 1975-02-14, member id AUTH70001',
      'Denial: CO-50, N115; remittance REM-9; amount in dispute $64.00',
      'Appeal deadline: 2026-07-19',
      'medically necessary',
      '1. Medical records supporting the medical necessity of the denied service',
      '2. Copy of the remittance advice showing the denial',
      'Line 2: 97110 x2 on 2026-01-10, billed $64.00',
      'Diagnoses: I10',
      'Example General Hospital',
    ])
      expect(letter).toContain(text);
    expect(workItem).toMatchObject({
      queue: 'appeals',
      kind: 'level-1',
      actions: ['approve', 'edit', 'reject'],
      deadline: '2026-07-19',
      amountCents: 6_400,
      summary: 'Level 1 appeal of CO-50: $64.00 disputed; approve, edit or reject by 2026-07-19',
    });
  });

  it('keeps the patient only in the packet and the letter, never in the appeal record or the work item', () => {
    const { packet, letter, appeal, workItem } = draftAppealPacket(input(), appealLetter);
    for (const value of phi) {
      expect(JSON.stringify(packet)).toContain(value);
      expect(letter).toContain(value);
      expect(JSON.stringify(workItem)).not.toContain(value);
      expect(JSON.stringify(appeal)).not.toContain(value);
    }
  });

  it('argues an authorization denial with the number of the authorization that covers the service', () => {
    const covered = draftAppealPacket(
      input({ claim: mri, denial: denial(['CO-197'], { claimId: mri.claimId }), authorizations: [authorization()] }),
      appealLetter,
    );
    expect(covered.packet.evidence[0]).toMatchObject({ kind: 'authorization-number', reference: 'AUTH-OK' });
    expect(covered.letter).toContain('under authorization number AUTH-OK');
    // An authorization for another code, another payer, a date outside it, or one not approved covers nothing.
    for (const other of [
      authorization({ procedureCodes: ['70553'] }),
      authorization({ payerId: 'OTHER' }),
      authorization({ validThrough: '2026-02-28' }),
      authorization({ status: 'pended' }),
    ]) {
      const uncovered = draftAppealPacket(
        input({ claim: mri, denial: denial(['CO-15'], { claimId: mri.claimId }), authorizations: [other] }),
        appealLetter,
      );
      expect(uncovered.packet.evidence.map((e) => e.kind)).toEqual(['medical-records', 'remittance-advice']);
      expect(uncovered.packet.gaps).toHaveLength(1);
      expect(uncovered.workItem.details.gaps).toBe(1);
    }
  });

  it.each([
    [['CO-29'], ['proof-of-timely-filing'], 'timely filing limit'],
    [['CO-22'], ['primary-eob'], 'explanation of benefits of the primary payer'],
    [['CO-23'], ['primary-eob'], 'explanation of benefits of the primary payer'],
    [['CO-55'], ['medical-records'], 'medically necessary'],
    [['CO-56'], ['medical-records'], 'medically necessary'],
    [['CO-96'], ['medical-records'], 'medically necessary'],
    [['CO-29', 'CO-50', 'CO-29'], ['proof-of-timely-filing', 'medical-records'], 'timely filing limit'],
  ])('asks for the evidence %j calls for', (carc, kinds, argument) => {
    const { packet, letter } = draftAppealPacket(input({ denial: denial(carc) }), appealLetter);
    expect(packet.evidence.map((e) => e.kind)).toEqual([...kinds, 'remittance-advice']);
    expect(letter).toContain(argument);
  });

  it('files the next level after an upheld appeal, by the deadline the upheld item carries', () => {
    const upheld = denial(['CO-50'], {
      kind: 'appeal-upheld',
      deadline: '2026-04-01',
      details: { ...denial(['CO-50']).details, appealLevel: 1 },
    });
    expect(appealLevelOf(upheld)).toBe(2);
    expect(appealDueDate(upheld, COMMERCIAL, 2)).toBe('2026-04-01');
    expect(appealDueDate(upheld, COMMERCIAL, 3)).toBeNull();
    expect(appealLevelOf(denial(['CO-50']))).toBe(1);
    // Without an appeal deadline on the item, the level's days run from the day it was raised.
    expect(appealDueDate(denial(['CO-50'], { deadline: undefined }), COMMERCIAL, 1)).toBe('2026-07-20');
    const { workItem, packet } = draftAppealPacket(input({ denial: upheld, level: 2, dueDate: '2026-04-01' }), appealLetter);
    expect(workItem.kind).toBe('level-2');
    expect(packet.levelName).toBe('Second-level appeal');
    expect(workItem.workItemId).not.toBe(draftAppealPacket(input(), appealLetter).workItem.workItemId);
  });

  it('a retried draft is the same draft: same ids, same packet, same letter', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/);
    fc.assert(
      fc.property(
        id,
        id,
        fc.integer({ min: 1, max: 2 }),
        fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
        (claimId, denialId, level, at) => {
          const once = input({
            claim: { ...therapy, claimId },
            denial: denial(['CO-50'], { workItemId: denialId, claimId }),
            level,
            draftedAt: at.toISOString(),
          });
          const first = draftAppealPacket(once, appealLetter);
          const again = draftAppealPacket({ ...once }, appealLetter);
          expect(again).toEqual(first);
          expect(first.appeal.appealId).toBe(appealIdFor(claimId, denialId, level));
          expect(appealIdFor(claimId, denialId, level + 1)).not.toBe(first.appeal.appealId);
          expect(appealIdFor(claimId, `${denialId}x`, level)).not.toBe(first.appeal.appealId);
        },
      ),
    );
  });
});

describe('the wait for approval', () => {
  it('escalates a week before the due date ends and ends with it, in whole seconds, never under a minute', () => {
    const now = new Date('2026-07-01T00:00:00Z');
    expect(secondsUntilDue('2026-07-19', now)).toBe(19 * 86_400);
    expect(secondsUntilEscalation('2026-07-19', now)).toBe(12 * 86_400);
    expect(secondsUntilEscalation('2026-07-05', now)).toBe(60);
    expect(secondsUntilDue('2026-06-01', now)).toBe(60);
    expect(secondsUntilEscalation('2026-07-01', new Date('2026-07-01T23:59:30Z'))).toBe(60);
  });
});

describe('what a person decides on the packet', () => {
  it('an edit replaces the evidence by kind, keeps a known reference, and refuses unknown kinds by name', () => {
    const current = [{ kind: 'authorization-number' as const, description: 'x', reference: 'AUTH-OK' }];
    expect(evidenceFromEdit(['authorization-number', 'medical-records:chart 12'], current)).toEqual([
      expect.objectContaining({ kind: 'authorization-number', reference: 'AUTH-OK' }),
      expect.objectContaining({ kind: 'medical-records', reference: 'chart 12' }),
    ]);
    expect(evidenceFromEdit(['x-rays', 'medical-records'], current)).toEqual({ unknown: ['x-rays'] });
  });

  it('an upheld appeal offers the next level where the payer has one, else only a write-off', () => {
    const { appeal, packet } = draftAppealPacket(input(), appealLetter);
    const first = upheldDenialItem(appeal, packet, 'upheld', COMMERCIAL, '2026-03-01', 'SubmitAppeal');
    expect(first.nextLevel).toBe(true);
    expect(first.item).toMatchObject({
      queue: 'denials',
      kind: 'appeal-upheld',
      actions: ['appeal', 'write-off'],
      amountCents: 6_400,
      deadline: '2026-04-30',
      details: expect.objectContaining({ appealLevel: 1, deadlineBasis: 'appeal', carc: ['CO-50'] }),
    });
    const last = upheldDenialItem({ ...appeal, level: 2 }, packet, 'upheld', COMMERCIAL, '2026-05-01', 'SubmitAppeal');
    expect(last).toMatchObject({ nextLevel: false, item: { actions: ['write-off'] } });
    expect(last.item.deadline).toBeUndefined();
    const unappealable = upheldDenialItem(appeal, packet, 'not-appealable', COMMERCIAL, '2026-03-01', 'SubmitAppeal');
    expect(unappealable).toMatchObject({ nextLevel: false, item: { actions: ['write-off'] } });
    for (const value of phi) expect(JSON.stringify(first.item)).not.toContain(value);
  });
});

describe('which item a workflow waits on', () => {
  const item = (id: string, createdAt: string, decidedAt?: string): WorkItem => ({
    ...denial(['CO-50'], { workItemId: id, createdAt }),
    status: decidedAt ? 'resolved' : 'open',
    ...(decidedAt ? { resolution: { action: 'write-off' as const, reason: 'r..', decidedBy: 'b', decidedAt } } : { resolution: undefined }),
  });
  it('is the newest open item, else the one decided last, whatever the id order', () => {
    const old = item('Z-OLD', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
    const newer = item('A-NEW', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z');
    const open = item('M-OPEN', '2026-02-01T00:00:00Z');
    expect(currentItem([old, newer])?.workItemId).toBe('A-NEW');
    expect(currentItem([newer, old])?.workItemId).toBe('A-NEW');
    expect(currentItem([old, open, newer])?.workItemId).toBe('M-OPEN');
    expect(currentItem([])).toBeUndefined();
  });
});

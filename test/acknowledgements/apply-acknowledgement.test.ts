import { describe, expect, it } from 'vitest';
import { applyAcknowledgement, checkAcknowledgementFile, interchangeOf } from '#functions/acknowledgements/apply-acknowledgement.ts';
import { read277ca } from '#functions/payers/exchange/index.ts';
import type { Store } from '#functions/store/index.ts';
import { ack277ca, ack999, ACK_PHI } from '#test/acknowledgements/fixtures.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const whole999 = ack999(7);

/** A store that fails the test if the file is read against it or written to. */
const untouchable = new Proxy({} as Store, {
  get: (_target, repository) => {
    throw new Error(`a broken file reached the store (${String(repository)})`);
  },
});

describe('an acknowledgement is checked whole before any claim is touched', () => {
  it('finds nothing wrong with a whole 999 or 277CA', () => {
    expect(checkAcknowledgementFile(bytes(whole999))).toBeUndefined();
    expect(checkAcknowledgementFile(bytes(ack277ca))).toBeUndefined();
  });

  it('names the byte where a 277CA is cut mid-segment', () => {
    const at = ack277ca.indexOf('STC*A3');
    expect(checkAcknowledgementFile(bytes(ack277ca.slice(0, at + 8)))).toEqual({
      reason: expect.stringMatching(/^TRUNCATED: /),
      byteOffset: at,
    });
  });

  it('names the missing SE (not the GE and IEA after it) and the segment the file ends on', () => {
    expect(checkAcknowledgementFile(bytes(whole999.slice(0, whole999.indexOf('SE*'))))).toEqual({
      reason: expect.stringMatching(/^MISSING_SE: /),
      byteOffset: whole999.indexOf('AK9'),
      segment: 'AK9',
    });
  });

  it('refuses a file whose SE01 count is off (segments lost or added), and one cut after its SE or GE', () => {
    expect(checkAcknowledgementFile(bytes(whole999.replace('SE*6*', 'SE*5*')))).toMatchObject({
      reason: expect.stringMatching(/^SE_COUNT: /),
      segment: 'SE',
    });
    expect(checkAcknowledgementFile(bytes(whole999.slice(0, whole999.indexOf('GE*'))))).toMatchObject({
      reason: expect.stringMatching(/^MISSING_GE: /),
    });
    expect(checkAcknowledgementFile(bytes(ack277ca.slice(0, ack277ca.indexOf('IEA*'))))).toMatchObject({
      reason: expect.stringMatching(/^MISSING_IEA: /),
    });
  });

  it('comes back unreadable without touching the store, and says nothing of the file content', async () => {
    for (const [kind, text] of [
      ['277CA', ack277ca.slice(0, ack277ca.indexOf('STC*A3') + 8)],
      ['277CA', ack277ca.slice(0, ack277ca.indexOf('SE*'))],
      ['999', whole999.slice(0, whole999.indexOf('SE*'))],
    ] as const) {
      const outcome = await applyAcknowledgement(untouchable, { kind, body: bytes(text), arrivedAt: '2026-11-27T10:00:00Z' });
      expect(outcome).toMatchObject({
        kind,
        status: 'unreadable',
        accepted: 0,
        rejected: 0,
        alreadyApplied: 0,
        superseded: 0,
        unmatched: 0,
      });
      expect(outcome.problem?.byteOffset).toBeGreaterThan(0);
      for (const phi of ACK_PHI) expect(JSON.stringify(outcome)).not.toContain(phi);
    }
  });
});

describe('an acknowledgement file holds what it is applied as, whole, or a person sees it', () => {
  const arrivedAt = '2026-11-27T10:00:00Z';
  // A 4010-style 997 in a functional-acknowledgement group: routed as a 999 by its GS01 (FA).
  const as997 = whole999.replace('ST*999*0001*005010X231A1~', 'ST*997*0001~').replace('IK5*A~', 'AK5*A~');
  const without = (text: string, segment: string, count: string): string => {
    const at = text.indexOf(segment);
    return (text.slice(0, at) + text.slice(text.indexOf('~', at) + 1)).replace(/SE\*\d+\*/, `SE*${count}*`);
  };

  it('a 997 where 999s are applied is not skipped as if empty: the file is unread, with where and why', async () => {
    expect(checkAcknowledgementFile(bytes(as997), '999')).toEqual({
      reason: 'UNREAD_TRANSACTION_SET: transaction set 997 005010X231A1 in a file read for 999 005010X231A1',
      byteOffset: as997.indexOf('ST*997'),
      segment: 'ST',
    });
    const outcome = await applyAcknowledgement(untouchable, { kind: '999', body: bytes(as997), arrivedAt });
    expect(outcome).toMatchObject({ status: 'unreadable', accepted: 0, rejected: 0 });
    // A 999 where a 277CA is expected is the same case.
    expect(checkAcknowledgementFile(bytes(whole999), '277CA')?.reason).toMatch(/^UNREAD_TRANSACTION_SET: transaction set 999 /);
  });

  it('a 999 without its AK9, or a 277CA without its claims, comes back unreadable instead of failing the step', async () => {
    const noAk9 = without(whole999, 'AK9*', '5');
    expect(checkAcknowledgementFile(bytes(noAk9))).toBeUndefined(); // whole, as an envelope
    expect(checkAcknowledgementFile(bytes(noAk9), '999')).toMatchObject({
      reason: 'INCOMPLETE_ACKNOWLEDGEMENT: the 999 lacks AK9 (the group response), which applying it reads',
      byteOffset: noAk9.indexOf('ST*'),
      segment: 'ST',
    });
    const noClaims = ack277ca.slice(0, ack277ca.indexOf('HL*2*')) + ack277ca.slice(ack277ca.indexOf('SE*'));
    for (const [kind, text] of [
      ['999', noAk9],
      ['277CA', noClaims.replace(/SE\*\d+\*/, `SE*${noClaims.slice(noClaims.indexOf('ST*'), noClaims.indexOf('SE*')).split('~').length}*`)],
    ] as const) {
      const outcome = await applyAcknowledgement(untouchable, { kind, body: bytes(text), arrivedAt });
      expect(outcome).toMatchObject({ status: 'unreadable', problem: { reason: expect.stringMatching(/^INCOMPLETE_ACKNOWLEDGEMENT: /) } });
      for (const phi of ACK_PHI) expect(JSON.stringify(outcome)).not.toContain(phi);
    }
  });

  it('a 277CA claim without its TRN (the patient control number it is matched by) is not skipped unseen', () => {
    const noTrace = ack277ca.replace('TRN*2*PCN-ACK2~', '').replace('SE*31*', 'SE*30*');
    expect(checkAcknowledgementFile(bytes(noTrace), '277CA')?.reason).toBe(
      "INCOMPLETE_ACKNOWLEDGEMENT: the 277CA lacks a claim's TRN (loop 2200D), which applying it reads",
    );
  });

  it('a whole 999 and 277CA still pass as what they are', () => {
    expect(checkAcknowledgementFile(bytes(whole999), '999')).toBeUndefined();
    expect(checkAcknowledgementFile(bytes(ack277ca), '277CA')).toBeUndefined();
  });
});

describe('each interchange of a file is an acknowledgement of its own', () => {
  it('an interchange of several groups is one acknowledgement, dated by its first group, as before', () => {
    const group = ack277ca.slice(ack277ca.indexOf('GS*'), ack277ca.indexOf('IEA*'));
    const later = group.replace('*1100*202*X*', '*1500*203*X*').replace('GE*1*202', 'GE*1*203');
    const twoGroups = ack277ca.replace('IEA*1*', `${later}IEA*2*`);
    const claims = read277ca(twoGroups).claims;
    expect(claims).toHaveLength(4);
    expect(new Set(claims.map((c) => JSON.stringify(c.source))).size).toBe(1);
    expect(claims[3]!.source).toEqual(interchangeOf(bytes(ack277ca)));
    // Pinned: the identity events were recorded under before per-interchange sources, so a file delivered again is recognized.
    expect(interchangeOf(bytes(ack277ca))).toEqual({ tag: '46d52313a0898e95', createdAt: '2026-11-27T11:00:00.000Z' });
    expect(interchangeOf(bytes(whole999))).toEqual({ tag: 'f8d54ce43344b03f', createdAt: '2026-11-27T10:00:00.000Z' });
  });

  it("a clearinghouse's 277CA and the payer's, sent in one file, are both recorded for the claim they share", async () => {
    const clearinghouse = ack277ca
      .replaceAll('000000202', '000000301')
      .replace('*1100*202*X*', '*1100*301*X*')
      .replace('GE*1*202', 'GE*1*301');
    const recorded: string[] = [];
    // A store that answers as the claim store does: an event is recorded once per claim and event id.
    const store = {
      claims: {
        findByPatientControlNumber: async (pcn: string) => [{ claimId: `CLM-${pcn}`, patientControlNumber: pcn, payerId: 'SBXCOMM01' }],
        recordEvent: async (event: { eventId: string; claimId: string }) => {
          const key = `${event.claimId} ${event.eventId}`;
          if (recorded.includes(key)) return { status: 'already-recorded' };
          recorded.push(key);
          return { status: 'recorded', claimStatus: 'accepted' };
        },
      },
      workItems: { open: async () => ({ status: 'opened' }) },
    } as unknown as Store;
    const outcome = await applyAcknowledgement(store, {
      kind: '277CA',
      body: bytes(clearinghouse + ack277ca),
      arrivedAt: '2026-11-27T12:00:00Z',
    });
    expect(outcome).toMatchObject({ status: 'applied', accepted: 2, rejected: 2, alreadyApplied: 0 });
    expect(new Set(recorded.map((r) => r.split(' ')[1])).size).toBe(2);
    // The same file again changes nothing.
    expect(
      await applyAcknowledgement(store, { kind: '277CA', body: bytes(clearinghouse + ack277ca), arrivedAt: '2026-11-28T12:00:00Z' }),
    ).toMatchObject({
      accepted: 0,
      rejected: 0,
      alreadyApplied: 4,
    });
  });
});

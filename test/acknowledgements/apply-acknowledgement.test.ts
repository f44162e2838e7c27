import { describe, expect, it } from 'vitest';
import { applyAcknowledgement, checkAcknowledgementFile } from '#functions/acknowledgements/apply-acknowledgement.ts';
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

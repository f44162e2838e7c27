/**
 * A clerk asks the payer to authorize services before they happen: our records → a 278 request
 * (005010X217) that validates, the sandbox payer's 278 response, and that response read back into a
 * decision a workflow carries, without the patient's name, member id or birth date.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12, sequentialControlNumbers } from '#functions/x12/index.ts';
import { ExchangeInputError, read278, review278, write278 } from '#functions/payers/exchange/index.ts';
import type { Review278Input } from '#functions/payers/exchange/index.ts';
import { SandboxPayer } from '#functions/payers/sandbox/sandbox-payer.ts';
import { THERAPY_UNIT_CAP } from '#functions/payers/sandbox/reviews278.ts';
import {
  casey,
  caseyCoverage,
  COMMERCIAL,
  coverage,
  dana,
  danaCoverage,
  hospital,
  patient,
  phiOf,
} from '#test/payers/exchange/fixtures.ts';

const DAY = 86_400_000;
const interchange = { senderId: 'RCMSUBMITTER', receiverId: 'SANDBOXPAYER', usageIndicator: 'T' as const };
const ctx = { payerId: COMMERCIAL.payerId };

function sandbox(start = '2026-01-05T09:00:00Z') {
  let now = Date.parse(start);
  const payer = new SandboxPayer({ clock: () => new Date(now), inbox: async () => undefined });
  return { payer, now: () => new Date(now).toISOString(), advance: (ms: number) => void (now += ms) };
}

const ask = (extra: Partial<Review278Input> = {}): Review278Input => ({
  patient: dana,
  coverage: danaCoverage,
  provider: hospital,
  payer: COMMERCIAL,
  serviceTypeCode: 'AE',
  placeOfService: '11',
  services: [{ procedureCode: '97110', units: 6 }],
  diagnosisCodes: ['M545'],
  validFrom: '2026-01-10',
  validThrough: '2026-04-09',
  traceNumber: 'AUTH-0001',
  ...extra,
});

const request = (input: Review278Input, now: string, n = 1) => write278(input, { interchange, now }, sequentialControlNumbers(n));

describe('278 request from our records', () => {
  it('validates against X217 in strict conformance, subscriber as patient and as dependent', () => {
    for (const input of [ask(), ask({ patient: casey, coverage: caseyCoverage, traceNumber: 'AUTH-0002' })]) {
      const r = parseX12(request(input, '2026-01-05T09:00:00Z'), { strict: true });
      expect(r.valid).toBe(true);
      expect(r.transactions[0]?.findings).toEqual([]);
    }
    const dependent = review278(ask({ patient: casey, coverage: caseyCoverage }), '2026-01-05T09:00:00Z');
    expect(dependent.umo.requester?.subscriber?.dependent?.event?.services).toHaveLength(1);
    expect(dependent.umo.requester?.subscriber?.event).toBeUndefined();
  });

  it('names the fields at fault, never their values', () => {
    const bad = ask({ services: [{ procedureCode: 'NOPE', units: 0 }], validFrom: '2026-05-01', traceNumber: 'A*B' });
    expect(() => review278(bad, '2026-01-05T09:00:00Z')).toThrow(ExchangeInputError);
    try {
      review278(bad, '2026-01-05T09:00:00Z');
    } catch (e) {
      expect((e as Error).message).toMatch(/services\[0\]\.procedureCode/);
      expect((e as Error).message).not.toContain('NOPE');
    }
  });
});

describe('the sandbox payer answers 278s by its rules, read back without PHI', () => {
  it('certifies in total: the number, the span and the units', async () => {
    const s = sandbox();
    const answer = await s.payer.requestAuthorization(request(ask(), s.now()), ctx);
    expect(parseX12(answer, { strict: true }).valid).toBe(true);
    const r = read278(answer);
    expect(r).toMatchObject({
      outcome: 'approved',
      actionCode: 'A1',
      traceNumber: 'AUTH-0001',
      validFrom: '2026-01-10',
      validThrough: '2026-04-09',
      approvedUnits: 6,
      services: [{ procedureCode: '97110', outcome: 'approved', units: 6 }],
      rejections: [],
    });
    expect(r.authorizationNumber).toMatch(/^SBX\d{7}$/);
    const json = JSON.stringify(r);
    for (const phi of phiOf({ p: dana, c: danaCoverage })) expect(json).not.toContain(phi);
  });

  it('certifies part of a long course of therapy (A2) and denies a code the plan does not cover (A3)', async () => {
    const s = sandbox();
    const partial = read278(
      await s.payer.requestAuthorization(request(ask({ services: [{ procedureCode: '97110', units: 20 }] }), s.now()), ctx),
    );
    expect(partial).toMatchObject({ outcome: 'partially-approved', approvedUnits: THERAPY_UNIT_CAP });
    const denied = read278(
      await s.payer.requestAuthorization(
        request(ask({ services: [{ procedureCode: '0001U', units: 1 }], traceNumber: 'AUTH-0003' }), s.now(), 2),
        ctx,
      ),
    );
    expect(denied).toMatchObject({ outcome: 'denied', actionCode: 'A3', reasonCode: 'NP' });
    expect(denied.authorizationNumber).toBeUndefined();
  });

  it('pends a PEND member for medical review, then certifies when asked again after the review days', async () => {
    const s = sandbox();
    const pend = patient('PAT-2001');
    const input = ask({ patient: pend, coverage: coverage(pend, 'PEND2001'), traceNumber: 'AUTH-PEND' });
    const first = read278(await s.payer.requestAuthorization(request(input, s.now()), ctx));
    expect(first).toMatchObject({ outcome: 'pended', actionCode: 'A4', reasonCode: 'MR' });
    s.advance(1 * DAY);
    expect(read278(await s.payer.requestAuthorization(request(input, s.now(), 2), ctx)).outcome).toBe('pended');
    s.advance(1 * DAY);
    expect(read278(await s.payer.requestAuthorization(request(input, s.now(), 3), ctx)).outcome).toBe('approved');
  });

  it('rejects an unknown member at the subscriber level (AAA 75) and a member whose plan ended (A3 NC)', async () => {
    const s = sandbox();
    const nf = patient('PAT-2002');
    const unknown = read278(
      await s.payer.requestAuthorization(request(ask({ patient: nf, coverage: coverage(nf, 'NF2002') }), s.now()), ctx),
    );
    expect(unknown).toMatchObject({ outcome: 'rejected', rejections: [{ level: 'subscriber', code: '75', retryable: true }] });
    const term = patient('PAT-2003');
    const ended = read278(
      await s.payer.requestAuthorization(
        request(
          ask({ patient: term, coverage: coverage(term, 'TERM2003'), validFrom: '2026-06-01', validThrough: '2026-07-01' }),
          s.now(),
          2,
        ),
        ctx,
      ),
    );
    expect(ended).toMatchObject({ outcome: 'denied', reasonCode: 'NC' });
  });

  it('answers any well-formed request with a valid 278 that reads to one of the outcomes (property)', async () => {
    const code = fc.constantFrom('97110', '97140', '72148', '29881', '0001U');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ procedureCode: code, units: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('FULL3001', 'PEND3001', 'NF3001', 'DED3001'),
        async (services, memberId) => {
          const s = sandbox();
          const p = patient('PAT-3001');
          const answer = await s.payer.requestAuthorization(
            request(ask({ patient: p, coverage: coverage(p, memberId), services }), s.now()),
            ctx,
          );
          expect(parseX12(answer, { strict: true }).valid).toBe(true);
          const r = read278(answer);
          expect(['approved', 'partially-approved', 'pended', 'denied', 'rejected']).toContain(r.outcome);
          // Certified units never exceed those asked for.
          for (const [i, d] of r.services.entries())
            if (d.units !== undefined) expect(d.units).toBeLessThanOrEqual((services[i] as { units: number }).units);
        },
      ),
      { numRuns: 40 },
    );
  });
});

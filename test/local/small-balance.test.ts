/**
 * The hospital's small-balance policy: a denial too small to be worth a person's time is written off
 * by the rule, recorded as the rule's decision, and the claim closes (without the policy, the same
 * denial waits for a biller: test/local/denial-work.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_BALANCE_RULE } from '#functions/queues/work-items.ts';
import { claim, COMMERCIAL, coverage, line, patient } from '#test/payers/exchange/fixtures.ts';
import { startPayerStack, type PayerStack } from '#test/support/payer-stack.ts';
import { claimBalances, execution, putClaimOnTheBooks, startLifecycle, statesEntered } from '#test/support/lifecycle-scenario.ts';

const DAY = 86_400_000;
const lee = patient('PAT-5201', { firstName: 'Lee', lastName: 'Small' });
const leeCoverage = coverage(lee, 'COPAY52001');
// The ECG interpretation (93010, $25.00) is bundled into the ECG (CO-97): under the $30.00 policy.
const ecg = claim(
  'PCN-SB1',
  leeCoverage,
  [
    line('93000', 6_000, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
    line('93010', 2_500, { serviceDateFrom: '2026-01-12', serviceDateTo: '2026-01-12' }),
  ],
  { diagnoses: [{ code: 'I10' }] },
);

let env: PayerStack;

beforeAll(async () => {
  env = await startPayerStack([[lee, leeCoverage]]);
  await env.store.reference.putPayerProfile({ ...COMMERCIAL, smallBalanceWriteOffCents: 3_000 });
  await putClaimOnTheBooks(env, ecg);
}, 120_000);
afterAll(async () => env?.stack.stop());

describe('the small-balance policy', () => {
  it('writes a $25.00 bundling denial off by rule, without waiting for a person, and the claim closes', async () => {
    const arn = await startLifecycle(env, ecg.claimId);
    await env.stack.advanceClock(2 * 3_600_000);
    await env.stack.advanceClock(8 * DAY);
    const done = await execution(env, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ claimId: ecg.claimId, status: 'closed', writtenOffCents: 2_500 });
    expect((await statesEntered(env, arn)).slice(-4)).toEqual(['WorkDenial', 'DenialDecided', 'WriteOff', 'WrittenOff']);
    const [denial] = await env.store.workItems.forClaim(ecg.claimId, 'denials');
    expect(denial).toMatchObject({ status: 'resolved', resolution: { action: 'write-off', decidedBy: SMALL_BALANCE_RULE } });
    expect((await claimBalances(env, ecg)).primary).toBe(0);
    const writeOffs = (await env.store.ledger.getLedger(ecg.accountId)).entries.filter((e) => e.kind === 'write-off');
    expect(writeOffs.map((e) => e.splits)).toEqual([[{ responsibility: 'primary', amountCents: -2_500 }]]);
  });
});

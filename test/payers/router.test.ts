import { describe, expect, it } from 'vitest';
import { PayerRequestInvalidError, type RealTimeChannel } from '#functions/payers/gateway.ts';
import { routeRealTimeByPayer } from '#functions/payers/router.ts';

/** A channel that answers with its own name, so the test sees which one was chosen. */
const channel = (name: string): RealTimeChannel => ({
  checkEligibility: async (_x12, ctx) => `${name}:271:${ctx.payerId}`,
  claimStatus: async (_x12, ctx) => `${name}:277:${ctx.payerId}`,
});

describe('routeRealTimeByPayer', () => {
  const router = routeRealTimeByPayer({ bcbs: channel('direct-bcbs') }, channel('clearinghouse'));

  it('uses the payer’s direct connection when there is one', async () => {
    expect(await router.checkEligibility('ISA...', { payerId: 'bcbs' })).toBe('direct-bcbs:271:bcbs');
    expect(await router.claimStatus('ISA...', { payerId: 'bcbs' })).toBe('direct-bcbs:277:bcbs');
  });

  it('falls back to the clearinghouse for other payers', async () => {
    expect(await router.checkEligibility('ISA...', { payerId: 'aetna' })).toBe('clearinghouse:271:aetna');
  });

  it('refuses a payer with no route and no fallback, including inherited property names', async () => {
    const strict = routeRealTimeByPayer({ bcbs: channel('direct-bcbs') });
    await expect(strict.checkEligibility('ISA...', { payerId: 'aetna' })).rejects.toBeInstanceOf(PayerRequestInvalidError);
    await expect(strict.claimStatus('ISA...', { payerId: 'toString' })).rejects.toMatchObject({
      name: 'PayerRequestInvalidError',
      payerId: 'toString',
    });
  });
});

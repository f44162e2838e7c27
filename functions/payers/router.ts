import { PayerRequestInvalidError } from './errors.ts';
import type { RealTimeChannel, RequestContext } from './gateway.ts';

/**
 * Chooses the real-time connection by payer: a direct CORE connection where the payer offers one,
 * otherwise the fallback (typically the clearinghouse, which reaches every payer). Without a route
 * and a fallback the call fails with PayerRequestInvalidError before anything is sent.
 */
export function routeRealTimeByPayer(routes: Readonly<Record<string, RealTimeChannel>>, fallback?: RealTimeChannel): RealTimeChannel {
  const pick = (ctx: RequestContext): RealTimeChannel => {
    const channel = Object.hasOwn(routes, ctx.payerId) ? routes[ctx.payerId] : fallback;
    if (!channel) throw new PayerRequestInvalidError(['payerId has no real-time connection configured'], { payerId: ctx.payerId });
    return channel;
  };
  return {
    checkEligibility: async (x12, ctx) => pick(ctx).checkEligibility(x12, ctx),
    claimStatus: async (x12, ctx) => pick(ctx).claimStatus(x12, ctx),
  };
}

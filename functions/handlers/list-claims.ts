import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { listClaims } from '#functions/records/list-claims.ts';
import { listClaimsRequest } from '#schemas/claim-queries.ts';

/** A page of claims by status, payer and age (days since service or submission). */
export const handler = apiHandler(listClaimsRequest, async (request, call) => {
  const page = await listClaims({ store: tableStore() }, request, call);
  logger.info('Claims listed', { status: request.status ?? 'any', count: page.claims.length, more: Boolean(page.nextToken) });
  return page;
});

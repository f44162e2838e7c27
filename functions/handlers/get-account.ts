import { getAccount } from '#functions/account-inquiries/get-account.ts';
import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { getAccountRequest } from '#schemas/account-api.ts';

/** GetAccount: an account's balances by responsibility, ledger, claims and statements. */
export const handler = apiHandler(getAccountRequest, async (input, call) => {
  const account = await getAccount(tableStore(), input.accountId, call.recordAccess);
  logger.info('GetAccount answered', { accountId: account.accountId, claims: account.claims.length, caller: call.caller.principal });
  return account;
});

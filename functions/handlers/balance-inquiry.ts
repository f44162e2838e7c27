import { balanceInquiry } from '#functions/account-inquiries/balance-inquiry.ts';
import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { balanceInquiryRequest } from '#schemas/account-api.ts';

/** BalanceInquiry: what the patient owes, what is pending with insurers, the latest payments. */
export const handler = apiHandler(balanceInquiryRequest, async (input, call) => {
  const answer = await balanceInquiry(tableStore(), input, call.recordAccess);
  logger.info('BalanceInquiry answered', { accounts: answer.accounts.length, caller: call.caller.principal });
  return answer;
});

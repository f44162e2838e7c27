import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { recordPatientPayment } from '#functions/records/record-patient-payment.ts';
import { recordPatientPaymentRequest } from '#schemas/patient-payment.ts';

/** A patient's payment or a refund to the patient, once per paymentId; answers the balances after it. */
export const handler = apiHandler(recordPatientPaymentRequest, async (request, call) => {
  const result = await recordPatientPayment({ store: tableStore() }, request, call);
  logger.info('Patient payment recorded', {
    paymentId: result.paymentId,
    kind: result.kind,
    status: result.status,
    amountCents: result.amountCents,
  });
  return result;
});

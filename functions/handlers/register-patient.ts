import { apiHandler } from '#functions/api/api-handler.ts';
import { tableStore } from '#functions/platform/aws-clients.ts';
import { logger } from '#functions/platform/logger.ts';
import { registerPatient } from '#functions/records/register-patient.ts';
import { registerPatientRequest } from '#schemas/patient-registration.ts';

/** Creates or updates a patient and coverages; the same request twice changes nothing. */
export const handler = apiHandler(registerPatientRequest, async (request, call) => {
  const result = await registerPatient({ store: tableStore() }, request, call);
  logger.info('Patient registered', { patientId: result.patientId, status: result.status, changedCount: result.changed.length });
  return result;
});

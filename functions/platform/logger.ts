import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. Events are never logged (they carry PHI); log identifiers only: claim id,
 * execution id, file key.
 */
export const logger = new Logger({
  serviceName: 'patient-accounts',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'SILENT' | undefined) ?? 'INFO',
});

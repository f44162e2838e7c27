/**
 * The DynamoDB store: the only code that knows the table's keys (see keys.ts for the scheme).
 * `createStore` wires every repository to one document client, table and optional capacity meter.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CapacityMeter } from './capacity.ts';
import { authorizationRepository } from './authorization-repository.ts';
import { bulkLoader } from './bulk-load.ts';
import { claimRepository } from './claim-repository.ts';
import { eligibilityRepository } from './eligibility-repository.ts';
import { encounterRepository } from './encounter-repository.ts';
import { ledgerRepository } from './ledger-repository.ts';
import { patientRepository } from './patient-repository.ts';
import { referenceRepository } from './reference-repository.ts';
import { statementRepository } from './statement-repository.ts';
import { remittanceRepository } from './remittance-repository.ts';
import { reportRepository } from './report-repository.ts';
import { submissionRepository } from './submission-repository.ts';
import { waitRepository } from './wait-repository.ts';
import { workItemRepository } from './work-item-repository.ts';

export { CapacityMeter, type CapacityTotals } from './capacity.ts';
export * from './audit-repository.ts';
export * from './authorization-repository.ts';
export * from './batch-writes.ts';
export * from './bulk-load.ts';
export * from './claim-repository.ts';
export * from './eligibility-repository.ts';
export * from './encounter-repository.ts';
export * from './ledger-repository.ts';
export * from './patient-repository.ts';
export * from './reference-repository.ts';
export * from './remittance-repository.ts';
export * from './report-repository.ts';
export * from './statement-repository.ts';
export * from './submission-repository.ts';
export * from './wait-repository.ts';
export * from './work-item-repository.ts';
export { documentClient, StoredItemError, type TableContext } from './table.ts';

/** Every repository over one table; pass a fresh meter to measure one unit of work (e.g. one claim). */
export function createStore(doc: DynamoDBDocumentClient, tableName: string, meter?: CapacityMeter) {
  const ctx = { doc, tableName, ...(meter ? { meter } : {}) };
  const claims = claimRepository(ctx);
  const ledger = ledgerRepository(ctx);
  return {
    patients: patientRepository(ctx),
    authorizations: authorizationRepository(ctx),
    claims,
    encounters: encounterRepository(ctx),
    ledger,
    remittances: remittanceRepository(ctx),
    statements: statementRepository(ctx),
    reference: referenceRepository(ctx),
    submissions: submissionRepository(ctx),
    waits: waitRepository(ctx),
    workItems: workItemRepository(ctx),
    reports: reportRepository(ctx),
    eligibility: eligibilityRepository(ctx),
    /** Bulk loads with BatchWriteItem (bulk-load.ts): seeding, migrations. */
    bulk: bulkLoader(ctx, { claims, ledger }),
  };
}

export type Store = ReturnType<typeof createStore>;

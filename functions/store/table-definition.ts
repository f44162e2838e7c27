/**
 * The single DynamoDB table, declared once as plain data. The CDK stack (infra/aws) and the
 * embedded local stack (infra/local) both build the table from this declaration, and the
 * repositories in functions/store are the only code that interprets the keys.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** The repositories read whole items from every index. */
  readonly projection: 'ALL';
}

export interface TableDefinition {
  readonly logicalName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  /** Omitted: items never expire (the audit trail). */
  readonly timeToLiveAttribute?: string;
}

/** Generic overloaded keys: each entity decides what pk/sk and gsiN hold (see functions/store). */
export const patientAccountsTable: TableDefinition = {
  logicalName: 'PatientAccounts',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' }, projection: 'ALL' },
    { indexName: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' }, projection: 'ALL' },
    { indexName: 'gsi3', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi3sk', type: 'S' }, projection: 'ALL' },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/**
 * The PHI access audit trail, a table of its own (its own key in AWS; the application may only add
 * to it): one partition per patient, so "who looked at my record" is one Query, sorted by time then
 * entry id (see functions/store/audit-repository.ts). Entries never expire.
 */
export const auditTrailTable: TableDefinition = {
  logicalName: 'AuditTrail',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [],
};

import { RemovalPolicy } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { TableDefinition } from '#functions/store/table-definition.ts';
import { tableFromDefinition } from './table-from-definition.ts';

/**
 * The PHI access audit trail: a table of its own, built from `auditTrailTable`, encrypted with a key
 * of its own (a grant on the data key does not open it), recoverable to any point in the last 35
 * days, protected from deletion and retained with the stack gone. Functions may only add to it (see
 * infra/aws/access.ts: PutItem, plus Query for the report); nothing in the application updates or
 * deletes an entry.
 */
export class AuditTrail extends Construct {
  readonly table: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { readonly definition: TableDefinition }) {
    super(scope, id);
    const { definition } = props;
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the PHI access audit trail (who read or changed which patient record)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = tableFromDefinition(this, definition, this.key);
  }
}

/**
 * Names a deployed stage is reached by, computed from the stage alone, so a caller needs neither
 * CloudFormation nor a lookup to find them (and no permission beyond invoking its own aliases). Kept
 * free of CDK imports: the rcm tool reads it too.
 */

/** The CloudFormation stack of a stage: `PatientAccounts-<stage>`. */
export function stackNameOf(stage: string): string {
  return `PatientAccounts-${stage}`;
}

/**
 * The physical name of an API function (one other services invoke) in a stage:
 * `PatientAccounts-<stage>-<Api>`, e.g. `PatientAccounts-sandbox-RegisterPatient`. A consumer invokes it
 * through its own alias: `PatientAccounts-sandbox-RegisterPatient:registration`. Other functions keep
 * CloudFormation's generated names (nobody outside the stack calls them).
 */
export function apiFunctionNameOf(stage: string, api: string): string {
  const name = `${stackNameOf(stage)}-${api}`;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`${name} is not a Lambda function name (letters, digits, - and _, at most 64)`);
  return name;
}

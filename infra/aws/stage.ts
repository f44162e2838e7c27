import type { Node } from 'constructs';
import { appModel, type ClearinghouseSftp, type PayerConnection } from '#infra/app-model.ts';
import type { ConsoleSettings } from './console.ts';

export const STAGES = ['dev', 'sandbox', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/** What differs between deployments; none of it is secret (the secret is named, never read here). */
export interface StageConfig {
  readonly stage: StageName;
  readonly payer: PayerConnection;
  /** Where alarms are e-mailed (the subscription must be confirmed once). */
  readonly alarmEmail: string;
  /** Retention of every log group, in days (a CloudWatch Logs retention value). */
  readonly logRetentionDays: number;
  /** Whether log groups and queues outlive the stack (data stores always do). */
  readonly retainLogs: boolean;
  /**
   * The IAM principal of each API consumer deployed in this stage, by consumer name (`apiConsumers` in
   * the app model): a role or user ARN, or `role/NAME` / `user/NAME` for one in the stack's own account.
   * A consumer without one gets no alias here. Stages other than dev must name every consumer (`"none"`
   * deploys no alias for it), so a stage never goes out with an API nobody was meant to be without.
   */
  readonly consumers: Readonly<Record<string, string>>;
  /** The ops console, where the stage deploys it (`console` in cdk.json; infra/aws/console.ts). */
  readonly console?: ConsoleSettings;
}

/** Context keys a stage reads; each can be set in cdk.json under `stages.<stage>` or with `-c key=value`. */
const KEYS = [
  'payerGateway',
  'clearinghouseSecretName',
  'x12SenderId',
  'x12ReceiverId',
  'x12UsageIndicator',
  'submitterName',
  'submitterContactName',
  'submitterContactPhone',
  'receiverName',
  'alarmEmail',
  'logRetentionDays',
  'retainLogs',
  'consumers',
  'clearinghouseSftp',
  'console',
] as const;
type Key = (typeof KEYS)[number];

/** CloudWatch Logs accepts only these retention periods. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Reads the stage (`-c stage=dev|sandbox|prod`, default `dev`) and its settings from CDK context:
 * `-c key=value` wins over `stages.<stage>.key` in cdk.json. Fails the synth naming every missing or
 * invalid key, so a deployment never starts with a function that lacks its configuration.
 */
export function stageConfig(node: Node, consumerNames: readonly string[] = (appModel.apiConsumers ?? []).map((c) => c.name)): StageConfig {
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  if (!(STAGES as readonly string[]).includes(stage)) throw new Error(`Unknown stage "${stage}": use one of ${STAGES.join(', ')}`);
  const defaults = ((node.tryGetContext('stages') ?? {}) as Record<string, Partial<Record<Key, unknown>>>)[stage] ?? {};
  const problems: string[] = [];
  for (const key of Object.keys(defaults)) if (!(KEYS as readonly string[]).includes(key)) problems.push(`unknown setting ${key}`);
  const read = (key: Key): string | undefined => {
    const value = node.tryGetContext(key) ?? defaults[key];
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const required = (key: Key): string => {
    const value = read(key);
    if (value === undefined) problems.push(`${key} is not set`);
    return value ?? '';
  };

  const gateway = required('payerGateway');
  // In AWS the sandbox payer is the deployed one (its function, schedule and memory), and only the
  // sandbox stage deploys it; the stage exists to run the whole flow without a clearinghouse.
  let payer: PayerConnection = { gateway: 'sandbox-remote' };
  if (gateway === 'sandbox' && stage !== 'sandbox') problems.push('payerGateway "sandbox" is for the sandbox stage only');
  if (gateway === 'real' && stage === 'sandbox') problems.push('the sandbox stage runs the sandbox payer: payerGateway must be "sandbox"');
  if (gateway === 'real') {
    const usage = required('x12UsageIndicator');
    if (usage && usage !== 'T' && usage !== 'P') problems.push('x12UsageIndicator must be T or P');
    payer = {
      gateway: 'real',
      coreSecretId: required('clearinghouseSecretName'),
      x12: {
        senderId: required('x12SenderId'),
        receiverId: required('x12ReceiverId'),
        usageIndicator: usage === 'P' ? 'P' : 'T',
        submitterName: required('submitterName'),
        submitterContactName: required('submitterContactName'),
        submitterContactPhone: required('submitterContactPhone'),
        receiverName: required('receiverName'),
      },
      ...sftpOf(node.tryGetContext('clearinghouseSftp') ?? defaults.clearinghouseSftp, problems),
    };
  } else if (gateway && gateway !== 'sandbox') problems.push('payerGateway must be "real" or "sandbox"');
  if (gateway !== 'real' && (node.tryGetContext('clearinghouseSftp') ?? defaults.clearinghouseSftp) !== undefined)
    problems.push('clearinghouseSftp is for a real payer connection (payerGateway "real")');
  if (stage === 'prod' && payer.gateway === 'real' && payer.x12.usageIndicator !== 'P')
    problems.push('prod sends production data: x12UsageIndicator must be P');

  const alarmEmail = required('alarmEmail');
  if (alarmEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) problems.push('alarmEmail is not an e-mail address');
  const logRetentionDays = Number(required('logRetentionDays'));
  if (!RETENTION_DAYS.includes(logRetentionDays)) problems.push(`logRetentionDays must be one of ${RETENTION_DAYS.join(', ')}`);
  const retainLogs = read('retainLogs') !== 'false';
  const consumers = consumersOf(node.tryGetContext('consumers') ?? defaults.consumers, problems, stage === 'dev' ? [] : consumerNames);

  const consoleSettings = consoleOf(node.tryGetContext('console') ?? defaults.console, problems);

  if (problems.length > 0)
    throw new Error(`Stage ${stage}: ${problems.join('; ')} (set them in cdk.json "stages.${stage}" or with -c key=value)`);
  return {
    stage: stage as StageName,
    payer,
    alarmEmail,
    logRetentionDays,
    retainLogs,
    consumers,
    ...(consoleSettings ? { console: consoleSettings } : {}),
  };
}

/** An IAM role or user in one account: a consumer is always one principal, never a wildcard. */
const PRINCIPAL_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]+$/;
/** A role or user in the stack's own account, by its path and name (`role/billing-office-tools`). */
const OWN_ACCOUNT_PRINCIPAL = /^(?:role|user)\/[\w+=,.@/-]+$/;
/** Said for a consumer on purpose left without an alias in a stage. */
export const NO_CONSUMER = 'none';

/**
 * A setting given as an object (cdk.json) or as its JSON (`-c name={...}`): the object, undefined when
 * absent, or undefined with a problem named when the text is not JSON.
 */
function contextObject(value: unknown, key: string, problems: string[]): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    problems.push(`${key} is not JSON`);
    return undefined;
  }
}

/**
 * The `consumers` setting: an object (cdk.json) or its JSON (`-c consumers={...}`), name to principal.
 * Every name in `required` must be there (an ARN, `role/NAME`, or `"none"`).
 */
function consumersOf(value: unknown, problems: string[], required: readonly string[]): Record<string, string> {
  const before = problems.length;
  const parsed = contextObject(value, 'consumers', problems) ?? {};
  if (problems.length > before) return {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('consumers must map consumer names to IAM principal ARNs');
    return {};
  }
  const consumers: Record<string, string> = {};
  for (const [name, arn] of Object.entries(parsed)) {
    if (arn === NO_CONSUMER) continue;
    if (typeof arn !== 'string' || !(PRINCIPAL_ARN.test(arn) || OWN_ACCOUNT_PRINCIPAL.test(arn)))
      problems.push(`consumers.${name} is not an IAM role or user ARN`);
    else consumers[name] = arn;
  }
  const missing = required.filter((name) => !Object.hasOwn(parsed, name));
  if (missing.length > 0)
    problems.push(
      `consumers must name every API consumer's IAM principal in this stage; missing: ${missing.join(', ')} ` +
        `(give a role ARN, "role/NAME" for a role of this account, or "${NO_CONSUMER}" to deploy no alias for it)`,
    );
  return consumers;
}

/**
 * The `clearinghouseSftp` setting (an object, or its JSON with `-c`): the clearinghouse's SFTP server,
 * which the stack reaches through a Transfer Family SFTP connector. Omitted: no connector.
 */
function sftpOf(value: unknown, problems: string[]): { sftp?: ClearinghouseSftp } {
  const before = problems.length;
  const parsed = contextObject(value, 'clearinghouseSftp', problems);
  if (parsed === undefined) return {};
  const sftp = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<Record<keyof ClearinghouseSftp, unknown>>;
  if (typeof sftp.url !== 'string' || !/^sftp:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(sftp.url))
    problems.push('clearinghouseSftp.url must be sftp://host or sftp://host:port');
  const keys = sftp.trustedHostKeys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((k) => typeof k === 'string' && /^(ssh|ecdsa)-[\w-]+ [A-Za-z0-9+/=]+/.test(k))
  )
    problems.push("clearinghouseSftp.trustedHostKeys must list the server's SSH host keys (ssh-ed25519 AAAA...)");
  for (const dir of ['remoteInboundDirectory', 'remoteOutboundDirectory'] as const)
    if (typeof sftp[dir] !== 'string' || !/^\/[\w./-]*$/.test(sftp[dir]))
      problems.push(`clearinghouseSftp.${dir} must be an absolute path`);
  if (problems.length > before) return {};
  return { sftp: sftp as ClearinghouseSftp };
}

/** The `console` setting: an object (cdk.json) or its JSON (`-c console={...}`); absent, no console. */
function consoleOf(value: unknown, problems: string[]): ConsoleSettings | undefined {
  const given = contextObject(value, 'console', problems);
  if (given === undefined) return undefined;
  const parsed = (typeof given === 'object' && given !== null ? given : {}) as Partial<ConsoleSettings>;
  // Cognito's domain prefixes: lower-case letters, digits and hyphens, not starting or ending with one.
  if (typeof parsed.cognitoDomainPrefix !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(parsed.cognitoDomainPrefix)) {
    problems.push('console.cognitoDomainPrefix must be lower-case letters, digits and hyphens');
    return undefined;
  }
  return { cognitoDomainPrefix: parsed.cognitoDomainPrefix };
}

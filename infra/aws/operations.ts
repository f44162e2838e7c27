import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppModel, BusinessMetric } from '#infra/app-model.ts';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '#functions/platform/metrics.ts';
import type { ApplicationFunction } from './application-function.ts';
import type { Workflow } from './workflows.ts';

export interface OperationsProps {
  readonly model: AppModel;
  readonly alarmEmail: string;
  /** Encrypts the alarm topic. */
  readonly key: Key;
  readonly functions: Readonly<Record<string, ApplicationFunction>>;
  readonly workflows: Readonly<Record<string, Workflow>>;
  readonly deadLetterQueues: readonly Queue[];
}

const FIVE_MINUTES = Duration.minutes(5);

/** The business metrics of the model, by name (each declared once, on the function that reports it). */
function businessMetrics(model: AppModel): Map<string, BusinessMetric> {
  return new Map(model.functions.flatMap((fn) => fn.metrics ?? []).map((metric) => [metric.name, metric]));
}

/**
 * What the ops team watches: a dashboard (executions per workflow, business counts and cents, Lambda
 * errors and throttles, dead-letter depth) and alarms on failed or timed-out executions, quarantined
 * files, unmatched remittance claims and dead letters, e-mailed through a KMS-encrypted topic.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const declared = businessMetrics(props.model);
    const business = (name: string): Metric => {
      if (!declared.has(name)) throw new Error(`Metric ${name} is not declared by any function of the model`);
      return new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: METRICS_SERVICE },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
    };

    this.topic = new Topic(this, 'Alarms', { displayName: 'Patient accounts alarms', masterKey: props.key, enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    // CloudWatch publishes alarm notifications to the encrypted topic.
    props.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarms',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    const notify = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
    };

    for (const [name, workflow] of Object.entries(props.workflows)) {
      const sm = workflow.stateMachine;
      alarm(
        `${name}Failed`,
        sm.metricFailed({ period: FIVE_MINUTES }),
        `${name}: an execution failed. Open it in the console, fix the cause, redrive it.`,
      );
      alarm(`${name}TimedOut`, sm.metricTimedOut({ period: FIVE_MINUTES }), `${name}: an execution timed out.`);
    }
    alarm(
      'FilesQuarantined',
      business('FilesQuarantined'),
      'A payer file was quarantined: read its report beside it under quarantine/ in the inbox.',
    );
    alarm(
      'RemittanceClaimsUnmatched',
      business('RemittanceClaimsUnmatched'),
      'An 835 paid claims that match none of ours: work them from the remittance record.',
    );
    for (const queue of props.deadLetterQueues) {
      const queueId = queue.node.id;
      alarm(
        `${queueId}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        `${queueId}: undelivered events or invocations are waiting; inspect and redrive them.`,
      );
    }

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: Stack.of(this).stackName, defaultInterval: Duration.days(1) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Patient accounts\nExecutions per workflow, business counts (no PHI), Lambda health and dead letters. ' +
          'A failed execution: open it from the Step Functions console, fix the cause, then **Redrive**.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      ...Object.entries(props.workflows).map(
        ([name, workflow]) =>
          new GraphWidget({
            title: `${name} executions`,
            width: 6,
            left: [
              workflow.stateMachine.metricStarted({ period: FIVE_MINUTES, statistic: 'Sum', label: 'started' }),
              workflow.stateMachine.metricSucceeded({ period: FIVE_MINUTES, label: 'succeeded' }),
              workflow.stateMachine.metricFailed({ period: FIVE_MINUTES, label: 'failed' }),
              workflow.stateMachine.metricTimedOut({ period: FIVE_MINUTES, label: 'timed out' }),
            ],
          }),
      ),
    );
    const counts = [...declared.values()].filter((m) => m.unit === 'Count');
    const cents = [...declared.values()].filter((m) => m.unit === 'Cents');
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Business counts', width: 16, left: counts.map((m) => business(m.name)) }),
      new SingleValueWidget({
        title: 'Cents (last day)',
        width: 8,
        metrics: cents.map((m) => business(m.name).with({ period: Duration.days(1) })),
      }),
    );
    const fns = Object.entries(props.functions);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors',
        width: 8,
        left: fns.map(([label, fn]) => fn.function.metricErrors({ period: FIVE_MINUTES, label })),
      }),
      new GraphWidget({
        title: 'Lambda throttles',
        width: 8,
        left: fns.map(([label, fn]) => fn.function.metricThrottles({ period: FIVE_MINUTES, label })),
      }),
      new GraphWidget({
        title: 'Dead letters waiting',
        width: 8,
        left: props.deadLetterQueues.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: q.node.id }),
        ),
      }),
    );
  }
}

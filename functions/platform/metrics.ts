import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger.ts';

/** The metric namespace and service dimension, shared by the functions and the dashboard that reads them. */
export const METRICS_NAMESPACE = 'PatientAccounts';
export const METRICS_SERVICE = 'patient-accounts';

/**
 * One business metric as a deployment configures it (`BUSINESS_METRICS`, JSON, set by the CDK app from
 * the function's declaration in infra/app-model.ts): a numeric field of the handler's result, or none
 * to count successful invocations.
 */
export interface BusinessMetricConfig {
  readonly name: string;
  readonly field?: string;
  readonly unit: 'Count' | 'Cents';
}

let configured: { metrics: Metrics; business: readonly BusinessMetricConfig[] } | null | undefined;

/**
 * The metrics of this container, or null where none are configured: the local stack and the tests set
 * no `BUSINESS_METRICS`, so they print nothing.
 */
function businessMetrics(env: NodeJS.ProcessEnv = process.env): typeof configured {
  if (configured !== undefined) return configured;
  const raw = env.BUSINESS_METRICS;
  configured = raw
    ? {
        metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE }),
        business: JSON.parse(raw) as BusinessMetricConfig[],
      }
    : null;
  return configured;
}

/**
 * Emits (as CloudWatch embedded metric format, one log line) the configured counts and cents of a
 * handler's result. Only finite numbers are read, never strings: a metric cannot carry PHI. A metrics
 * problem is logged and never fails the invocation whose work is already done.
 */
export function publishBusinessMetrics(result: unknown): void {
  try {
    const setup = businessMetrics();
    if (!setup || setup.business.length === 0) return;
    const fields = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
    for (const metric of setup.business) {
      const value = metric.field === undefined ? 1 : fields[metric.field];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      setup.metrics.addMetric(metric.name, metric.unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit, value);
    }
    if (setup.metrics.hasStoredMetrics()) setup.metrics.publishStoredMetrics();
  } catch (error) {
    logger.warn('Business metrics not published', { errorName: error instanceof Error ? error.name : 'unknown' });
  }
}

/** Forgets the cached configuration (tests). */
export function resetBusinessMetrics(): void {
  configured = undefined;
}

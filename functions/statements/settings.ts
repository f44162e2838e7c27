/**
 * How statements are dated and how the patient pays: the hospital's billing office (hospital data, not
 * PHI). Defaults here; a deployment may override each with an environment variable.
 */

export interface BillingOffice {
  readonly name: string;
  readonly phone: string;
  readonly portalUrl: string;
  /** Where checks are mailed: the office's postal address, one line each. */
  readonly mailingAddress: readonly string[];
  /** When the phone line answers, e.g. "Monday to Friday, 8am to 5pm". */
  readonly hours?: string;
}

export interface StatementSettings {
  /** Days from the statement date to the due date. */
  readonly dueDays: number;
  readonly billingOffice: BillingOffice;
}

export const defaultStatementSettings: StatementSettings = {
  dueDays: 30,
  billingOffice: {
    name: 'Patient Financial Services',
    phone: '(555) 010-2000',
    portalUrl: 'https://pay.example-hospital.org',
    mailingAddress: ['Patient Financial Services', 'PO Box 1000', 'Springfield, IL 62701'],
    hours: 'Monday to Friday, 8am to 5pm',
  },
};

/**
 * The settings from `STATEMENT_DUE_DAYS`, `BILLING_OFFICE_NAME`, `BILLING_OFFICE_PHONE`,
 * `BILLING_OFFICE_PORTAL_URL`, `BILLING_OFFICE_ADDRESS` (lines separated by `|`) and
 * `BILLING_OFFICE_HOURS`, each falling back to the default.
 */
export function statementSettingsFrom(env: NodeJS.ProcessEnv, defaults: StatementSettings = defaultStatementSettings): StatementSettings {
  const days = env.STATEMENT_DUE_DAYS === undefined ? defaults.dueDays : Number(env.STATEMENT_DUE_DAYS);
  const office = defaults.billingOffice;
  const hours = env.BILLING_OFFICE_HOURS ?? office.hours;
  return {
    dueDays: Number.isInteger(days) && days >= 1 && days <= 365 ? days : defaults.dueDays,
    billingOffice: {
      name: env.BILLING_OFFICE_NAME || office.name,
      phone: env.BILLING_OFFICE_PHONE || office.phone,
      portalUrl: env.BILLING_OFFICE_PORTAL_URL || office.portalUrl,
      mailingAddress: env.BILLING_OFFICE_ADDRESS ? env.BILLING_OFFICE_ADDRESS.split('|').map((l) => l.trim()) : office.mailingAddress,
      ...(hours ? { hours } : {}),
    },
  };
}

/** The calendar date `days` after `date`: the claims calendar's, re-exported for the statement's due date. */
export { addDays } from '#functions/claims/calendar.ts';

/** The financial reports run: what starts it and what it answers (keys, counts and cents only). */
import { z } from 'zod';
import { cents, isoDate } from './common.ts';

export const generateReportsRequest = z.object({
  /** The last day the reports cover; omitted, today (UTC) on the function's clock. */
  asOf: isoDate.optional(),
});
export type GenerateReportsRequest = z.infer<typeof generateReportsRequest>;

export const generateReportsResult = z.object({
  asOf: isoDate,
  /** Where the files are: `reports/<asOf>/` in the Reports bucket. */
  prefix: z.string().min(1).max(100),
  /** Every object written: the workbook, the JSON and one CSV per report. */
  keys: z.array(z.string().min(1).max(200)).min(1),
  /** Reports (sheets) in the workbook. */
  reports: z.number().int().min(1),
  openArCents: cents,
  /** Records read: claims, ledger entries, remittances. */
  claims: z.number().int().min(0),
  ledgerEntries: z.number().int().min(0),
  remittances: z.number().int().min(0),
});
export type GenerateReportsResult = z.infer<typeof generateReportsResult>;

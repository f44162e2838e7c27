/**
 * Appeals and their outcomes (no HFMA MAP Key; the denial-management measures of the revenue-cycle
 * trade): per appeal level, how many appeals are open, won, lost or withdrawn, the cents disputed
 * and recovered; the overturn rate is appeals won over appeals decided (won or lost), the recovery
 * rate cents recovered over cents disputed by the decided appeals. An appeal decided after the as-of
 * date is still open on it; one created after it is left out.
 */
import type { Appeal, AppealStatus } from '#schemas/appeal.ts';
import { onOrBefore, type ReportBook } from './book.ts';
import { ratio, type Ratio } from './ratio.ts';

export interface AppealRow {
  /** "Level 1".."Level 5", or "All levels". */
  readonly level: string;
  readonly appeals: number;
  readonly open: number;
  readonly won: number;
  readonly lost: number;
  readonly withdrawn: number;
  readonly disputedCents: number;
  readonly decidedDisputedCents: number;
  readonly recoveredCents: number;
  readonly overturnRate: Ratio;
  readonly recoveryRate: Ratio;
}

export interface AppealReport {
  readonly byLevel: readonly AppealRow[];
  readonly total: AppealRow;
}

const openStatuses: ReadonlySet<AppealStatus> = new Set(['draft', 'awaiting-approval', 'submitted']);

/** The appeal's status on the as-of date. */
function statusOn(appeal: Appeal, asOf: string): AppealStatus {
  if (!openStatuses.has(appeal.status) && appeal.decidedAt && !onOrBefore(appeal.decidedAt, asOf)) return 'submitted';
  return appeal.status;
}

function row(level: string, appeals: readonly Appeal[], asOf: string): AppealRow {
  let open = 0;
  let won = 0;
  let lost = 0;
  let withdrawn = 0;
  let disputed = 0;
  let decidedDisputed = 0;
  let recovered = 0;
  for (const a of appeals) {
    const status = statusOn(a, asOf);
    disputed += a.disputedCents;
    if (openStatuses.has(status)) open += 1;
    else if (status === 'withdrawn') withdrawn += 1;
    else {
      if (status === 'won') won += 1;
      else lost += 1;
      decidedDisputed += a.disputedCents;
      recovered += a.recoveredCents ?? 0;
    }
  }
  return {
    level,
    appeals: appeals.length,
    open,
    won,
    lost,
    withdrawn,
    disputedCents: disputed,
    decidedDisputedCents: decidedDisputed,
    recoveredCents: recovered,
    overturnRate: ratio(won, won + lost),
    recoveryRate: ratio(recovered, decidedDisputed),
  };
}

/** Appeals by level with their outcomes. */
export function appealReport(book: ReportBook): AppealReport {
  const appeals = book.appeals.filter((a) => onOrBefore(a.createdAt, book.asOf));
  const levels = [...new Set(appeals.map((a) => a.level))].sort((a, b) => a - b);
  return {
    byLevel: levels.map((level) =>
      row(
        `Level ${level}`,
        appeals.filter((a) => a.level === level),
        book.asOf,
      ),
    ),
    total: row('All levels', appeals, book.asOf),
  };
}

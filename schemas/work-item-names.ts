/**
 * The names of the work queues and of the decisions a person may take, without zod: `rcm`'s command
 * declarations list them in their help, and loading zod for that made every `rcm` process load it
 * (~16 MB of `rcm x12 validate`'s peak, ~50 ms of `rcm --help`). The zod enums in work-item.ts are
 * built from these lists.
 */

/** The queues, one access pattern each. */
export const WORK_QUEUES = [
  'denials',
  'appeals',
  'holds',
  'rejections',
  'unmatched-remittances',
  'quarantined-files',
  'failed-postings',
  'authorizations',
] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

/** What a person may decide. Each item lists the ones that apply to it. */
export const WORK_ACTIONS = ['write-off', 'resubmit', 'correct', 'appeal', 'approve', 'edit', 'reject', 'resume', 'dismiss'] as const;
export type WorkAction = (typeof WORK_ACTIONS)[number];

/** Whether `name` is one of the queues. */
export function isWorkQueue(name: string): name is WorkQueue {
  return (WORK_QUEUES as readonly string[]).includes(name);
}

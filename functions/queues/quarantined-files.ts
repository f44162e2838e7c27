/** The quarantined-files queue's item for a file moved out of the inbox: what is wrong, where, and where it went. Pure. */
import type { OpenWorkItemRequest } from '#schemas/work-item.ts';
import { stableId } from '#functions/platform/stable-id.ts';

export interface QuarantinedFile {
  readonly fileKey: string;
  readonly quarantineKey: string;
  readonly reportKey: string;
  /** The engine's problem: a reason naming positions, never content. */
  readonly problem: {
    reason: string;
    byteOffset: number;
    segment?: string | undefined;
    segmentPosition?: number | undefined;
    element?: number | undefined;
  };
  readonly executionId?: string | undefined;
}

/**
 * One item per file dropped and quarantined: a retry of the same run raises nothing new, but the same
 * name dropped again (a fixed file that is still bad, a payer reusing a file name) is another drop,
 * with a run of its own, and gets an item of its own even when the first was dismissed.
 */
export function quarantineItem(file: QuarantinedFile): OpenWorkItemRequest {
  const { byteOffset, segment, segmentPosition, element } = file.problem;
  const where = [
    `byte ${byteOffset}`,
    ...(segment ? [`segment ${segmentPosition !== undefined ? `${segmentPosition} ` : ''}${segment}`] : []),
    ...(element !== undefined ? [`element ${element}`] : []),
  ].join(', ');
  return {
    workItemId: file.executionId === undefined ? stableId('QUAR', file.fileKey) : stableId('QUAR', file.fileKey, file.executionId),
    queue: 'quarantined-files',
    kind: 'inbound-file',
    amountCents: 0,
    summary: `${file.problem.reason.slice(0, 200)} (${where}): fix or replace the file and drop it again under inbound/`.slice(0, 300),
    details: {
      fileKey: file.fileKey.slice(0, 200),
      quarantineKey: file.quarantineKey.slice(0, 200),
      reportKey: file.reportKey.slice(0, 200),
      byteOffset: file.problem.byteOffset,
      ...(segment ? { segment: segment.slice(0, 10) } : {}),
      ...(segmentPosition !== undefined ? { segmentPosition } : {}),
      ...(element !== undefined ? { element } : {}),
    },
    actions: ['dismiss'],
    raisedBy: (file.executionId ?? 'QuarantineInboundFile').slice(0, 256),
  };
}

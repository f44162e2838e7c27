/**
 * Groups findings that say the same thing (same severity, code, segment id, element and message) into
 * one entry with a count and the first positions, so that a file with 100,000 identical findings
 * reports one line and memory stays bounded by the number of distinct findings (itself capped).
 */
import type { Finding, X12Location } from './errors.ts';

/** One finding standing for `count` alike ones; `occurrences` holds the first positions (the first is the finding's own). */
export interface GroupedFinding extends Finding {
  count: number;
  occurrences: X12Location[];
}

export interface FindingGroupsOptions {
  /** Positions kept per group. Default 5. */
  positions?: number;
  /** Distinct groups kept; later distinct findings are only counted in `dropped`. Default 1000. */
  groups?: number;
}

function where(f: Finding): X12Location {
  const w: X12Location = {};
  if (f.byteOffset !== undefined) w.byteOffset = f.byteOffset;
  if (f.segmentPosition !== undefined) w.segmentPosition = f.segmentPosition;
  return w;
}

export class FindingGroups {
  private readonly groups = new Map<string, GroupedFinding>();
  private readonly maxPositions: number;
  private readonly maxGroups: number;
  /** Findings not kept because the group cap was reached, by severity. */
  readonly dropped = { error: 0, warning: 0 };
  /** Findings added, by severity. */
  readonly totals = { error: 0, warning: 0 };

  constructor(options: FindingGroupsOptions = {}) {
    this.maxPositions = options.positions ?? 5;
    this.maxGroups = options.groups ?? 1000;
  }

  add(f: Finding): void {
    this.totals[f.severity]++;
    const key = `${f.severity}\u0000${f.code}\u0000${f.segmentId ?? ''}\u0000${f.elementPosition ?? ''}\u0000${f.componentPosition ?? ''}\u0000${f.message}`;
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      if (group.occurrences.length < this.maxPositions) group.occurrences.push(where(f));
      return;
    }
    if (this.groups.size >= this.maxGroups) {
      this.dropped[f.severity]++;
      return;
    }
    this.groups.set(key, { ...f, count: 1, occurrences: [where(f)] });
  }

  addAll(findings: readonly Finding[]): void {
    for (const f of findings) this.add(f);
  }

  /** The groups in the order their first finding arrived. */
  list(): GroupedFinding[] {
    return [...this.groups.values()];
  }
}

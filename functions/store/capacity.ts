/** Sums DynamoDB consumed capacity across repository calls, so the cost of a claim can be measured. */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

export interface CapacityTotals {
  readonly capacityUnits: number;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
  readonly calls: number;
}

/** Accumulates ConsumedCapacity (requested with ReturnConsumedCapacity TOTAL) per operation. */
export class CapacityMeter {
  #totals = { capacityUnits: 0, readCapacityUnits: 0, writeCapacityUnits: 0, calls: 0 };
  readonly #byOperation = new Map<string, number>();

  /** Adds what one DynamoDB response reported. */
  record(operation: string, consumed: ConsumedCapacity | readonly ConsumedCapacity[] | undefined): void {
    const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed as ConsumedCapacity];
    let units = 0;
    for (const c of list) {
      units += c.CapacityUnits ?? 0;
      this.#totals.readCapacityUnits += c.ReadCapacityUnits ?? 0;
      this.#totals.writeCapacityUnits += c.WriteCapacityUnits ?? 0;
    }
    this.#totals.capacityUnits += units;
    this.#totals.calls += 1;
    this.#byOperation.set(operation, (this.#byOperation.get(operation) ?? 0) + units);
  }

  /** Totals since creation (or the last reset). */
  totals(): CapacityTotals {
    return { ...this.#totals };
  }

  /** Capacity units per repository operation name. */
  byOperation(): ReadonlyMap<string, number> {
    return new Map(this.#byOperation);
  }

  reset(): void {
    this.#totals = { capacityUnits: 0, readCapacityUnits: 0, writeCapacityUnits: 0, calls: 0 };
    this.#byOperation.clear();
  }
}

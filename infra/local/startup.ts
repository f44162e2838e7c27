/** The parts of the local stack, in the order they usually come up. */
export type StackPart = 'workflows' | 's3' | 'dynamodb' | 'stepFunctions' | 'table' | 'functions' | 'payer' | 'api';

/** One part of the stack is up. */
export interface PartUp {
  readonly part: StackPart;
  /** What came up, in words (names of files, buckets, tables: no data). */
  readonly label: string;
  /** How long this part took. */
  readonly tookMs: number;
  /** When it was up, since start-up began. */
  readonly atMs: number;
}

/** Told about each part of the stack as it comes up. */
export type StartupListener = (event: PartUp) => void;

/**
 * Times the parts of one start-up and tells the listener about each as soon as it is up, so that a
 * person watching `rcm local` sees where the seconds go. Parts that start together (DynamoDB Local and
 * the S3 server) are reported in the order they finish.
 */
export class StartupTimer {
  private readonly began = performance.now();
  private readonly parts: PartUp[] = [];

  private readonly listener?: StartupListener;
  constructor(listener?: StartupListener) {
    this.listener = listener;
  }

  /** Runs one part's work and reports it when done; a part that fails is not reported. */
  async part<T>(part: StackPart, label: string | ((result: T) => string), work: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await work();
    const end = performance.now();
    const event: PartUp = {
      part,
      label: typeof label === 'function' ? label(result) : label,
      tookMs: end - start,
      atMs: end - this.began,
    };
    this.parts.push(event);
    this.listener?.(event);
    return result;
  }

  /** Every part reported so far, in the order it came up. */
  get reported(): readonly PartUp[] {
    return this.parts;
  }
}

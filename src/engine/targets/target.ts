import type { Item } from "../../core/model/item.js";
import type { TargetResult } from "../../core/model/run-item.js";

/** What a target knows of the call it makes, beyond the item. */
export interface CallContext {
  runId: string;
  experiment: string;
  variant?: string;
  overrides?: Record<string, Record<string, unknown>>;
  /** Aborted on Ctrl-C: the call stops and the item is not stored. */
  signal: AbortSignal;
}

/**
 * One contract for every target. `call` never throws for a failed call: it returns a result
 * with `error` set (after its retries). It throws only when `signal` is aborted.
 */
export interface Target {
  /** The URL or command, for the run record; never contains header values or secrets. */
  readonly description: string;
  call(item: Item, context: CallContext): Promise<TargetResult>;
  close?(): Promise<void>;
}

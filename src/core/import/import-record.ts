import type { RunItemStatus, Usage } from "../model/run-item.js";
import type { ArizeEvaluation } from "./arize-run-schema.js";

export type ImportFormat = "csv" | "json" | "jsonl";
export const IMPORT_FORMATS: readonly ImportFormat[] = ["csv", "json", "jsonl"];

const EXTENSIONS: Record<string, ImportFormat> = { ".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl" };

/** The format a file's extension names (`.csv`, `.json`, `.jsonl`/`.ndjson`), else undefined. */
export function importFormatOf(file: string): ImportFormat | undefined {
  const extension = /\.[^./\\]+$/.exec(file)?.[0]?.toLowerCase() ?? "";
  return EXTENSIONS[extension];
}

/** What the record says about the call that produced its output, read from its metadata. */
export interface ImportedCall {
  /** Milliseconds; 0 when the record gives none. */
  latency_ms: number;
  /** Calls made: 1 unless the record says otherwise. */
  attempts: number;
  usage?: Usage;
  /** US dollars. */
  cost?: number;
  model?: string;
  /** As written (any provider's shape): the engine normalizes it as a target's answer is. */
  tool_calls?: unknown;
  /** The call failed: the item is an error. */
  error?: string;
}

/** One valid record of an import file. */
export interface ImportRecord {
  /** The dataset item's id. */
  exampleId: string;
  /** As given; `null` stays null, except on a failed call, where null means no output. */
  output: unknown;
  /** By name; undefined when the record carries none. */
  evaluations?: Record<string, ArizeEvaluation>;
  /** `metadata.scorer_errors`: the scorers that errored, by name (an evalgate export writes them). */
  scorerErrors: Record<string, string>;
  /** `metadata.status`, as an evalgate export wrote it: compared with the status the import derives. */
  exportedStatus?: RunItemStatus;
  call: ImportedCall;
  /** `file:line` (and `item [i]` in a JSON array): where messages point. */
  where: string;
}

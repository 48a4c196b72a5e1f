import { describeJsonType } from "../dataset/format.js";
import { RunItemStatusSchema } from "../model/run-item.js";
import { normalizeUsage } from "../normalize-usage.js";
import { parseEvaluationColumn } from "./arize-run-schema.js";
import type { ImportedCall, ImportRecord } from "./import-record.js";
import { readEvaluations } from "./read-evaluations.js";

type Fields = Record<string, unknown>;

/** Keys of a record that are not metadata; any other key joins `metadata` (Arize passes extra fields through). */
const RECORD_KEYS = new Set(["example_id", "output", "evaluations", "metadata"]);

/**
 * One record of an import file (a parsed JSON value, or a CSV row as an object) → an ImportRecord,
 * or undefined with its problems pushed, each prefixed with `where` (`file:line`). Needs
 * `example_id` (a non-empty string, or a number) and `output` (any JSON, null included).
 */
export function parseImportRecord(value: unknown, where: string, problems: string[]): ImportRecord | undefined {
  if (!isRecord(value)) {
    problems.push(`${where}: expected an object with "example_id" and "output", got ${describeJsonType(value)}`);
    return undefined;
  }
  const before = problems.length;
  const exampleId = exampleIdOf(value.example_id, where, problems);
  if (!Object.hasOwn(value, "output")) {
    problems.push(`${where}: the record has no "output"; every record needs "example_id" and "output" (null when there is none)`);
  }
  const evaluations = readEvaluations(value, where, problems);
  const metadata = metadataOf(value, where, problems);
  const call = callOf(metadata, where, problems);
  const scorerErrors = scorerErrorsOf(metadata.scorer_errors, where, problems);
  const status = metadata.status === undefined ? undefined : RunItemStatusSchema.safeParse(metadata.status);
  if (status?.success === false) {
    problems.push(`${where}: metadata.status must be passed, failed or error, got ${shownValue(metadata.status)}`);
  }
  if (problems.length > before || exampleId === undefined) return undefined;
  return {
    exampleId,
    output: value.output,
    ...(evaluations !== undefined ? { evaluations } : {}),
    scorerErrors,
    ...(status?.success ? { exportedStatus: status.data } : {}),
    call,
    where,
  };
}

function exampleIdOf(raw: unknown, where: string, problems: string[]): string | undefined {
  // As a dataset's `id`: a number is its decimal text.
  if (typeof raw === "string" && raw !== "") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  problems.push(
    raw === undefined || raw === ""
      ? `${where}: the record has no "example_id"; give the id of the dataset item this output answers`
      : `${where}: "example_id" must be a non-empty string or a number, got ${describeJsonType(raw)}`,
  );
  return undefined;
}

/** `metadata` plus every key that is neither the schema's nor an `eval.` column; `metadata` wins a clash. */
function metadataOf(fields: Fields, where: string, problems: string[]): Fields {
  const others: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!RECORD_KEYS.has(key) && parseEvaluationColumn(key) === undefined && value !== undefined) others[key] = value;
  }
  const metadata = fields.metadata;
  if (metadata === undefined || metadata === null) return others;
  if (!isRecord(metadata)) {
    problems.push(`${where}: "metadata" must be an object, got ${describeJsonType(metadata)}`);
    return others;
  }
  return { ...others, ...metadata };
}

function callOf(metadata: Fields, where: string, problems: string[]): ImportedCall {
  const call: ImportedCall = {
    latency_ms: numberField(metadata, "latency_ms", where, problems) ?? 0,
    attempts: 1,
  };
  const attempts = numberField(metadata, "attempts", where, problems);
  if (attempts !== undefined) {
    if (Number.isSafeInteger(attempts) && attempts >= 1) call.attempts = attempts;
    else problems.push(`${where}: metadata.attempts must be a whole number ≥ 1, got ${attempts}`);
  }
  const cost = numberField(metadata, "cost", where, problems);
  if (cost !== undefined) call.cost = cost;
  if (metadata.usage !== undefined && metadata.usage !== null && !isRecord(metadata.usage)) {
    problems.push(`${where}: metadata.usage must be an object of token counts, got ${describeJsonType(metadata.usage)}`);
  }
  // Token counts in any provider's shape, under `usage` or on the metadata itself.
  const usage = normalizeUsage(metadata.usage) ?? normalizeUsage(metadata);
  if (usage !== undefined) call.usage = usage;
  const model = textField(metadata, "model", where, problems);
  if (model !== undefined) call.model = model;
  const error = textField(metadata, "error", where, problems);
  if (error !== undefined) call.error = error;
  if (metadata.tool_calls !== undefined && metadata.tool_calls !== null) {
    if (Array.isArray(metadata.tool_calls)) call.tool_calls = metadata.tool_calls;
    else problems.push(`${where}: metadata.tool_calls must be a list of tool calls, got ${describeJsonType(metadata.tool_calls)}`);
  }
  return call;
}

/** A finite number ≥ 0, or decimal text of one (a CSV cell); absent when null or empty. */
function numberField(metadata: Fields, key: string, where: string, problems: string[]): number | undefined {
  const value = metadata[key];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (Number.isFinite(number) && number >= 0) return number;
  problems.push(`${where}: metadata.${key} must be a number ≥ 0, got ${shownValue(value)}`);
  return undefined;
}

function textField(metadata: Fields, key: string, where: string, problems: string[]): string | undefined {
  const value = metadata[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  problems.push(`${where}: metadata.${key} must be text, got ${describeJsonType(value)}`);
  return undefined;
}

function scorerErrorsOf(value: unknown, where: string, problems: string[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value) || Object.values(value).some((message) => typeof message !== "string")) {
    problems.push(`${where}: metadata.scorer_errors must be an object {scorer: message}, got ${describeJsonType(value)}`);
    return {};
  }
  return value as Record<string, string>;
}

function shownValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  return typeof value === "number" ? String(value) : describeJsonType(value);
}

function isRecord(value: unknown): value is Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

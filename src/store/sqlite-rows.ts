import type { SQLInputValue, SQLOutputValue } from "node:sqlite";
import type { Run } from "../core/model/run.js";
import type { RunItem } from "../core/model/run-item.js";

/**
 * Conversions between model objects and table rows. A run's optional fields are NULL columns when
 * absent and are left out again when read; a run item is one JSON text. Either way a stored object
 * reads back equal to what went in, and a JSON `null` stays distinct from an absent field.
 */

type Row = Record<string, SQLOutputValue>;

export function runToRow(run: Run): Record<string, SQLInputValue> {
  return {
    id: run.id,
    experiment: run.experiment,
    experiment_version: run.experiment_version,
    dataset_path: run.dataset_path,
    dataset_version: run.dataset_version,
    item_count: run.item_count,
    target: run.target,
    label: run.label ?? null,
    role: run.role ?? null,
    pull_request: run.pull_request ?? null,
    git_commit: run.git_commit ?? null,
    git_branch: run.git_branch ?? null,
    started_at: run.started_at,
    ended_at: run.ended_at ?? null,
    status: run.status,
    summary: jsonOrNull(run.summary),
    verdict: run.verdict ?? null,
    verdict_reasons: jsonOrNull(run.verdict_reasons),
    variant: run.variant ?? null,
    selection: jsonOrNull(run.selection),
    repeat: run.repeat ?? null,
  };
}

export function rowToRun(row: Row): Run {
  const run: Run = {
    id: text(row, "id"),
    experiment: text(row, "experiment"),
    experiment_version: text(row, "experiment_version"),
    dataset_path: text(row, "dataset_path"),
    dataset_version: text(row, "dataset_version"),
    item_count: num(row, "item_count"),
    target: text(row, "target"),
    started_at: text(row, "started_at"),
    status: text(row, "status") as Run["status"],
  };
  setIfPresent(run, "label", optionalText(row, "label"));
  setIfPresent(run, "role", optionalText(row, "role") as Run["role"]);
  setIfPresent(run, "pull_request", optionalNum(row, "pull_request"));
  setIfPresent(run, "git_commit", optionalText(row, "git_commit"));
  setIfPresent(run, "git_branch", optionalText(row, "git_branch"));
  setIfPresent(run, "ended_at", optionalText(row, "ended_at"));
  setIfPresent(run, "summary", optionalJson(row, "summary") as Run["summary"]);
  setIfPresent(run, "verdict", optionalText(row, "verdict") as Run["verdict"]);
  setIfPresent(run, "verdict_reasons", optionalJson(row, "verdict_reasons") as Run["verdict_reasons"]);
  setIfPresent(run, "variant", optionalText(row, "variant"));
  setIfPresent(run, "selection", optionalJson(row, "selection") as Run["selection"]);
  setIfPresent(run, "repeat", optionalNum(row, "repeat"));
  return run;
}

export function runItemToRow(item: RunItem): Record<string, SQLInputValue> {
  return {
    run_id: item.run_id,
    item_id: item.item_id,
    id: item.id,
    status: item.status,
    finished_at: item.finished_at,
    item: JSON.stringify(item),
  };
}

export function rowToRunItem(row: Row): RunItem {
  return JSON.parse(text(row, "item")) as RunItem;
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function setIfPresent<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new Error(`store row: column ${column} is not text`);
  return value;
}

function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== "number") throw new Error(`store row: column ${column} is not a number`);
  return value;
}

function optionalText(row: Row, column: string): string | undefined {
  return row[column] === null ? undefined : text(row, column);
}

function optionalNum(row: Row, column: string): number | undefined {
  return row[column] === null ? undefined : num(row, column);
}

function optionalJson(row: Row, column: string): unknown {
  return row[column] === null ? undefined : JSON.parse(text(row, column));
}

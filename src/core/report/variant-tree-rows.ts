import type { VariantsConfig } from "../config/variant-schema.js";
import type { ExperimentStatus } from "../experiment-lifecycle.js";
import type { Run } from "../model/run.js";
import { formatFraction, formatPercent } from "../stats.js";
import { describeOverrides, effectiveOverrides, variantChildren } from "../variant-overrides.js";

export const VARIANT_TREE_COLUMNS = [
  "variant",
  "overrides",
  "status",
  "pass_rate",
  "vs_baseline",
  "total",
  "passed",
  "failed",
  "completed_at",
  "run",
];

/**
 * One row per node of the tree: the baseline first, then each variant below its parent, in the
 * file's order. `latestRuns` maps a variant name ("" for the baseline) to its newest run. A
 * variant's relative pass rate is (variant − baseline) / baseline; none when the baseline has not
 * run or passed nothing (a ratio over zero says nothing).
 */
export function variantTreeRows(
  variants: VariantsConfig,
  latestRuns: ReadonlyMap<string, Run>,
  experimentStatus: ExperimentStatus,
  table: boolean,
): Record<string, unknown>[] {
  const baseline = latestRuns.get("");
  const basePassRate = baseline?.summary?.pass_rate;
  const children = variantChildren(variants);
  const rows: Record<string, unknown>[] = [nodeRow("baseline", "(none)", baseline, experimentStatus, undefined, table)];
  const visit = (parent: string | undefined, depth: number) => {
    for (const name of children.get(parent) ?? []) {
      const overrides = describeOverrides(effectiveOverrides(variants, name)).join(", ");
      const label = table ? `${"  ".repeat(depth)}└ ${name}` : name;
      rows.push(nodeRow(label, overrides, latestRuns.get(name), undefined, basePassRate, table));
      visit(name, depth + 1);
    }
  };
  visit(undefined, 1);
  return rows;
}

function nodeRow(
  label: string,
  overrides: string,
  run: Run | undefined,
  experimentStatus: ExperimentStatus | undefined,
  basePassRate: number | undefined,
  table: boolean,
): Record<string, unknown> {
  const summary = run?.summary;
  const relative =
    summary !== undefined && basePassRate !== undefined && basePassRate > 0 ? (summary.pass_rate - basePassRate) / basePassRate : undefined;
  const runStatus = run === undefined ? "not run" : run.status;
  return {
    variant: label,
    overrides,
    // The baseline's row carries the experiment's lifecycle status beside its run's.
    status: experimentStatus === undefined ? runStatus : `${experimentStatus} (${runStatus})`,
    pass_rate: summary === undefined ? null : table ? formatPercent(summary.pass_rate) : Number(formatFraction(summary.pass_rate)),
    vs_baseline: relative === undefined ? null : table ? signedPercent(relative) : Number(formatFraction(relative)),
    total: summary?.total ?? null,
    passed: summary?.passed ?? null,
    failed: summary?.failed ?? null,
    completed_at: run?.ended_at ?? null,
    run: run?.id ?? null,
  };
}

function signedPercent(fraction: number): string {
  return `${fraction > 0 ? "+" : ""}${formatPercent(fraction)}`;
}

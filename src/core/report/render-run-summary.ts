import { annotationSummaryLines } from "../annotations/render-annotation-summary.js";
import type { AnnotationSummary } from "../annotations/summarize-annotations.js";
import type { ScorerRef } from "../config/schema.js";
import { describeSelection } from "../selection/describe-selection.js";
import { passRateThresholds, type GateVerdict } from "../gate.js";
import type { Run, RunSummary } from "../model/run.js";
import { formatCost, formatCount, formatCountOf, formatMs, formatPercent } from "../stats.js";
import type { StoredGate } from "../stored-gate.js";
import { oneLine, valueText } from "./excerpt.js";
import { displayWidth } from "./display-width.js";
import { fitLines } from "./fit-lines.js";
import { wrapText } from "./wrap-text.js";
import { formatTable } from "./format-table.js";
import { summaryPassRate } from "./pass-rate-headline.js";
import { renderVerdictLines } from "./render-verdict.js";
import { meanWithSpread } from "./scorer-statistic-text.js";
import { resumeCommand } from "../resume-command.js";

const WIDTH = 80;

/** The process running a run right now, as its live lease tells. */
export interface RunOwner {
  host: string;
  pid: number;
  heartbeatAgeMs: number;
}

/** What the run's experiment version judged it by, as stored with that version. */
export interface RunConfiguration {
  gate: StoredGate;
  /** Undefined when the stored definition holds none readable. */
  scorers: readonly ScorerRef[] | undefined;
}

export interface RunSummaryOptions {
  liveOwner?: RunOwner;
  configuration?: RunConfiguration;
  /** The run's annotations (`summarizeAnnotations`), shown after the scorers; none when empty. */
  annotations?: readonly AnnotationSummary[];
}

/**
 * A run for an 80-column terminal: what ran (with the gate and scorers of its experiment
 * version when `configuration` is given), how it went with people's annotations beside the
 * scorers, and the verdict (from `decideVerdict`:
 * renderers never judge). A run still `running` in the store is running when `liveOwner` (its
 * live lease) is given, else interrupted, with the command that continues it.
 */
export function renderRunSummary(run: Run, verdict: GateVerdict, options: RunSummaryOptions = {}): string {
  const { liveOwner, configuration } = options;
  const lines = [
    field("run", `${run.id} (${statusText(run, liveOwner)})`),
    // A line of its own: a host name would not fit beside the run id in 80 columns.
    ...(run.status === "running" && liveOwner !== undefined ? [field("owner", describeRunOwner(liveOwner))] : []),
    field("experiment", `${run.experiment} @ ${run.experiment_version}`),
    ...(run.label !== undefined ? [field("label", run.label)] : []),
    ...(run.variant !== undefined ? [field("variant", run.variant)] : []),
    field("target", run.target),
    field("dataset", `${run.dataset_path} @ ${run.dataset_version} (${formatCountOf(run.item_count, "item")})`),
    ...(run.selection !== undefined ? [field("selection", describeSelection(run.selection))] : []),
    ...(run.git_commit !== undefined
      ? [field("commit", `${run.git_commit}${run.git_branch !== undefined ? ` on ${run.git_branch}` : ""}`)]
      : []),
    field("started", `${run.started_at}${run.ended_at !== undefined ? ` · ended ${run.ended_at}` : ""}`),
    ...resumeLines(run, liveOwner),
    ...(configuration !== undefined ? configurationLines(configuration) : []),
    "",
    // Nothing stored has no pass rate: "0.0%" would read as a measured one.
    ...(run.summary !== undefined && run.summary.total > 0
      ? summaryLines(run.summary, passRateThresholds(verdict), options.annotations ?? [])
      : ["No items stored yet."]),
    "",
    ...renderVerdictLines(verdict),
  ];
  return fitLines(lines, WIDTH);
}

/** The status a user reads: a stored `running` run without a live owner was interrupted. */
export function statusText(run: Pick<Run, "status">, liveOwner?: RunOwner): string {
  if (run.status !== "running") return run.status;
  return liveOwner === undefined ? "interrupted" : "running";
}

/** "pid 1234 on build-7, heartbeat 2 s ago" */
export function describeRunOwner(owner: RunOwner): string {
  return `pid ${owner.pid} on ${owner.host}, heartbeat ${formatCount(Math.max(0, owner.heartbeatAgeMs) / 1000)} s ago`;
}

function resumeLines(run: Run, liveOwner: RunOwner | undefined): string[] {
  if (run.status !== "running" && run.status !== "cancelled") return [];
  const stored = field("stored", `${formatCount(run.summary?.total ?? 0)} of ${formatCount(run.item_count)} items`);
  // A live run refuses --resume: what a user can do is stop it.
  if (liveOwner !== undefined) return [stored, commandField("stop", `evalgate runs cancel ${run.id}`)];
  return [stored, commandField("continue", resumeCommand(run))];
}

/** The gate as its keys are written in evalgate.yml, then the scorers: name, label, config in short. */
function configurationLines({ gate, scorers }: RunConfiguration): string[] {
  const gateText = [
    `passed_threshold ${gate.gate.passed_threshold}`,
    `max_regressions ${gate.gate.max_regressions ?? "not set"}`,
    `max_error_rate ${gate.maxErrorRate}`,
  ].join(" · ");
  const lines = [field("gate", gateText)];
  if (scorers === undefined) return [...lines, field("scorers", "(not readable in the stored experiment version)")];
  const rows = scorers.map((scorer) => [scorer.name, scorer.label, settingsText(scorer)]);
  return [...lines, "", formatTable(["scorer", "label", "config"], rows, { maxWidth: WIDTH })];
}

/** The ref's modifiers (`not · weight 2 · threshold 0.8 · when metadata.kind: tool`), then its config. */
function settingsText(scorer: ScorerRef): string {
  const parts: string[] = [];
  if (scorer.not === true) parts.push("not");
  if (scorer.weight !== undefined) parts.push(`weight ${scorer.weight}`);
  if (scorer.threshold !== undefined) parts.push(`threshold ${scorer.threshold}`);
  if (scorer.when !== undefined) parts.push(`when ${configText(scorer.when)}`);
  const config = configText(scorer.config);
  if (config !== "") parts.push(config);
  return parts.join(" · ");
}

/** `{ tool: "search_orders", max: 2 }` → "tool: search_orders, max: 2"; nested values as compact JSON. */
function configText(config: Readonly<Record<string, unknown>>): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join(", ");
}


function field(name: string, value: string): string {
  return `${name.padEnd(11)} ${oneLine(value)}`;
}

/**
 * A command to copy, never cut to the summary's width: wrapped at spaces, each line but the last
 * ending in ` \` so that the lines pasted together into a shell are still one command.
 */
function commandField(name: string, command: string): string {
  const whole = field(name, command);
  if (displayWidth(whole) <= WIDTH) return whole;
  const lines = wrapText(command, WIDTH - 2, `${name.padEnd(11)} `, " ".repeat(12));
  return lines.map((line, index) => (index < lines.length - 1 ? `${line} \\` : line)).join("\n");
}

/**
 * The counts, the pass rate with its 95 % interval (± its half-width in pp), flaky items when
 * the run repeats items, the scorers (mean ± 1.96 standard errors) and the annotations, then
 * latency, tokens and cost.
 */
function summaryLines(summary: RunSummary, thresholds: number[], annotations: readonly AnnotationSummary[]): string[] {
  const lines = [
    `${formatCountOf(summary.total, "item")}: ${formatCount(summary.passed)} passed, ` +
      `${formatCount(summary.failed)} failed, ${formatCount(summary.errored)} errored`,
    `pass rate ${summaryPassRate(summary, thresholds)}`,
    ...(summary.flaky !== undefined
      ? [`flaky       ${formatCountOf(summary.flaky, "item")} whose repeats both passed and failed`]
      : []),
  ];
  if (summary.scorers.length > 0) {
    lines.push(
      "",
      formatTable(
        ["scorer", "mean (±95%)", "pass rate", "scored", "errors"],
        summary.scorers.map((scorer) => [
          scorer.scorer,
          meanWithSpread(scorer.mean, scorer.se),
          formatPercent(scorer.pass_rate, { against: thresholds }),
          formatCount(scorer.count),
          formatCount(scorer.errors),
        ]),
        { align: ["left", "right", "right", "right", "right"], maxWidth: WIDTH },
      ),
    );
  }
  const annotationLines = annotationSummaryLines(annotations, WIDTH);
  if (annotationLines.length > 0) lines.push("", ...annotationLines);
  const { latency_ms: latency, tokens } = summary;
  lines.push(
    "",
    `latency     p50 ${formatMs(latency.p50)} · p95 ${formatMs(latency.p95)} · mean ${formatMs(latency.mean)}`,
    // 0 is what a run records when its target reports none: no data, not a free run.
    tokens.total > 0
      ? `tokens      ${formatCount(tokens.input)} in${cachedNote(tokens.cached_input)} · ${formatCount(tokens.output)} out · ${formatCount(tokens.total)} total`
      : "tokens      not reported by the target",
    `cost        ${summary.cost > 0 ? formatCost(summary.cost) : "not reported by the target"}`,
    ...judgeLines(summary),
    `retries     ${formatCount(summary.retries)}`,
  );
  return lines;
}

/** What judges spent, apart from the target's tokens and cost above: only when a scorer spent any. */
function judgeLines(summary: RunSummary): string[] {
  const tokens = summary.scorer_tokens;
  if (tokens === undefined) return [];
  return [
    `judge tokens ${formatCount(tokens.input)} in · ${formatCount(tokens.output)} out · ` +
      `${formatCount(tokens.total)} total` +
      // A cost nobody reported is unknown, not zero.
      (summary.scorer_cost !== undefined && summary.scorer_cost > 0 ? ` · cost ${formatCost(summary.scorer_cost)}` : ""),
  ];
}


/** Cached input is part of `in`: shown beside it, never added to the total. */
function cachedNote(cached: number | undefined): string {
  return cached === undefined ? "" : ` (${formatCount(cached)} cached)`;
}

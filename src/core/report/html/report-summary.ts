import type { Comparison, ScorerComparison } from "../../comparison.js";
import { passRateThresholds, type GateVerdict } from "../../gate.js";
import type { Run, RunSummary } from "../../model/run.js";
import { formatCost, formatCount, formatDeltaPp, formatMs, formatPercent, formatScore } from "../../stats.js";
import { metricsTable } from "../metrics-rows.js";
import { passRateHeadline, summaryPassRate } from "../pass-rate-headline.js";
import { deltaWithInterval, meanWithSpread, scorerPValue, scorerVerdictText } from "../scorer-statistic-text.js";
import { NO_VERDICT_MEANING, VERDICT_WORDS } from "../verdict-words.js";
import type { ReportRunHeader, ReportTable, ReportVerdict } from "./report-data.js";

/** "baseline", "candidate" (two runs), "candidate 2"… (more), or "run" for a report of one run. */
export function runRole(index: number, runCount: number): string {
  if (runCount === 1) return "run";
  if (index === 0) return "baseline";
  return runCount === 2 ? "candidate" : `candidate ${index}`;
}

/** How charts and columns name a run: its role and its label, else its id. */
export function runName(run: Run, index: number, runCount: number): string {
  return `${runRole(index, runCount)} · ${run.label ?? run.id}`;
}

export function runHeader(run: Run, summary: RunSummary, index: number, runCount: number, thresholds: readonly number[]): ReportRunHeader {
  return {
    id: run.id,
    role: runRole(index, runCount),
    ...(run.label !== undefined ? { label: run.label } : {}),
    ...(run.variant !== undefined ? { variant: run.variant } : {}),
    status: run.status,
    startedAt: run.started_at,
    ...(run.git_commit !== undefined ? { commit: run.git_commit.slice(0, 7) } : {}),
    items: countOf(summary.total, "item"),
    passRate: summary.total === 0 ? "—" : summaryPassRate(summary, thresholds),
  };
}

/** The runs in one table: a variant and a commit column only when some run has one. */
export function runsTable(headers: readonly ReportRunHeader[]): ReportTable {
  const variants = headers.some((header) => header.variant !== undefined);
  const commits = headers.some((header) => header.commit !== undefined);
  const header = ["", "run", "label", ...(variants ? ["variant"] : []), "status", "started", ...(commits ? ["commit"] : []), "items", "pass rate"];
  return {
    caption: "Runs",
    header,
    rows: headers.map((run) => [
      run.role,
      run.id,
      run.label ?? "",
      ...(variants ? [run.variant ?? ""] : []),
      run.status,
      startedText(run.startedAt),
      ...(commits ? [run.commit ?? ""] : []),
      run.items,
      run.passRate,
    ]),
    numeric: header.map((name) => name === "items" || name === "pass rate"),
    emphasized: [],
  };
}

/** "2026-11-25 12:03 UTC" from an ISO time in UTC; any other text as it is. */
function startedText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}

/** The verdict of a comparison, in the words of the terminal and the PR comment. */
export function comparisonVerdict(comparison: Comparison, verdict: GateVerdict): ReportVerdict {
  const flaky = comparison.flaky_items.count;
  return {
    title: `${comparison.candidate.run_id} against baseline ${comparison.baseline.run_id}`,
    ...verdictWords(verdict),
    headline: passRateHeadline(comparison, passRateThresholds(verdict)),
    counts: [
      countOf(comparison.regressions.count, "regression"),
      countOf(comparison.fixes.count, "fix", "fixes"),
      countOf(comparison.errors.new_errors.count, "new error"),
      countOf(comparison.items.shared, comparison.same_dataset ? "item" : "shared item"),
      ...(flaky > 0 ? [`${formatCount(flaky)} flaky`] : []),
    ],
  };
}

/** The verdict of a run judged alone. */
export function runVerdict(run: Run, summary: RunSummary, verdict: GateVerdict): ReportVerdict {
  return {
    title: run.id,
    ...verdictWords(verdict),
    headline: summary.total === 0 ? "pass rate: no items evaluated" : `pass rate ${summaryPassRate(summary, passRateThresholds(verdict))}`,
    counts: [
      countOf(summary.total, "item"),
      `${formatCount(summary.passed)} passed`,
      `${formatCount(summary.failed)} failed`,
      `${formatCount(summary.errored)} errored`,
      ...(summary.flaky !== undefined && summary.flaky > 0 ? [`${formatCount(summary.flaky)} flaky`] : []),
    ],
  };
}

/** As renderVerdictLines says it: a no-verdict is not a pass, and its reasons say what to do. */
function verdictWords(verdict: GateVerdict): Pick<ReportVerdict, "verdict" | "word" | "meaning" | "reasons"> {
  const value = verdict.verdict;
  const meaning =
    value === "inconclusive" || value === "not_comparable"
      ? `No verdict, not a pass: ${NO_VERDICT_MEANING[value]}.${verdict.reasons.length > 0 ? " To get a verdict:" : ""}`
      : undefined;
  return { verdict: value, word: VERDICT_WORDS[value], ...(meaning !== undefined ? { meaning } : {}), reasons: verdict.reasons };
}

/** Per scorer over the shared items: both sides, the changes and the paired test, as the PR comment shows them. */
export function comparisonScorerTable(comparison: Comparison, verdict: GateVerdict): ReportTable {
  const thresholds = passRateThresholds(verdict);
  const alpha = comparison.statistics.alpha;
  const side = (scorer: ScorerComparison["baseline"]) =>
    scorer === null ? "—" : `${formatPercent(scorer.pass_rate, { against: thresholds })} · ${formatScore(scorer.mean)}`;
  return {
    caption:
      `Per scorer, ${comparison.candidate.run_id} against baseline ${comparison.baseline.run_id} ` +
      "(pass rate · mean score over the shared items; the paired test of the scores)",
    header: ["scorer", "baseline", "candidate", "Δ pass", "Δ mean [95% CI]", "p", "verdict"],
    rows: comparison.scorers.map((scorer) => [
      scorer.scorer,
      side(scorer.baseline),
      side(scorer.candidate),
      scorer.pass_rate_delta === null ? "—" : formatDeltaPp(scorer.pass_rate_delta),
      scorer.statistic === null ? "—" : deltaWithInterval(scorer.statistic),
      scorerPValue(scorer.statistic, alpha),
      scorerVerdictText(scorer),
    ]),
    numeric: [false, true, true, true, true, true, false],
    emphasized: comparison.scorers.flatMap((scorer, index) => (scorer.statistic?.verdict === "regression" ? [index] : [])),
  };
}

/** One run's scorers: mean (± 1.96 standard errors), pass rate and errors, as `runs show` lists them. */
export function runScorerTable(run: Run, summary: RunSummary, verdict: GateVerdict | undefined): ReportTable {
  const thresholds = passRateThresholds(verdict);
  return {
    caption: `Per scorer, run ${run.id}`,
    header: ["scorer", "mean (±95%)", "pass rate", "errors"],
    rows: summary.scorers.map((scorer) => [
      scorer.scorer,
      meanWithSpread(scorer.mean, scorer.se),
      formatPercent(scorer.pass_rate, { against: thresholds }),
      formatCount(scorer.errors),
    ]),
    numeric: [false, true, true, true],
    emphasized: [],
  };
}

/** Errors, latency, tokens and cost over the shared items, with the gate's budgets (metrics-rows.ts). */
export function comparisonMetricsTable(comparison: Comparison, verdict: GateVerdict): ReportTable {
  const { header, rows } = metricsTable(comparison, { errors: true, verdict });
  return {
    caption: `Errors, latency, tokens and cost over the shared items, ${comparison.candidate.run_id} against baseline ${comparison.baseline.run_id}`,
    header,
    rows,
    numeric: header.map((_, index) => index > 0),
    emphasized: [],
  };
}

/** A single run's errors, latency, tokens and cost; tokens and cost only when the target reported them. */
export function runMetricsTable(run: Run, summary: RunSummary): ReportTable {
  const rows = [
    ["errors", formatCount(summary.errored)],
    ["latency p50", formatMs(summary.latency_ms.p50)],
    ["latency p95", formatMs(summary.latency_ms.p95)],
    ...(summary.tokens.total > 0 ? [["tokens", formatCount(summary.tokens.total)]] : []),
    ...(summary.cost > 0 ? [["cost", formatCost(summary.cost)]] : []),
  ];
  return { caption: `Errors, latency, tokens and cost, run ${run.id}`, header: ["", "run"], rows, numeric: [false, true], emphasized: [] };
}

function countOf(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

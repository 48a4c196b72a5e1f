import type { Verdict } from "../../gate.js";
import type { RunItemStatus } from "../../model/run-item.js";
import type { DiffSegment } from "./output-diff.js";
import type { ShownText } from "./shown-text.js";

/**
 * What the HTML report embeds as JSON and its script renders, every number already in words:
 * the page formats nothing itself, so it says what the terminal and the PR comment say.
 */
export interface ReportData {
  /** "evalgate · support-agent-quality" */
  title: string;
  experiment: string;
  /** ISO time the report was written. */
  generatedAt: string;
  runs: ReportRunHeader[];
  /** The runs as one table (role, id, label, status, started, items, pass rate…). */
  runsTable: ReportTable;
  /** One per comparison (run 2… against run 1), or the single run's. */
  verdicts: ReportVerdict[];
  /** Why numbers cover fewer items than the runs hold (another dataset version, a sample). */
  notes: string[];
  /** Per-scorer tables: one per comparison, or the single run's. */
  scorerTables: ReportTable[];
  /** Latency, tokens and cost: one per comparison, or the single run's. */
  metricsTables: ReportTable[];
  /** One per run that has annotations. */
  annotationTables: ReportTable[];
  charts: ReportCharts;
  items: ReportItem[];
  /** The item filters this report offers, in order (regressions and fixes only in a comparison). */
  filters: ItemTag[];
  /** Items the printed report lists at most. */
  printLimit: number;
}

export interface ReportRunHeader {
  id: string;
  /** "baseline", "run 2"…, or "run" alone. */
  role: string;
  label?: string;
  variant?: string;
  status: string;
  startedAt: string;
  commit?: string;
  /** "1,000 items" */
  items: string;
  /** "90.2% (±8.9)" over all the run's items; "—" before any item. */
  passRate: string;
}

export interface ReportVerdict {
  /** "run-… against baseline run-…", or "run-…" for a single run. */
  title: string;
  verdict: Verdict;
  /** "FAIL", "NOT COMPARABLE"… */
  word: string;
  /** For a no-verdict: why it is not a pass, and that the reasons say what to do. */
  meaning?: string;
  reasons: string[];
  /** The pass-rate headline (pass-rate-headline.ts). */
  headline: string;
  /** "2 regressions", "1 fix", "40 items"… */
  counts: string[];
}

export interface ReportTable {
  caption: string;
  header: string[];
  rows: string[][];
  /** Per column: numbers are right-aligned. */
  numeric: boolean[];
  /** Row indexes to emphasize (a scorer's regression). */
  emphasized: number[];
}

export interface ReportCharts {
  /** Pass rate (fraction) per group (all items first, then each scorer) and run; null where a run lacks the scorer. */
  passRate: {
    groups: string[];
    /** `labels` are the rates as the tables show them ("90.0%"), "—" where `rates` is null. */
    runs: { name: string; rates: (number | null)[]; labels: string[] }[];
  };
  /** Latency of the calls that answered, binned alike for every run; the last bin holds everything above. */
  latency: LatencyHistogram;
}

export interface LatencyHistogram {
  /** Width of a bin in ms: bin i holds [i × binMs, (i + 1) × binMs); the last bin is open above. */
  binMs: number;
  /** One count per bin, per run; every run has the same number of bins. */
  runs: { name: string; counts: number[]; calls: number; p50: string; p95: string }[];
}

/** What the item filters select; `failed` is any run's failure or error. */
export type ItemTag = "regression" | "fix" | "error" | "flaky" | "failed";

export interface ReportItem {
  /** The item id as stored: links and lookups use it. */
  id: string;
  /** The id as shown: controls and bidi overrides made visible (shown-text.ts), never applied. */
  label: string;
  input?: ShownText;
  expected?: ShownText;
  tags: ItemTag[];
  /** One per run, in the order of `runs`; null where the run has no such item. */
  runs: (ReportRunCell | null)[];
}

export interface ReportRunCell {
  runItemId: string;
  status: RunItemStatus;
  output?: ShownText;
  error?: ShownText;
  /** "120 ms" */
  latency: string;
  /** "passed 2 of 5" when the run repeats items. */
  repeats?: string;
  /** Only in a run after the first whose output differs from the baseline's. */
  diff?: DiffSegment[];
  /** Why a differing output has no diff. */
  diffNote?: string;
  scores: ReportScore[];
  annotations: ReportAnnotation[];
}

export interface ReportScore {
  scorer: string;
  /** "0.82" */
  score: string;
  passed: boolean;
  reason?: ShownText;
  error?: ShownText;
  read?: ShownText;
  compared?: ShownText;
}

export interface ReportAnnotation {
  name: string;
  kind: "metric" | "label";
  value: string;
  note?: string;
  author?: string;
}

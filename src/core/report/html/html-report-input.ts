import type { Comparison } from "../../comparison.js";
import type { GateVerdict } from "../../gate.js";
import type { Annotation } from "../../model/annotation.js";
import type { RunItem } from "../../model/run-item.js";
import type { Run } from "../../model/run.js";

/** One run of the report: its record, every stored item (any order), and its annotations. */
export interface HtmlReportRun {
  run: Run;
  items: RunItem[];
  annotations: Annotation[];
}

/**
 * What `renderHtmlReport` shows. The CLI (`reports html`) and the Action build it from a store;
 * every verdict in it comes from `decideVerdict` (renderers never judge).
 */
export interface HtmlReportInput {
  /** 1–4 runs; with 2+ the first is the baseline the others are compared with. */
  runs: HtmlReportRun[];
  /** One per run after the first: that run against the first, with its verdict. */
  comparisons: { comparison: Comparison; verdict: GateVerdict }[];
  /** The verdict of a single run (runs.length === 1). */
  verdict?: GateVerdict;
  /** ISO time, shown in the footer. */
  generatedAt: string;
}

import type { Comparison, ScorerSide } from "../comparison.js";
import { formatCount, formatPercent } from "../stats.js";
import { md } from "./markdown-parts.js";

/** Scorers charted at most: two bars each, and a chart of more is a picture nobody reads. */
export const MAX_CHARTED_SCORERS = 20;

/** Code points kept of a scorer's name on the chart; the table above it has the whole name. */
const LABEL_LENGTH = 40;

/** A mid blue that reads on GitHub's light and dark backgrounds alike. */
const BAR_COLOUR = "#4e79a7";

/**
 * The job summary's chart of per-scorer pass rates, baseline vs candidate, over the shared items:
 * a ```mermaid block (GitHub renders Mermaid in Markdown) holding an `xychart-beta` with two bar
 * series, then a one-line legend. Empty when the comparison has no scorer.
 *
 * Mermaid draws every bar series at the same positions, so two series of one bar per scorer
 * would hide a baseline bar behind a taller candidate bar. Each scorer therefore gets two
 * categories, "<scorer> · baseline" and "<scorer> · candidate": the baseline series has its
 * value in the first and 0 in the second, the candidate series the other way round, so the bars
 * stand one under the other, each labelled. Values are the percentages the scorer table shows
 * (`formatPercent` against the gate's pass-rate `thresholds`, so none is rounded onto one).
 */
export function passRateChart(comparison: Comparison, thresholds: readonly number[]): string {
  const charted = comparison.scorers.slice(0, MAX_CHARTED_SCORERS);
  if (charted.length === 0) return "";
  const names = uniqueLabels(charted.map((scorer) => chartLabel(scorer.scorer)));
  const categories: string[] = [];
  const baselineBars: string[] = [];
  const candidateBars: string[] = [];
  charted.forEach((scorer, index) => {
    const baseline = percentValue(scorer.baseline, thresholds);
    const candidate = percentValue(scorer.candidate, thresholds);
    categories.push(`${names[index]} · baseline${baseline === undefined ? " (not scored)" : ""}`);
    categories.push(`${names[index]} · candidate${candidate === undefined ? " (not scored)" : ""}`);
    baselineBars.push(baseline ?? "0", "0");
    candidateBars.push("0", candidate ?? "0");
  });
  const chart = [
    "```mermaid",
    // Frontmatter config: room for every bar and its label (the default height is 500 px), and
    // one colour for both series: Mermaid draws a 0 as a stub a few pixels wide, which in a
    // second colour would show on every bar of the other series. The labels tell them apart.
    "---",
    "config:",
    "  xyChart:",
    `    height: ${Math.max(240, 80 + 26 * categories.length)}`,
    "  themeVariables:",
    "    xyChart:",
    `      plotColorPalette: "${BAR_COLOUR}"`,
    "---",
    "xychart-beta horizontal",
    '  title "Pass rate per scorer (%)"',
    `  x-axis [${categories.map((category) => `"${category}"`).join(", ")}]`,
    '  y-axis "pass rate (%)" 0 --> 100',
    `  bar [${baselineBars.join(", ")}]`,
    `  bar [${candidateBars.join(", ")}]`,
    "```",
  ].join("\n");
  return `${chart}\n\n${legend(comparison, charted.length)}`;
}

/** One line under the chart: which bar is which run, over which items, and what was left out. */
function legend(comparison: Comparison, charted: number): string {
  const hidden = comparison.scorers.length - charted;
  return (
    `Per scorer, the bar labelled _baseline_ is run ${md(comparison.baseline.run_id, 80)} and the bar labelled ` +
    `_candidate_ is run ${md(comparison.candidate.run_id, 80)}: pass rates in percent of the ` +
    `${formatCount(comparison.items.shared)} shared items, as in the per-scorer table above` +
    (hidden > 0 ? `; the first ${formatCount(charted)} of ${formatCount(comparison.scorers.length)} scorers.` : ".")
  );
}

/** "82.0", as the table shows it without "%"; undefined when the side did not score. */
function percentValue(side: ScorerSide | null, thresholds: readonly number[]): string | undefined {
  if (side === null || !Number.isFinite(side.pass_rate)) return undefined;
  return formatPercent(side.pass_rate, { against: thresholds }).replace(/%$/, "");
}

// Characters that would end a quoted Mermaid string (`"`), open a Markdown string (a backquote
// after the quote), end an entity Mermaid decodes anywhere in the text (`#quot;`) or one the
// label's HTML sanitizer would (`&amp;`), or be taken for a tag: each becomes a look-alike
// (from Windows-1252, which every font has) that does none of it.
const UNSAFE_IN_CHART: Record<string, string> = { '"': "'", "`": "'", ";": ",", "<": "‹", ">": "›" };

/**
 * A scorer's name as a chart category: control characters (line breaks, which could end the
 * code fence) become spaces, the characters above their look-alikes, a run of `%` one `%`
 * (Mermaid reads `%%{…}%%` anywhere as a directive, and `%%` as a comment), whitespace
 * collapsed, at most LABEL_LENGTH code points. Never empty: Mermaid's grammar takes no empty string.
 */
export function chartLabel(name: string): string {
  const safe = name
    .replace(/\p{C}/gu, " ")
    .replace(/["`;<>]/g, (character) => UNSAFE_IN_CHART[character]!)
    .replace(/%+/g, "%")
    .replace(/\s+/g, " ")
    .trim();
  const points = [...safe];
  const shortened = points.length > LABEL_LENGTH ? `${points.slice(0, LABEL_LENGTH - 1).join("").trimEnd()}…` : safe;
  return shortened === "" ? "(unnamed)" : shortened;
}

/** Mermaid's band axis keeps one position per distinct category: names made alike get " (2)", " (3)"… */
function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label) => {
    let unique = label;
    for (let n = 2; seen.has(unique); n += 1) unique = `${label} (${n})`;
    seen.add(unique);
    return unique;
  });
}

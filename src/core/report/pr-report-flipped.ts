import type { ChangedScorer, FlippedItem, FlippedList, IdList } from "../comparison.js";
import type { FlipKind } from "../flipped-item.js";
import { formatCount, formatScore } from "../stats.js";
import { valueText } from "./excerpt.js";
import { flakyFlipMovement, flipMovement } from "./flip-movement.js";
import { countOf, md, orDash } from "./markdown-parts.js";
import type { ReportDetail } from "./pr-report-input.js";

// A reviewer reads a handful of regressions at once; more than this stays folded.
const OPEN_REGRESSIONS_UP_TO = 10;

/** A regression, a fix, or the flip of a flaky item (neither). */
type ReportedFlip = FlipKind | "flaky";

const NAMES: Record<ReportedFlip, { one: string; many: string; heading: string; movement: string }> = {
  regression: { one: "regression", many: "regressions", heading: "Regressions", movement: "passed → failed or error" },
  fix: { one: "fix", many: "fixes", heading: "Fixes", movement: "failed or error → passed" },
  flaky: { one: "flaky flip", many: "flaky flips", heading: "Flaky flips", movement: "neither regressions nor fixes" },
};

/**
 * The flipped items of one kind: in full inside `<details>` (input, outputs, the scorers that
 * changed and why), or by id only at leaner levels, with the rest counted and pointed to the
 * full report. Each item's text is escaped, so nothing in it can close the `<details>`.
 */
export function flippedSection(kind: FlipKind, list: FlippedList, detail: ReportDetail, seeFullReport: string): string {
  if (list.count === 0) return "";
  const names = NAMES[kind];
  const shown = list.items.slice(0, detail.flippedItems);
  if (shown.length === 0) return flippedIdsLine(kind, list, detail.listedIds, seeFullReport);
  const open = kind === "regression" && list.count <= OPEN_REGRESSIONS_UP_TO ? " open" : "";
  return [
    `<details${open}><summary><b>${countOf(list.count, names.one, names.many)}</b> (${names.movement})</summary>`,
    "",
    ...flippedItemsBody(kind, list, shown, detail, seeFullReport),
    "",
    "</details>",
  ].join("\n");
}

/**
 * Flaky items, folded apart from regressions and fixes: how many shared items' repeats both
 * passed and failed, then the flips among them with their repeats ("passed 2 of 5 → 4 of 5").
 * Empty when no item was flaky.
 */
export function flakySection(flaky: FlippedList, flakyItems: IdList, detail: ReportDetail, seeFullReport: string): string {
  if (flakyItems.count === 0 && flaky.count === 0) return "";
  const count = `${countOf(flakyItems.count, "flaky item")}, ${formatCount(flaky.count)} flipped`;
  const meaning = "repeats both passed and failed: chance, not the change; never counted as regressions or fixes";
  const shown = flaky.items.slice(0, detail.flippedItems);
  if (shown.length === 0) {
    const ids = flippedIdsLine("flaky", flaky, detail.listedIds, seeFullReport);
    return [`**${count}** (${meaning}).`, ...(ids === "" ? [] : ["", ids])].join("\n");
  }
  return [
    `<details><summary><b>${count}</b> (${meaning})</summary>`,
    "",
    ...flippedItemsBody("flaky", flaky, shown, detail, seeFullReport),
    "",
    "</details>",
  ].join("\n");
}

function flippedItemsBody(kind: ReportedFlip, list: FlippedList, shown: FlippedItem[], detail: ReportDetail, seeFullReport: string): string[] {
  const names = NAMES[kind];
  const hidden = list.count - shown.length;
  return [
    ...shown.map((item) => flippedItemLines(kind, item, detail)),
    ...(hidden > 0 ? ["", `… and ${formatCount(hidden)} more ${hidden === 1 ? names.one : names.many} — ${seeFullReport}.`] : []),
  ];
}

function flippedIdsLine(kind: ReportedFlip, list: FlippedList, maxIds: number, seeFullReport: string): string {
  if (maxIds === 0 || list.count === 0) return "";
  const names = NAMES[kind];
  const ids = list.items.slice(0, maxIds).map((item) => md(item.item_id, 80));
  const hidden = list.count - ids.length;
  const more = hidden > 0 ? ` and ${formatCount(hidden)} more` : "";
  return `**${names.heading}:** ${ids.join(", ")}${more} — ${seeFullReport}.`;
}

function flippedItemLines(kind: ReportedFlip, item: FlippedItem, detail: ReportDetail): string {
  const excerpt = (value: unknown) => md(valueText(value), detail.excerptLength);
  const movement = kind === "flaky" ? flakyFlipMovement(item) : flipMovement(item);
  const lines = [
    `- **${md(item.item_id, 100)}** — ${movement} · run item ${runItemIdText(item.run_item_id)}`,
    `  - input: ${excerpt(item.input)}`,
    ...(item.expected !== undefined ? [`  - expected: ${excerpt(item.expected)}`] : []),
    `  - baseline: ${excerpt(item.baseline_output)}`,
    item.candidate_error !== undefined
      ? `  - candidate: error: ${md(item.candidate_error, detail.reasonLength)}`
      : `  - candidate: ${excerpt(item.candidate_output)}`,
    ...item.changed_scorers.map((scorer) => `  - ${changedScorerText(scorer, detail.reasonLength)}`),
  ];
  return lines.join("\n");
}

// Run item ids are derived by evalgate (ri_ and a hash); a code span makes them easy to copy
// into `/eval regression --run-item-id`. Anything else is escaped like dataset text.
function runItemIdText(id: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? `\`${id}\`` : md(id, 64);
}

/** `✗ **equals** 1.00 → 0.00: expected "refund issued"` */
function changedScorerText(scorer: ChangedScorer, reasonLength: number): string {
  const mark = scorer.candidate === null ? "–" : scorer.candidate.passed ? "✓" : "✗";
  const movement = `${orDash(scorer.baseline?.score, formatScore)} → ${orDash(scorer.candidate?.score, formatScore)}`;
  const reason = scorer.reason === "" ? "" : `: ${md(scorer.reason, reasonLength)}`;
  return `${mark} **${md(scorer.scorer, 80)}** ${movement}${reason}`;
}

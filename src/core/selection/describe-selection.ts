import type { RunSelection } from "../model/run.js";

/** One line for `runs show` and comparison notes: `sample 50% (seed 42): 4 items`. */
export function describeSelection(selection: RunSelection): string {
  const what =
    selection.mode === "sample"
      ? `sample ${selection.value}%`
      : selection.mode === "rows"
        ? `rows ${selection.value}`
        : `${selection.mode} ${selection.value}`;
  const seed = selection.seed !== undefined ? ` (seed ${selection.seed})` : "";
  return `${what}${seed}: ${selection.selected} ${selection.selected === 1 ? "item" : "items"}`;
}

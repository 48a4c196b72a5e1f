import { formatCount } from "../stats.js";
import type { DefinitionChange } from "../versions/diff-definitions.js";
import { oneLine } from "./excerpt.js";

/** One side of an `experiments diff`. */
export interface DiffedExperimentVersion {
  experiment: string;
  version: string;
}

/**
 * `experiments diff` as text: each changed path, then its value before and after as JSON (so
 * "1" and 1 read apart), whole: a changed prompt is the point of the diff, so nothing is cut.
 */
export function renderDefinitionDiff(before: DiffedExperimentVersion, after: DiffedExperimentVersion, changes: readonly DefinitionChange[]): string {
  const side = (version: DiffedExperimentVersion) => `${version.version} (${oneLine(version.experiment)})`;
  const lines = [`experiment version ${side(before)} → ${side(after)}`];
  if (changes.length === 0) {
    lines.push("no changes: the definitions are the same");
    return `${lines.join("\n")}\n`;
  }
  lines.push(`${formatCount(changes.length)} change${changes.length === 1 ? "" : "s"}:`);
  for (const change of changes) {
    lines.push("", `  ${oneLine(change.path)}`, `    before: ${shown(change.before)}`, `    after:  ${shown(change.after)}`);
  }
  return `${lines.join("\n")}\n`;
}

function shown(value: unknown): string {
  return value === undefined ? "(absent)" : oneLine(JSON.stringify(value));
}

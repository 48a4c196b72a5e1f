import { escapeMarkdown } from "../../../core/report/escape-markdown.js";
import { inlineCode } from "../inline-code.js";
import type { Delivery } from "./deliver-regression.js";
import type { PlannedDataset } from "../../../core/regression/plan-regression-change.js";

const SHOWN_ITEMS = 20;

export interface RerunStatus {
  started: boolean;
  /** Why no rerun was started, when none was. */
  problem?: string;
}

function itemList(dataset: PlannedDataset): string {
  const ids = dataset.added.map((item) => inlineCode(item.item_id));
  const shown = ids.slice(0, SHOWN_ITEMS).join(", ");
  return ids.length > SHOWN_ITEMS ? `${shown} and ${ids.length - SHOWN_ITEMS} more` : shown;
}

/** The file on the branch, next to the commit's page (github.com or a GitHub Enterprise Server host alike). */
function fileUrl(commitUrl: string, branch: string, path: string): string {
  const repositoryUrl = commitUrl.replace(/\/commit\/[0-9a-f]+$/, "");
  const encode = (text: string) => text.split("/").map(encodeURIComponent).join("/");
  return `${repositoryUrl}/blob/${encode(branch)}/${encode(path)}`;
}

function datasetLines(delivery: Exclude<Delivery, { kind: "nothing-new" }>): string[] {
  const lines: string[] = [];
  for (const dataset of delivery.change.datasets) {
    if (dataset.added.length === 0 && !dataset.experimentAdded) continue;
    const file =
      delivery.kind === "inline" ? inlineCode(dataset.datasetPath) : `[${inlineCode(dataset.datasetPath)}](${fileUrl(delivery.commit.htmlUrl, delivery.branch, dataset.datasetPath)})`;
    const count = dataset.added.length;
    const from = `from run ${inlineCode(dataset.selection.run.id)} of ${inlineCode(dataset.selection.run.experiment)}`;
    const items = count === 0 ? "no new items" : `${count} item${count === 1 ? "" : "s"} (${itemList(dataset)})`;
    const skipped = dataset.alreadyPresent.length > 0 ? `; ${dataset.alreadyPresent.length} already there` : "";
    lines.push(`- ${file}: ${items} ${from}${skipped}.`);
    if (dataset.experimentAdded) lines.push(`  New experiment ${inlineCode(dataset.name)} over it, with the same target, scorers and gate.`);
  }
  return lines;
}

function inlineFiles(delivery: Extract<Delivery, { kind: "inline" }>): string[] {
  const blocks: string[] = [];
  for (const file of delivery.change.files) {
    const { content } = file;
    // A fence longer than any backtick run inside keeps the file's content from closing it.
    const longestRun = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longestRun + 1);
    blocks.push("<details>", `<summary>${escapeMarkdown(file.path, { maxLength: 200 })}</summary>`, "", `${fence}${file.path.endsWith(".jsonl") ? "jsonl" : "yaml"}`, content.trimEnd(), fence, "", "</details>");
  }
  return blocks;
}

/** The reply to `/eval regression`: what was added where, and whether a rerun started. */
export function renderRegressionReply(delivery: Delivery, rerun: RerunStatus): string {
  if (delivery.kind === "nothing-new") {
    const present = delivery.change.datasets.reduce((sum, dataset) => sum + dataset.alreadyPresent.length, 0);
    const files = delivery.change.datasets.map((dataset) => inlineCode(dataset.datasetPath)).join(", ");
    return `Nothing new: all ${present} selected item${present === 1 ? " is" : "s are"} already in ${files}, and the regression experiment exists. No commit was made.`;
  }
  const lines: string[] = [];
  if (delivery.kind === "pushed") {
    const where = delivery.toFork ? `the fork's branch ${inlineCode(delivery.branch)}` : `this pull request's branch`;
    lines.push(`Added regression items in [${delivery.commit.sha.slice(0, 7)}](${delivery.commit.htmlUrl}) on ${where}:`);
  } else if (delivery.kind === "pull-request") {
    lines.push(
      `This pull request's branch is in a fork evalgate cannot push to, so the regression items are in ${delivery.pullRequest.htmlUrl} ` +
        `(branch ${inlineCode(delivery.branch)}, commit [${delivery.commit.sha.slice(0, 7)}](${delivery.commit.htmlUrl})):`,
    );
  } else {
    lines.push(`${escapeMarkdown(delivery.reason, { maxLength: 300 })}. Commit these files yourself to add the regression items:`);
  }
  lines.push("", ...datasetLines(delivery), "");
  if (delivery.kind === "inline") lines.push(...inlineFiles(delivery), "");
  if (rerun.started) lines.push("A rerun of the evaluation has started.");
  else if (rerun.problem !== undefined) lines.push(`No rerun was started: ${escapeMarkdown(rerun.problem, { maxLength: 300 })}.`);
  else if (delivery.kind === "pull-request") lines.push("That pull request runs its own checks.");
  return lines.join("\n").trimEnd();
}

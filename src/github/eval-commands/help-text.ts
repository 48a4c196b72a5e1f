import { escapeMarkdown } from "../../core/report/escape-markdown.js";

/** The reply to `/eval help`, and to a `/eval` comment we could not understand. */
export function renderHelp(problem?: string): string {
  const lines = [
    ...(problem === undefined ? [] : [`I could not run that: ${escapeMarkdown(problem, { maxLength: 300 })}.`, ""]),
    "**evalgate commands** (write one as the first line of a pull request comment):",
    "",
    "- `/eval regression [--run-item-id ID]... [--name NAME]`: turns the failed and errored items of this pull request's latest evalgate run into a regression dataset (`evals/regressions/NAME.jsonl`, default `<experiment>-regressions`), adds an experiment over it to `evalgate.yml`, commits both to the pull request's branch and starts a rerun. `--run-item-id` picks items by their run item id (`ri_…`, shown in the evalgate report) instead.",
    "- `/eval run` or `/eval run --variant NAME`: starts the evaluation workflow for this pull request again; with `--variant`, the candidate runs as that variant of the experiment (the workflow passes its `variant` input to the Action).",
    "- `/eval help`: shows this help.",
    "",
    "Only people with write access to this repository can use these commands.",
  ];
  return lines.join("\n");
}

export const REFUSAL = "Sorry, only people with write access to this repository can use `/eval` commands.";

import type { Item } from "../../core/model/item.js";
import type { TargetResult } from "../../core/model/run-item.js";
import { compileText } from "../../core/template.js";

/** What a judge's `prompt` (and `criteria`) may name: `{{input}}`, `{{output}}`, `{{metadata.lang}}`, … */
export const JUDGE_PLACEHOLDER_ROOTS: ReadonlySet<string> = new Set([
  "input",
  "output",
  "expected",
  "metadata",
  "item_id",
  "tool_calls",
]);

export interface JudgeValues {
  input: unknown;
  output: unknown;
  expected: unknown;
  metadata: unknown;
  item_id: string;
  tool_calls: unknown;
}

export interface JudgePromptConfig {
  criteria?: string | undefined;
  prompt?: string | undefined;
  system?: string | undefined;
  choices: Record<string, number>;
}

/** The two messages a judge is sent. */
export interface JudgeMessages {
  system: string;
  user: string;
}

const DEFAULT_SYSTEM =
  "You are an impartial evaluator. You judge the output of an AI system against the criteria you are given.";

/**
 * Compiled once per run. The user message is the config's `prompt` rendered for the item, or a
 * default one laying out the input, the output, the expected value (when the item has one), the
 * tool calls (when there are any) and the `criteria`. The system message always ends with the
 * answer format, so a custom `prompt` or `system` need not repeat it.
 */
export function compileJudgePrompt(config: JudgePromptConfig): (item: Item, result: TargetResult) => JudgeMessages {
  const system = `${config.system ?? DEFAULT_SYSTEM}\n\n${answerFormat(Object.keys(config.choices))}`;
  const renderUser = config.prompt !== undefined ? compileText<JudgeValues>(config.prompt) : rubricPrompt(config.criteria ?? "");
  return (item, result) => ({ system, user: renderUser(judgeValues(item, result)) });
}

function judgeValues(item: Item, result: TargetResult): JudgeValues {
  return {
    input: item.input,
    output: result.output,
    expected: item.expected,
    metadata: item.metadata,
    item_id: item.id,
    tool_calls: result.tool_calls,
  };
}

function rubricPrompt(criteria: string): (values: JudgeValues) => string {
  const renderCriteria = compileText<JudgeValues>(criteria);
  return (values) => {
    const sections: [string, unknown][] = [
      ["Input", values.input],
      ["Output", values.output ?? "(no text output)"],
    ];
    if (values.expected !== undefined) sections.push(["Expected", values.expected]);
    if (Array.isArray(values.tool_calls) && values.tool_calls.length > 0) sections.push(["Tool calls", values.tool_calls]);
    sections.push(["Criteria", renderCriteria(values)]);
    return sections.map(([title, value]) => `[${title}]\n${sectionText(value)}`).join("\n\n");
  };
}

function sectionText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? String(value));
}

/** The default choices get their meaning spelt out; custom ones are the prompt's to explain. */
function answerFormat(choices: string[]): string {
  const listed = choices.map((choice) => JSON.stringify(choice)).join(", ");
  const meaning =
    choices.length === 2 && choices[0] === "Y" && choices[1] === "N"
      ? ' Choose "Y" if the output meets the criteria and "N" if it does not.'
      : "";
  return (
    'Answer with one JSON object and nothing else: {"reasoning": "<why, in one or two sentences>", ' +
    `"choice": "<one of ${listed}>"}.${meaning}`
  );
}

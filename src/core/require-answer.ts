import type { TargetResult } from "./model/run-item.js";

/**
 * No false green from a call that got no answer. A target result whose output is missing
 * (`undefined`: the mapped path is absent) or `null`, with no tool call either, becomes an error
 * result, so the item is an error for every scorer, negative ones (`not_contains`, a regex with a
 * negative lookahead) included. An empty string the target did return is an answer like any
 * other. `where` names the response field the output was read from, for the message; `response`
 * is the parsed response, quoted (shortened) so the user sees what came back instead.
 */
export function requireAnswer(result: TargetResult, where?: { field: string; response: unknown }): TargetResult {
  if (result.error !== undefined || hasAnswer(result)) return result;
  const field = where ? ` at "${where.field}"` : "";
  const what = result.output === null ? `null${field}` : `no output${field}`;
  const response = where ? `; the response was ${responseExcerpt(where.response)}` : "";
  return { ...result, error: `the target answered with ${what}${response}` };
}

function hasAnswer(result: TargetResult): boolean {
  if (result.output !== undefined && result.output !== null) return true;
  // An agent may answer with tool calls alone (OpenAI sends `content: null` beside them).
  return (result.tool_calls?.length ?? 0) > 0;
}

// An error message is one line in a table: a few hundred characters say what came back.
const RESPONSE_EXCERPT = 200;

function responseExcerpt(response: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(response) ?? String(response);
  } catch {
    text = String(response);
  }
  const points = Array.from(text);
  return points.length <= RESPONSE_EXCERPT ? text : `${points.slice(0, RESPONSE_EXCERPT).join("")}…`;
}

import { getPath } from "../../core/json-path.js";
import type { TargetResult, ToolCall, Usage } from "../../core/model/run-item.js";

/** Where the answer's parts are in a target's response JSON (dot paths). */
export interface ResponseMapping {
  output: string;
  tool_calls: string;
  usage: string;
  cost: string;
}

export type MappedResponse = Pick<TargetResult, "output" | "tool_calls" | "usage" | "cost">;

/**
 * Reads the answer's parts. A missing output is not an error here: the scorers fail the item and
 * show why. Tool calls, usage and cost that are absent or unreadable are simply left out.
 */
export function mapResponse(json: unknown, mapping: ResponseMapping): MappedResponse {
  const mapped: MappedResponse = { output: getPath(json, mapping.output) };
  const toolCalls = normalizeToolCalls(getPath(json, mapping.tool_calls));
  if (toolCalls) mapped.tool_calls = toolCalls;
  const usage = normalizeUsage(getPath(json, mapping.usage));
  if (usage) mapped.usage = usage;
  const cost = getPath(json, mapping.cost);
  if (typeof cost === "number" && Number.isFinite(cost) && cost >= 0) mapped.cost = cost;
  return mapped;
}

/**
 * Accepts `[{name, arguments}]`, OpenAI's `[{type: "function", function: {name, arguments}}]`
 * and Anthropic's `[{type: "tool_use", name, input}]`. OpenAI sends arguments as a JSON string;
 * it is parsed so scorers compare values, not spellings.
 */
export function normalizeToolCalls(value: unknown): ToolCall[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const calls: ToolCall[] = [];
  for (const entry of value) {
    const call = toolCallOf(entry);
    if (call) calls.push(call);
  }
  return calls;
}

function toolCallOf(entry: unknown): ToolCall | undefined {
  if (!isRecord(entry)) return undefined;
  const source = isRecord(entry.function) ? entry.function : entry;
  if (typeof source.name !== "string") return undefined;
  const rawArguments = "arguments" in source ? source.arguments : source.input;
  const call: ToolCall = { name: source.name };
  if (rawArguments !== undefined) call.arguments = parseJsonText(rawArguments);
  return call;
}

function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Accepts `{input_tokens, output_tokens, total_tokens}` and OpenAI's `prompt_/completion_tokens`. */
export function normalizeUsage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const usage: Usage = {};
  const input = tokenCount(value.input_tokens) ?? tokenCount(value.prompt_tokens);
  const output = tokenCount(value.output_tokens) ?? tokenCount(value.completion_tokens);
  const total = tokenCount(value.total_tokens) ?? (input !== undefined && output !== undefined ? input + output : undefined);
  if (input !== undefined) usage.input_tokens = input;
  if (output !== undefined) usage.output_tokens = output;
  if (total !== undefined) usage.total_tokens = total;
  return Object.keys(usage).length > 0 ? usage : undefined;
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

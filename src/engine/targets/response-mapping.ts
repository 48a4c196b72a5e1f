import { nestingExceeds } from "../../core/json-depth.js";
import { getPath } from "../../core/json-path.js";
import type { TargetResult, ToolCall } from "../../core/model/run-item.js";
import { normalizeUsage } from "../../core/normalize-usage.js";

/** Where the answer's parts are in a target's response JSON (dot paths). */
export interface ResponseMapping {
  output: string;
  tool_calls: string;
  usage: string;
  cost: string;
  /** The model that answered, for the price table; "model" when absent. */
  model?: string | undefined;
}

export type MappedResponse = Pick<TargetResult, "output" | "tool_calls" | "usage" | "cost" | "model">;

/**
 * Reads the answer's parts (and the model's name, for the price table). A missing output is not an error here: the scorers fail the item and
 * show why. Tool calls, usage and cost that are absent or unreadable are simply left out. Usage
 * in any provider's shape is read by `normalizeUsage`, the one place that knows those shapes.
 */
export function mapResponse(json: unknown, mapping: ResponseMapping): MappedResponse {
  const mapped: MappedResponse = { output: getPath(json, mapping.output) };
  const toolCalls = normalizeToolCalls(getPath(json, mapping.tool_calls));
  if (toolCalls) mapped.tool_calls = toolCalls;
  const usage = normalizeUsage(getPath(json, mapping.usage));
  if (usage) mapped.usage = usage;
  const cost = getPath(json, mapping.cost);
  if (typeof cost === "number" && Number.isFinite(cost) && cost >= 0) mapped.cost = cost;
  const model = getPath(json, mapping.model ?? "model");
  if (typeof model === "string" && model !== "") mapped.model = model;
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

/** Text that is not JSON, or nests deeper than MAX_JSON_DEPTH (it would overflow the store), stays text. */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    const parsed = JSON.parse(value) as unknown;
    return nestingExceeds(parsed) ? value : parsed;
  } catch {
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

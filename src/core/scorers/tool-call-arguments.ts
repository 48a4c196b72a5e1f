import type { ToolCall } from "../model/run-item.js";
import { parseJson } from "./value-sources.js";

/** Providers send arguments as an object or as the JSON text of one (OpenAI does the latter). */
export function callArguments(call: ToolCall): unknown {
  if (typeof call.arguments !== "string") return call.arguments;
  const parsed = parseJson(call.arguments);
  return parsed.ok ? parsed.value : call.arguments;
}

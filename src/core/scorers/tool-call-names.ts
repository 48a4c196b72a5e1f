import type { ToolCall } from "../model/run-item.js";

/** "called: lookup_user, search_orders" or "no tools were called": what reasons say was called. */
export function calledNote(calls: readonly ToolCall[]): string {
  if (calls.length === 0) return "no tools were called";
  return `called: ${[...new Set(calls.map((call) => call.name))].join(", ")}`;
}

/** "lookup_user → search_orders", "(none)": a sequence of tool names as reasons show it. */
export function sequenceText(names: readonly string[]): string {
  return names.length === 0 ? "(none)" : names.join(" → ");
}

export function times(count: number): string {
  return count === 1 ? "1 time" : `${count} times`;
}

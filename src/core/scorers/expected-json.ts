import { parseJson, type ExpectedValue } from "./value-sources.js";

/**
 * The expected value of a JSON scorer. A CSV cell is always text, so a text that parses as a JSON
 * object or array is that object or array: the cell `{"id": "A1"}` expects an object, not a string.
 */
export function expectedJson(expected: ExpectedValue): unknown {
  if (typeof expected.value !== "string") return expected.value;
  const parsed = parseJson(expected.value);
  return parsed.ok && parsed.value !== null && typeof parsed.value === "object" ? parsed.value : expected.value;
}

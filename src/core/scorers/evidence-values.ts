import { truncate } from "../report/excerpt.js";
import { prefixWithin } from "../report/fit-text.js";
import { scalarText } from "./scalar-equality.js";

/** Evidence is stored with every score, so a huge output is cut rather than copied whole. */
export const EVIDENCE_TEXT_LIMIT = 2_000;

/** Reasons are one sentence: values in them are shortened further. */
const PREVIEW_LIMIT = 80;

export function truncateText(text: string, limit = EVIDENCE_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  const kept = prefixWithin(text, { limit, unit: "characters" });
  return `${kept}… (${text.length - kept.length} more characters)`;
}

/**
 * The value as evidence keeps it: strings over the limit are cut; structured values whose JSON
 * is over ten times the limit become their cut JSON text, so one item cannot bloat the store.
 */
export function evidenceValue(value: unknown): unknown {
  if (typeof value === "string") return truncateText(value);
  if (value === null || typeof value !== "object") return value;
  const json = safeStringify(value);
  return json.length > EVIDENCE_TEXT_LIMIT * 10 ? truncateText(json) : value;
}

/** A value as it reads inside a reason sentence: JSON, shortened, `nothing` for undefined. */
export function preview(value: unknown, limit = PREVIEW_LIMIT): string {
  if (value === undefined) return "nothing";
  const json = safeStringify(value);
  return truncate(json, limit + 1);
}

/** "a string", "an object", "null": how reasons name a value's type. */
export function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/**
 * JSON text of any value; a string stays as it is (for searching inside it), and a number,
 * boolean or null reads as its canonical text (`scalarText`).
 */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  if (value === null || typeof value === "number" || typeof value === "boolean") return scalarText(value);
  return safeStringify(value);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Outputs come from JSON, but a scorer must not throw on a cyclic or BigInt value.
    return String(value);
  }
}

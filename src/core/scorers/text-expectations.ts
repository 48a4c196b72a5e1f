import { preview } from "./evidence-values.js";
import type { ExpectedValue } from "./value-sources.js";

/**
 * The expected value of a text scorer as a list of texts: one text, or a list of them.
 * Numbers and booleans read as their text. Anything else is a dataset or config mistake.
 */
export function expectedTexts(expected: ExpectedValue): string[] {
  const { value, label } = expected;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Error(`${label} is an empty list; give at least one text`);
  return list.map((entry) => {
    if (typeof entry === "string") return entry;
    if (typeof entry === "number" || typeof entry === "boolean") return String(entry);
    throw new Error(`${label} must be a text or a list of texts; found ${preview(entry)}`);
  });
}

export type CaseFold = (text: string) => string;

export function caseFold(caseSensitive: boolean): CaseFold {
  return caseSensitive ? (text) => text : (text) => text.toLowerCase();
}

export function quoteList(texts: readonly string[]): string {
  return texts.map((text) => preview(text)).join(", ");
}

export function caseNote(caseSensitive: boolean): string {
  return caseSensitive ? "" : " (ignoring case)";
}

import { preview } from "./evidence-values.js";
import { equalsAsScalar, scalarText } from "./scalar-equality.js";
import type { ExpectedValue } from "./value-sources.js";

/**
 * The expected value of a text scorer as a list of texts: one text, or a list of them.
 * Numbers and booleans read as their canonical text (`scalarText`: 42, not 42.0). Anything else
 * is a dataset or config mistake.
 */
export function expectedTexts(expected: ExpectedValue): string[] {
  const { value, label } = expected;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Error(`${label} is an empty list; give at least one text`);
  return list.map((entry) => {
    if (typeof entry === "string") return entry;
    if (typeof entry === "number" || typeof entry === "boolean") return scalarText(entry);
    throw new Error(`${label} must be a text or a list of texts; found ${preview(entry)}`);
  });
}

export type CaseFold = (text: string) => string;

/**
 * Whether the output holds an expected text: the output's text (`asText`: a number reads as its
 * canonical text; `haystack` is that text already case-folded) contains it, or the output is a
 * number, boolean or null equal to the text by the rule of scalar-equality.ts, so the number 42
 * holds "42.0" just as `equals` finds them equal.
 */
export function outputHolds(output: unknown, haystack: string, text: string, fold: CaseFold): boolean {
  return haystack.includes(fold(text)) || equalsAsScalar(output, text);
}

/** The same for `starts_with`: an output equal to the text starts with it. */
export function outputStartsWith(output: unknown, start: string, text: string, fold: CaseFold): boolean {
  return start.startsWith(fold(text)) || equalsAsScalar(output, text);
}

export function caseFold(caseSensitive: boolean): CaseFold {
  return caseSensitive ? (text) => text : (text) => text.toLowerCase();
}

export function quoteList(texts: readonly string[]): string {
  return texts.map((text) => preview(text)).join(", ");
}

export function caseNote(caseSensitive: boolean): string {
  return caseSensitive ? "" : " (ignoring case)";
}

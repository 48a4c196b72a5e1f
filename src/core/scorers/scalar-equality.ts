/**
 * One rule for comparing values across JSON types, used by every scorer that compares values
 * (`equals`, `tool_called`'s arguments, and the text scorers through `equalsAsScalar`). A CSV cell
 * is always text while JSONL keeps its types, so the rule makes an item get the same verdict from
 * either file: the cell `42` and the JSON number 42 are the same expected value.
 *
 * Scalars:
 * - Two texts compare as texts (with the scorer's own trim and case options): "42.0" is not "42".
 * - A number equals a text that, trimmed, is a JSON number literal of the same value: 42 equals
 *   "42", " 42 ", "42.0", "4.2e1"; 0 equals "-0". JSON's grammar is strict on purpose: no hex, no
 *   "+", no ".5", no "Infinity" or "NaN", no empty text, and no leading zero, because "042" is a
 *   code (a zip, an id) rather than the number 42. Values compare as doubles, the precision every
 *   JSON reader gives both sides, so beyond 2^53 two integers that round alike are equal exactly
 *   as they are when both are JSON numbers.
 * - A boolean equals the text "true" or "false", trimmed, in any case (spreadsheets write TRUE).
 * - null equals the text "null", trimmed, in any case, and never the empty text: an empty
 *   `expected` cell already means "no expected value", and "" is an answer where null is none.
 * - Numbers, booleans and null otherwise compare strictly: 1 is not true, 0 is not null.
 *
 * Arrays compare element by element in order, objects key by key with exactly the same keys, and
 * their leaves by the rule above, because a CSV's `expected.<field>` columns give an object whose
 * leaves are all text. Keys are names, never converted.
 */
export type TextEquality = (actual: string, expected: string) => boolean;

const sameText: TextEquality = (actual, expected) => actual === expected;

/** Whether two values are equal by the rule above; a missing value equals nothing. */
export function valuesEqual(actual: unknown, expected: unknown, textsEqual: TextEquality = sameText): boolean {
  if (actual === undefined || expected === undefined) return false;
  if (Array.isArray(actual) || Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      Array.isArray(expected) &&
      actual.length === expected.length &&
      actual.every((entry, index) => valuesEqual(entry, expected[index], textsEqual))
    );
  }
  if (isRecord(actual) || isRecord(expected)) {
    if (!isRecord(actual) || !isRecord(expected)) return false;
    const keys = definedKeys(actual);
    return (
      keys.length === definedKeys(expected).length &&
      keys.every((key) => valuesEqual(actual[key], expected[key], textsEqual))
    );
  }
  if (typeof actual === "string" && typeof expected === "string") return textsEqual(actual, expected);
  const left = typeof actual === "string" ? scalarFromText(actual) : actual;
  const right = typeof expected === "string" ? scalarFromText(expected) : expected;
  // `===` makes 0 equal -0; a text that spells no scalar is undefined and equals nothing.
  return left !== undefined && left === right;
}

/** A number, boolean or null output (not a text) that equals `text` by the rule above. */
export function equalsAsScalar(output: unknown, text: string): boolean {
  const scalar = output === null || typeof output === "number" || typeof output === "boolean";
  return scalar && valuesEqual(output, text);
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** The number, boolean or null a text spells by the rule above; undefined when it spells none. */
export function scalarFromText(text: string): number | boolean | null | undefined {
  const trimmed = text.trim();
  if (JSON_NUMBER.test(trimmed)) {
    const value = Number(trimmed);
    // "1e400" is valid JSON but no double: it equals nothing rather than Infinity.
    return Number.isFinite(value) ? value : undefined;
  }
  switch (trimmed.toLowerCase()) {
    case "true":
      return true;
    case "false":
      return false;
    case "null":
      return null;
    default:
      return undefined;
  }
}

/**
 * How text scorers read a number, boolean or null: its JSON text, the shortest that reads back
 * as the same value (42 for 42.0, 1e+21, 0 for -0), so the same value always gives the same text.
 */
export function scalarText(value: number | boolean | null): string {
  return JSON.stringify(value);
}

function definedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => record[key] !== undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

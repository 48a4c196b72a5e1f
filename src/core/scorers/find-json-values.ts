import { parseJson } from "./value-sources.js";

/**
 * Characters the search may read, as passes over the text (plus a floor for short texts): an
 * unclosed `{` costs a read to the end, so a text of stray braces would otherwise cost quadratic
 * time; citations such as "[1]" close at once and cost almost nothing.
 */
const SCAN_PASSES = 8;
const SCAN_FLOOR = 100_000;

/**
 * The JSON objects and arrays inside a text, in order: the whole text, a fenced ```json block, or
 * one embedded in prose ("Here it is: {"id": 1}."). Each `{` or `[` is read up to its matching
 * bracket (brackets inside JSON strings do not count) and parsed; a span that parses is taken
 * whole, so an object's own members are not reported again. Scalars do not count: the digit in
 * "step 2" is not a JSON value an answer meant to give.
 */
export function findJsonValues(text: string): unknown[] {
  const found: unknown[] = [];
  let budget = SCAN_PASSES * text.length + SCAN_FLOOR;
  let from = 0;
  while (budget > 0) {
    const start = nextOpening(text, from);
    if (start === -1) break;
    const span = matchingClose(text, start, budget);
    budget -= span.read;
    const parsed = span.end === -1 ? undefined : parseJson(text.slice(start, span.end + 1));
    if (parsed?.ok === true) {
      found.push(parsed.value);
      from = span.end + 1;
    } else {
      from = start + 1;
    }
  }
  return found;
}

function nextOpening(text: string, from: number): number {
  const brace = text.indexOf("{", from);
  const bracket = text.indexOf("[", from);
  if (brace === -1) return bracket;
  if (bracket === -1) return brace;
  return Math.min(brace, bracket);
}

/**
 * The index of the bracket closing the one at `start` (-1 when none does: a mismatched pair ends
 * the span), and how many characters were read to find out, at most `budget`.
 */
function matchingClose(text: string, start: number, budget: number): { end: number; read: number } {
  const open: string[] = [];
  let inString = false;
  const stop = Math.min(text.length, start + budget);
  for (let index = start; index < stop; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{") open.push("}");
    else if (char === "[") open.push("]");
    else if (char === "}" || char === "]") {
      if (open.pop() !== char) return { end: -1, read: index - start + 1 };
      if (open.length === 0) return { end: index, read: index - start + 1 };
    }
  }
  return { end: -1, read: Math.max(1, stop - start) };
}

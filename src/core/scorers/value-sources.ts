import { z } from "zod";
import { MAX_JSON_DEPTH, nestingExceeds } from "../json-depth.js";
import { getPath } from "../json-path.js";
import type { Item } from "../model/item.js";
import type { TargetResult } from "../model/run-item.js";

/** `output_path`: a dot path into the output (a JSON string output is parsed first). */
export const OutputPathFields = {
  output_path: z
    .string({ error: 'write a dot path into the output, e.g. output_path: "answer"' })
    .min(1)
    .optional(),
};

/** Where the expected value comes from: a literal `value`, or a `field` of the item. */
export const ExpectedSourceFields = {
  value: z.json().optional(),
  field: z
    .string({ error: 'write a dot path into the item, e.g. field: "expected.answer"' })
    .min(1)
    .optional(),
};

export interface ExpectedSource {
  value?: unknown;
  field?: string | undefined;
}

export const DEFAULT_EXPECTED_FIELD = "expected";

/** Both set would leave the reader guessing which one counts. */
export function refuseValueAndField(config: ExpectedSource, context: z.RefinementCtx): void {
  if (config.value !== undefined && config.field !== undefined) {
    context.addIssue({
      code: "custom",
      path: ["value"],
      message: "set either value (a literal) or field (a path into the item), not both",
    });
  }
}

/** The output a scorer reads, and the name reasons give it (`output` or `output.answer`). */
export interface OutputValue {
  value: unknown;
  label: string;
}

/**
 * The output, or the value at `output_path` inside it. A path with nothing at it throws (this
 * scorer's error on the item, never a pass): a missing answer is not an empty one, or a negative
 * scorer such as `not_contains` would pass on nothing.
 */
export function readOutput(result: TargetResult, outputPath: string | undefined): OutputValue {
  if (outputPath === undefined) {
    // Only a tool-calls-only answer reaches a scorer with no output: there is no text to judge.
    if (result.output === undefined || result.output === null) {
      throw new Error("the target answered with tool calls only; this scorer has no output to read");
    }
    return { value: result.output, label: "output" };
  }
  let root = result.output;
  if (typeof root === "string") {
    const parsed = parseJson(root);
    if (!parsed.ok && parsed.tooDeep) throw new Error(`the output is JSON text, but ${parsed.error}; nothing to score`);
    if (parsed.ok) root = parsed.value;
  }
  const value = getPath(root, outputPath);
  if (value === undefined) {
    throw new Error(`the output has no value at "${outputPath}" (output_path); nothing to score`);
  }
  return { value, label: `output.${outputPath}` };
}

export interface ExpectedValue {
  value: unknown;
  label: string;
}

/**
 * The expected value for this item. A missing one throws: that is a dataset or config mistake,
 * recorded as this scorer's error on the item rather than as a silent failure.
 */
export function readExpected(item: Item, source: ExpectedSource): ExpectedValue {
  if (source.value !== undefined) return { value: source.value, label: "value" };
  const field = source.field ?? DEFAULT_EXPECTED_FIELD;
  const value = getPath(item, field);
  if (value === undefined) {
    throw new Error(
      `item has no value at "${field}"; add it to the item or set value: or field: in the scorer's config`,
    );
  }
  return { value, label: field };
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: true };

/**
 * JSON text inside an output (an answer that is a JSON string, a tool call's arguments) is parsed
 * here. A value nested deeper than MAX_JSON_DEPTH is refused like the response around it would
 * be: it would overflow the stack where its evidence is stored.
 */
export function parseJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (nestingExceeds(value)) return { ok: false, error: `it nests deeper than ${MAX_JSON_DEPTH} levels`, tooDeep: true };
  return { ok: true, value };
}

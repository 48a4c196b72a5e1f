import { z } from "zod";
import { kindOf, preview } from "./evidence-values.js";
import { valuesEqual } from "./scalar-equality.js";

/**
 * How an expected array is matched: `ordered`, the same length with element i matching element i;
 * `subset`, each expected element matching a different element of the actual array, in any order.
 */
export type ArrayRule = "ordered" | "subset";

/** `array:` in the config of a scorer that matches JSON as a subset. */
export const ArrayRuleField = {
  array: z
    .enum(["ordered", "subset"], { error: "write array: ordered (element by element) or array: subset (any order)" })
    .default("ordered"),
};

/** One place where the actual value departs from the expected subset, said in a sentence. */
export interface SubsetMismatch {
  /** `.customer.id`, `[2]`: appended to the label of the value read (`output.customer.id`). */
  path: string;
  message: string;
}

/**
 * Where `actual` fails to hold `expected` as a subset (`json_match`, `contains_json`,
 * `tool_params_match`): every expected key must be present with a matching value, recursively;
 * other keys are free. Leaves compare by the rule of scalar-equality.ts, so the CSV text "42"
 * matches the number 42. Empty when it holds.
 */
export function subsetMismatches(actual: unknown, expected: unknown, arrays: ArrayRule, path = ""): SubsetMismatch[] {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [{ path, message: `is ${kindOf(actual)} ${preview(actual)}, expected an object` }];
    const mismatches: SubsetMismatch[] = [];
    for (const [key, value] of Object.entries(expected)) {
      const at = `${path}.${key}`;
      if (!Object.hasOwn(actual, key)) mismatches.push({ path: at, message: `is missing (expected ${preview(value)})` });
      else mismatches.push(...subsetMismatches(actual[key], value, arrays, at));
    }
    return mismatches;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, message: `is ${kindOf(actual)} ${preview(actual)}, expected an array` }];
    return arrays === "ordered" ? orderedMismatches(actual, expected, path) : unmatchedElements(actual, expected, path);
  }
  if (valuesEqual(actual, expected)) return [];
  return [{ path, message: `is ${preview(actual)}, expected ${preview(expected)}` }];
}

/** "output.customer.id is "B2", expected "A1"; output.items is missing (…)", the first few. */
export function describeMismatches(label: string, mismatches: readonly SubsetMismatch[], shown = 3): string {
  const listed = mismatches.slice(0, shown).map((mismatch) => `${label}${mismatch.path} ${mismatch.message}`);
  const more = mismatches.length > shown ? `; and ${mismatches.length - shown} more` : "";
  return listed.join("; ") + more;
}

function orderedMismatches(actual: unknown[], expected: unknown[], path: string): SubsetMismatch[] {
  if (actual.length !== expected.length) {
    return [{ path, message: `has ${elements(actual.length)}, expected ${elements(expected.length)} (in order; array: subset accepts any order and extra elements)` }];
  }
  return expected.flatMap((value, index) => subsetMismatches(actual[index], value, "ordered", `${path}[${index}]`));
}

/**
 * Each expected element needs its own actual element: [1, 1] is not a subset of [1]. Elements
 * that are objects match by subset, so one actual element may fit several expected ones; a
 * bipartite matching (Kuhn's augmenting paths) finds an assignment whenever one exists.
 */
function unmatchedElements(actual: unknown[], expected: unknown[], path: string): SubsetMismatch[] {
  const fits = expected.map((value) =>
    actual.map((candidate) => subsetMismatches(candidate, value, "subset").length === 0),
  );
  const ownerOf: Array<number | undefined> = actual.map(() => undefined);
  const assign = (wanted: number, visited: boolean[]): boolean => {
    for (let index = 0; index < actual.length; index += 1) {
      if (!fits[wanted]?.[index] || visited[index]) continue;
      visited[index] = true;
      const owner = ownerOf[index];
      if (owner === undefined || assign(owner, visited)) {
        ownerOf[index] = wanted;
        return true;
      }
    }
    return false;
  };
  const mismatches: SubsetMismatch[] = [];
  expected.forEach((value, wanted) => {
    if (!assign(wanted, actual.map(() => false))) {
      mismatches.push({ path, message: `has no element matching ${preview(value)} (expected element ${wanted})` });
    }
  });
  return mismatches;
}

function elements(count: number): string {
  return count === 1 ? "1 element" : `${count} elements`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

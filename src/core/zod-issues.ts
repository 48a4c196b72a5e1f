import type { z } from "zod";
import { distance as editDistance } from "fastest-levenshtein";

type Issue = z.core.$ZodIssue;

/** `experiments.orders.scorers[1].config.tool` from zod's path segments. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/** One problem a user can fix: `path` is shown, `at` (default `path`) is where to point in the file. */
export interface ZodProblem {
  path: PropertyKey[];
  message: string;
  at?: PropertyKey[];
}

export interface DescribeOptions {
  /** The keys an object at `path` accepts, for "did you mean" on unknown keys. */
  knownKeys?: (path: readonly PropertyKey[]) => readonly string[];
  /** The value that was parsed: tells a missing field ("required") from a wrong one. */
  input?: unknown;
}

/** One line per issue: `<prefix path>: <message>`, the form every config error takes. */
export function formatZodIssues(
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): string[] {
  return describeZodIssues(error.issues).map((problem) => {
    const path = formatPath([...prefix, ...problem.path]);
    return path === "" ? problem.message : `${path}: ${problem.message}`;
  });
}

/**
 * Turns zod's issues into messages that say what to write: union issues are reduced to the branch
 * the user evidently meant, unknown keys get one problem each, defaults like "Invalid input" go.
 */
export function describeZodIssues(
  issues: readonly Issue[],
  options: DescribeOptions = {},
  base: readonly PropertyKey[] = [],
): ZodProblem[] {
  return issues.flatMap((issue) =>
    describeIssue(issue, options, [...base, ...issue.path]).map((problem) =>
      "input" in options && isMissing(options.input, problem.path) && problem.message.startsWith("expected")
        ? { ...problem, message: `required (${problem.message})` }
        : problem,
    ),
  );
}

function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current === undefined;
}

function describeIssue(issue: Issue, options: DescribeOptions, path: PropertyKey[]): ZodProblem[] {
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path,
        at: [...path, key],
        message: unknownKeyMessage(key, options.knownKeys?.(path) ?? []),
      }));
    case "invalid_union":
      return describeUnion(issue, options, path);
    case "invalid_key":
    case "invalid_element":
      return describeZodIssues(issue.issues, options, path);
    case "invalid_type":
      return [{ path, message: invalidTypeMessage(issue) }];
    case "too_big":
    case "too_small":
      return [{ path, message: sizeMessage(issue) }];
    case "invalid_value":
      return [{ path, message: invalidValueMessage(issue) }];
    default:
      return [{ path, message: stripDefaultPrefix(issue.message) }];
  }
}

function describeUnion(
  issue: Extract<Issue, { code: "invalid_union" }>,
  options: DescribeOptions,
  path: PropertyKey[],
): ZodProblem[] {
  const discriminated = issue as typeof issue & { discriminator?: string; options?: unknown[] };
  if (discriminated.options !== undefined) {
    const choices = discriminated.options.map(String).join(", ");
    const given = issue.input !== null && typeof issue.input === "object"
      ? (issue.input as Record<string, unknown>)[discriminated.discriminator ?? ""]
      : undefined;
    const got = given === undefined ? "" : ` (got ${JSON.stringify(given)})`;
    return [{ path, message: `expected one of ${choices}${got}` }];
  }
  const branch = mostRelevantBranch(issue.errors);
  if (branch !== undefined) return describeZodIssues(branch, options, path);
  return [{ path, message: unionTypeMessage(issue.errors) }];
}

/**
 * The branch the user meant is one whose value had the right shape (no type error at the union's
 * own level); among those, the one with the fewest complaints.
 */
function mostRelevantBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const shapedRight = branches.filter(
    (branch) => !branch.some((issue) => issue.path.length === 0 && issue.code === "invalid_type"),
  );
  return shapedRight.sort((a, b) => a.length - b.length)[0];
}

function unionTypeMessage(branches: readonly (readonly Issue[])[]): string {
  const expected = new Set<string>();
  let received = "";
  for (const issue of branches.flat()) {
    if (issue.code !== "invalid_type") continue;
    expected.add(typeName(issue.expected));
    received ||= /received (\w+)/.exec(issue.message)?.[1] ?? "";
  }
  const list = [...expected].join(" or ");
  return received === "" ? `expected ${list}` : `expected ${list}, received ${received}`;
}

function invalidTypeMessage(issue: Extract<Issue, { code: "invalid_type" }>): string {
  const missing = issue.input === undefined && /received undefined$/.test(issue.message);
  if (missing) return `required (expected ${typeName(issue.expected)})`;
  return stripDefaultPrefix(issue.message).replace(/expected record\b/, "expected object");
}

function invalidValueMessage(issue: Extract<Issue, { code: "invalid_value" }>): string {
  if (!/^Invalid (input|option):/.test(issue.message)) return issue.message;
  const [only, ...more] = issue.values;
  const expected = more.length === 0
    ? `expected ${JSON.stringify(only)}`
    : `expected one of ${issue.values.map(String).join(", ")}`;
  return issue.input === undefined ? expected : `${expected} (got ${JSON.stringify(issue.input)})`;
}

function sizeMessage(issue: Extract<Issue, { code: "too_big" | "too_small" }>): string {
  if (!/^Too (big|small):/.test(issue.message)) return issue.message;
  const big = issue.code === "too_big";
  const limit = big
    ? (issue as Extract<Issue, { code: "too_big" }>).maximum
    : (issue as Extract<Issue, { code: "too_small" }>).minimum;
  const bound = String(limit);
  switch (issue.origin) {
    case "array":
      return big ? `at most ${bound} entries allowed` : `needs at least ${bound} ${bound === "1" ? "entry" : "entries"}`;
    case "string":
      if (!big && bound === "1") return "must not be empty";
      return big ? `at most ${bound} characters allowed` : `needs at least ${bound} characters`;
    default: {
      const operator = big ? (issue.inclusive ? "<=" : "<") : issue.inclusive ? ">=" : ">";
      return `must be ${operator} ${bound}`;
    }
  }
}

function typeName(expected: string): string {
  return expected === "record" ? "object" : expected;
}

function stripDefaultPrefix(message: string): string {
  return message.replace(/^Invalid (input|option): /, "");
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = closestKey(key, known);
  return suggestion === undefined
    ? `unknown key '${key}'`
    : `unknown key '${key}' (did you mean '${suggestion}'?)`;
}

/** The known key within edit distance 2 of `key`, if one is clearly closest. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

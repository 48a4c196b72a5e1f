import { UserError } from "../errors.js";

// `$${` escapes a literal `${`; `${NAME}` and `${NAME:-default}` read the environment; any other
// `${…}` is a mistake we name rather than pass through to a target.
const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

type Env = Record<string, string | undefined>;

const MAX_LISTED_PROBLEMS = 20;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string inside `value` (keys are left alone).
 * As in the shell, `:-` also applies when the variable is set but empty. Every missing variable is
 * reported in one UserError, each line naming the field (`path` is the field path of `value`).
 */
export function interpolateEnv<T>(value: T, env: Env, path: string): T {
  const problems: string[] = [];
  const result = interpolateValue(value, env, path, problems);
  if (problems.length > MAX_LISTED_PROBLEMS) {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    throw new UserError([...problems.slice(0, MAX_LISTED_PROBLEMS), `… and ${more} more problems`].join("\n"));
  }
  if (problems.length > 0) throw new UserError(problems.join("\n"));
  return result as T;
}

function interpolateValue(value: unknown, env: Env, path: string, problems: string[]): unknown {
  if (typeof value === "string") return interpolateString(value, env, path, problems);
  if (Array.isArray(value)) {
    return value.map((entry, index) => interpolateValue(entry, env, `${path}[${index}]`, problems));
  }
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      result[key] = interpolateValue(entry, env, path === "" ? key : `${path}.${key}`, problems);
    }
    return result;
  }
  return value;
}

/**
 * One left-to-right pass with indexOf, never re-reading a replacement (a value holding `${X}` stays
 * as it is) and linear in the text: a regular expression for `${…}` rescans the rest of the text
 * from every `${` that has no `}`, which a crafted value makes quadratic.
 */
function interpolateString(text: string, env: Env, path: string, problems: string[]): string {
  let result = "";
  let from = 0;
  // Once no `}` follows, none follows any later `${` either: each is literal text, found without a search.
  let closeAhead = true;
  for (;;) {
    const dollar = text.indexOf("$", from);
    if (dollar === -1) break;
    if (text.startsWith("$${", dollar)) {
      result += text.slice(from, dollar) + "${";
      from = dollar + 3;
      continue;
    }
    const close = text[dollar + 1] === "{" && closeAhead ? text.indexOf("}", dollar + 2) : -1;
    if (close === -1) {
      if (text[dollar + 1] === "{") closeAhead = false;
      result += text.slice(from, dollar + 1);
      from = dollar + 1;
      continue;
    }
    result += text.slice(from, dollar) + resolveReference(text.slice(dollar, close + 1), env, path, problems);
    from = close + 1;
  }
  return result + text.slice(from);
}

function resolveReference(match: string, env: Env, path: string, problems: string[]): string {
  const variable = VARIABLE.exec(match.slice(2, -1));
  if (variable === null) {
    problems.push(`${path}: "${preview(match)}" is not a variable reference; write \${NAME} or \${NAME:-default} (or $\${ for a literal \${)`);
    return match;
  }
  const [, name, fallback] = variable as unknown as [string, string, string | undefined];
  const found = env[name];
  if (fallback !== undefined) return found === undefined || found === "" ? fallback : found;
  if (found !== undefined) return found;
  problems.push(`${path}: environment variable ${name} is not set (set it, or write \${${name}:-default})`);
  return match;
}

/** A reference as quoted in a message: a long one is cut, so a message stays a line. */
function preview(match: string): string {
  return match.length <= 60 ? match : `${match.slice(0, 57)}…}`;
}

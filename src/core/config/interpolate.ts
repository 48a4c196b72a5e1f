import { UserError } from "../errors.js";

// `$${` escapes a literal `${`; `${NAME}` and `${NAME:-default}` read the environment; any other
// `${…}` is a mistake we name rather than pass through to a target.
const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

type Env = Record<string, string | undefined>;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string inside `value` (keys are left alone).
 * As in the shell, `:-` also applies when the variable is set but empty. Every missing variable is
 * reported in one UserError, each line naming the field (`path` is the field path of `value`).
 */
export function interpolateEnv<T>(value: T, env: Env, path: string): T {
  const problems: string[] = [];
  const result = interpolateValue(value, env, path, problems);
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

function interpolateString(text: string, env: Env, path: string, problems: string[]): string {
  return text.replace(REFERENCE, (match, inner: string | undefined) => {
    if (inner === undefined) return "${";
    const variable = VARIABLE.exec(inner);
    if (variable === null) {
      problems.push(`${path}: "${match}" is not a variable reference; write \${NAME} or \${NAME:-default} (or $\${ for a literal \${)`);
      return match;
    }
    const [, name, fallback] = variable as unknown as [string, string, string | undefined];
    const found = env[name];
    if (fallback !== undefined) return found === undefined || found === "" ? fallback : found;
    if (found !== undefined) return found;
    problems.push(`${path}: environment variable ${name} is not set (set it, or write \${${name}:-default})`);
    return match;
  });
}

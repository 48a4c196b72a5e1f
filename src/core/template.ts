import { getPath } from "./json-path.js";

/**
 * Placeholders of the http target's body and the prompt target's prompt. `{{input}}`,
 * `{{input.question}}`, `{{expected}}`, `{{metadata.lang}}`, `{{item_id}}`, `{{run_id}}`,
 * `{{experiment}}`.
 */
export interface TemplateValues {
  input: unknown;
  expected?: unknown;
  metadata?: unknown;
  item_id: string;
  run_id: string;
  experiment: unknown;
}

export const PLACEHOLDER_ROOTS: ReadonlySet<string> = new Set([
  "input",
  "expected",
  "metadata",
  "item_id",
  "run_id",
  "experiment",
]);

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([^{}\s]+)\s*\}\}$/;

/** A placeholder the template uses whose name evalgate does not know, and where it is. */
export interface UnknownPlaceholder {
  /** Path inside the template, as zod path segments (`["messages", 0, "content"]`). */
  at: (string | number)[];
  placeholder: string;
}

/** Templates are compiled once per target, so each call only walks the placeholders. */
export type CompiledTemplate = (values: TemplateValues) => unknown;
/** `Values`: the roots a text may name, by name (a judge's prompt also reads `{{output}}`). */
export type CompiledText<Values extends object = TemplateValues> = (values: Values) => string;

/**
 * A string that is exactly one placeholder becomes that JSON value (an object stays an object);
 * placeholders inside a longer string become text (JSON when the value is not a string). A value
 * that is absent renders as `undefined` in place (so JSON drops the key) and as "" in text.
 */
export function compileTemplate(template: unknown): CompiledTemplate {
  if (typeof template === "string") return compileString(template);
  if (Array.isArray(template)) {
    const parts = template.map(compileTemplate);
    return (values) => parts.map((part) => part(values));
  }
  if (template !== null && typeof template === "object") {
    const entries = Object.entries(template).map(
      ([key, value]) => [key, compileTemplate(value)] as const,
    );
    return (values) => {
      const rendered: Record<string, unknown> = {};
      for (const [key, part] of entries) rendered[key] = part(values);
      return rendered;
    };
  }
  return () => template;
}

export function compileText<Values extends object = TemplateValues>(text: string): CompiledText<Values> {
  const pieces: (string | ((values: Values) => unknown))[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    pieces.push(text.slice(last, match.index));
    const name = match[1]!;
    pieces.push((values) => resolvePlaceholder(name, values));
    last = match.index + match[0].length;
  }
  if (pieces.length === 0) return () => text;
  pieces.push(text.slice(last));
  return (values) => {
    let rendered = "";
    for (const piece of pieces) rendered += typeof piece === "string" ? piece : asText(piece(values));
    return rendered;
  };
}

/** Every placeholder whose root is not one of `roots`, for a config error. */
export function findUnknownPlaceholders(
  template: unknown,
  at: (string | number)[] = [],
  roots: ReadonlySet<string> = PLACEHOLDER_ROOTS,
): UnknownPlaceholder[] {
  if (typeof template === "string") {
    return [...template.matchAll(PLACEHOLDER)]
      .filter((match) => !roots.has(match[1]!.split(".")[0]!))
      .map((match) => ({ at, placeholder: match[0] }));
  }
  if (Array.isArray(template)) {
    return template.flatMap((value, index) => findUnknownPlaceholders(value, [...at, index], roots));
  }
  if (template !== null && typeof template === "object") {
    return Object.entries(template).flatMap(([key, value]) =>
      findUnknownPlaceholders(value, [...at, key], roots),
    );
  }
  return [];
}

function compileString(text: string): CompiledTemplate {
  const whole = WHOLE_PLACEHOLDER.exec(text);
  if (whole) {
    const name = whole[1]!;
    return (values) => resolvePlaceholder(name, values);
  }
  return compileText(text);
}

function resolvePlaceholder(name: string, values: object): unknown {
  const dot = name.indexOf(".");
  const root = dot === -1 ? name : name.slice(0, dot);
  // Own keys only: `{{constructor}}` must not render a prototype's member.
  if (!Object.hasOwn(values, root)) return undefined;
  const value = (values as Record<string, unknown>)[root];
  return dot === -1 ? value : getPath(value, name.slice(dot + 1));
}

function asText(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

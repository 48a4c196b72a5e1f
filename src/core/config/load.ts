import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, YAMLError } from "yaml";
import type { z } from "zod";
import { UserError } from "../errors.js";
import { describeZodIssues, formatPath } from "../zod-issues.js";
import { ConfigFileSchema, type ConfigFile } from "./schema.js";

/**
 * Parses the text of `evalgate.yml`. Every problem is reported at once, one line each, as
 * `<file>:<line>: <field path>: <message>`, so a user fixes the whole file in one go.
 */
export function parseConfig(text: string, file: string): ConfigFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new UserError(document.errors.map((error) => yamlErrorLine(error, file, lineCounter)).join("\n"));
  }
  if (document.contents === null) {
    throw new UserError(`${file}: the file is empty; start it with "version: 1" and "experiments:"`);
  }
  const value: unknown = document.toJS();
  const result = ConfigFileSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new UserError(configIssueLines(result.error, value, document, lineCounter, file).join("\n"));
}

function yamlErrorLine(error: YAMLError, file: string, lineCounter: LineCounter): string {
  const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return `${file}:${line}:${col}: ${message}`;
}

function configIssueLines(
  error: z.ZodError,
  value: unknown,
  document: Document,
  lineCounter: LineCounter,
  file: string,
): string[] {
  const problems = describeZodIssues(error.issues, {
    input: value,
    knownKeys: (path) => knownKeysAt(ConfigFileSchema, path, value),
  });
  return problems
    .map((problem) => ({
      line: lineOfPath(document, lineCounter, problem.at ?? problem.path),
      text: problem.path.length === 0 ? problem.message : `${formatPath(problem.path)}: ${problem.message}`,
    }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, text }) => `${file}:${line}: ${text}`);
}

/**
 * The line of the node at `path`: a map entry points at its key, a list entry at its dash. A
 * missing entry points at the nearest parent that exists (where the key should be added).
 */
export function lineOfPath(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

/** Zod 4 definition fields we read to find which keys an object at a path accepts. */
interface SchemaDef {
  type: string;
  innerType?: unknown;
  in?: unknown;
  options?: unknown[];
  discriminator?: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  values?: unknown[];
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** The keys the strict object at `path` accepts, following the data through unions. */
function knownKeysAt(schema: unknown, path: readonly PropertyKey[], data: unknown): string[] {
  let current = unwrap(schema, data);
  let value = data;
  for (const segment of path) {
    const def = defOf(current);
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    const next =
      def?.type === "object" ? def.shape?.[String(segment)]
      : def?.type === "record" ? def.valueType
      : def?.type === "array" ? def.element
      : undefined;
    if (next === undefined) return [];
    current = unwrap(next, value);
  }
  const def = defOf(current);
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: unknown, value: unknown): unknown {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (def === undefined) return current;
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe") current = def.in;
    else if (def.type === "union") current = unionOptionFor(def, value);
    else return current;
  }
  return current;
}

function unionOptionFor(def: SchemaDef, value: unknown): unknown {
  const options = def.options ?? [];
  const record = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  if (def.discriminator !== undefined) {
    const tag = record[def.discriminator];
    return options.find((option) => {
      const literal = defOf(defOf(option)?.shape?.[def.discriminator!]);
      return literal?.values?.includes(tag) ?? false;
    });
  }
  return options.find((option) => defOf(option)?.type === "object");
}

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, YAMLError } from "yaml";
import type { z } from "zod";
import { decodeUtf8 } from "../dataset/decode-utf8.js";
import { UserError } from "../errors.js";
import { utf8Length } from "../report/fit-text.js";
import { describeZodIssues, formatPath } from "../zod-issues.js";
import { findNestingProblem } from "./nesting-limit.js";
import { ConfigFileSchema, type ConfigFile } from "./schema.js";

/** A config file larger than this is refused unread: a real one is a few KiB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * How many YAML alias expansions are allowed (the yaml library's default, set here so that a
 * "billion laughs" file stays refused whatever the library's default becomes).
 */
const MAX_ALIAS_COUNT = 100;

/** Problems listed at once; the rest are counted (a generated file can have thousands). */
const MAX_LISTED_PROBLEMS = 20;

/**
 * Parses `evalgate.yml` (its bytes, or its text). Every problem is reported at once, one line
 * each, as `<file>:<line>: <field path>: <message>`, so a user fixes the whole file in one go.
 * A file over 1 MiB, bytes that are not UTF-8, excessive aliases and deep nesting are refused.
 */
export function parseConfig(source: string | Uint8Array, file: string): ConfigFile {
  return parseConfigLocated(source, file).config;
}

/** A parsed config and where its fields are: `lineOf` takes a field path and gives its line (1-based). */
export interface LocatedConfig {
  config: ConfigFile;
  lineOf(path: readonly PropertyKey[]): number;
}

/** `parseConfig`, keeping the YAML document so later errors (a scorer's config) can name their line. */
export function parseConfigLocated(source: string | Uint8Array, file: string): LocatedConfig {
  // The limit is in bytes: a string is measured as the UTF-8 it was read from.
  const size = typeof source === "string" ? utf8Length(source) : source.byteLength;
  if (size > MAX_CONFIG_BYTES) {
    throw new UserError(`${file}: the config file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; is it the right file?`);
  }
  const text = typeof source === "string" ? source : decodeUtf8(source, file);
  const lineCounter = new LineCounter();
  // The library's own check for duplicate keys compares each key with every earlier one, which a
  // file of 100,000 keys makes take minutes; `duplicateKeys` does it with a set.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const errors = document.errors.map((error) => yamlErrorLine(error, file, lineCounter));
  if (errors.length === 0) errors.push(...duplicateKeys(document, file, lineCounter));
  if (errors.length > 0) throw new UserError(listed(errors).join("\n"));
  if (document.contents === null) {
    throw new UserError(`${file}: the file is empty; start it with "version: 1" and "experiments:"`);
  }
  const value = documentValue(document, file);
  const nesting = findNestingProblem(value);
  if (nesting !== undefined) {
    const line = lineOfPath(document, lineCounter, nesting.path);
    const at = nesting.path.length === 0 ? "" : `${formatPath(nesting.path)}: `;
    throw new UserError(`${file}:${line}: ${at}${nesting.message}`);
  }
  const result = ConfigFileSchema.safeParse(value, { reportInput: true });
  if (result.success) return { config: result.data, lineOf: (path) => lineOfPath(document, lineCounter, path) };
  throw new UserError(configIssueLines(result.error, value, document, lineCounter, file).join("\n"));
}

function documentValue(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    // The yaml library throws a ReferenceError for a "billion laughs" document.
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new UserError(
        `${file}: the YAML aliases (*name) expand to too much (more than ${MAX_ALIAS_COUNT} expansions); write the values out instead`,
      );
    }
    throw error;
  }
}

export function yamlErrorLine(error: YAMLError, file: string, lineCounter: LineCounter): string {
  const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
  const first = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  // The parser is recursive: a crafted file nested thousands of levels deep overflows its stack.
  const message = /Maximum call stack size exceeded/.test(first) ? "nested too deeply" : first;
  return `${file}:${line}:${col}: ${message}`;
}

/** "Map keys must be unique" for each repeated key, at its line and column. */
export function duplicateKeys(document: Document, file: string, lineCounter: LineCounter): string[] {
  const problems: string[] = [];
  // An explicit stack: the document may be nested as deep as the parser allowed.
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) pending.push(...node.items);
    if (!isMap(node)) continue;
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      pending.push(pair.value);
      if (!isScalar(pair.key)) continue;
      if (seen.has(pair.key.value)) {
        const { line, col } = lineCounter.linePos(rangeStart(pair.key) ?? 0);
        problems.push(`${file}:${line}:${col}: Map keys must be unique`);
      }
      seen.add(pair.key.value);
    }
  }
  return problems;
}

/** The first problems, and how many more there are. */
function listed(lines: string[]): string[] {
  if (lines.length <= MAX_LISTED_PROBLEMS) return lines;
  return [...lines.slice(0, MAX_LISTED_PROBLEMS), `… and ${lines.length - MAX_LISTED_PROBLEMS} more problems`];
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
  // Lines are found for the listed problems only: finding one is linear in the size of its map.
  const lines = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((problem) => ({
      line: lineOfPath(document, lineCounter, problem.at ?? problem.path),
      text: problem.path.length === 0 ? problem.message : `${formatPath(problem.path)}: ${problem.message}`,
    }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, text }) => `${file}:${line}: ${text}`);
  return problems.length > MAX_LISTED_PROBLEMS
    ? [...lines, `… and ${problems.length - MAX_LISTED_PROBLEMS} more problems`]
    : lines;
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

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

/**
 * Checks recorded requests against GitHub's own OpenAPI description (@octokit/openapi), so the
 * fake GitHub cannot accept a request the real one would refuse: every request must match an
 * operation, and its JSON body must satisfy that operation's request schema.
 */

export interface RequestToCheck {
  method: string;
  /** The decoded path; used when `rawPath` is absent. */
  path: string;
  /** The path as sent, with `%2F` inside parameters kept (what the fake records). */
  rawPath?: string;
  body?: unknown;
}

interface Operation {
  operationId: string;
  template: string;
  regex: RegExp;
  literalCount: number;
  /** Kept as JSON text and parsed only when a request needs it: most operations are never used. */
  bodySchemaJson: string | undefined;
  bodyRequired: boolean;
  validate?: ValidateFunction;
}

type OperationsByMethod = Map<string, Operation[]>;

interface RawParameter {
  name?: string;
  in?: string;
  "x-multi-segment"?: boolean;
}

interface RawOperation {
  operationId?: string;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function pathParameters(pathItem: Record<string, unknown>): RawParameter[] {
  return Array.isArray(pathItem.parameters) ? (pathItem.parameters as RawParameter[]) : [];
}

let operationsCache: OperationsByMethod | undefined;
let ajvCache: Ajv | undefined;

function pathRegex(template: string, multiSegment: ReadonlySet<string>): { regex: RegExp; literalCount: number } {
  let literalCount = 0;
  const pattern = template
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param?.[1]) {
        if (segment !== "") literalCount++;
        return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      }
      return multiSegment.has(param[1]) ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { regex: new RegExp(`^${pattern}$`), literalCount };
}

/**
 * Reads the dereferenced description once (its package index loads ~450 MB; this file alone is
 * ~73 MB) and keeps only what matching and validation need, so the parsed document can be freed.
 */
export function loadOpenApiOperations(): OperationsByMethod {
  if (operationsCache) return operationsCache;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");
  const document = JSON.parse(readFileSync(file, "utf8")) as { paths: Record<string, Record<string, RawOperation> & Record<string, unknown>> };
  const operations: OperationsByMethod = new Map();
  for (const [template, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.has(method)) continue;
      const multiSegment = new Set(
        [...(operation.parameters ?? []), ...pathParameters(pathItem)].filter((p) => p.in === "path" && p["x-multi-segment"] && p.name).map((p) => p.name ?? ""),
      );
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      const list = operations.get(method.toUpperCase()) ?? [];
      list.push({
        operationId: operation.operationId ?? `${method} ${template}`,
        template,
        ...pathRegex(template, multiSegment),
        bodySchemaJson: schema === undefined ? undefined : JSON.stringify(schema),
        bodyRequired: operation.requestBody?.required === true,
      });
      operations.set(method.toUpperCase(), list);
    }
  }
  // Literal segments beat parameters: `/git/ref/{ref}` is tried before `/{owner}/{repo}/…{x}`.
  for (const list of operations.values()) list.sort((a, b) => b.literalCount - a.literalCount);
  operationsCache = operations;
  return operations;
}

function ajv(): Ajv {
  if (ajvCache) return ajvCache;
  // strict: false tolerates OpenAPI's `nullable`, `example`, `x-*`; Ajv applies `nullable` itself.
  const instance = new Ajv({ strict: false, allErrors: true, logger: false });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(instance);
  for (const format of ["uri-template", "timestamp", "repo.nwo", "binary"]) instance.addFormat(format, true);
  ajvCache = instance;
  return instance;
}

export function findOperation(method: string, path: string): Operation | undefined {
  return loadOpenApiOperations()
    .get(method.toUpperCase())
    ?.find((operation) => operation.regex.test(path));
}

function describeError(error: ErrorObject): string {
  const where = `body${error.instancePath.replaceAll("/", ".")}`;
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return `${where} ${error.message ?? "is invalid"}${allowed ? ` (${allowed.join(", ")})` : ""}`;
}

function bodyProblems(operation: Operation, body: unknown): string[] {
  if (body === undefined) return operation.bodyRequired ? ["sends no body, but the operation requires one"] : [];
  if (operation.bodySchemaJson === undefined) return ["sends a JSON body, but the operation takes none"];
  operation.validate ??= ajv().compile(JSON.parse(operation.bodySchemaJson) as object);
  if (operation.validate(body)) return [];
  return (operation.validate.errors ?? []).map(describeError);
}

/** Every problem found, one line each, naming the request; an empty list means all requests conform. */
export function checkRequestsAgainstOpenApi(requests: readonly RequestToCheck[]): string[] {
  const problems: string[] = [];
  for (const request of requests) {
    const path = request.rawPath ?? request.path;
    const label = `${request.method.toUpperCase()} ${path}`;
    const operation = findOperation(request.method, path);
    if (!operation) {
      problems.push(`${label}: no operation in GitHub's REST API matches`);
      continue;
    }
    for (const problem of bodyProblems(operation, request.body)) problems.push(`${label} (${operation.operationId}): ${problem}`);
  }
  return problems;
}

import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultPlan, type Fault } from "./faults.js";

/**
 * A fake of what @actions/artifact (v6) talks to when a job uploads an artifact, on 127.0.0.1:
 * GitHub's results service, Twirp JSON under ACTIONS_RESULTS_URL
 * (`POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact` answers a signed
 * upload URL, `…/FinalizeArtifact` the artifact id), and the Azure Blob Storage the signed URL
 * points at (`PUT ?comp=block` per block, then `PUT ?comp=blocklist`; a single Put Blob too).
 * Requests are authorized as the runner's are: the bearer token is a JWT whose `scp` claim names
 * `Actions.Results:<workflow run backend id>:<job backend id>`, and those ids must match the body's.
 * Artifact names are unique per workflow run, as on GitHub. It keeps each artifact's bytes, so a
 * test can read exactly what was uploaded.
 */

const TWIRP_PREFIX = "/twirp/github.actions.results.api.v1.ArtifactService/";
const BLOB_PREFIX = "/blob/";
/** The signature the signed upload URL carries; the blob store refuses any other. */
const SIGNATURE = "fake-signature";

export interface FakeArtifact {
  /** What FinalizeArtifact answers as `artifact_id` (and the REST API's artifact id). */
  id: number;
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** CreateArtifact's `mime_type`, e.g. "text/html" for a file uploaded without a zip. */
  mimeType: string | undefined;
  /** CreateArtifact's `version` (7 for @actions/artifact v6). */
  version: number | undefined;
  /** Staged blocks by block id, until the block list is committed. */
  blocks: Map<string, Buffer>;
  /** The blob as committed; undefined before the upload finished. */
  bytes: Buffer | undefined;
  /** The `x-ms-blob-content-type` the blob was committed with. */
  blobContentType: string | undefined;
  finalized: boolean;
  /** FinalizeArtifact's `size` and `hash` ("sha256:<hex>"). */
  size: number | undefined;
  hash: string | undefined;
}

export interface ArtifactServiceCall {
  method: string;
  /** "/twirp/…/CreateArtifact", or "/blob/…" for the blob store. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Twirp: the parsed JSON body. Blob: undefined (see `bytes`). */
  json: unknown;
  bytes: Buffer;
  status: number;
  /** The answer came from `failNext`/`failRate`. */
  injected: boolean;
}

export interface FakeArtifactService {
  /** ACTIONS_RESULTS_URL. */
  url: string;
  /** ACTIONS_RUNTIME_TOKEN of the first workflow run's job: a JWT scoped to it. */
  runtimeToken: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /**
   * The two variables a runner gives a job for artifacts, for a new workflow run each call (every
   * run of the Action in a test is one): its token is scoped to that run's backend ids.
   */
  env(): { ACTIONS_RUNTIME_TOKEN: string; ACTIONS_RESULTS_URL: string };
  /** Every artifact created, finalized or not, in creation order. */
  artifacts: FakeArtifact[];
  calls: ArtifactServiceCall[];
  /** The next `count` matching requests fail with `fault` (match on method and path, e.g. /CreateArtifact$/). */
  failNext(count: number, fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export async function startFakeArtifactService(
  options: { workflowRunBackendId?: string; workflowJobRunBackendId?: string; firstArtifactId?: number } = {},
): Promise<FakeArtifactService> {
  /** Token → the workflow run and job it may upload for. */
  const scopes = new Map<string, { run: string; job: string }>();
  const issueToken = (run: string, job: string): string => {
    const token = fakeJwt({ scp: `Actions.ExampleScope Actions.Results:${run}:${job}` });
    scopes.set(token, { run, job });
    return token;
  };
  const workflowRunBackendId = options.workflowRunBackendId ?? randomUUID();
  const workflowJobRunBackendId = options.workflowJobRunBackendId ?? randomUUID();
  const runtimeToken = issueToken(workflowRunBackendId, workflowJobRunBackendId);
  const artifacts: FakeArtifact[] = [];
  const calls: ArtifactServiceCall[] = [];
  const faults = new FaultPlan();
  let nextId = options.firstArtifactId ?? 7001;
  let url = "";

  const twirp = (method: string, headers: IncomingHttpHeaders, json: unknown): Answer => {
    const scope = scopes.get((headers.authorization ?? "").replace(/^Bearer /, ""));
    if (scope === undefined) return twirpError(401, "unauthenticated", "invalid or missing runtime token");
    const body = (json ?? {}) as Record<string, unknown>;
    if (body.workflow_run_backend_id !== scope.run || body.workflow_job_run_backend_id !== scope.job) {
      return twirpError(403, "permission_denied", "the backend ids do not match the token's Actions.Results scope");
    }
    const name = typeof body.name === "string" ? body.name : "";
    if (method === "CreateArtifact") {
      if (name === "") return twirpError(400, "invalid_argument", "name is required");
      if (artifacts.some((artifact) => artifact.workflowRunBackendId === scope.run && artifact.name === name)) {
        return twirpError(409, "already_exists", "an artifact with this name already exists on the workflow run");
      }
      const artifact: FakeArtifact = {
        id: nextId++,
        name,
        workflowRunBackendId: scope.run,
        workflowJobRunBackendId: scope.job,
        mimeType: typeof body.mime_type === "string" ? body.mime_type : undefined,
        version: typeof body.version === "number" ? body.version : undefined,
        blocks: new Map(),
        bytes: undefined,
        blobContentType: undefined,
        finalized: false,
        size: undefined,
        hash: undefined,
      };
      artifacts.push(artifact);
      const signed = `${url}${BLOB_PREFIX}actions-results/${scope.run}/${scope.job}/${artifact.id}/${encodeURIComponent(name)}`;
      return twirpOk({ ok: true, signed_upload_url: `${signed}?sv=2024-08-04&sr=b&sp=cw&se=2099-01-01T00%3A00%3A00Z&sig=${SIGNATURE}` });
    }
    if (method === "FinalizeArtifact") {
      const artifact = artifacts.find((candidate) => candidate.workflowRunBackendId === scope.run && candidate.name === name && !candidate.finalized);
      if (artifact === undefined) return twirpError(404, "not_found", `no artifact ${name} is being uploaded`);
      if (artifact.bytes === undefined) return twirpError(400, "failed_precondition", "the blob was not committed");
      const size = Number(body.size);
      if (size !== artifact.bytes.length) return twirpError(400, "invalid_argument", `size ${String(body.size)} is not the blob's ${artifact.bytes.length}`);
      const hash = typeof body.hash === "string" ? body.hash : undefined;
      if (hash !== undefined && hash !== `sha256:${createHash("sha256").update(artifact.bytes).digest("hex")}`) {
        return twirpError(400, "invalid_argument", "hash does not match the blob");
      }
      Object.assign(artifact, { finalized: true, size, hash });
      // int64 fields travel as strings in proto3 JSON.
      return twirpOk({ ok: true, artifact_id: String(artifact.id) });
    }
    return twirpError(404, "bad_route", `no handler for ${method}`);
  };

  const blob = (request: { method: string; url: URL; headers: IncomingHttpHeaders; bytes: Buffer }): Answer => {
    if (request.method !== "PUT") return blobError(405, "UnsupportedHttpVerb", "only PUT is served");
    if (request.url.searchParams.get("sig") !== SIGNATURE) return blobError(403, "AuthenticationFailed", "signature missing or wrong");
    const id = Number(request.url.pathname.split("/")[5]);
    const artifact = artifacts.find((candidate) => candidate.id === id);
    if (artifact === undefined || artifact.finalized) return blobError(404, "ResourceNotFound", "no upload for this URL");
    const comp = request.url.searchParams.get("comp");
    const contentType = request.headers["x-ms-blob-content-type"];
    if (comp === "block") {
      const blockId = request.url.searchParams.get("blockid");
      if (!blockId) return blobError(400, "InvalidQueryParameterValue", "blockid is required");
      artifact.blocks.set(blockId, request.bytes);
      return blobCreated({ "x-ms-content-crc64": "AAAAAAAAAAA=" });
    }
    if (comp === "blocklist") {
      const ids = [...request.bytes.toString("utf8").matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((match) => match[2]!);
      const missing = ids.filter((blockId) => !artifact.blocks.has(blockId));
      if (missing.length > 0) return blobError(400, "InvalidBlockList", `unknown blocks ${missing.join(", ")}`);
      artifact.bytes = Buffer.concat(ids.map((blockId) => artifact.blocks.get(blockId)!));
      artifact.blobContentType = typeof contentType === "string" ? contentType : undefined;
      artifact.blocks.clear();
      return blobCreated({ etag: `"0x${artifact.id.toString(16)}"`, "last-modified": new Date().toUTCString() });
    }
    if (comp === null && request.headers["x-ms-blob-type"] === "BlockBlob") {
      artifact.bytes = request.bytes;
      artifact.blobContentType = typeof contentType === "string" ? contentType : undefined;
      return blobCreated({ etag: `"0x${artifact.id.toString(16)}"`, "last-modified": new Date().toUTCString() });
    }
    return blobError(400, "InvalidQueryParameterValue", `comp=${comp ?? ""} is not served`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? "GET").toUpperCase();
    const requestUrl = new URL(request.url ?? "/", url);
    const bytes = await readBody(request);
    const isTwirp = requestUrl.pathname.startsWith(TWIRP_PREFIX);
    let json: unknown;
    let answer: Answer;
    const fault = faults.pick(method, requestUrl.pathname);
    if (fault) {
      answer = isTwirp ? twirpError(fault.status, "internal", fault.message ?? "injected failure") : blobError(fault.status, "InternalError", fault.message ?? "injected failure");
    } else if (isTwirp && method === "POST") {
      try {
        json = bytes.length > 0 ? JSON.parse(bytes.toString("utf8")) : undefined;
        answer = twirp(requestUrl.pathname.slice(TWIRP_PREFIX.length), request.headers, json);
      } catch {
        answer = twirpError(400, "malformed", "the body is not JSON");
      }
    } else if (requestUrl.pathname.startsWith(BLOB_PREFIX)) {
      answer = blob({ method, url: requestUrl, headers: request.headers, bytes });
    } else {
      answer = { status: 404, body: "not found" };
    }
    calls.push({
      method,
      path: decodeURIComponent(requestUrl.pathname),
      query: Object.fromEntries(requestUrl.searchParams),
      headers: request.headers,
      json,
      bytes,
      status: answer.status,
      injected: fault !== undefined,
    });
    response.writeHead(answer.status, answer.headers ?? {}).end(answer.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ code: "internal", msg: `fake artifact service crashed: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    runtimeToken,
    workflowRunBackendId,
    workflowJobRunBackendId,
    env: () => ({ ACTIONS_RUNTIME_TOKEN: issueToken(randomUUID(), randomUUID()), ACTIONS_RESULTS_URL: `${url}/` }),
    artifacts,
    calls,
    failNext: (count, fault) => faults.failNext(count, fault),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** An unsigned JWT (`alg: none` would do; the client only decodes it) carrying `claims`. */
function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ typ: "JWT", alg: "HS256" })}.${part({ ...claims, iat: now, exp: now + 6 * 3600 })}.${Buffer.from("fake").toString("base64url")}`;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function twirpOk(body: Record<string, unknown>): Answer {
  return { status: 200, body: JSON.stringify(body), headers: { "content-type": "application/json" } };
}

/** Twirp's error shape: `{code, msg}`; @actions/artifact retries 429 and 5xx, and reads `msg`. */
function twirpError(status: number, code: string, msg: string): Answer {
  return { status, body: JSON.stringify({ code, msg }), headers: { "content-type": "application/json" } };
}

function blobCreated(extra: Record<string, string>): Answer {
  return {
    status: 201,
    headers: {
      "x-ms-request-id": randomUUID(),
      "x-ms-version": "2024-08-04",
      "x-ms-request-server-encrypted": "true",
      date: new Date().toUTCString(),
      ...extra,
    },
  };
}

/** Azure Storage's XML error body, with its code also in `x-ms-error-code`. */
function blobError(status: number, code: string, message: string): Answer {
  return {
    status,
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    headers: { "content-type": "application/xml", "x-ms-error-code": code, "x-ms-request-id": randomUUID() },
  };
}

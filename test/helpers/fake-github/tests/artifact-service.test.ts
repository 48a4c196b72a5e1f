import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DefaultArtifactClient } from "@actions/artifact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeArtifactService, type FakeArtifactService } from "../artifact-service.js";

// @actions/artifact reads the runner's variables from process.env and logs through @actions/core.
let service: FakeArtifactService;
let dir: string;
beforeEach(async () => {
  service = await startFakeArtifactService();
  dir = await mkdtemp(path.join(os.tmpdir(), "fake-artifacts-"));
  vi.stubEnv("ACTIONS_RUNTIME_TOKEN", service.runtimeToken);
  vi.stubEnv("ACTIONS_RESULTS_URL", `${service.url}/`);
  vi.stubEnv("GITHUB_SERVER_URL", "https://github.com");
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await service.close();
});

describe("fake artifact service, driven by the real @actions/artifact client", () => {
  it("an unzipped upload creates the artifact, stages and commits the blob, and finalizes it with its id", async () => {
    const file = path.join(dir, "evalgate-report-shop.html");
    const html = `<!doctype html><title>report</title>${"é".repeat(3000)}`;
    await writeFile(file, html);

    const uploaded = await new DefaultArtifactClient().uploadArtifact("ignored", [file], dir, { skipArchive: true });

    const [artifact, ...others] = service.artifacts;
    expect(others).toHaveLength(0);
    expect(uploaded.id).toBe(artifact!.id);
    expect(artifact).toMatchObject({ name: "evalgate-report-shop.html", mimeType: "text/html", version: 7, finalized: true });
    expect(artifact!.bytes!.toString("utf8")).toBe(html);
    expect(artifact!.size).toBe(Buffer.byteLength(html));
    expect(artifact!.blobContentType).toBe("text/html");
    expect(service.calls.map((call) => `${call.method} ${call.path.replace(/^\/blob\/.*/, "/blob")} ${call.query.comp ?? ""}`.trim())).toEqual([
      "POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact",
      "PUT /blob block",
      "PUT /blob blocklist",
      "POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact",
    ]);
    const create = service.calls[0]!;
    expect(create.headers.authorization).toBe(`Bearer ${service.runtimeToken}`);
    expect(create.json).toMatchObject({
      workflow_run_backend_id: service.workflowRunBackendId,
      workflow_job_run_backend_id: service.workflowJobRunBackendId,
      name: "evalgate-report-shop.html",
    });
  });

  it("a second artifact of the same name in the run is refused with 409, which the client does not retry", async () => {
    const file = path.join(dir, "report.html");
    await writeFile(file, "<p>one</p>");
    const client = new DefaultArtifactClient();
    await client.uploadArtifact("x", [file], dir, { skipArchive: true });

    await expect(client.uploadArtifact("x", [file], dir, { skipArchive: true })).rejects.toThrow(/409.*already exists/);
    expect(service.calls.filter((call) => call.path.endsWith("/CreateArtifact")).map((call) => call.status)).toEqual([200, 409]);
    expect(service.artifacts).toHaveLength(1);
  });

  it("a token for another job is refused before anything is created", async () => {
    const other = await startFakeArtifactService();
    await other.close();
    vi.stubEnv("ACTIONS_RUNTIME_TOKEN", other.runtimeToken);
    const file = path.join(dir, "report.html");
    await writeFile(file, "<p>one</p>");

    await expect(new DefaultArtifactClient().uploadArtifact("x", [file], dir, { skipArchive: true })).rejects.toThrow(/401/);
    expect(service.artifacts).toHaveLength(0);
  });
});

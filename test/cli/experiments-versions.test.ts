import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

/** A second experiment with variants that never ran: listed from evalgate.yml with its lifecycle status. */
const TUNED = [
  "  tuned:",
  "    dataset: items.jsonl",
  "    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\" }",
  "    scorers: [json_valid]",
  "    inference_steps: [response_generator]",
  "    variants:",
  "      cooler: { step: response_generator, set: { temperature: 0.3 } }",
  "",
].join("\n");

interface ListedExperiment {
  experiment: string;
  version: string | null;
  version_from: string;
  dataset_version: string | null;
  versions: number;
  runs: number;
  last_run: string | null;
  status: string | null;
}

describe("experiments list, show and diff over two versions", () => {
  let target: TargetServer;
  let cwd: string;
  const versions: string[] = [];
  let datasetVersion: string;

  /** Two runs of "arithmetic": the second after its gate was lowered and a scorer added. */
  beforeAll(async () => {
    target = await startArithmeticTarget();
    cwd = await makeWorkspace({ "items.jsonl": arithmeticDataset(4) });
    const configs = [
      arithmeticConfig({ threshold: 1 }),
      arithmeticConfig({ threshold: 0.5 }).replace("    gate:", "      - json_valid\n    gate:"),
    ];
    for (const config of configs) {
      await writeFile(path.join(cwd, "evalgate.yml"), config + TUNED);
      const run = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--format", "json"], { cwd });
      expect(run.stderr).not.toContain("evalgate:");
      expect(run.code).toBe(0);
      const [shown] = JSON.parse((await runEvalgate(["runs", "list", "--format", "json", "--limit", "1"], { cwd })).stdout);
      const record = JSON.parse((await runEvalgate(["runs", "show", shown.id, "--format", "json"], { cwd })).stdout);
      versions.push(record.experiment_version);
      datasetVersion = record.dataset_version;
    }
    expect(versions[0]).not.toBe(versions[1]);
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it("experiments list shows each experiment's current version, its dataset version, last run and status", async () => {
    const listed = await runEvalgate(["experiments", "list", "--format", "json"], { cwd });
    expect(listed.stderr).toBe("");
    const experiments = JSON.parse(listed.stdout) as ListedExperiment[];
    expect(experiments.map((experiment) => experiment.experiment)).toEqual(["arithmetic", "tuned"]);
    expect(experiments[0]).toMatchObject({
      experiment: "arithmetic",
      version: versions[1],
      version_from: "evalgate.yml",
      dataset_version: datasetVersion,
      versions: 2,
      runs: 2,
      status: null,
    });
    expect(experiments[0]!.last_run).not.toBeNull();
    expect(experiments[1]).toMatchObject({ experiment: "tuned", version_from: "evalgate.yml", dataset_version: datasetVersion, versions: 0, runs: 0, last_run: null, status: "draft" });

    const table = await runEvalgate(["experiments", "list"], { cwd, env: { COLUMNS: "80" } });
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^experiment\s+version\s+dataset\s+versions\s+runs\s+last run\s+status$/);
    expect(lines[2]).toContain(versions[1]);
    expect(lines[3]).toMatch(/^tuned .* never\s+draft$/);
    expect(lines.every((line) => line.length <= 80)).toBe(true);
  });

  it("without a readable config, experiments list shows the newest stored version and says why", async () => {
    const listed = await runEvalgate(["experiments", "list", "--config", "missing.yml", "--format", "json"], { cwd });
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain("missing.yml: config file not found");
    expect(listed.stderr).toContain("the newest stored versions are shown");
    const experiments = JSON.parse(listed.stdout) as ListedExperiment[];
    expect(experiments).toEqual([
      expect.objectContaining({ experiment: "arithmetic", version: versions[1], version_from: "store", versions: 2, runs: 2, dataset_version: datasetVersion }),
    ]);
    // From a folder with no evalgate.yml at all, nothing is said: the store is all there is.
    const elsewhere = await makeWorkspace({});
    const plain = await runEvalgate(["experiments", "list", "--store", path.join(cwd, ".evalgate"), "--format", "json"], { cwd: elsewhere });
    expect(plain.stderr).toBe("");
    expect(JSON.parse(plain.stdout)).toHaveLength(1);
  });

  it("experiments show lists the versions newest first with their definitions and first runs", async () => {
    const shown = await runEvalgate(["experiments", "show", "arithmetic", "--format", "json"], { cwd });
    expect(shown.stderr).toBe("");
    const json = JSON.parse(shown.stdout);
    expect(json.current_version).toBe(versions[1]);
    expect(json.versions.map((version: { version: string; current: boolean; runs: number }) => [version.version, version.current, version.runs])).toEqual([
      [versions[1], true, 1],
      [versions[0], false, 1],
    ]);
    expect(json.versions[1].definition.gate).toMatchObject({ passed_threshold: 1 });
    expect(json.versions[0].definition.gate).toMatchObject({ passed_threshold: 0.5 });
    expect(json.versions[0].first_run < json.versions[0].last_run || json.versions[0].first_run === json.versions[0].last_run).toBe(true);
    expect(json.versions[1].dataset_version).toBe(datasetVersion);

    const text = await runEvalgate(["experiments", "show", "arithmetic"], { cwd });
    expect(text.stdout).toContain("experiment arithmetic: 2 versions");
    expect(text.stdout).toContain(`version ${versions[1]} (current)\n  first run `);
    expect(text.stdout).toContain(`version ${versions[0]}\n  first run `);
    expect(text.stdout).toContain("      passed_threshold: 0.5");
    // The URL is stored as written: ${EVALGATE_TARGET_URL}, never the filled-in value.
    expect(text.stdout).toContain("${EVALGATE_TARGET_URL}/agent");
    expect(text.stdout).not.toContain(target.url);

    // Never run: its current version from evalgate.yml, not yet stored.
    const tuned = JSON.parse((await runEvalgate(["experiments", "show", "tuned", "--format", "json"], { cwd })).stdout);
    expect(tuned.versions).toHaveLength(1);
    expect(tuned.versions[0]).toMatchObject({ current: true, runs: 0, version: tuned.current_version });
    const unknown = await runEvalgate(["experiments", "show", "nope"], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no experiment "nope"');
  });

  it("experiments diff names each changed definition path with its value before and after", async () => {
    const diffed = await runEvalgate(["experiments", "diff", versions[0]!.slice(0, 6), versions[1]!.slice(0, 6), "--format", "json"], { cwd });
    expect(diffed.stderr).toBe("");
    expect(JSON.parse(diffed.stdout)).toEqual({
      before: { experiment: "arithmetic", version: versions[0] },
      after: { experiment: "arithmetic", version: versions[1] },
      changes: [
        { path: "gate.passed_threshold", before: 1, after: 0.5 },
        { path: "scorers[2]", after: { name: "json_valid", label: "json_valid", config: {} } },
      ],
    });
    const text = await runEvalgate(["experiments", "diff", versions[0]!, versions[1]!], { cwd });
    expect(text.stdout).toContain("2 changes:");
    expect(text.stdout).toContain("  gate.passed_threshold\n    before: 1\n    after:  0.5\n");
    expect(text.stdout).toContain("  scorers[2]\n    before: (absent)\n    after:  {");

    const same = await runEvalgate(["experiments", "diff", versions[1]!, versions[1]!], { cwd });
    expect(same.stdout).toContain("no changes: the definitions are the same");
    const unknown = await runEvalgate(["experiments", "diff", "zzzz", versions[1]!], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no experiment version "zzzz"');
  });
});

import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/core/config/load.js";
import { prepareExperiment } from "../../src/engine/prepare-experiment.js";
import { arithmeticDataset, makeWorkspace, runEvalgate, type CliResult } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { userErrorOf } from "../core/dataset/temp-dataset.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const FIELD = "experiments.arithmetic.dataset";
const SECRET = "sk-live-do-not-print";

/** A folder beside the project, holding `items.jsonl` (and a line with a secret when `malformed`). */
async function outsideFolder(options: { malformed?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-outside-"));
  const items = arithmeticDataset(3) + (options.malformed ? `API_KEY=${SECRET}\n` : "");
  await writeFile(path.join(dir, "items.jsonl"), items);
  return dir;
}

async function run(cwd: string, ...flags: string[]): Promise<CliResult> {
  target ??= await startArithmeticTarget();
  return runEvalgate([...flags, "run", "arithmetic", "--target-url", target.url], { cwd });
}

function expectRefusal(result: CliResult, configured: string): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`${FIELD}: "${configured}"`);
  expect(result.stderr).toContain("--allow-outside-project");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(target?.requests ?? 0).toBe(0);
}

describe("a dataset outside the project is refused", () => {
  it("through '..': exit 2, naming the field and the flag; nothing is called or stored", async () => {
    const outside = await outsideFolder();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: `../${path.basename(outside)}/items.jsonl` }) });
    const result = await run(cwd);
    expectRefusal(result, `../${path.basename(outside)}/items.jsonl`);
    expect(result.stderr).toContain("is outside the project (the folder of the config file)");
    expect(await readdir(cwd)).toEqual(["evalgate.yml"]);
  });

  it("through an absolute path", async () => {
    const outside = await outsideFolder();
    const file = path.join(outside, "items.jsonl");
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: file }) });
    expectRefusal(await run(cwd), file);
  });

  it.runIf(existsSync("/etc/passwd"))("through a symlink to a system file, printing none of it", async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: "evals/users.jsonl" }) });
    await mkdir(path.join(cwd, "evals"));
    await symlink("/etc/passwd", path.join(cwd, "evals/users.jsonl"));
    const result = await run(cwd);
    expectRefusal(result, "evals/users.jsonl");
    expect(result.stderr).not.toContain("root");
  });

  it("through a symlinked folder", async () => {
    const outside = await outsideFolder();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: "shared/items.jsonl" }) });
    await symlink(outside, path.join(cwd, "shared"));
    expectRefusal(await run(cwd), "shared/items.jsonl");
  });

  it("inside the project's .git folder, where a checkout keeps its token", async () => {
    const cwd = await makeWorkspace({
      "evalgate.yml": arithmeticConfig({ dataset: "evals/items.jsonl" }),
      ".git/config.jsonl": arithmeticDataset(3),
    });
    await mkdir(path.join(cwd, "evals"));
    await symlink(path.join(cwd, ".git/config.jsonl"), path.join(cwd, "evals/items.jsonl"));
    const result = await run(cwd);
    expectRefusal(result, "evals/items.jsonl");
    expect(result.stderr).toContain("is inside the project's .git folder");
  });

  it("while a symlink to another file of the project is read", async () => {
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: "evals/items.jsonl" }), "data/all.jsonl": arithmeticDataset(3) });
    await mkdir(path.join(cwd, "evals"));
    await symlink(path.join(cwd, "data/all.jsonl"), path.join(cwd, "evals/items.jsonl"));
    const result = await run(cwd);
    expect(result.stderr).not.toContain("evalgate:");
    expect(result.code).toBe(0);
    expect(target!.requests).toBe(3);
  });
});

describe("--allow-outside-project", () => {
  it("reads a dataset outside the project", async () => {
    const outside = await outsideFolder();
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: `../${path.basename(outside)}/items.jsonl` }) });
    const result = await run(cwd, "--allow-outside-project");
    expect(result.code).toBe(0);
    expect(target!.requests).toBe(3);
  });

  it("still quotes none of an outside file's content in a parse error", async () => {
    const outside = await outsideFolder({ malformed: true });
    const cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig({ dataset: path.join(outside, "items.jsonl") }) });
    const result = await run(cwd, "--allow-outside-project");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("items.jsonl:4: not valid JSON (unexpected character, at column 1)");
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toContain("API_KEY");
  });

  it("is needed for a config file that is a symlink to a file outside its folder", async () => {
    const outside = await outsideFolder();
    await writeFile(path.join(outside, "evalgate.yml"), arithmeticConfig({ dataset: "items.jsonl" }));
    const cwd = await makeWorkspace({ "items.jsonl": arithmeticDataset(3) });
    await symlink(path.join(outside, "evalgate.yml"), path.join(cwd, "evalgate.yml"));
    const refused = await run(cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("evalgate.yml: the config file is a symlink to a file outside its folder");
    expect(refused.stderr).toContain("--allow-outside-project");
    const allowed = await run(cwd, "--allow-outside-project");
    expect(allowed.code).toBe(0);
  });
});

describe("the engine, as the Action calls it", () => {
  it("refuses a dataset outside the project: only the CLI's flag allows one", async () => {
    const outside = await outsideFolder();
    const configDir = await makeWorkspace({});
    const dataset = `../${path.basename(outside)}/items.jsonl`;
    const { experiments } = parseConfig(arithmeticConfig({ dataset }), "evalgate.yml");
    const message = await userErrorOf(
      prepareExperiment({ name: "arithmetic", experiment: experiments.arithmetic!, configDir, env: {}, targetUrl: "http://127.0.0.1:9" }),
    );
    expect(message).toContain(`${FIELD}: "${dataset}" is outside the project`);
  });
});

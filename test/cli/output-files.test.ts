import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer;
let cwd: string;
let runId: string;

beforeAll(async () => {
  target = await startArithmeticTarget();
  cwd = await makeWorkspace({ "evalgate.yml": arithmeticConfig(), "items.jsonl": arithmeticDataset(3) });
  const ran = await runEvalgate(["run", "arithmetic", "--target-url", target.url, "--format", "json"], { cwd });
  runId = (JSON.parse(ran.stdout) as { id: string }[])[0]!.id;
  await mkdir(path.join(cwd, "a-folder"));
  await mkdir(path.join(cwd, "folder.html"));
});
afterAll(async () => target.close());

describe("output files the user names", () => {
  it.each([
    [["reports", "html", "RUN", "-o", "missing/r.html"], "-o missing/r.html: cannot write it (its folder does not exist)"],
    [["reports", "html", "RUN", "-o", "folder.html"], "-o folder.html: cannot write it (it is a folder)"],
    [["reports", "export", "RUN", "--artifact-format", "arize", "-o", "missing/x.jsonl"], "-o missing/x.jsonl: cannot write it (its folder does not exist)"],
    [["reports", "export", "RUN", "--artifact-format", "json", "-o", "a-folder"], "-o a-folder: cannot write it (it is a folder)"],
    [["reports", "html", "RUN", "-o", "r.pdf", "--pdf"], "-o r.pdf: name the HTML file with .html"],
    [["reports", "html", "RUN", "-o", "noext"], "-o noext: name the HTML file with .html"],
  ])("%j exits 2 with a one-line message and leaves no file behind", async (args, message) => {
    const before = await readdir(cwd);
    const result = await runEvalgate(args.map((arg) => (arg === "RUN" ? runId : arg)), { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(cwd)).toEqual(before);
  });
});

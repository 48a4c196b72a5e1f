import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, collect, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const EXPERIMENT = "customer-support-agent-answer-quality";
const LABELS = ["リリース候補・日本語のラベル", "🚀 launch 🎉 candidate 👍🏽 🇯🇵", "pr-42"];

let cwd: string;
let target: TargetServer;
let ids: string[];

beforeAll(async () => {
  target = await startArithmeticTarget();
  cwd = await makeWorkspace({
    "evalgate.yml": arithmeticConfig().replace("  arithmetic:", `  ${EXPERIMENT}:`),
    "items.jsonl": arithmeticDataset(3),
  });
  for (const label of LABELS) {
    const result = await runEvalgate(["run", EXPERIMENT, "--target-url", target.url, "--name", label], { cwd });
    expect(result.stderr).not.toContain("unexpected error");
    expect(result.code).toBe(0);
  }
  const listed = await runEvalgate(["runs", "list", "--format", "json"], { cwd });
  ids = (JSON.parse(listed.stdout) as { id: string }[]).map((run) => run.id);
  expect(ids).toHaveLength(LABELS.length);
}, 60_000);

afterAll(async () => {
  await target?.close();
});

function expectFits(table: string, width: number): string[] {
  const lines = table.replaceAll("\r", "").trimEnd().split("\n");
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
  const rows = lines.slice(2);
  expect(rows).toHaveLength(ids.length);
  // Each row starts with its whole run id.
  expect(rows.map((row) => row.split(" ")[0])).toEqual(ids);
  return lines;
}

describe("evalgate runs list in a terminal", () => {
  it("fits 80 columns, cutting or dropping the label and experiment but never a run id", async () => {
    const result = await runEvalgate(["runs", "list"], { cwd, env: { COLUMNS: "80" } });
    expect(result.code).toBe(0);
    const lines = expectFits(result.stdout, 80);
    expect(lines[0]).toMatch(/^id +.*status +pass rate +items +age$/);
    expect(lines[2]).toMatch(/ passed +100\.0% +3 +(just now|\d+ s ago)$/);
  });

  it("uses a wide terminal to show every column whole", async () => {
    const result = await runEvalgate(["runs", "list"], { cwd, env: { COLUMNS: "200" } });
    expect(result.code).toBe(0);
    const lines = expectFits(result.stdout, 200);
    expect(lines[0]).toMatch(/^id +experiment +label +status +pass rate +items +age$/);
    for (const label of LABELS) expect(result.stdout).toContain(label);
    expect(result.stdout).toContain(EXPERIMENT);
    expect(result.stdout).not.toContain("…");
  });

  it("shortens a wide label by its display width: a row of CJK and emoji fits 100 columns", async () => {
    const result = await runEvalgate(["runs", "list"], { cwd, env: { COLUMNS: "100" } });
    expect(result.code).toBe(0);
    const lines = expectFits(result.stdout, 100);
    // Label columns line up: the status starts at the same display column on every row.
    const statusAt = lines.slice(2).map((line) => stringWidth(line.slice(0, line.indexOf(" passed"))));
    expect(new Set(statusAt).size).toBe(1);
  });

  it("keeps every field whole in csv, json and jsonl, whatever the width", async () => {
    const csv = await runEvalgate(["runs", "list", "--format", "csv"], { cwd, env: { COLUMNS: "40" } });
    expect(csv.stdout.split(/\r?\n/)[0]).toBe(
      "id,experiment,label,status,verdict,total,passed,failed,errored,pass_rate,pass_rate_low,pass_rate_high,flaky,selection,started_at,target,experiment_version,dataset_version",
    );
    for (const label of LABELS) expect(csv.stdout).toContain(label);
    const jsonl = await runEvalgate(["runs", "list", "--format", "jsonl"], { cwd, env: { COLUMNS: "40" } });
    const rows = jsonl.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { label: string; experiment: string });
    expect(rows.map((row) => row.label).toSorted()).toEqual([...LABELS].toSorted());
    expect(rows.every((row) => row.experiment === EXPERIMENT)).toBe(true);
  });

  // `runEvalgate` pipes stdout; a user's terminal is a TTY whose own width wins over COLUMNS.
  it.runIf(existsSync("/usr/bin/script"))("fits a real 100-column terminal, whatever COLUMNS says", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const command = [process.execPath, "--import", import.meta.resolve("tsx"), path.join(root, "src/cli/main.ts"), "runs", "list"]
      .map(shellQuote)
      .join(" ");
    const child = spawn("/usr/bin/script", ["-qfec", `stty cols 100 rows 40; ${command}`, "/dev/null"], {
      cwd,
      env: { ...process.env, COLUMNS: "200" },
      stdio: "pipe",
    });
    child.stdin.end();
    const result = await collect(child);
    expect(result.code).toBe(0);
    const table = result.stdout.slice(result.stdout.indexOf("id "));
    const lines = expectFits(table, 100);
    expect(lines[0]).toContain("label");
  });
});

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

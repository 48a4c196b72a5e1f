import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

/**
 * Baseline (v1) over items 0–19 gets items 3 and 4 wrong; the candidate (v2) over items 1–20
 * gets 5 and 6 wrong: two fixes, two regressions, item-0 only in the baseline, item-20 only in
 * the candidate.
 */
let target: TargetServer;
let cwd: string;
let baselineId: string;
let candidateId: string;

beforeAll(async () => {
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-3", "item-4"], v2: ["item-5", "item-6"] } });
  const all = arithmeticDataset(21).trimEnd().split("\n");
  cwd = await makeWorkspace({
    "evalgate.yml": arithmeticConfig({ dataset: "baseline.jsonl", threshold: 0.8, maxRegressions: 0 }),
    "baseline.jsonl": all.slice(0, 20).join("\n") + "\n",
    "candidate.jsonl": all.slice(1, 21).join("\n") + "\n",
  });
  const baseline = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v1`, "--name", "baseline", "--format", "json"], { cwd });
  expect(baseline.code).toBe(0);
  baselineId = (JSON.parse(baseline.stdout) as { id: string }[])[0]!.id;
  await writeFile(path.join(cwd, "evalgate.yml"), arithmeticConfig({ dataset: "candidate.jsonl", threshold: 0.8, maxRegressions: 0 }));
  const candidate = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/v2`, "--name", "candidate", "--format", "json"], { cwd });
  expect(candidate.code).toBe(0);
  candidateId = (JSON.parse(candidate.stdout) as { id: string }[])[0]!.id;
});
afterAll(async () => target.close());

describe("evalgate runs compare", () => {
  it("reports regressions, fixes and items on one side only, and fails the gate on regressions", async () => {
    const result = await runEvalgate(["runs", "compare", baselineId, candidateId, "--format", "json"], { cwd });
    expect(result.code).toBe(1);
    const { comparison, verdict } = JSON.parse(result.stdout);
    expect(comparison.regressions.items.map((item: { item_id: string }) => item.item_id).sort()).toEqual(["item-5", "item-6"]);
    expect(comparison.fixes.items.map((item: { item_id: string }) => item.item_id).sort()).toEqual(["item-3", "item-4"]);
    expect(JSON.stringify(comparison)).toContain("item-0");
    expect(JSON.stringify(comparison)).toContain("item-20");
    expect(comparison.same_dataset).toBe(false);
    expect(verdict.verdict).toBe("fail");
    expect(verdict.reasons.join(" ")).toMatch(/2 regressions/);
  });

  it("prints a comparison a reviewer can read on an 80-column terminal", async () => {
    const result = await runEvalgate(["runs", "compare", baselineId, candidateId], { cwd });
    expect(result.code).toBe(1);
    for (const line of result.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
    expect(result.stdout).toContain("item-5");
    expect(result.stdout).toContain("item-3");
    expect(result.stdout).toMatch(/regression/i);
    expect(result.stdout).toMatch(/fix/i);
  });

  it("passes the gate when --threshold is lowered but regressions still fail it", async () => {
    const result = await runEvalgate(["runs", "compare", baselineId, candidateId, "--threshold", "10"], { cwd });
    expect(result.code).toBe(1);
    const same = await runEvalgate(["runs", "compare", baselineId, baselineId], { cwd });
    expect(same.code).toBe(0);
  });
});

describe("scores and reports of a stored run", () => {
  it("scores evidence shows what a scorer read, compared and why it decided", async () => {
    const listed = await runEvalgate(["scores", "list", "--run-id", candidateId, "--failed", "--format", "json"], { cwd });
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { score_id: string; item_id: string; scorer: string; passed: boolean }[];
    expect(rows.map((row) => row.item_id).sort()).toEqual(["item-5", "item-6"]);
    const shown = await runEvalgate(["scores", "evidence", rows[0]!.score_id], { cwd });
    expect(shown.code).toBe(0);
    const evidence = JSON.parse(shown.stdout);
    expect(evidence).toMatchObject({ scorer: "equals", passed: false, item_id: rows[0]!.item_id });
    expect(evidence.evidence.reason).toMatch(/answer/);
    expect(evidence.evidence.read).toBeDefined();
    expect(evidence.evidence.compared).toBeDefined();
  });

  it("reports failures lists each failed item with its scorers' reasons", async () => {
    const result = await runEvalgate(["reports", "failures", candidateId], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("item-5");
    expect(result.stdout).toContain("item-6");
    expect(result.stdout).not.toContain("item-7");
  });

  it("reports export writes csv, jsonl, json and junit files that parse back", async () => {
    for (const format of ["csv", "jsonl", "json", "junit"]) {
      const file = path.join(cwd, `export.${format}`);
      const result = await runEvalgate(["reports", "export", candidateId, "--artifact-format", format, "-o", file], { cwd });
      expect(result.code, result.stderr).toBe(0);
      const text = await readFile(file, "utf8");
      if (format === "csv") expect(parseCsv(text, { columns: true })).toHaveLength(20);
      if (format === "jsonl") expect(text.trim().split("\n").map((line) => JSON.parse(line))).toHaveLength(20);
      if (format === "json") expect(JSON.parse(text)).toHaveLength(20);
      if (format === "junit") {
        expect(text).toMatch(/<testsuite[^>]*tests="20"/);
        expect(text).toMatch(/failures="2"/);
      }
    }
  });

  it("reports ci renders Markdown with the verdict and exits with its code", async () => {
    const result = await runEvalgate(["reports", "ci", candidateId, "--baseline", baselineId], { cwd });
    // Two regressions against max_regressions 0: the same verdict as runs compare, so exit 1.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("2 regressions exceed the maximum 0");
    expect(result.stdout).toMatch(/\|/);
    expect(result.stdout).toContain("<details>");
  });
});

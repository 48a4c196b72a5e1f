import { writeFile } from "node:fs/promises";
import path from "node:path";
import stringWidth from "string-width";
import { afterEach, describe, expect, it } from "vitest";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { startArithmeticTarget } from "./workspace-config.js";

let target: TargetServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

const CONFIG = [
  "version: 1",
  "experiments:",
  "  arithmetic:",
  "    dataset: items.jsonl",
  "    target: { type: http, url: \"${EVALGATE_TARGET_URL}/agent\" }",
  "    scorers:",
  "      - { name: equals, label: exact answer, config: { output_path: answer, field: expected.answer } }",
  "      - { name: latency_max, config: { ms: 5000 } }",
  "      - json_valid",
  `      - { name: regex, config: { pattern: "^${"[0-9]".repeat(40)}$" } }`,
  "    gate: { passed_threshold: 0.9, max_regressions: 0 }",
  "    max_error_rate: 0.25",
  "",
].join("\n");

describe("evalgate runs show", () => {
  it("lists the gate and the scorers of the run's experiment version, within 80 columns", async () => {
    target = await startArithmeticTarget();
    const cwd = await makeWorkspace({ "evalgate.yml": CONFIG, "items.jsonl": arithmeticDataset(3) });
    const ran = await runEvalgate(["run", "arithmetic", "--target-url", target.url], { cwd });
    expect(ran.stderr).not.toContain("unexpected error");
    const [run] = JSON.parse((await runEvalgate(["runs", "list", "--format", "json"], { cwd })).stdout) as { id: string }[];
    // The config changes after the run: the run still shows what it was judged by.
    await writeFile(path.join(cwd, "evalgate.yml"), CONFIG.replace("passed_threshold: 0.9", "passed_threshold: 0.5"));
    const shown = await runEvalgate(["runs", "show", run!.id], { cwd });
    expect(shown.code).toBe(0);
    const text = shown.stdout;
    for (const line of text.split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(text).toContain("gate        passed_threshold 0.9 · max_regressions 0 · max_error_rate 0.25");
    expect(text).toMatch(/^scorer +label +config$/m);
    expect(text).toMatch(/^equals +exact answer +output_path: answer, field: expected\.answer$/m);
    expect(text).toMatch(/^latency_max +latency_max +ms: 5000$/m);
    expect(text).toMatch(/^json_valid +json_valid$/m);
    expect(text).toMatch(/^regex +regex +pattern: \^\[0-9\]\S*…$/m);
  });
});

import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collect } from "../helpers/cli.js";
import { answer } from "../../src/demo/support-agent.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run demo", () => {
  it("runs the example experiment on both versions, shows regressions and fixes, and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(root, "src/demo/main.ts")], {
      cwd: root,
      stdio: "pipe",
    });
    child.stdin.end();
    const result = await collect(child);
    expect(result.stderr).not.toMatch(/did not run as designed|unexpected error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Demo ran as designed");
    expect(result.stdout).toMatch(/regression/i);
    expect(result.stdout).toMatch(/fix/i);
    expect(result.stdout).toContain("cancel-question-01");
    expect(result.stdout).toContain("refund-phrasing-01");
    // One custom module scorer and one LLM judge (the deployment's own deterministic judge).
    expect(result.stdout).toMatch(/^short_reply +1\.00±0\.00 +100\.0% +50 +0$/m);
    // The interval and the significance line, computed apart (scipy): Wilson 95 % half-widths of
    // 43/50 and 40/50 are 9.62 and 10.90 pp; McNemar's exact p for 6 regressions and 9 fixes is
    // binomtest(6, 15).pvalue = 0.607; the MDE (1.959964 + 0.841621)·√15/50 = 0.217.
    const headline = result.stdout.replace(/\n {2}/g, " ");
    expect(headline).toContain(
      "pass rate 86.0% (±9.6) vs baseline 80.0% (±10.9): no significant change (p = 0.61, 50 items; this dataset detects changes ≥ 22 pp)",
    );
    // 3 of 50 judged "N" in the candidate: McNemar b = 3, c = 0 → p = 2/8 = 0.25.
    expect(result.stdout).toMatch(/^no_small_talk +1\.00 → 0\.94 +−0\.06 \[−0\.16, \+0\.02\] +0\.25 +noise$/m);
    expect(result.stdout).toMatch(/^judge tokens [\d,]+ in/m);
  });

  it("the example agent's candidate understands more phrasings but breaks its JSON on cancel questions", () => {
    expect(JSON.parse(answer("Can I get my money back for D4000?", "candidate").output).intent).toBe("refund");
    expect(JSON.parse(answer("Can I get my money back for D4000?", "baseline").output).intent).toBe("other");
    expect(() => JSON.parse(answer("Can you cancel order E5000?", "candidate").output)).toThrow();
    expect(JSON.parse(answer("Can you cancel order E5000?", "baseline").output).intent).toBe("cancel");
  });
});
